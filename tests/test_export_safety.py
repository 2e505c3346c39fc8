"""Issue 13 items 10 and 11: exports that are safe to open in a spreadsheet,
and ``--output`` that behaves like any other tool's."""
from __future__ import annotations

import csv
import io
import json
import os
import stat

import pytest

REPLY = "对第{n}号建议的答复\n\n王五代表：\n\n编号{n:05d}的回复正文，青川钢铁集团获批专项资金 {n} 万元。\n"


@pytest.fixture
def hostile(cli, tmp_path, monkeypatch):
    folder = tmp_path / "replies"
    folder.mkdir()
    (folder / "-2+3.txt").write_text(REPLY.format(n=1), encoding="utf-8")
    (folder / "=1+2.txt").write_bytes(b"")  # fails: its path lands in `errors`
    (folder / "@SUM(A1).txt").write_bytes(b"")
    r = cli("-q", "ingest", folder, "--workers", 1)
    assert r.rc == 2
    monkeypatch.chdir(folder)  # paths print relative, so they start with the name
    return folder


def rows(text, delimiter=","):
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def test_csv_and_tsv_cells_that_start_a_formula_get_an_apostrophe(cli, hostile):
    r = cli("errors", "--format", "csv")
    paths = [row[0] for row in rows(r.stdout)[1:]]
    assert paths == ["'=1+2.txt", "'@SUM(A1).txt"]
    r = cli("export", "documents", "--format", "tsv")
    assert rows(r.stdout, "\t")[1][0] == "'-2+3.txt"
    r = cli("export", "documents", "--format", "csv", "--output", hostile / "d.csv")
    assert rows((hostile / "d.csv").read_text(encoding="utf-8-sig"))[1][0] == "'-2+3.txt"


def test_raw_and_json_are_exact(cli, hostile):
    r = cli("errors", "--format", "csv", "--raw")
    assert [row[0] for row in rows(r.stdout)[1:]] == ["=1+2.txt", "@SUM(A1).txt"]
    r = cli("--raw", "export", "documents", "--format", "csv")
    assert rows(r.stdout)[1][0] == "-2+3.txt"
    r = cli("export", "documents", "--format", "jsonl")
    assert json.loads(r.stdout)["path"] == "-2+3.txt"


def test_neutralise():
    from replycli.cli.output import neutralise

    for cell in ("=HYPERLINK(\"x\")", "+1", "-1", "@A1", "\tx", "\rx"):
        assert neutralise(cell) == "'" + cell
    for cell in ("", "青川", "1-2", "a=b"):
        assert neutralise(cell) == cell


def test_output_file_honours_the_umask(ecli, tmp_path):
    old = os.umask(0o022)
    try:
        r = ecli("export", "documents", "--output", tmp_path / "docs.jsonl")
    finally:
        os.umask(old)
    assert r.rc == 0
    assert stat.S_IMODE((tmp_path / "docs.jsonl").stat().st_mode) == 0o644


def test_output_into_a_missing_folder_is_one_line(ecli, tmp_path):
    target = tmp_path / "nope" / "docs.csv"
    r = ecli("export", "documents", "--format", "csv", "--output", target)
    assert r.rc == 2
    assert r.stderr.strip() == f"replycli: --output {target}: the folder {target.parent} does not exist"
