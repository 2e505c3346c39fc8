"""Issue 13: no lost or doubled document, no hang, no silent corruption.

Real files in tmp_path, a real index, real CLI runs; subprocesses where a
process must be killed.
"""
from __future__ import annotations

import json
import os

import pytest

REPLY = "对第{n}号建议的答复\n\n王五代表：\n\n编号{n:05d}的回复正文，{extra}青川钢铁集团获批专项资金 {n} 万元。\n"


def write_many(folder, n, start=0, extra=""):
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        (folder / f"r{i:04d}.txt").write_text(REPLY.format(n=i, extra=extra), encoding="utf-8")


def ingest_json(cli, *args):
    r = cli("ingest", *args, "--format", "json")
    return r, json.loads(r.stdout)


def hits(cli, query):
    r, rows = cli.jsonl("search", query, "--limit", "0")
    return rows


# -- item 1: a valid file is not lost to a failing identical copy -------------

@pytest.mark.parametrize("workers", [1, 2])
def test_good_file_is_indexed_when_an_identical_copy_fails_first(cli, tmp_path, workers):
    folder = tmp_path / "replies"
    write_many(folder / "b-more", 70)  # >= 64 files: the parallel path
    text = "对第9号提案的答复\n\n李四委员：\n\n独一无二的凤凰岭隧道项目获批资金 300 万元。\n".encode()
    bad = os.path.join(os.fsencode(folder / "a-first"), "报告".encode("gbk") + b".txt")
    os.makedirs(os.path.dirname(bad))
    with open(bad, "wb") as f:  # walked first, rejected for its name
        f.write(text)
    (folder / "c-good").mkdir()
    (folder / "c-good" / "good.txt").write_bytes(text)
    r, s = ingest_json(cli, folder, "--workers", workers)
    assert s["indexed"] == 71 and s["duplicates"] == 0
    assert r.rc == 2 and s["failed"] == 1 and "UTF-8" in s["failures"][0]["reason"]
    (hit,) = hits(cli, "凤凰岭隧道")
    assert hit["path"].endswith("good.txt")
    r, s = ingest_json(cli, folder, "--workers", workers)
    assert s["unchanged"] == 71 and s["indexed"] == 0
    assert len(hits(cli, "凤凰岭隧道")) == 1


@pytest.mark.parametrize("workers", [1, 2])
def test_identical_copies_are_one_document_with_every_path(cli, tmp_path, workers):
    folder = tmp_path / "replies"
    write_many(folder, 66)
    for name in ("copy1.txt", "copy2.txt"):
        (folder / name).write_bytes((folder / "r0005.txt").read_bytes())
    r, s = ingest_json(cli, folder, "--workers", workers)
    assert r.rc == 0 and (s["indexed"], s["duplicates"]) == (66, 2)
    (hit,) = hits(cli, "编号00005")
    r = cli("show", hit["doc_id"], "--format", "json", "--no-text")
    assert sorted(os.path.basename(p) for p in json.loads(r.stdout)["paths"]) == ["copy1.txt", "copy2.txt",
                                                                                  "r0005.txt"]


# -- item 3: a bug in an extraction rule does not drop a readable file ---------

def test_extraction_bug_keeps_the_text_searchable(cli, tmp_path, monkeypatch):
    import replycli.extract as extract

    real = extract.understand

    def buggy(text):
        if "出错" in text:
            raise IndexError("list index out of range")
        return real(text)

    monkeypatch.setattr(extract, "understand", buggy)
    folder = tmp_path / "replies"
    write_many(folder, 3)
    write_many(folder, 1, start=7, extra="规则出错的")
    r, s = ingest_json(cli, folder, "--workers", 1)
    assert s["indexed"] == 4 and s["failed"] == 0
    assert r.rc == 2
    (w,) = s["warnings"]
    assert w["path"].endswith("r0007.txt") and "fact extraction failed (IndexError" in w["reason"]
    (hit,) = hits(cli, "规则出错")
    assert hit["path"].endswith("r0007.txt")
    r = cli("errors", "--format", "jsonl")
    assert r.rc == 0 and "r0007.txt" in r.stdout and "fact extraction failed" in r.stdout
    # the others keep their facts
    r, rows = cli.jsonl("funding")
    assert {os.path.basename(row["path"]) for row in rows} == {"r0001.txt", "r0002.txt"}
    # fixed rule: the next run reads the file again and extracts its facts
    monkeypatch.setattr(extract, "understand", real)
    r, s = ingest_json(cli, folder, "--workers", 1)
    assert r.rc == 0 and s["indexed"] == 1 and s["unchanged"] == 3
    assert cli("errors").rc == 1
    r, rows = cli.jsonl("funding")
    assert "r0007.txt" in {os.path.basename(row["path"]) for row in rows}


