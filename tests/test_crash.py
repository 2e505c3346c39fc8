"""Killing the ingest at exact points (test-only hook REPLYCLI_FAULT), then
re-running at once: every file once, no doubled hit, nothing lost."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

N = 70  # >= 64: the parallel path
BODY = "对第{n}号建议的答复\n\n赵六代表：\n\n编号{n:05d}的回复正文，凤鸣湖湿地公园获批资金 {n} 万元。\n"


def replycli(*args, env=None):
    full = dict(os.environ, REPLYCLI_COMMIT_EVERY="20")
    full.pop("REPLYCLI_FAULT", None)
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "replycli", *map(str, args)], capture_output=True, text=True,
                          env=full, timeout=120)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash") / "replies"
    folder.mkdir()
    for i in range(N):
        (folder / f"r{i:04d}.txt").write_text(BODY.format(n=i), encoding="utf-8")
    return folder


def ingest(folder, index, workers=1):
    from replycli.ingest.pipeline import ingest as run

    s = run([folder], index, workers=workers)
    assert not s.failed, s.failed
    return s


def assert_whole(folder, index):
    from replycli import facts
    from replycli.ingest.check import check
    from replycli.index.searching import search

    hits = list(search(index, "凤鸣湖湿地", limit=0))
    assert len(hits) == N, f"{len(hits)} hits for {N} files"
    assert len({h.path for h in hits}) == len({h.doc_id for h in hits}) == N
    stats = facts.stats(index)
    assert stats["documents"] == stats["files"] == N
    report = check(index)
    assert not report.problems, report.problems


@pytest.mark.parametrize("point,workers", [
    ("kill-before-whoosh-commit:2", 2),
    ("kill-after-whoosh-commit:1", 2),
    ("kill-after-whoosh-commit:2", 1),
    ("kill-after-catalog-commit:1", 2),
])
def test_kill_at_a_commit_point_then_rerun(corpus, tmp_path, point, workers):
    index = tmp_path / "index"
    r = replycli("-q", "ingest", corpus, "--index", index, "--workers", workers, env={"REPLYCLI_FAULT": point})
    assert r.returncode == -9, r.stderr  # killed where asked
    ingest(corpus, index, workers)
    assert_whole(corpus, index)


def test_lost_catalog_then_reingest_doubles_nothing(corpus, tmp_path):
    index = tmp_path / "index"
    ingest(corpus, index)
    for name in ("catalog.sqlite", "catalog.sqlite-wal", "catalog.sqlite-shm"):
        if (index / name).exists():
            (index / name).unlink()
    ingest(corpus, index)
    assert_whole(corpus, index)


def test_catalog_from_another_index_is_reconciled(corpus, tmp_path):
    """A catalog restored from an older backup: Whoosh holds more than it knows."""
    index = tmp_path / "index"
    half = tmp_path / "half"
    shutil.copytree(corpus, half)
    for p in sorted(half.iterdir())[N // 2:]:
        p.unlink()
    ingest(half, index)
    backup = tmp_path / "catalog.bak"
    shutil.copy(index / "catalog.sqlite", backup)
    for p in sorted(corpus.iterdir())[N // 2:]:
        shutil.copy(p, half / p.name)
    ingest(half, index)
    for name in ("catalog.sqlite-wal", "catalog.sqlite-shm"):
        if (index / name).exists():
            (index / name).unlink()
    shutil.copy(backup, index / "catalog.sqlite")
    ingest(half, index)
    assert_whole(half, index)
