"""show, stats, export, funding, companies/company, programs/program on the examples."""
import csv
import io
import json
import os
from decimal import Decimal

from conftest import run_subprocess


def test_show_by_name_id_and_doc_number(ecli):
    r = ecli("show", "01-gxj-2024-41.txt", "--format", "json")
    assert r.rc == 0
    d = json.loads(r.stdout)
    assert d["doc_number"] == "青工信〔2024〕7号" and d["proposers"] == ["王晓东"]
    assert "青川钢铁" in d["text"] and d["outline"][0].startswith("一、")
    assert json.loads(ecli("show", d["doc_id"], "--format", "json").stdout)["doc_id"] == d["doc_id"]
    assert json.loads(ecli("show", "青工信〔2024〕7号", "--format", "json").stdout)["doc_id"] == d["doc_id"]
    assert ecli("show", "nothing-like-this").rc == 1
    table = ecli("show", "01-gxj-2024-41.txt")
    assert table.rc == 0 and "签发人" in table.stdout and "李明远" in table.stdout


def test_stats(ecli):
    r = ecli("stats", "--format", "json")
    s = json.loads(r.stdout)
    assert s["documents"] == 7
    assert {x["value"]: x["documents"] for x in s["by_kind"]} == {"建议": 3, "提案": 4}
    assert sum(x["documents"] for x in s["by_year"]) == 7
    assert "by issuer" in ecli("stats").stdout


def test_export_documents_formats_agree(ecli):
    r, rows = ecli.jsonl("export", "documents")
    assert len(rows) == 7 and all(os.path.isabs(x["path"]) for x in rows)
    c = ecli("export", "documents", "--format", "csv")
    back = list(csv.DictReader(io.StringIO(c.stdout)))
    assert [b["doc_id"] for b in back] == [x["doc_id"] for x in rows]
    assert [b["title"] for b in back] == [x["title"] or "" for x in rows]
    j = json.loads(ecli("export", "documents", "--format", "json").stdout)
    assert j == rows
    assert len(ecli.jsonl("export", "documents", "--year", "2023")[1]) == 2
    assert len(ecli.jsonl("export", "documents", "--kind", "提案", "--issuer", "青川")[1]) == 2


def test_funding_filters_and_total(ecli):
    r, rows = ecli.jsonl("funding", "--kind", "grant", "--min", "100万", "--max", "1000万")
    assert rows and all(x["kind"] == "grant" and 1e6 <= float(x["amount_yuan"]) <= 1e7 for x in rows)
    table = ecli("funding", "--kind", "grant", "--year", "2024")
    total = sum(Decimal(x["amount_yuan"]) for x in ecli.jsonl("funding", "--kind", "grant", "--year", "2024")[1])
    assert f"total {total:,f} 元" in table.stdout
    assert ecli("funding", "--min", "abc").rc == 2
    assert ecli("funding", "--min", "100亿").rc == 1


def test_funding_by_company_alias(ecli):
    r, rows = ecli.jsonl("funding", "--company", "青川华远")
    assert {x["amount_yuan"] for x in rows} >= {"1000000", "1500000"}


def test_companies_company_programs_program(ecli):
    r, rows = ecli.jsonl("companies")
    assert r.rc == 0 and any(x["company"] == "青川钢铁集团有限公司" for x in rows)
    p = json.loads(ecli("company", "青川钢铁", "--format", "json").stdout)
    assert p["company"] == "青川钢铁集团有限公司" and "青川钢铁" in p["aliases"]
    assert all("«" in m["snippet"] for m in p["mentions"]) and p["amounts"]
    assert ecli("company", "不存在的公司").rc == 1
    r, progs = ecli.jsonl("programs", "揭榜挂帅")
    assert progs and progs[0]["program"] == "揭榜挂帅"
    pp = json.loads(ecli("program", "揭榜挂帅", "--format", "json").stdout)
    assert set(pp["recipients"]) >= {"青川华远新材料有限公司", "青川北辰精工"}


def test_export_companies_programs_amounts_contract(ecli):
    for what, keys in (("companies", {"path", "name", "aliases"}), ("programs", {"path", "name"}),
                       ("amounts", {"path", "amount_yuan", "kind", "recipient", "program", "per", "evidence"})):
        r, rows = ecli.jsonl("export", what)
        assert r.rc == 0 and rows and all(keys <= set(x) for x in rows), what


def test_output_file_is_atomic_with_bom_and_encodings(ecli, tmp_path):
    out = tmp_path / "docs.csv"
    assert ecli("export", "documents", "--format", "csv", "--output", out).rc == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"sep=" not in raw[:20]
    gb = tmp_path / "docs-gb.csv"
    ecli("export", "documents", "--format", "csv", "--output", gb, "--encoding", "gb18030")
    assert "青川" in gb.read_bytes().decode("gb18030")
    stdout_csv = ecli("export", "documents", "--format", "csv").stdout
    assert not stdout_csv.startswith("\ufeff")
    assert not list(tmp_path.glob(".replycli-*"))  # no temp files left behind


def test_tsv_and_piped_output_has_no_ansi(examples_index):
    r = run_subprocess("companies", "--index", examples_index)
    assert r.returncode == 0 and "\x1b[" not in r.stdout
    r = run_subprocess("export", "amounts", "--index", examples_index, "--format", "tsv")
    lines = r.stdout.splitlines()
    assert lines[0].split("\t")[:3] == ["path", "doc_id", "date"] and len(lines) > 5


def test_every_command_exit_codes(ecli, tmp_path):
    empty = tmp_path / "no-index"
    for args in (["stats"], ["companies"], ["programs"], ["funding"], ["errors"], ["export", "documents"],
                 ["company", "x"], ["program", "x"], ["show", "x"]):
        assert ecli(*args, "--index", empty).rc == 2, args
    assert ecli("errors").rc == 1            # the last ingest had no failures
    assert ecli("companies", "火星").rc == 1
    assert ecli("export", "search", "火星").rc == 1
    assert ecli("export", "search", "青川").rc == 0