# -- item 4: a FIFO never blocks ingest ----------------------------------------

def test_fifo_named_txt_is_skipped_with_a_reason(tmp_path):
    from conftest import run_subprocess

    folder = tmp_path / "replies"
    write_many(folder, 2)
    os.mkfifo(folder / "x.txt")
    index = tmp_path / "index"
    r = run_subprocess("ingest", folder, "--index", index, "--format", "json", timeout=60)
    s = json.loads(r.stdout)
    assert r.returncode == 2 and s["indexed"] == 2
    (f,) = s["failures"]
    assert f["path"].endswith("x.txt") and f["reason"] == "not a regular file (a named pipe (FIFO)); skipped"
    # given by name, too
    r = run_subprocess("ingest", folder / "x.txt", "--index", index, "--format", "json", timeout=60)
    assert r.returncode == 2 and "named pipe" in r.stdout


def test_reader_never_blocks_on_a_fifo(tmp_path):
    """Even a FIFO that appears after discovery (reading opens non-blocking)."""
    from replycli.ingest.process import process_file

    os.mkfifo(tmp_path / "late.txt")
    res = process_file((str(tmp_path / "late.txt"), str(tmp_path), 10**6))
    assert res["status"] == "failed" and "named pipe" in res["error"]


# -- item 5: a zip bomb .docx is refused after a bounded amount of work --------

def _bomb(path, inflated: int):
    import zipfile

    from makefiles import W_NS

    head = f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(head)
            block = "钢".encode() * (1 << 18)
            for _ in range(inflated // len(block) + 1):
                f.write(block)
    return path


def test_zip_bomb_docx_is_a_one_line_error(tmp_path, cli):
    from replycli.errors import ReadError
    from replycli.ingest.readers.docx import MAX_INFLATED, read_docx

    bomb = _bomb(tmp_path / "bomb.docx", MAX_INFLATED + (4 << 20))
    assert bomb.stat().st_size < 1 << 20
    with pytest.raises(ReadError, match=r"inflates to .* bytes \(limit 33,554,432; a zip bomb\?\)"):
        read_docx(bomb, bomb.read_bytes())
    folder = tmp_path / "replies"
    write_many(folder, 1)
    bomb.rename(folder / "bomb.docx")
    r, s = ingest_json(cli, folder, "--workers", 1)
    assert r.rc == 2 and s["indexed"] == 1
    (f,) = s["failures"]
    assert f["path"].endswith("bomb.docx") and "zip bomb" in f["reason"] and "\n" not in f["reason"]



# -- item 7: workers die with their parent; the lock does not outlive it -------

def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _wait(predicate, seconds=30.0):
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="needs /proc")
@pytest.mark.parametrize("sig", ["SIGKILL", "SIGTERM"])
def test_worker_on_a_long_file_dies_with_the_parent(tmp_path, sig):
    import signal
    import subprocess
    import sys

    folder = tmp_path / "replies"
    write_many(folder, 70)
    index = tmp_path / "index"
    mark = tmp_path / "hanging"
    cmd = [sys.executable, "-m", "replycli", "-q", "ingest", str(folder), "--index", str(index), "--workers", "2"]
    env = dict(os.environ, REPLYCLI_FAULT="hang-reading:r0003.txt", REPLYCLI_FAULT_MARK=str(mark))
    parent = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert _wait(mark.exists), "the worker never reached the long file"
        worker = int(mark.read_text())
        assert worker != parent.pid and _alive(worker)
        parent.send_signal(getattr(signal, sig))
        parent.wait(timeout=30)
        assert _wait(lambda: not _alive(worker), 10), "the worker outlived its parent"
    finally:
        parent.kill()
    # the lock went with them: a re-run starts at once and finishes the job
    from replycli.index.store import IngestLock
    from replycli.ingest.pipeline import ingest

    with IngestLock(index):
        pass
    assert ingest([folder], index, workers=2).indexed == 70


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="needs /proc")
def test_converter_timeout_kills_its_whole_process_group(tmp_path):
    import subprocess

    from replycli.ingest.lifetime import run_group

    pidfile = tmp_path / "grandchild"
    with pytest.raises(subprocess.TimeoutExpired):
        run_group(["sh", "-c", f"sleep 60 & echo $! > {pidfile}; wait"], timeout=1)
    grandchild = int(pidfile.read_text())
    assert _wait(lambda: not _alive(grandchild), 10)


