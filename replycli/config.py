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
        path = Path(explicit).expanduser()
        if not path.is_file():
            from replycli.errors import ReplycliError

            raise ReplycliError(f"REPLYCLI_CONFIG={explicit}: no such config file")
        return path
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
    return _sourced(option, env, key, default)[0]


def _sourced(option, env: str, key: str, default):
    """The setting and where it came from (for error messages)."""
    if option not in (None, ""):
        return option, "option"
    if os.environ.get(env):
        return os.environ[env], env
    value = load_config().get(key)
    if value in (None, ""):
        return default, "default"
    return value, f"{key} in {_config_file()}"


def _positive_int(option, env: str, key: str, default, flag: str, what: str) -> int:
    from replycli.errors import ReplycliError

    value, source = _sourced(option, env, key, default)
    where = flag if source == "option" else source
    try:
        n = int(value)
        if isinstance(value, (bool, float)) or n < 1:
            raise ValueError
    except (TypeError, ValueError):
        raise ReplycliError(f"{where}: expected {what}, not {value!r}") from None
    return n


def index_dir(option: str | os.PathLike | None = None) -> Path:
    return Path(_setting(option, "REPLYCLI_INDEX", "index", DEFAULT_INDEX)).expanduser()


def dictionary_path(option: str | None = None) -> Path | None:
    value = _setting(option, "REPLYCLI_DICT", "dictionary", None)
    return Path(value).expanduser() if value else None


def workers(option: int | None = None) -> int:
    return _positive_int(option, "REPLYCLI_WORKERS", "workers", os.cpu_count() or 1, "--workers",
                         "a number of worker processes (1 or more)")


def max_file_bytes(option: int | None = None) -> int:
    """Files larger than this are refused (default 50 MB: a reply is ~10 KB)."""
    return _positive_int(option, "REPLYCLI_MAX_BYTES", "max_file_bytes", 50 * 1024 * 1024, "--max-bytes",
                         "a size in bytes (1 or more)")


OCR_MODES = ("auto", "never", "always")


def ocr_mode(option: str | None = None) -> str:
    """When to OCR (``REPLYCLI_OCR``, ``ocr``): auto (pages without a usable
    text layer, and page images), never, always."""
    from replycli.errors import ReplycliError
    mode = str(_setting(option, "REPLYCLI_OCR", "ocr", "auto")).lower()
    if mode not in OCR_MODES:
        raise ReplycliError(f"--ocr must be auto, never or always, not {mode!r}")
    return mode


def ocr_max_pages(option: int | None = None) -> int:
    """Pages recognised per file at most (a reply has 1-5)."""
    return _positive_int(option, "REPLYCLI_OCR_MAX_PAGES", "ocr_max_pages", 50, "ocr_max_pages",
                         "a number of pages (1 or more)")


def ocr_max_pixels(option: int | None = None) -> int:
    """Pixels per page at most (A4 at 200 dpi is 3.9 million)."""
    return _positive_int(option, "REPLYCLI_OCR_MAX_PIXELS", "ocr_max_pixels", 40_000_000, "ocr_max_pixels",
                         "a number of pixels (1 or more)")
