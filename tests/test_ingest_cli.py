"""Ingest through the real CLI: encodings, bad files, re-runs, pruning, locking."""
import json
import os

import pytest

from conftest import run_subprocess

REPLY = """对市政协十四届二次会议第 {n} 号提案的答复

高鹏委员：

您提出的《关于{topic}的建议》收悉，现答复如下：

{body}

抚顺市工业和信息化局

2023年3月14日
"""


def write(path, n, topic, body, encoding="utf-8"):
    path.write_bytes(REPLY.format(n=n, topic=topic, body=body).encode(encoding))
    return path


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "replies"
    (d / "sub").mkdir(parents=True)
    write(d / "a.txt", 1, "钢铁", "抚顺新钢铁有限责任公司获批资金 200 万元。")
    write(d / "b-gb.txt", 2, "化工", "辽宁华丰民用化工发展有限公司获得补助 50 万元。", "gb18030")
    write(d / "sub" / "c-bom.txt", 3, "农业", "高标准农田建设补助资金二百万元。", "utf-8-sig")
    write(d / "sub" / "d-16.txt", 4, "交通", "农村公路养护补助 1,250万元。", "utf-16")
    return d


def summary(cli, *args):
    r = cli("ingest", *args, "--format", "json")
    return r, json.loads(r.stdout)


def test_ingest_each_encoding_and_search_finds_them(cli, folder):
    r, s = summary(cli, folder)
    assert r.rc == 0, r
    assert s["indexed"] == 4 and s["failed"] == 0
    for query, name in [("新钢铁", "a.txt"), ("华丰民用化工", "b-gb.txt"), ("二百万元", "c-bom.txt"),
                        ("农村公路养护", "d-16.txt")]:
        r, hits = cli.jsonl("search", query)
        assert r.rc == 0 and [os.path.basename(h["path"]) for h in hits] == [name], (query, hits)


def test_reingest_same_folder_adds_nothing(cli, folder):
    summary(cli, folder)
    r, s = summary(cli, folder)
    assert (s["indexed"], s["unchanged"]) == (0, 4)
    r, hits = cli.jsonl("search", "补助", "--limit", "0")
    assert len(hits) == len({h["doc_id"] for h in hits}) == 3


def test_changed_file_is_reindexed_in_place_and_deleted_file_pruned(cli, folder):
    summary(cli, folder)
    write(folder / "a.txt", 1, "钢铁", "抚顺特钢获批资金 300 万元。")
    os.utime(folder / "a.txt", ns=(1, 10**18))
    (folder / "b-gb.txt").unlink()
    r, s = summary(cli, folder)
    assert (s["indexed"], s["unchanged"], s["removed"]) == (1, 2, 1)
    assert cli.jsonl("search", "新钢铁")[1] == []
    assert len(cli.jsonl("search", "抚顺特钢")[1]) == 1
    assert cli("search", "华丰").rc == 1


def test_no_prune_keeps_documents_of_missing_files(cli, folder):
    summary(cli, folder)
    (folder / "a.txt").unlink()
    r, s = summary(cli, folder, "--no-prune")
    assert s["removed"] == 0 and s["stale"] == 1
    assert cli("search", "新钢铁").rc == 0


def test_duplicate_content_indexed_once(cli, folder):
    (folder / "copy.txt").write_bytes((folder / "a.txt").read_bytes())
    r, s = summary(cli, folder)
    assert s["indexed"] == 4 and s["duplicates"] == 1
    assert len(cli.jsonl("search", "新钢铁")[1]) == 1


