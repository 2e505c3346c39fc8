"""The ingest pipeline: discover -> read -> understand -> index.

Workers (``--workers``, see workers.py) read, understand and index files in
parallel, each into a segment of its own; the parent is the single writer of
the catalog and commits the segments. Every failure of every stage is recorded in one place,
``IngestSummary.failed``, and in the catalog (``replycli errors``).
"""
from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from replycli.errors import ReadError
from replycli.ingest.discover import discover, display

# Commit Whoosh and the catalog every this many documents, so an interrupted
# ingest keeps what it finished (REPLYCLI_COMMIT_EVERY overrides it).
# Each commit adds one segment per worker, and every segment costs each
# search a little, so commits are rare on bulk runs.
COMMIT_EVERY = int(os.environ.get("REPLYCLI_COMMIT_EVERY", "10000"))
# Below this many files, worker processes cost more than they save.
PARALLEL_MIN = 64


@dataclass
class IngestSummary:
    indexed: int = 0
    unchanged: int = 0
    duplicates: int = 0
    removed: int = 0
    stale: int = 0  # files gone from disk but kept because --no-prune
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    index: str = ""

    def as_dict(self) -> dict:
        return {
            "indexed": self.indexed, "unchanged": self.unchanged,
            "duplicates": self.duplicates, "removed": self.removed, "stale": self.stale,
            "failed": len(self.failed), "seconds": round(self.seconds, 3), "index": self.index,
            "failures": [{"path": p, "reason": r} for p, r in self.failed],
        }


def doc_id_for(data: bytes) -> str:
    """Stable id: identical content gets one id, wherever the file lives."""
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def process_file(job: tuple[str, str, int]) -> dict:
    """Read and understand one file. Runs in a worker; returns a plain dict."""
    path, root, max_bytes = job
    out = {"path": path, "root": root, "status": "failed", "error": None}
    try:
        try:
            path.encode("utf-8")
        except UnicodeEncodeError:
            raise ReadError("file name is not valid UTF-8; rename the file") from None
        st = os.stat(path)
        out.update(size=st.st_size, mtime_ns=st.st_mtime_ns)
        if st.st_size > max_bytes:
            raise ReadError(f"file too large ({st.st_size:,} bytes; limit {max_bytes:,}, "
                            f"set max_file_bytes or REPLYCLI_MAX_BYTES to raise it)")
        with open(path, "rb") as f:
            data = f.read()
        from replycli.ingest.readers import read

        result = read(Path(path), data)
        from replycli.normalize import normalize_text

        text = normalize_text(result.text)
        if not text:
            raise ReadError("no text in file (empty after reading)")
        from replycli.extract import understand

        facts = understand(text)
        if result.ocr:  # where the text came from, with the catalog's metadata
            facts["metadata"].update(result.ocr)
        out.update(
            status="indexed", sha=doc_id_for(data), encoding=result.encoding,
            reader=result.reader,
            record={"doc_id": doc_id_for(data), "path": path, "original": result.text,
                    "text": text, **facts},
        )
    except ReadError as e:
        out["error"] = e.reason
    except FileNotFoundError:
        out["error"] = "file vanished while reading"
    except PermissionError:
        out["error"] = "permission denied"
    except IsADirectoryError:
        out["error"] = "is a folder, not a file"
    except OSError as e:
        out["error"] = "symlink loop" if e.errno == 40 else (e.strerror or str(e))
    except Exception as e:  # a bug in a reader/extractor must not stop the run
        out["error"] = f"internal error while reading: {type(e).__name__}: {e}"
    out["doc_id"] = out.get("sha")
    return out


def whoosh_fields(record: dict) -> dict:
    meta = record["metadata"]
    names = []
    for c in record["companies"]:
        names += [c["name"], *c["aliases"]]
    date = meta.get("date") or ""
    fields = {
        "doc_id": record["doc_id"],
        "path": record["path"],
        "title": meta.get("title") or "",
        "body": record["text"],
        "words": record["text"],
        "issuer": meta.get("issuer") or "",
        "proposer": " | ".join(meta.get("proposers") or []),
        "company": " | ".join(names),
        "program": " | ".join(p["name"] for p in record["programs"]),
        "doc_number": meta.get("doc_number") or "",
        "date": date,
        "kind": meta.get("kind") or "",
        "result": meta.get("result_class") or "",
        "role": meta.get("role") or "",
        "text": record["original"],
    }
    if date:
        fields["year"] = int(date[:4])
    amounts = sorted({int(round(float(a["amount_yuan"]))) for a in record["amounts"]})
    if amounts:
        fields["amount"] = amounts
    return fields


