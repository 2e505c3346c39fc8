"""OCR for scanned replies: settings for one ingest run.

Nothing here imports the OCR engine; ``replycli.ocr.engine`` does, and only
when a page has to be recognised (``replycli --help`` and ``search`` never
pay for it). The engine, the page renderer and the images come from the
``ocr`` extra: ``pip install 'replycli[ocr]'``.

An ingest sets the settings for its run with ``ocr_run``; worker processes
are forked from the ingest, so they inherit them.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from replycli.config import OCR_MODES as MODES  # one list, kept by config

INSTALL = "pip install 'replycli[ocr]'"
CACHE_DIR = "ocr-cache"


@dataclass
class OcrSettings:
    mode: str = "auto"           # auto: only pages without a usable text layer
    cache_dir: Path | None = None  # recognised pages by content hash (under the index)
    max_pages: int = 50          # pages to recognise per file
    max_pixels: int = 40_000_000  # pixels per page (A4 at 200 dpi is 3.9 M)
    dpi: int = 200               # PDF pages are rendered at this resolution
    threads: int = 1             # pages recognised at once by the process that owns the run
    progress: Callable[[int, int, str], None] | None = None  # (page, pages, file name)
    owner: int = field(default_factory=os.getpid)  # the ingest's process

    def in_owner(self) -> bool:
        """False in a forked ingest worker: it recognises its pages one at a
        time (the workers are the parallelism) and reports no progress."""
        return os.getpid() == self.owner


_settings = OcrSettings()


def settings() -> OcrSettings:
    return _settings


@contextmanager
def ocr_run(index_dir=None, mode: str | None = None, workers: int = 1, progress=None,
            max_pages: int | None = None, max_pixels: int | None = None):
    """OCR settings for one ingest: the mode, the cache under ``index_dir``,
    the limits (option, then environment, then config file), the page
    threads and the page progress callback."""
    global _settings
    from replycli import config

    new = OcrSettings(
        mode=config.ocr_mode(mode),
        cache_dir=Path(index_dir) / CACHE_DIR if index_dir is not None else None,
        max_pages=config.ocr_max_pages(max_pages),
        max_pixels=config.ocr_max_pixels(max_pixels),
        threads=max(1, int(workers or 1)),
        progress=progress,
    )
    old, _settings = _settings, new
    try:
        yield new
    finally:
        _settings = old
        from replycli.ocr import pages

        pages.shutdown()
