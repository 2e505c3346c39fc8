"""Parallel ingest: worker processes that read, understand and index.

Each worker understands its files and indexes them into a Whoosh segment
of its own; it sends the parent only the facts (for the catalog), never the
postings. The parent reads each file once (its bytes travel to the worker
with the job, a few kilobytes, cheaper than a second read and hash), decides
before dispatch whether it is indexed or is a duplicate (by content hash),
deletes replaced documents from committed segments, and commits the
workers' segments together with the catalog. This replaced a pool of readers feeding Whoosh's
MpWriter, which pickled every document a second time to hand it to its own
indexing processes (four busy processes on two cores).

Each worker has its own job queue so that the parent can ask every worker,
and only it, to close its segment at a commit point, and its own result
pipe. Workers die with the parent (``lifetime.die_with_parent``); a worker
that dies on a file (killed for memory, a crash in a C library) is reported
with that file (``WorkerDied``), and the pipeline starts again from its last
commit without it.
"""
from __future__ import annotations

import os
import queue
import signal

from replycli.errors import ReplycliError

# Files in flight per worker: enough to keep it busy, few enough that the
# parent never holds many records.
WINDOW = 16
# Bytes of files in flight per worker (beyond its first file): the jobs carry
# the files' bytes, and a folder of large PDFs must not fill the memory.
WINDOW_BYTES = 16 << 20


class WorkerDied(ReplycliError):
    """``path``: the file the worker was reading when it died (None if it
    died between files); ``reason``: a one-line reason for that file."""

    def __init__(self, message: str, path: str | None = None, reason: str = ""):
        super().__init__(message)
        self.path, self.reason = path, reason


def _work(ix, jobs, results, wid: int, parent: int, reading) -> None:
    from replycli.index.schema import whoosh_fields
    from replycli.index.writing import SEGMENT_POSTINGS, finish_segment, segment_writer
    from replycli.index.store import close_inherited_locks
    from replycli.ingest import faults
    from replycli.ingest.lifetime import die_with_parent
    from replycli.ingest.process import process_file

    die_with_parent(parent)
    close_inherited_locks()  # the lock belongs to the parent alone
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    writer = None
    while True:
        try:
            msg = jobs.get(timeout=2.0)
        except queue.Empty:
            if os.getppid() != parent:  # the parent was killed: give up quietly
                os._exit(1)
            continue
        op = msg[0]
        if op == "file":
            _, job, doc_id, seq, pre = msg
            # In shared memory: if this process is killed before the result
            # is sent, the parent knows which file it was on.
            reading[wid] = seq
            res = process_file(job, pre, doc_id)
            pre = msg = None  # the bytes are not needed any more
            record = res.get("record")
            if record is not None:
                try:
                    if writer is None:
                        writer = segment_writer(ix, lock=False)
                    writer.add_document(**whoosh_fields(record))
                except Exception as e:  # noqa: BLE001 - reported per file
                    res = {**res, "status": "failed", "record": None,
                           "error": f"internal error while indexing: {type(e).__name__}: {e}"}
                    record = None
                if record is not None:
                    # The catalog needs the facts and the text's length only.
                    record["text_chars"] = len(record["text"])
                    record["text"] = record["original"] = ""
            if writer is not None and writer.pool.count >= SEGMENT_POSTINGS:
                # Bound memory: write this segment out and start another. Sent
                # before the file's result, so a flush never sees it late.
                results.send((wid, "segment", finish_segment(writer)))
                writer = None
            if faults.matches("die-sending", job[0]):  # test hook: die halfway through a message
                os.write(results.fileno(), (1000).to_bytes(4, "big") + b"partial")
                os.kill(os.getpid(), signal.SIGKILL)
            results.send((wid, "file", res, seq))
            reading[wid] = -1
        elif op == "flush":
            results.send((wid, "segment", finish_segment(writer)))
            writer = None
        else:  # "stop"
            if writer is not None:
                writer.cancel()
            return


