"""The ingest pipeline: discover -> read -> understand -> index.

Workers (``--workers``, see workers.py) read, understand and index files in
parallel, each into a segment of its own; the parent is the single writer of
the catalog and commits the segments. Every failure of every stage is recorded in one place,
``IngestSummary.failed``, and in the catalog (``replycli errors``).
"""
from __future__ import annotations

import os
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from replycli.index.schema import whoosh_fields
from replycli.ingest.discover import discover, display
from replycli.ingest.faults import fault
from replycli.ingest.process import check_name, doc_id_for, process_file, read_bytes, reason_for
from replycli.ingest.workers import WorkerDied

# Commit Whoosh and the catalog every this many documents, so an interrupted
# ingest keeps what it finished (REPLYCLI_COMMIT_EVERY overrides it).
# Each commit adds one segment per worker, and every segment costs each
# search a little, so commits are rare on bulk runs.
COMMIT_EVERY = int(os.environ.get("REPLYCLI_COMMIT_EVERY", "10000"))
# Below this many files, worker processes cost more than they save.
PARALLEL_MIN = 64
# Files a run may skip because a worker died on them, before it gives up.
MAX_CRASHES = 20


@dataclass
class IngestSummary:
    indexed: int = 0
    unchanged: int = 0
    duplicates: int = 0
    removed: int = 0
    stale: int = 0  # files gone from disk but kept because --no-prune
    failed: list[tuple[str, str]] = field(default_factory=list)
    # Files indexed without facts because an extraction rule failed on them.
    warnings: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    index: str = ""
    reconciled: object = None  # what ``check.reconcile`` found at the start

    def as_dict(self) -> dict:
        return {
            "indexed": self.indexed, "unchanged": self.unchanged,
            "duplicates": self.duplicates, "removed": self.removed, "stale": self.stale,
            "failed": len(self.failed), "seconds": round(self.seconds, 3), "index": self.index,
            "failures": [{"path": p, "reason": r} for p, r in self.failed],
            "warnings": [{"path": p, "reason": r} for p, r in self.warnings],
        }


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

    def commit(self, new_segments=()) -> bool:
        """Commit (Whoosh first, then the caller commits the catalog);
        whether there was anything to commit."""
        from replycli.index.writing import commit_with

        new_segments = [s for s in new_segments if s is not None]
        self.pending = 0
        if self.w is not None or new_segments:
            # Workers' segments are added as they are: merging them would
            # re-write every posting in this one process.
            commit_with(self.get(), new_segments)
            self.w = None
            return True
        return False

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
    index_dir.mkdir(parents=True, exist_ok=True)
    # Files on which a worker process died (killed for memory, a crash in a C
    # library): the run starts again from its last commit without them.
    crashed: dict[str, str] = {}
    with IngestLock(index_dir):
        ix, catalog = create_or_open(index_dir, rebuild=rebuild)
        pages = (lambda page, n, name: progress(0, None, f"OCR {name} page {page}/{n}")) if progress else None
        try:
            with ocr_run(index_dir, mode=ocr, workers=workers, progress=pages):
                while True:
                    summary = IngestSummary(index=str(index_dir))
                    try:
                        _run(paths, index_dir, ix, catalog, workers, force, prune, max_bytes, summary, progress,
                             crashed)
                        break
                    except WorkerDied as e:
                        if e.path is None or e.path in crashed or len(crashed) >= MAX_CRASHES:
                            raise
                        crashed[e.path] = e.reason
        finally:
            try:
                catalog.checkpoint()
            except Exception:  # noqa: BLE001 - best effort; the WAL stays valid
                pass
            catalog.close()
            ix.close()
            gc.set_threshold(*old_threshold)
    summary.seconds = time.perf_counter() - t0
    return summary