class _Writer:
    """The parent's Whoosh writer (deletions, documents indexed in-process,
    and the commit of the workers' segments), opened lazily."""

    def __init__(self, ix):
        self.ix = ix
        self.w = None
        self.pending = 0

    def get(self):
        if self.w is None:
            from replycli.index.writing import segment_writer

            self.w = segment_writer(self.ix, lock=True)
        return self.w

    def commit(self, new_segments=()):
        """Commit (Whoosh first, then the caller commits the catalog)."""
        from replycli.index.writing import commit_with

        new_segments = [s for s in new_segments if s is not None]
        if self.w is not None or new_segments:
            # Workers' segments are added as they are: merging them would
            # re-write every posting in this one process.
            commit_with(self.get(), new_segments)
            self.w = None
        self.pending = 0

    def cancel(self):
        if self.w is not None:
            self.w.cancel()
            self.w = None


def ingest(paths, index_dir, *, workers: int | None = None, force: bool = False,
           prune: bool = True, rebuild: bool = False, max_bytes: int | None = None,
           progress=None, ocr: str | None = None) -> IngestSummary:
    """Ingest files and folders into the index at ``index_dir``.

    ``progress(advance, total, description)`` is called as files are done
    (and with ``advance`` 0 as OCR pages are). ``ocr``: auto, never, always.
    """
    from replycli import config
    from replycli.index.store import IngestLock, create_or_open
    from replycli.ocr import ocr_run

    t0 = time.perf_counter()
    # Indexing keeps millions of small tuples alive; the cyclic GC would rescan
    # them on every generation-2 pass, which made ingest time grow faster than
    # the corpus. Workers inherit the setting through fork.
    import gc

    old_threshold = gc.get_threshold()
    gc.set_threshold(200_000, 50, 1000)
    index_dir = Path(index_dir)
    workers = config.workers(workers)
    max_bytes = config.max_file_bytes(max_bytes)
    ocr = config.ocr_mode(ocr)
    summary = IngestSummary(index=str(index_dir))
    index_dir.mkdir(parents=True, exist_ok=True)
    with IngestLock(index_dir):
        ix, catalog = create_or_open(index_dir, rebuild=rebuild)
        pages = (lambda page, n, name: progress(0, None, f"OCR {name} page {page}/{n}")) if progress else None
        try:
            with ocr_run(index_dir, mode=ocr, workers=workers, progress=pages):
                _run(paths, index_dir, ix, catalog, workers, force, prune, max_bytes, summary, progress)
        finally:
            catalog.close()
            ix.close()
            gc.set_threshold(*old_threshold)
    summary.seconds = time.perf_counter() - t0
    return summary


