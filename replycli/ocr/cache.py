"""Recognised pages, cached by content hash under the index folder.

A page's key is the hash of the file's bytes, the page number, the render
resolution and the engine tag, so a re-ingest, ``--force`` or ``--rebuild``
(which keeps this folder) never recognises the same page twice, and a changed
file or engine is recognised afresh. One small JSON file per page, written
to a temporary name and renamed, so concurrent workers and crashes never
leave half an entry.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def page_key(file_hash: str, page: int, dpi: int, tag: str) -> str:
    return f"{file_hash}-{page:04d}-{dpi}-{tag}"


class PageCache:
    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder else None

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        if self.folder is None:
            return None
        try:
            with open(self._path(key), encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError):
            return None

    def put(self, key: str, page: dict) -> None:
        if self.folder is None:
            return
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(page, f, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs time