def _run(paths, index_dir, ix, catalog, workers, force, prune, max_bytes, summary, progress, crashed=None):
    from replycli.ingest.reconcile import reconcile

    started = time.strftime("%Y-%m-%dT%H:%M:%S")
    # After a crash between the Whoosh and the catalog commit, or a lost
    # catalog: drop what the catalog does not know, so nothing is doubled.
    summary.reconciled = reconcile(ix, catalog)
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
        # Failed files, and files indexed without facts, are tried again.
        if row is not None and not force and row["status"] != "failed" and not row["error"]:
            try:
                st = os.stat(path)
            except OSError:
                st = None
            if st is not None and st.st_size == row["size"] and st.st_mtime_ns == row["mtime_ns"]:
                summary.unchanged += 1
                continue
        todo.append((path, root, max_bytes))

    writer = _Writer(ix)
    parallel = workers > 1 and len(todo) >= PARALLEL_MIN
    orphan_candidates: set[str] = set()
    # Duplicates, decided in one place for sequential and parallel runs: the
    # first file of a content (doc_id) claims it and is read; identical copies
    # found while it is in flight wait for its outcome. If it is indexed they
    # are recorded as duplicates; if it fails (say, its name is not UTF-8),
    # the claim is released and the next copy is tried, so a good file is
    # never lost to a bad copy.
    claims: dict[str, dict | None] = {}  # doc_id -> None while in flight, else the indexed file's row
    waiting: dict[str, list] = {}  # doc_id -> jobs of identical copies
    inflight: dict[str, str] = {}  # path -> the doc_id it claimed
    jobs = deque(todo)

    def forget_old(path: str, doc_id) -> None:
        old = known.get(path)
        if old is not None and old["doc_id"] and old["doc_id"] != doc_id:
            orphan_candidates.add(old["doc_id"])

    def done_one() -> None:
        if progress:
            progress(1, len(todo), "indexing")

    def record_failed(res: dict) -> None:
        forget_old(res["path"], None)
        summary.failed.append((display(res["path"]), res["error"]))
        # A name that is not UTF-8 is stored as printed (SQLite text is UTF-8).
        catalog.put_file(**{**res, "path": display(res["path"])}, run_id=run_id)
        done_one()

    def record_duplicate(job, st, doc_id: str, like) -> None:
        path, root, _ = job
        forget_old(path, doc_id)
        catalog.put_file(path=path, root=root, size=st.st_size, mtime_ns=st.st_mtime_ns, sha=doc_id,
                         doc_id=doc_id, encoding=like["encoding"], reader=like["reader"],
                         status="duplicate", error=None, run_id=run_id)
        summary.duplicates += 1
        done_one()

    def release(doc_id: str) -> None:
        """The claimer of ``doc_id`` failed: its waiting copies are planned again."""
        claims.pop(doc_id, None)
        jobs.extendleft(reversed([job for job, _ in waiting.pop(doc_id, [])]))

    def plan(job):
        """``(bytes, stat, doc_id)`` of a file to index, or None when it was
        decided here (a duplicate, or a file that cannot be read). This is
        the file's only read: its bytes go to the worker with the job."""
        path, root, _ = job
        if crashed and path in crashed:
            record_failed({"path": path, "root": root, "status": "failed", "error": crashed[path]})
            return None
        try:
            check_name(path)
            data, st = read_bytes(path, max_bytes)
        except Exception as e:  # noqa: BLE001 - reported per file
            record_failed({"path": path, "root": root, "status": "failed", "error": reason_for(e)})
            return None
        doc_id = doc_id_for(data)
        if doc_id in claims:
            like = claims[doc_id]
            if like is None:
                waiting.setdefault(doc_id, []).append((job, st))
            else:
                record_duplicate(job, st, doc_id, like)
            return None
        if not force and catalog.has_document(doc_id):
            others = [p for p in catalog.paths_of(doc_id) if p != path]
            if others:
                row = catalog.file(others[0])
                claims[doc_id] = {"encoding": row["encoding"], "reader": row["reader"]}
                record_duplicate(job, st, doc_id, claims[doc_id])
                return None
        claims[doc_id] = None
        inflight[path] = doc_id
        return data, st, doc_id

    def record_result(res: dict, in_worker: bool) -> None:
        path = res["path"]
        claimed = inflight.pop(path, None)
        if res["status"] == "indexed" and not in_worker:
            try:
                _add_in_parent(writer, catalog, res["record"])
            except Exception as e:  # noqa: BLE001 - reported per file
                res = {**res, "status": "failed", "record": None,
                       "error": f"internal error while indexing: {type(e).__name__}: {e}"}
        if res["status"] == "failed":
            record_failed(res)
            if claimed is not None:
                release(claimed)
            return
        doc_id = res["doc_id"]
        record = res.pop("record")
        exists = catalog.has_document(doc_id)
        if in_worker and exists:  # the old copy lives in a committed segment
            writer.get().delete_by_term("doc_id", doc_id)
        catalog.put_document(record, replace=exists)
        summary.indexed += 1
        writer.pending += 1
        if res.get("error"):
            summary.warnings.append((display(path), res["error"]))
        forget_old(path, doc_id)
        catalog.put_file(**res, run_id=run_id)
        like = claims[doc_id] = {"encoding": res.get("encoding"), "reader": res.get("reader")}
        for job, st in waiting.pop(doc_id, []):
            record_duplicate(job, st, doc_id, like)
        done_one()

    if progress:
        progress(0, len(todo), "reading")
    pool = None
    try:
        if parallel:
            from replycli.ingest.workers import Workers

            pool = Workers(ix, workers)
        else:
            pool = _InProcess()
        while jobs or pool.busy():
            while jobs and pool.has_room() and writer.pending < COMMIT_EVERY:
                job = jobs.popleft()
                planned = plan(job)
                if planned is not None:
                    data, st, doc_id = planned
                    pool.submit(job, doc_id, (data, st))
            if pool.busy():
                record_result(*pool.result())
            if writer.pending >= COMMIT_EVERY and not pool.busy() and jobs:
                _commit(writer, catalog, pool.flush())
        # The workers write out their last segments while this process
        # prunes (relinking waits until they are gone: the memory of both
        # at once is the peak of the run).
        pool.start_flush()

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
        _commit(writer, catalog, pool.flush())
    except BaseException:
        if pool is not None:
            pool.kill()
            pool = None
        writer.cancel()
        catalog.rollback()
        raise
    finally:
        if pool is not None:
            pool.close()
    if summary.indexed or summary.removed:
        from replycli.extract.linking import relink

        relink(catalog)
        catalog.commit()
    catalog.finish_run(run_id, time.strftime("%Y-%m-%dT%H:%M:%S"), summary.as_dict())
    catalog.compact()


