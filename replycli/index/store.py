"""Opening and creating an index directory: Whoosh + catalog + version check.

Layout of an index directory::

    whoosh/            the Whoosh index
    catalog.sqlite     files, documents and extracted facts (replycli.catalog)
    whoosh.manifest    the Whoosh generation last committed, with its files' sizes
    ingest.lock        held by the one ingest allowed at a time

The manifest lets every command that opens the index notice, for the cost
of a few ``stat`` calls, a Whoosh file that is missing or truncated (or a
lost table of contents) and say so, instead of answering "nothing found".
"""
from __future__ import annotations

import os
from pathlib import Path

from replycli.errors import IndexBusy, IndexDamaged, IndexNotFound, IndexVersionMismatch
from replycli.index.schema import SCHEMA_VERSION
from replycli.index import whoosh_private  # noqa: F401  (checks the installed Whoosh once)

WHOOSH_DIR = "whoosh"
INDEX_NAME = "replies"
MANIFEST = "whoosh.manifest"


def _toc_name(generation: int) -> str:
    return f"_{INDEX_NAME}_{generation}.toc"


def write_manifest(ix) -> None:
    """After a Whoosh commit: record its generation and the size of every
    file it consists of (written atomically)."""
    import json

    folder = Path(ix.storage.folder)
    gen = ix.latest_generation()
    ids = [seg.segment_id() for seg in ix._read_toc().segments]
    files = {}
    for name in os.listdir(folder):
        if name == _toc_name(gen) or any(name.startswith(i + ".") for i in ids):
            files[name] = os.path.getsize(folder / name)
    target = folder.parent / MANIFEST
    tmp = target.with_name(MANIFEST + ".tmp")
    tmp.write_text(json.dumps({"generation": gen, "segments": ids, "files": files}), encoding="utf-8")
    os.replace(tmp, target)


