"""kill -9 in the middle of an ingest leaves a usable index; a re-run finishes
the job with exactly one document per file."""
import os
import signal
import subprocess
import sys
import time

from replycli.ingest.process import process_file

BODY = "对第{n}号提案的答复\n\n张三委员：\n\n编号{n:05d}的回复正文,青川钢铁集团获批专项资金 {n} 万元。\n" + "继续推进各项工作。" * 40


def test_sigkill_midway_then_rerun(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    n = 400
    for i in range(n):
        (folder / f"r{i:04d}.txt").write_text(BODY.format(n=i), encoding="utf-8")
    index = tmp_path / "index"
    env = dict(os.environ, REPLYCLI_COMMIT_EVERY="40")
    cmd = [sys.executable, "-m", "replycli", "-q", "ingest", str(folder), "--index", str(index), "--workers", "2"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    # Kill once at least one batch is committed, well before the end.
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        toc = list((index / "whoosh").glob("*.toc")) if (index / "whoosh").exists() else []
        if any(not t.name.endswith("_0.toc") for t in toc):
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()

    # The index opens and searches after the kill.
    r = subprocess.run([sys.executable, "-m", "replycli", "search", "青川钢铁", "--index", str(index),
                        "--format", "jsonl", "--limit", "0"], capture_output=True, text=True)
    assert r.returncode in (0, 1), r.stderr
    partial = len(r.stdout.splitlines())
    assert partial < n  # it really was interrupted

    r = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([sys.executable, "-m", "replycli", "search", "青川钢铁", "--index", str(index),
                        "--format", "jsonl", "--limit", "0"], capture_output=True, text=True)
    import json

    hits = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(hits) == n == len({h["path"] for h in hits})
    # each document carries its own text
    for i in (0, 137, n - 1):
        r = subprocess.run([sys.executable, "-m", "replycli", "search", f"编号{i:05d}", "--index", str(index),
                            "--format", "jsonl"], capture_output=True, text=True)
        (hit,) = [json.loads(x) for x in r.stdout.splitlines()]
        assert hit["path"].endswith(f"r{i:04d}.txt")


def test_file_vanishing_mid_run(tmp_path):
    res = process_file((str(tmp_path / "gone.txt"), str(tmp_path), 10**6))
    assert res["status"] == "failed" and res["error"] == "file vanished while reading"