def _add_in_parent(writer: _Writer, catalog, record: dict) -> None:
    """Index one document with the parent's writer (a sequential run)."""
    w = writer.get()
    if catalog.has_document(record["doc_id"]):
        w.delete_by_term("doc_id", record["doc_id"])
    w.add_document(**whoosh_fields(record))


def _commit(writer: _Writer, catalog, new_segments=()) -> None:
    """Whoosh first, then the catalog (see catalog.py)."""
    from replycli.ingest.reconcile import record_generation

    fault("kill-before-whoosh-commit")
    if writer.commit(new_segments):
        fault("kill-after-whoosh-commit")
        record_generation(writer.ix, catalog)
    catalog.commit()
    fault("kill-after-catalog-commit")


class _InProcess:
    """The sequential counterpart of ``Workers``: reads and understands each
    file in this process, from the bytes the planner already read."""

    def __init__(self):
        self.done: deque = deque()

    def has_room(self) -> bool:
        return not self.done

    def submit(self, job, doc_id: str, pre) -> None:
        self.done.append((process_file(job, pre, doc_id), False))

    def busy(self) -> bool:
        return bool(self.done)

    def result(self):
        return self.done.popleft()

    def start_flush(self) -> None:
        pass

    def flush(self) -> list:
        return []

    def close(self) -> None:
        pass

    def kill(self) -> None:
        pass