def test_bad_files_are_reported_and_the_rest_indexed(cli, folder):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "cut.txt").write_bytes(("抚顺钢铁" * 10).encode()[:-1])
    (folder / "fake.pdf").write_bytes("不是PDF".encode())
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "self.txt").symlink_to(folder / "self.txt")
    r, s = summary(cli, folder)
    assert r.rc == 2  # an error occurred (1 would mean "nothing found")
    assert s["indexed"] == 4
    reasons = {os.path.basename(f["path"]): f["reason"] for f in s["failures"]}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["junk.txt"]
    assert "truncated" in reasons["cut.txt"]
    assert "not a valid pdf" in reasons["fake.pdf"]
    assert "loop" in reasons["loop"]
    assert "loop" in reasons["self.txt"]
    errs = cli("errors", "--format", "jsonl")
    assert errs.rc == 0 and len(errs.stdout.splitlines()) == len(reasons)


def test_size_limit_and_permission(cli, folder, monkeypatch):
    big = folder / "big.txt"
    big.write_text("钢铁" * 5000, encoding="utf-8")
    r, s = summary(cli, folder, "--max-bytes", "5000")
    assert any("too large" in f["reason"] for f in s["failures"])
    if os.geteuid() != 0:  # root reads everything
        locked = folder / "locked.txt"
        locked.write_text("钢铁", encoding="utf-8")
        locked.chmod(0)
        r, s = summary(cli, folder)
        assert any("permission" in f["reason"] for f in s["failures"])


def test_non_utf8_file_name(cli, tmp_path):
    d = tmp_path / "names"
    d.mkdir()
    name = "报告".encode("gbk") + b".txt"
    with open(os.path.join(os.fsencode(d), name), "wb") as f:
        f.write("抚顺新钢铁获批资金 200 万元".encode())
    write(d / "ok.txt", 9, "钢铁", "新钢铁")
    r, s = summary(cli, d)
    assert s["indexed"] == 1 and len(s["failures"]) == 1
    assert "not valid UTF-8" in s["failures"][0]["reason"]


def test_one_failure_keeps_what_was_indexed(cli, folder):
    summary(cli, folder)
    (folder / "a.txt").write_bytes(b"\x00\x01binary now")
    r, s = summary(cli, folder)
    assert r.rc == 2
    # b, c, d are untouched and still found
    assert cli("search", "华丰民用化工").rc == 0


def test_index_location_from_environment(tmp_path, folder):
    index = tmp_path / "env-index"
    r = run_subprocess("ingest", folder, "-q", env={"REPLYCLI_INDEX": str(index)})
    assert r.returncode == 0, r.stderr
    assert (index / "whoosh").is_dir()
    r = run_subprocess("search", "新钢铁", "--format", "jsonl", env={"REPLYCLI_INDEX": str(index)})
    assert r.returncode == 0 and "a.txt" in r.stdout


def test_schema_version_mismatch_tells_what_to_run(cli, folder):
    summary(cli, folder)
    import sqlite3

    db = sqlite3.connect(cli.index / "catalog.sqlite")
    db.execute("UPDATE info SET value='999' WHERE key='schema_version'")
    db.commit()
    db.close()
    r = cli("export", "documents")
    assert r.rc == 2 and "--rebuild" in r.stderr and "schema version 999" in r.stderr
    r, s = summary(cli, folder, "--rebuild")
    assert s["indexed"] == 4


def test_second_concurrent_ingest_refuses(cli, folder):
    from replycli.index.store import IngestLock

    cli.index.mkdir(parents=True)
    with IngestLock(cli.index):
        r = cli("ingest", folder)
    assert r.rc == 2 and "another replycli ingest" in r.stderr


def test_missing_path_and_missing_index(cli, tmp_path):
    r = cli("search", "钢铁")
    assert r.rc == 2 and "no replycli index" in r.stderr
    r = cli("ingest", tmp_path / "nope")
    assert r.rc == 2 and "no such file" in r.stderr
    assert "1 files not indexed" in r.stderr


