"""Reading and understanding one file: what a worker (or the parent, on a
small run) does per file. Pure of any index: bytes in, a plain dict out.

Reading and understanding fail separately. A file that cannot be read
(``ReadError``, an OS error, a bug in a reader) is reported and not indexed.
A file that was read but whose facts could not be extracted (a bug in an
extraction rule) is indexed all the same, with its text and empty facts, and
the extraction error is recorded beside it (``replycli errors``): a rule
must never make a readable reply unfindable.
"""
from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path

from replycli.errors import ReadError
from replycli.ingest.faults import fault


def doc_id_for(data: bytes) -> str:
    """Stable id: identical content gets one id, wherever the file lives."""
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def empty_facts() -> dict:
    return {"metadata": {}, "companies": [], "programs": [], "amounts": []}


class NotRegular(ReadError):
    pass


def kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def read_bytes(path: str, max_bytes: int) -> tuple[bytes, os.stat_result]:
    """The file's bytes and its stat. Never blocks on a FIFO or a device
    (opened non-blocking, refused unless a regular file) and never reads more
    than ``max_bytes`` (a file that grows while read is still refused)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular(f"not a regular file ({kind_of(st.st_mode)}); skipped")
        if st.st_size > max_bytes:
            raise ReadError(too_large(st.st_size, max_bytes))
        # One read for the whole file (a short read of a regular file is its
        # end); more only if it grew since the stat.
        chunks, total = [], 0
        want = min(st.st_size, max_bytes) + 1
        while True:
            chunk = os.read(fd, want)
            total += len(chunk)
            if total > max_bytes:
                raise ReadError(too_large(total, max_bytes))
            chunks.append(chunk)
            if len(chunk) < want:
                break
            want = min(1 << 20, max_bytes + 1 - total)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks), st
    finally:
        os.close(fd)


def too_large(size: int, max_bytes: int) -> str:
    return (f"file too large ({size:,} bytes; limit {max_bytes:,}, "
            f"set max_file_bytes or REPLYCLI_MAX_BYTES to raise it)")


def check_name(path: str) -> None:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        raise ReadError("file name is not valid UTF-8; rename the file") from None


def reason_for(exc: BaseException) -> str:
    """The one-line reason for a file that could not be read."""
    if isinstance(exc, ReadError):
        return exc.reason
    if isinstance(exc, FileNotFoundError):
        return "file vanished while reading"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    if isinstance(exc, OSError):
        return "symlink loop" if exc.errno == errno.ELOOP else (exc.strerror or str(exc))
    return f"internal error while reading: {type(exc).__name__}: {exc}"


def process_file(job: tuple[str, str, int], pre: tuple[bytes, os.stat_result] | None = None,
                 doc_id: str | None = None) -> dict:
    """Read and understand one file; returns a plain dict.

    ``pre``: the file's bytes and stat when the caller has read them already
    with ``read_bytes`` (the file is then not read a second time), and
    ``doc_id`` their ``doc_id_for`` if the caller has it (not hashed again).
    """
    path, root, max_bytes = job
    out = {"path": path, "root": root, "status": "failed", "error": None}
    fault("hang-reading", path)
    fault("die-reading", path)
    try:
        check_name(path)
        data, st = pre if pre is not None else read_bytes(path, max_bytes)
        out.update(size=st.st_size, mtime_ns=st.st_mtime_ns)
        from replycli.ingest.readers import read

        result = read(Path(path), data)
        from replycli.normalize import normalize_text

        text = normalize_text(result.text)
        if not text:
            raise ReadError("no text in file (empty after reading)")
    except Exception as e:  # a bug in a reader must not stop the run either
        out["error"] = reason_for(e)
        return _done(out)
    try:
        from replycli.extract import understand

        facts = understand(text)
        check_facts(facts)
    except Exception as e:  # a bug in a rule: keep the text searchable
        facts = empty_facts()
        out["error"] = (f"fact extraction failed ({type(e).__name__}: {e}); "
                        "the text is indexed without facts")[:300]
    if getattr(result, "ocr", None):  # where the text came from (reader ocr, mean confidence)
        facts["metadata"].update(result.ocr)
    sha = doc_id if doc_id is not None and pre is not None else doc_id_for(data)
    out.update(
        status="indexed", sha=sha, encoding=result.encoding, reader=result.reader,
        record={"doc_id": sha, "path": path, "original": result.text, "text": text, **facts},
    )
    return _done(out)


def check_facts(facts: dict) -> None:
    """Raise if the facts lack what the index and the catalog store, so a
    rule that returns a malformed fact fails here, for this file alone,
    not later in the parent where it would stop the whole ingest."""
    import json

    meta = facts["metadata"]
    if not isinstance(meta, dict):
        raise TypeError("metadata is not a mapping")
    date = meta.get("date")
    if date:
        int(date[:4])
    json.dumps(meta, ensure_ascii=False)
    for a in facts["amounts"]:
        int(round(float(a["amount_yuan"])))
        for key in ("text", "kind", "recipient", "program", "per", "evidence", "start", "end"):
            a[key]
    for c in facts["companies"]:
        c["name"], c["mentions"]
        list(c["aliases"])
    for p in facts["programs"]:
        p["name"], p["mentions"]


def _done(out: dict) -> dict:
    out["doc_id"] = out.get("sha")
    return out