class Workers:
    """``n`` worker processes (forked, so they share the open index).

    Each worker sends its results through a pipe of its own, from its main
    thread, and the parent keeps no copy of the pipe's write end: when a
    worker dies, even halfway through a message, the parent reads the end of
    its pipe and knows at once (a shared queue would leave the parent
    waiting forever for the rest of the message, or for a lock the dead
    worker held).
    """

    def __init__(self, ix, n: int):
        import multiprocessing as mp

        ctx = mp.get_context("fork")
        self.jobs = [ctx.Queue() for _ in range(n)]
        self.outstanding = [0] * n
        self.pending_bytes = [0] * n  # bytes of the files in flight, per worker
        self.sizes: dict[int, int] = {}  # job number -> its bytes, until its result arrives
        self.inflight: dict[int, str] = {}  # job number -> path, until its result arrives
        self.seq = 0
        self.reading = ctx.Array("q", [-1] * n, lock=False)  # the job number each worker reads
        self.segments: list = []  # written by workers, not yet committed
        self.flushing = False  # flush requests sent, segments not yet collected
        self.conns = []
        self.procs = []
        for i in range(n):
            reader, writer = ctx.Pipe(duplex=False)
            p = ctx.Process(target=_work, args=(ix, self.jobs[i], writer, i, os.getpid(), self.reading),
                            daemon=True)
            p.start()
            writer.close()  # the worker holds the only write end
            self.conns.append(reader)
            self.procs.append(p)

    def _room(self, wid: int) -> bool:
        return self.outstanding[wid] == 0 or (self.outstanding[wid] < WINDOW
                                              and self.pending_bytes[wid] < WINDOW_BYTES)

    def has_room(self) -> bool:
        return any(self._room(w) for w in range(len(self.jobs)))

    def submit(self, job, doc_id: str, pre) -> None:
        """Understand and index ``job``, whose bytes and stat the parent read
        (``pre``) and hashed as ``doc_id``: the worker does not read it again."""
        wid = min((w for w in range(len(self.jobs)) if self._room(w)), key=self.outstanding.__getitem__)
        self.outstanding[wid] += 1
        self.seq += 1
        self.inflight[self.seq] = job[0]
        self.sizes[self.seq] = size = len(pre[0])
        self.pending_bytes[wid] += size
        self.jobs[wid].put(("file", job, doc_id, self.seq, pre))

    def busy(self) -> bool:
        return any(self.outstanding)

    def _get(self):
        from multiprocessing.connection import wait

        while True:
            ready = wait(self.conns, timeout=1.0)
            for conn in ready:
                try:
                    return conn.recv()
                except (EOFError, OSError):
                    self._died(self.conns.index(conn))
            if not ready:
                for i, p in enumerate(self.procs):
                    if not p.is_alive():
                        self._died(i)

    def _died(self, i: int):
        p = self.procs[i]
        p.join(timeout=5)
        code = p.exitcode
        how = f"killed by signal {-code}" if (code or 0) < 0 else f"exit code {code}"
        path = self.inflight.get(self.reading[i])
        raise WorkerDied(f"ingest worker {i} died ({how}); nothing since the last commit "
                         "was kept, run ingest again", path,
                         f"the reader crashed on this file (its process was {how})") from None

    def result(self) -> tuple[dict, bool]:
        """The next finished file: ``(result, indexed by the worker)``."""
        while True:
            msg = self._get()
            if msg[1] == "segment":
                if msg[2] is not None:
                    self.segments.append(msg[2])
                continue
            wid, _, res, seq = msg
            self.outstanding[wid] -= 1
            self.pending_bytes[wid] -= self.sizes.pop(seq, 0)
            self.inflight.pop(seq, None)
            return res, res["status"] == "indexed"

    def start_flush(self) -> None:
        """Ask every worker to write out its segment, without waiting (see
        ``flush``). Call with nothing outstanding."""
        assert not self.busy()
        if not self.flushing:
            for q in self.jobs:
                q.put(("flush",))
            self.flushing = True

    def flush(self) -> list:
        """Every worker closes its segment; returns the new segments. Call
        with nothing outstanding."""
        self.start_flush()
        for _ in self.jobs:
            _, kind, seg = self._get()
            assert kind == "segment"
            if seg is not None:
                self.segments.append(seg)
        self.flushing = False
        segments, self.segments = self.segments, []
        return segments

    def close(self) -> None:
        for q in self.jobs:
            q.put(("stop",))
        self._end(wait=10)

    def kill(self) -> None:
        self._end(wait=0)

    def _end(self, wait: float) -> None:
        """Join the workers (terminating any still running after ``wait``
        seconds) and release the queues."""
        for p in self.procs:
            p.join(timeout=wait)
            if p.is_alive():
                p.terminate()
                p.join(timeout=5)
        for q in self.jobs:
            q.close()
            q.cancel_join_thread()
        for conn in self.conns:
            conn.close()
