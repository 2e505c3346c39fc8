"""Opening and creating an index directory: Whoosh + catalog + version check.

Layout of an index directory::

    whoosh/            the Whoosh index
    catalog.sqlite     files, documents and extracted facts (replycli.catalog)
    ingest.lock        held by the one ingest allowed at a time
"""
from __future__ import annotations

import os
from pathlib import Path

from replycli.errors import IndexBusy, IndexNotFound, IndexVersionMismatch
from replycli.index.schema import SCHEMA_VERSION

WHOOSH_DIR = "whoosh"
INDEX_NAME = "replies"


def _check_version(catalog, index_dir: Path) -> None:
    found = catalog.get_info("schema_version")
    if found is not None and int(found) != SCHEMA_VERSION:
        raise IndexVersionMismatch(
            f"{index_dir}: index was built with schema version {found}, this replycli "
            f"uses {SCHEMA_VERSION}; rebuild it with: replycli ingest FOLDER --index {index_dir} --rebuild"
        )


def open_catalog(index_dir: Path):
    from replycli.catalog import Catalog

    index_dir = Path(index_dir)
    if not (index_dir / WHOOSH_DIR).is_dir():
        raise IndexNotFound(
            f"{index_dir}: no replycli index here; create one with: replycli ingest FOLDER --index {index_dir}"
        )
    catalog = Catalog(index_dir)
    _check_version(catalog, index_dir)
    return catalog


def open_whoosh(index_dir: Path):
    from whoosh import index as windex

    path = Path(index_dir) / WHOOSH_DIR
    try:  # one TOC read, not exists_in()'s extra one
        return windex.open_dir(str(path), indexname=INDEX_NAME)
    except (windex.EmptyIndexError, FileNotFoundError, NotADirectoryError):
        raise IndexNotFound(
            f"{index_dir}: no replycli index here; create one with: replycli ingest FOLDER --index {index_dir}"
        ) from None


def create_or_open(index_dir: Path, rebuild: bool = False):
    """For ingest: return ``(whoosh_index, catalog)``, creating them if needed."""
    from whoosh import index as windex

    from replycli.catalog import Catalog, CATALOG_NAME
    from replycli.index.schema import build_schema

    index_dir = Path(index_dir)
    wdir = index_dir / WHOOSH_DIR
    if rebuild and index_dir.exists():
        import shutil

        shutil.rmtree(wdir, ignore_errors=True)
        for name in (CATALOG_NAME, CATALOG_NAME + "-wal", CATALOG_NAME + "-shm"):
            try:
                (index_dir / name).unlink()
            except FileNotFoundError:
                pass
    wdir.mkdir(parents=True, exist_ok=True)
    catalog = Catalog(index_dir, create=True)
    _check_version(catalog, index_dir)
    if windex.exists_in(str(wdir), indexname=INDEX_NAME):
        ix = windex.open_dir(str(wdir), indexname=INDEX_NAME)
    else:
        ix = windex.create_in(str(wdir), build_schema(), indexname=INDEX_NAME)
    catalog.set_info("schema_version", SCHEMA_VERSION)
    catalog.commit()
    return ix, catalog


_HELD_LOCKS: set[int] = set()


def close_inherited_locks() -> None:
    """In a forked child: close the ingest lock's descriptor, so that the
    lock (an ``flock`` on the open file, shared by every process holding a
    descriptor to it) is released when the parent dies, whatever the child does."""
    for fd in list(_HELD_LOCKS):
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD_LOCKS.clear()


class IngestLock:
    """An exclusive, non-blocking lock on the index directory (released by the
    kernel if the process dies, so ``kill -9`` never leaves a stale lock).
    Workers close their inherited copy of the descriptor
    (``close_inherited_locks``), so the lock never outlives the ingest."""

    def __init__(self, index_dir: Path):
        self.path = Path(index_dir) / "ingest.lock"
        self.fd = None

    def __enter__(self):
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self.fd)
            raise IndexBusy(
                f"{self.path.parent}: another replycli ingest is writing this index; wait for it to finish"
            ) from None
        _HELD_LOCKS.add(self.fd)
        os.ftruncate(self.fd, 0)
        os.write(self.fd, str(os.getpid()).encode())
        return self

    def __exit__(self, *exc):
        import fcntl

        _HELD_LOCKS.discard(self.fd)
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)