@pytest.mark.parametrize("workers", [1, 2])
def test_malformed_fact_fails_its_file_alone(cli, tmp_path, monkeypatch, workers):
    """A rule that returns a fact without a field the catalog stores: the file
    is indexed without facts, the run goes on (also with workers)."""
    import replycli.extract as extract

    real = extract.understand

    def malformed(text):
        facts = real(text)
        if "残缺" in text:
            facts["amounts"] = [{"amount_yuan": "10000"}]  # no evidence, offsets...
        return facts

    monkeypatch.setattr(extract, "understand", malformed)
    folder = tmp_path / "replies"
    write_many(folder, 64)
    write_many(folder, 1, start=70, extra="残缺的")
    r, s = ingest_json(cli, folder, "--workers", workers)
    assert s["indexed"] == 65 and s["failed"] == 0
    (w,) = s["warnings"]
    assert w["path"].endswith("r0070.txt") and "fact extraction failed (KeyError" in w["reason"]
    assert len(hits(cli, "残缺的青川")) == 1


@pytest.mark.parametrize("fault", ["die-reading", "die-sending"])
def test_worker_killed_on_a_file_fails_that_file_alone(tmp_path, fault):
    """A worker killed while reading one file (the OOM killer, a crash in a C
    library), even halfway through sending its result: no hang, the run
    starts again from its last commit without that file."""
    import subprocess
    import sys

    folder = tmp_path / "replies"
    write_many(folder, 70)
    index = tmp_path / "index"
    cmd = [sys.executable, "-m", "replycli", "ingest", str(folder), "--index", str(index), "--workers", "2",
           "--format", "json"]
    env = dict(os.environ, REPLYCLI_FAULT=f"{fault}:r0033.txt")
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    s = json.loads(r.stdout)
    assert r.returncode == 2 and s["indexed"] == 69, r.stderr
    (f,) = s["failures"]
    assert f["path"].endswith("r0033.txt")
    assert f["reason"] == "the reader crashed on this file (its process was killed by signal 9)"
    from replycli.ingest.pipeline import ingest

    s = ingest([folder], index, workers=2)  # without the fault
    assert not s.failed and (s.indexed, s.unchanged) == (1, 69)


def test_read_bytes_is_exact_and_bounded(tmp_path):
    from replycli.errors import ReadError
    from replycli.ingest.process import read_bytes

    p = tmp_path / "a.txt"
    for size in (0, 1, 4095, 4096, 70_000):
        p.write_bytes(b"x" * size)
        data, st = read_bytes(str(p), 70_000)
        assert data == b"x" * size and st.st_size == size
    p.write_bytes(b"x" * 70_001)
    with pytest.raises(ReadError, match="file too large"):
        read_bytes(str(p), 70_000)