def read_manifest(index_dir: Path) -> dict | None:
    import json

    try:
        return json.loads((Path(index_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def damage(index_dir: Path) -> list[str]:
    """Missing or truncated Whoosh files, as far as the manifest tells (cheap:
    no file is read). Empty when the manifest is absent or belongs to
    another generation (an ingest that was killed; the next one reconciles)."""
    manifest = read_manifest(index_dir)
    if not manifest:
        return []
    wdir = Path(index_dir) / WHOOSH_DIR
    gens = [int(n[len(INDEX_NAME) + 2:-4]) for n in _listdir(wdir)
            if n.startswith(f"_{INDEX_NAME}_") and n.endswith(".toc") and n[len(INDEX_NAME) + 2:-4].isdigit()]
    if not gens:
        return [f"the Whoosh table of contents ({_toc_name(manifest['generation'])}) is missing"]
    if max(gens) != manifest["generation"]:
        return []
    out = []
    folder = f"{wdir}{os.sep}"  # plain strings: a Path per file cost more than the stat
    for name, size in sorted(manifest["files"].items()):
        try:
            found = os.path.getsize(folder + name)
        except OSError:
            out.append(f"Whoosh file {name} is missing")
            continue
        if found != size:
            out.append(f"Whoosh file {name} has {found:,} bytes, {size:,} were written")
    return out


def _listdir(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def check_damage(index_dir: Path) -> None:
    problems = damage(index_dir)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise IndexDamaged(f"{index_dir}: index damaged: {problems[0]}{more}; "
                           f"repair it with: replycli check --repair --index {index_dir}")


def _check_version(catalog, index_dir: Path) -> None:
    found = catalog.get_info("schema_version")
    if found is not None and int(found) != SCHEMA_VERSION:
        raise IndexVersionMismatch(
            f"{index_dir}: index was built with schema version {found}, this replycli "
            f"uses {SCHEMA_VERSION}; rebuild it with: replycli ingest FOLDER --index {index_dir} --rebuild"
        )


def open_catalog(index_dir: Path, write: bool = False):
    """The catalog of an existing index, read-only unless ``write``."""
    from replycli.catalog import Catalog

    index_dir = Path(index_dir)
    if not (index_dir / WHOOSH_DIR).is_dir():
        raise IndexNotFound(
            f"{index_dir}: no replycli index here; create one with: replycli ingest FOLDER --index {index_dir}"
        )
    check_damage(index_dir)
    catalog = Catalog(index_dir, readonly=not write)
    _check_version(catalog, index_dir)
    return catalog


def open_whoosh(index_dir: Path):
    from whoosh import index as windex

    path = Path(index_dir) / WHOOSH_DIR
    check_damage(index_dir)
    try:  # one TOC read, not exists_in()'s extra one
        return windex.open_dir(str(path), indexname=INDEX_NAME)
    except (windex.EmptyIndexError, FileNotFoundError, NotADirectoryError):
        raise IndexNotFound(
            f"{index_dir}: no replycli index here; create one with: replycli ingest FOLDER --index {index_dir}"
        ) from None


class HitReader:
    """The stored fields of the hits of a search, read straight from the
    segment that holds each: the ``_stored`` column of every segment is
    mapped into memory once, and a document's record is a slice of the map,
    inflated and unpickled (what Whoosh's ``STORED_COLUMN`` holds: a
    zlib-compressed pickle of the stored fields, the text among them).

    ``searcher.stored_fields`` gives the same dict through the multi-segment
    reader, five layers of Python calls, a seek and a read of the file, and
    a check of every key against the schema: at thousands of hits a fifth
    of the time of a search for every hit."""

    def __init__(self, searcher):
        leaves = list(searcher.reader().leaf_readers())
        self._segments = [r for r, _ in leaves]
        self._starts = [base for _, base in leaves]
        self._stored = [None] * len(leaves)  # opened on a segment's first hit

    def stored(self, docnum: int) -> dict:
        import pickle
        import zlib
        from bisect import bisect_right

        i = bisect_right(self._starts, docnum) - 1
        column = self._stored[i]
        if column is None:
            column = self._stored[i] = _Column.of(self._segments[i], "_stored")
        data = column[docnum - self._starts[i]]
        return pickle.loads(zlib.decompress(data)) if data else {}


class _Column:
    """The values of one of a segment's ``VarBytesColumn`` columns (the
    ``_stored`` column is one, compressed), from a memory map of its file."""

    def __init__(self, creader, mapped):
        self._map = mapped
        # Whoosh's reader has read the column's offsets and lengths (see whoosh_private).
        self._base, self._offsets, self._lengths = creader._basepos, creader._offsets, creader._lengths

    @classmethod
    def of(cls, segment_reader, name: str):
        """The column ``name`` of a segment: mapped, or else Whoosh's own
        reader of it (a compound segment, which Whoosh reads into memory);
        an empty one if the segment has none."""
        import io
        import mmap

        from whoosh.columns import VarBytesColumn

        perdoc = segment_reader._perdoc
        if not perdoc.has_column(name):
            return _NoColumn()
        creader = perdoc.column_reader(name, VarBytesColumn())
        try:
            mapped = mmap.mmap(creader._dbfile.file.fileno(), 0, access=mmap.ACCESS_READ)
        except (io.UnsupportedOperation, AttributeError, ValueError, OSError):
            return creader
        return cls(creader, mapped)

    def __getitem__(self, docnum: int) -> bytes:
        at = self._base + self._offsets[docnum]
        return self._map[at: at + self._lengths[docnum]]


class _NoColumn:
    def __getitem__(self, docnum: int) -> bytes:
        return b""


def create_or_open(index_dir: Path, rebuild: bool = False, repair: bool = False):
    """For ingest: return ``(whoosh_index, catalog)``, creating them if needed.
    A damaged index is refused unless ``repair`` (``replycli check --repair``)."""
    from whoosh import index as windex

    from replycli.catalog import Catalog, CATALOG_NAME
    from replycli.index.schema import build_schema

    index_dir = Path(index_dir)
    wdir = index_dir / WHOOSH_DIR
    if rebuild and index_dir.exists():
        import shutil

        shutil.rmtree(wdir, ignore_errors=True)
        for name in (CATALOG_NAME, CATALOG_NAME + "-wal", CATALOG_NAME + "-shm", MANIFEST):
            try:
                (index_dir / name).unlink()
            except FileNotFoundError:
                pass
    wdir.mkdir(parents=True, exist_ok=True)
    if not repair:
        check_damage(index_dir)
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

        from replycli.errors import ReplycliError

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as e:
            raise ReplycliError(f"{self.path.parent}: cannot write the index folder "
                                f"({e.strerror or e}); the read commands still work") from None
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
