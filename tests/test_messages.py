"""Issue 13, "Messages": each case is a one-line error with exit 2 (or the
documented behaviour), never a traceback or a silent wrong answer."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import EXAMPLES


def one_line_error(r, *needles):
    assert r.rc == 2, r
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("replycli: "), r.stderr
    assert "Traceback" not in r.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


@pytest.mark.parametrize("args,needle", [
    (["export", "documents", "--kind", "bogus"], "--kind must be 提案, 建议 or other, not 'bogus'"),
    (["export", "search", "钢铁", "--kind", "bogus"], "--kind must be"),
    (["export", "amounts", "--kind", "bogus"], "--kind must be grant, tax, loan, investment or other"),
    (["export", "documents", "--result", "Z"], "--result must be A, B, C or D"),
    (["export", "documents", "--year", "abc"], "--year: expected a year or a range"),
    (["export", "amounts", "--year", "2023..2021"], "the range is empty"),
    (["funding", "--year", "20x3"], "--year: expected"),
    (["export", "documents", "--encoding", "klingon"], "unknown encoding 'klingon'"),
])
def test_bad_options(ecli, args, needle):
    one_line_error(ecli(*args), needle)


def test_encoding_failure_into_a_file_leaves_no_file(ecli, tmp_path):
    out = tmp_path / "docs.csv"
    one_line_error(ecli("export", "documents", "--format", "csv", "--encoding", "ascii", "--output", out),
                   "cannot write", "(row 1)")
    assert list(tmp_path.iterdir()) == []


def test_encoding_failure_on_stdout(examples_index):
    from conftest import run_subprocess

    r = run_subprocess("export", "documents", "--encoding", "ascii", "--index", examples_index)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines()[-1].startswith("replycli: --encoding ascii: cannot write")


def test_search_minus_word_suggests_double_dash(ecli):
    one_line_error(ecli("search", "-补贴"), "No such option", "replycli search -- -补")


def test_global_flag_after_double_dash_is_a_query(ecli):
    r = ecli("--raw", "export", "documents", "--format", "csv")
    assert r.rc == 0
    r = ecli("search", "--", "-q")
    assert "No such option" not in r.stderr


@pytest.mark.parametrize("env,needle", [
    ({"REPLYCLI_WORKERS": "abc"}, "REPLYCLI_WORKERS: expected a number of worker processes"),
    ({"REPLYCLI_MAX_BYTES": "-1"}, "REPLYCLI_MAX_BYTES: expected a size in bytes"),
    ({"REPLYCLI_CONFIG": "/nonexistent/replycli.toml"}, "REPLYCLI_CONFIG=/nonexistent/replycli.toml: no such"),
])
def test_bad_settings_in_the_environment(cli, tmp_path, env, needle):
    one_line_error(cli("ingest", tmp_path, env=env), needle)


@pytest.mark.parametrize("line,needle", [
    ('workers = "abc"', "workers in "),
    ("max_file_bytes = -1", "max_file_bytes in "),
    ("workers = 0", "expected a number of worker processes (1 or more), not 0"),
])
def test_bad_settings_in_the_config_file(cli, tmp_path, line, needle):
    conf = tmp_path / "replycli.toml"
    conf.write_text(line + "\n", encoding="utf-8")
    one_line_error(cli("ingest", tmp_path, env={"REPLYCLI_CONFIG": str(conf)}), needle)


def test_bad_workers_option(cli, tmp_path):
    one_line_error(cli("ingest", tmp_path, "--workers", "0"), "--workers: expected")


def test_relink_with_a_missing_dictionary(ecli, tmp_path):
    one_line_error(ecli("relink", "--dict", tmp_path / "nope.txt"), "--dict: no such dictionary file")


def test_utf16_without_bom_is_read(cli, tmp_path):
    folder = tmp_path / "replies"
    folder.mkdir()
    text = "对第3号提案的答复\n\n李四委员：\n\n白鹭洲大桥维修补助资金 80 万元。\n"
    (folder / "le.txt").write_bytes(text.encode("utf-16-le"))
    (folder / "be.txt").write_bytes(text.replace("白鹭洲", "黄鹤洲").encode("utf-16-be"))
    r = cli("ingest", folder, "--format", "json")
    s = json.loads(r.stdout)
    assert r.rc == 0 and s["indexed"] == 2, s
    assert len(cli.jsonl("search", "白鹭洲大桥")[1]) == 1
    assert len(cli.jsonl("search", "黄鹤洲大桥")[1]) == 1


def test_show_percent_is_not_a_wildcard_and_ambiguous_names_are_an_error(cli, tmp_path):
    folder = tmp_path / "replies"
    for sub in ("a", "b"):
        (folder / sub).mkdir(parents=True)
        shutil.copy(EXAMPLES / "01-gxj-2024-41.txt", folder / sub / "same-name.txt")
    (folder / "b" / "same-name.txt").write_text(
        (EXAMPLES / "02-nyj-2023-118.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert cli("-q", "ingest", folder).rc == 0
    r = cli("show", "%")
    assert r.rc == 1 and "no document matches '%'" in r.stderr
    one_line_error(cli("show", "same-name.txt"), "matches 2 documents", "give the path or the doc_id")
    r = cli("show", folder / "a" / "same-name.txt", "--format", "json", "--no-text")
    assert r.rc == 0 and json.loads(r.stdout)["path"].endswith("a/same-name.txt")
