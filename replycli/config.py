"""Where things are: the index location and other settings.

Precedence, highest first: command-line option, environment variable
(``REPLYCLI_INDEX``, ``REPLYCLI_DICT``, ``REPLYCLI_WORKERS``), the config file
(``$REPLYCLI_CONFIG``, else ``./replycli.toml``, else
``~/.config/replycli/config.toml``), then the built-in default.
"""
from __future__ import annotations

import os
from pathlib import Path

DEFAULT_INDEX = ".replycli"


def _config_file() -> Path | None:
    explicit = os.environ.get("REPLYCLI_CONFIG")
    if explicit:
        return Path(explicit)
    for p in (Path("replycli.toml"), Path.home() / ".config" / "replycli" / "config.toml"):
        if p.is_file():
            return p
    return None


def load_config() -> dict:
    path = _config_file()
    if path is None or not path.is_file():
        return {}
    import tomllib

    from replycli.errors import ReplycliError

    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ReplycliError(f"{path}: cannot read config file: {e}") from None


def _setting(option, env: str, key: str, default):
    if option not in (None, ""):
        return option
    if os.environ.get(env):
        return os.environ[env]
    value = load_config().get(key)
    return default if value in (None, "") else value


def index_dir(option: str | os.PathLike | None = None) -> Path:
    return Path(_setting(option, "REPLYCLI_INDEX", "index", DEFAULT_INDEX)).expanduser()


def dictionary_path(option: str | None = None) -> Path | None:
    value = _setting(option, "REPLYCLI_DICT", "dictionary", None)
    return Path(value).expanduser() if value else None


def workers(option: int | None = None) -> int:
    return max(1, int(_setting(option, "REPLYCLI_WORKERS", "workers", os.cpu_count() or 1)))


def max_file_bytes(option: int | None = None) -> int:
    """Files larger than this are refused (default 50 MB: a reply is ~10 KB)."""
    return int(_setting(option, "REPLYCLI_MAX_BYTES", "max_file_bytes", 50 * 1024 * 1024))


def ocr_mode(option: str | None = None) -> str:
    """When to OCR (``REPLYCLI_OCR``, ``ocr``): auto (pages without a usable
    text layer, and page images), never, always."""
    from replycli.errors import ReplycliError
    from replycli.ocr import MODES

    mode = str(_setting(option, "REPLYCLI_OCR", "ocr", "auto")).lower()
    if mode not in MODES:
        raise ReplycliError(f"--ocr must be auto, never or always, not {mode!r}")
    return mode


def ocr_max_pages(option: int | None = None) -> int:
    """Pages recognised per file at most (a reply has 1-5)."""
    return int(_setting(option, "REPLYCLI_OCR_MAX_PAGES", "ocr_max_pages", 50))


def ocr_max_pixels(option: int | None = None) -> int:
    """Pixels per page at most (A4 at 200 dpi is 3.9 million)."""
    return int(_setting(option, "REPLYCLI_OCR_MAX_PIXELS", "ocr_max_pixels", 40_000_000))
