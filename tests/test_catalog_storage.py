"""The catalog's compact storage (schema 5) gives back exactly what was put in,
relinking in pages gives the same links as in one go, and an index built by
an older replycli is refused with the one-line "rebuild it" message."""
import json
import shutil
import sqlite3

import pytest

from conftest import run_subprocess


def _index_with(tmp_path, amounts, companies=()):
    from replycli.index.store import create_or_open

    index = tmp_path / "index"
    ix, cat = create_or_open(index)
    ix.close()
    meta = {"title": "t", "issuer": "青川市财政局", "date": "2024-01-02", "kind": "提案", "proposers": ["甲"],
            "cc": [], "ocr_confidence": 0.5, "extra": {"x": [1, None]}}
    rows = [{"amount_yuan": "100", "text": "1 百元", "kind": "grant", "recipient": "", "program": "",
             "per": "", "approx": "", "start": 0, "end": 4, **a} for a in amounts]
    cat.put_document({"doc_id": "d1", "path": "/tmp/x.txt", "text": "", "text_chars": 10, "amounts": rows,
                      "companies": list(companies), "programs": [], "metadata": meta}, replace=False)
    cat.commit()
    cat.close()
    return index, meta


EVIDENCES = [
    # recipient, program, text, evidence
    ("青川远航物流有限公司", "技改项目", "1 百元", "青川远航物流有限公司获技改项目补助1 百元，青川远航物流有限公司"),
    ("甲公司", "甲公司技改项目", "1 百元", "甲公司技改项目给甲公司1 百元"),      # the program holds the recipient
    ("乙公司", "项目1 百元", "1 百元", "乙公司项目1 百元"),                  # the program holds the text
    ("", "", "1 百元", "共计1 百元"),                                      # nothing to refer to
    ("丙公司", "", "1 百元", "\x01丙公司\x03 1 百元\x04"),                 # mark characters in the text itself
    ("丁公司", "", "1 百元", "\x04丁公司"),
    ("戊公司", "", "1 百元", ""),
]


def test_evidence_and_meta_come_back_exactly(tmp_path):
    from replycli import facts

    amounts = [{"recipient": r, "program": p, "text": t, "evidence": e} for r, p, t, e in EVIDENCES]
    index, meta = _index_with(tmp_path, amounts)
    got = list(facts.amounts(index))
    assert [a["evidence"] for a in got] == [e for *_, e in EVIDENCES]
    assert [(a["recipient"], a["program"], a["text"]) for a in got] == [(r, p, t) for r, p, t, _ in EVIDENCES]
    (doc,) = list(facts.documents(index))
    assert {k: doc[k] for k in ("title", "issuer", "proposers", "cc")} == {k: meta[k] for k in ("title", "issuer", "proposers", "cc")}
    assert doc["ocr_confidence"] == 0.5


def test_company_equal_to_recipient_or_canonical_equal_to_name_reads_back(tmp_path):
    from replycli import facts
    from replycli.catalog import Catalog
    from replycli.extract.linking import relink

    companies = [{"name": "青川远航物流有限公司", "aliases": ["远航物流"], "mentions": [[0, 10]]},
                 {"name": "白桦环保有限公司", "aliases": [], "mentions": [[20, 28]]}]
    amounts = [{"recipient": "远航物流", "evidence": "远航物流获1 百元"},
               {"recipient": "白桦环保有限公司", "evidence": "白桦环保有限公司获1 百元"},
               {"recipient": "别的公司", "evidence": "别的公司获1 百元"}]
    index, _ = _index_with(tmp_path, amounts, companies)
    with Catalog(index) as cat:
        relink(cat, full=True)
        cat.commit()
    got = [(a["recipient"], a["company"]) for a in facts.amounts(index)]
    assert got == [("远航物流", "青川远航物流有限公司"), ("白桦环保有限公司", "白桦环保有限公司"), ("别的公司", None)]
    rows = list(facts.company_rows(index))
    assert [(r["name"], r["canonical"], r["aliases"]) for r in rows] == [
        ("青川远航物流有限公司", "青川远航物流有限公司", ["远航物流"]), ("白桦环保有限公司", "白桦环保有限公司", [])]
    assert [c["company"] for c in facts.companies(index)] == ["白桦环保有限公司", "青川远航物流有限公司"]
    assert list(facts.amounts(index, company="白桦"))[0]["company"] == "白桦环保有限公司"


def _exports(index):
    out = {}
    for what in ("amounts", "companies", "programs", "documents"):
        r = run_subprocess("export", what, "--index", index, "--format", "jsonl")
        assert r.returncode == 0, r.stderr
        out[what] = r.stdout
    return out


def test_relink_in_pages_links_as_in_one_go(examples_index, tmp_path, monkeypatch):
    from replycli.catalog import Catalog
    from replycli.extract import linking

    index = tmp_path / "copy"
    shutil.copytree(examples_index, index)
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("青川北辰精工股份有限公司 = 青川北辰精工\n江屿航运集团 = 江屿远航物流有限公司\n", encoding="utf-8")
    with Catalog(index) as cat:
        assert linking.relink(cat, dictionary, full=True) > 0
        cat.commit()
    whole = _exports(index)
    monkeypatch.setattr(linking, "PAGE_ROWS", 1)
    with Catalog(index) as cat:
        assert linking.relink(cat, dictionary, full=True) == 0  # nothing left to change
        cat.commit()
    assert _exports(index) == whole
    shutil.copytree(examples_index, tmp_path / "again")
    with Catalog(tmp_path / "again") as cat:
        linking.relink(cat, dictionary, full=True)
        cat.commit()
    assert _exports(tmp_path / "again") == whole


def test_an_index_of_schema_4_is_refused_with_rebuild(cli, tmp_path):
    folder = tmp_path / "replies"
    folder.mkdir()
    (folder / "a.txt").write_text("对第 1 号提案的答复\n\n甲公司获得补助 200 万元。\n", encoding="utf-8")
    assert cli("ingest", folder).rc == 0
    db = sqlite3.connect(cli.index / "catalog.sqlite")
    for table in ("documents", "amounts", "companies", "programs"):
        db.execute(f"DROP TABLE {table}")
    db.executescript("""
        CREATE TABLE documents (doc_id TEXT PRIMARY KEY, path TEXT, title TEXT, issuer TEXT, date TEXT,
            year INTEGER, kind TEXT, meta TEXT, chars INTEGER);
        CREATE TABLE amounts (doc_id TEXT, seq INTEGER, amount_yuan TEXT, value REAL, text TEXT, kind TEXT,
            recipient TEXT, company TEXT, program TEXT, per TEXT, approx TEXT, evidence TEXT, start INTEGER, end INTEGER);
        CREATE INDEX amounts_doc ON amounts(doc_id);
        CREATE TABLE companies (doc_id TEXT, name TEXT, canonical TEXT, aliases TEXT, mentions TEXT);
        CREATE TABLE programs (doc_id TEXT, name TEXT, canonical TEXT, mentions TEXT);
        UPDATE info SET value='4' WHERE key='schema_version';
    """)
    db.commit()
    db.close()
    for args in (("export", "amounts"), ("funding",), ("ingest", folder)):
        r = cli(*args)
        assert r.rc == 2 and "schema version 4" in r.stderr and "--rebuild" in r.stderr, r
        assert len(r.stderr.strip().splitlines()) == 1