def _run(paths, index_dir, ix, catalog, workers, force, prune, max_bytes, summary, progress):
    started = time.strftime("%Y-%m-%dT%H:%M:%S")
    found = discover(paths, skip=index_dir)
    run_id = catalog.start_run(started, found.roots)
    # Plan: which files changed since the catalog last saw them.
    known: dict[str, object] = {}
    for root in found.roots:
        known.update(catalog.files_under(root))
    for path, reason in found.errors:
        summary.failed.append((display(path), reason))
        catalog.put_file(path=display(path), status="failed", error=reason, run_id=run_id)
    todo = []
    for path, root in found.files:
        row = known.get(path)
        if row is not None and not force and row["status"] != "failed":
            try:
                st = os.stat(path)
            except OSError:
                st = None
            if st is not None and st.st_size == row["size"] and st.st_mtime_ns == row["mtime_ns"]:
                summary.unchanged += 1
                continue
        todo.append((path, root, max_bytes))

    writer = _Writer(ix)
    seen_docs: set[str] = set()
    orphan_candidates: set[str] = set()
    parallel = workers > 1 and len(todo) >= PARALLEL_MIN
    pool = None
    worker_segments: list = []

    def plan(path: str) -> bool:
        """Index this file (True) or is its content already indexed (False)?
        Decided before dispatch, so workers index only what they must."""
        try:
            if os.path.getsize(path) > max_bytes:
                return True  # the worker reports it
            with open(path, "rb") as f:
                doc_id = doc_id_for(f.read())
        except (OSError, UnicodeEncodeError):
            return True  # the worker reports the reason
        if doc_id in seen_docs or (not force and catalog.has_document(doc_id)
                                   and _other_path_holds(catalog, doc_id, path)):
            return False
        seen_docs.add(doc_id)
        return True

    def record_result(res: dict, in_worker: bool) -> None:
        path = res["path"]
        old = known.get(path)
        if old is not None and old["doc_id"] and old["doc_id"] != res.get("doc_id"):
            orphan_candidates.add(old["doc_id"])
        if res["status"] == "failed":
            summary.failed.append((display(path), res["error"]))
            # A name that is not UTF-8 is stored as printed (SQLite text is UTF-8).
            catalog.put_file(**{**res, "path": display(path)}, run_id=run_id)
            return
        doc_id = res["doc_id"]
        record = res.pop("record")
        exists = catalog.has_document(doc_id)
        if parallel:
            duplicate = not in_worker
        else:
            duplicate = doc_id in seen_docs or (exists and not force and _other_path_holds(catalog, doc_id, path))
        if duplicate:
            res["status"] = "duplicate"
            summary.duplicates += 1
        else:
            seen_docs.add(doc_id)
            if in_worker:
                if exists:  # the old copy lives in a committed segment
                    writer.get().delete_by_term("doc_id", doc_id)
            else:
                writer.get().update_document(**whoosh_fields(record))
            catalog.put_document(record, replace=exists)
            summary.indexed += 1
            writer.pending += 1
        catalog.put_file(**res, run_id=run_id)
        if progress:
            progress(1, len(todo), "indexing")

    if progress:
        progress(0, len(todo), "reading")
    try:
        if parallel:
            from replycli.ingest.workers import Workers

            pool = Workers(ix, workers)
            jobs = iter(todo)
            job = next(jobs, None)
            while job is not None or pool.busy():
                while job is not None and pool.has_room() and writer.pending < COMMIT_EVERY:
                    pool.submit(job, plan(job[0]))
                    job = next(jobs, None)
                if pool.busy():
                    record_result(*pool.result())
                if writer.pending >= COMMIT_EVERY and not pool.busy():
                    writer.commit(pool.flush())  # Whoosh first, then the catalog (see catalog.py)
                    catalog.commit()
            worker_segments = pool.flush()
        else:
            for job in todo:
                record_result(process_file(job), False)
                if writer.pending >= COMMIT_EVERY:
                    writer.commit()
                    catalog.commit()

        # Files that disappeared from an ingested root.
        present = {p for p, _ in found.files} | {display(p) for p, _ in found.errors}
        for path, row in known.items():
            if path in present:
                continue
            if row["status"] == "failed":
                catalog.delete_file(path)  # it failed before and is gone now: nothing indexed
                continue
            if prune:
                catalog.delete_file(path)
                if row["doc_id"]:
                    orphan_candidates.add(row["doc_id"])
                summary.removed += 1
            else:
                summary.stale += 1
        for doc_id in orphan_candidates:
            if not catalog.doc_in_use(doc_id):
                writer.get().delete_by_term("doc_id", doc_id)
                catalog.delete_document(doc_id)
        writer.commit(worker_segments)
        catalog.commit()
    except BaseException:
        if pool is not None:
            pool.kill()
            pool = None
        writer.cancel()
        catalog.db.rollback()
        raise
    finally:
        if pool is not None:
            pool.close()
    if summary.indexed or summary.removed:
        from replycli.extract.linking import relink

        relink(catalog)
        catalog.commit()
    catalog.finish_run(run_id, time.strftime("%Y-%m-%dT%H:%M:%S"), summary.as_dict())


def _other_path_holds(catalog, doc_id: str, path: str) -> bool:
    return any(p != path for p in catalog.paths_of(doc_id))