def test_parallel_ingest_matches_sequential(tmp_path, monkeypatch):
    """Workers index into segments of their own (split here every few hundred
    postings): the result equals a one-process ingest, duplicates are indexed
    once, and --force and a changed file leave one document per content."""
    from conftest import CLI
    from replycli.index import writing

    monkeypatch.setattr(writing, "SEGMENT_POSTINGS", 3000)  # forked workers inherit it
    d = tmp_path / "many"
    d.mkdir()
    for i in range(90):
        write(d / f"r{i:03d}.txt", i, f"课题{i}", f"编号{i:03d}，青川钢铁集团获批专项资金 {i} 万元。")
    for i in range(5):  # same bytes as r000..r004
        (d / f"copy{i}.txt").write_bytes((d / f"r{i:03d}.txt").read_bytes())
    par, seq = CLI(tmp_path / "par"), CLI(tmp_path / "seq")
    s = summary(par, d, "--workers", "2")[1]
    assert (s["indexed"], s["duplicates"]) == (90, 5)
    assert len(list((tmp_path / "par" / "whoosh").glob("*_stored.col"))) > 2  # several worker segments
    assert summary(seq, d, "--workers", "1")[1]["indexed"] == 90

    def hits(cli, q):
        # ties are ordered by document number, which differs between layouts
        return sorted((os.path.basename(h["path"]), h["score"]) for h in cli.jsonl("search", q, "--limit", "0")[1])

    for q in ("青川钢铁", "编号007", "专项资金 -编号001", "课题8"):
        assert hits(par, q) == hits(seq, q), q
    assert len(hits(par, "青川钢铁")) == 90

    s = summary(par, d, "--workers", "2", "--force")[1]
    assert s["indexed"] == 90
    write(d / "r050.txt", 50, "课题50", "编号050，内容已修改为高标准农田。")
    assert summary(par, d, "--workers", "2")[1]["indexed"] == 1
    assert len(hits(par, "青川钢铁")) == 89
    assert [h[0] for h in hits(par, "高标准农田")] == ["r050.txt"]
    assert par("search", "编号050 青川钢铁").rc == 1


def test_repeated_parallel_runs_do_not_pile_up_segments(tmp_path, cli):
    d = tmp_path / "grow"
    d.mkdir()
    counts = []
    for run in range(6):
        for i in range(70):
            write(d / f"run{run}-{i:02d}.txt", i, f"批次{run}", f"第{run}批第{i}件，青川钢铁集团。")
        assert summary(cli, d, "--workers", "2")[1]["indexed"] == 70
        counts.append(len(list((cli.index / "whoosh").glob("*_stored.col"))))
    # Whoosh's merge policy folds small segments together once enough pile up
    assert counts[-1] < max(counts) <= 2 * 6, counts
    assert len(cli.jsonl("search", "青川钢铁", "--limit", "0")[1]) == 420


@pytest.mark.parametrize("workers", [1, 2])
def test_each_file_is_read_once(tmp_path, monkeypatch, workers):
    """The parent reads and hashes each file once and hands its bytes to the
    worker: no file is opened a second time (forked workers inherit the
    patched reader, and log to a file the parent can count)."""
    from replycli.ingest import pipeline, process
    from replycli.ingest.pipeline import ingest

    log = tmp_path / "reads.log"
    real = process.read_bytes

    def counting(path, max_bytes):
        with open(log, "a", encoding="utf-8") as f:
            f.write(path + "\n")
        return real(path, max_bytes)

    monkeypatch.setattr(process, "read_bytes", counting)
    monkeypatch.setattr(pipeline, "read_bytes", counting)
    d = tmp_path / "many"
    d.mkdir()
    for i in range(pipeline.PARALLEL_MIN + 6):
        write(d / f"r{i:03d}.txt", i, f"课题{i}", f"编号{i:03d}，青川钢铁集团获批专项资金 {i} 万元。")
    (d / "copy.txt").write_bytes((d / "r000.txt").read_bytes())
    s = ingest([str(d)], tmp_path / "ix", workers=workers)
    assert (s.indexed, s.duplicates, s.failed) == (pipeline.PARALLEL_MIN + 6, 1, [])
    reads = log.read_text(encoding="utf-8").splitlines()
    assert len(reads) == pipeline.PARALLEL_MIN + 7
    assert len(set(reads)) == len(reads)
