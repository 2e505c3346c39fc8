"""Facts a reader reads off the bundled examples, written here by hand (not
copied from replycli's output), and the export/search contracts the scorers in
../shared/tools rely on, checked on examples/ so that `make test` covers them
without the shared corpus."""
from __future__ import annotations

import os

# What a careful reader of examples/01-gxj-2024-41.txt answers.
SEED = "01-gxj-2024-41.txt"
SEED_AMOUNTS = {  # yuan -> (kind, recipient)
    2_000_000: ("grant", "青川钢铁集团有限公司"),
    12_500_000: ("grant", "5 户企业"),
    292_000_000: ("tax", ""),
}
SEED_EACH = {("青川华远新材料有限公司", 1_000_000), ("青川北辰精工", 1_000_000)}  # 各获得 100 万
SEED_COMPANIES = {"青川钢铁集团有限公司", "青川华远新材料有限公司", "青川北辰精工"}
SEED_META = {"issuer": "青川市工业和信息化局", "doc_number": "青工信〔2024〕7号", "signer": "李明远",
             "kind": "提案", "proposal_number": "41", "proposers": ["王晓东"], "date": "2024-05-20",
             "result_class": "A", "public": True, "cc": ["市政府办公室", "市政协提案委"]}

# The export contract of score_extraction.py: every row has "path"; these keys.
CONTRACT = {
    "documents": {"path", "issuer", "doc_number", "signer", "title", "kind", "session", "proposal_number",
                  "proposers", "proposal_title", "date", "result_class", "public", "cc", "role"},
    "companies": {"path", "name", "aliases"},
    "programs": {"path", "name"},
    "amounts": {"path", "amount_yuan", "kind", "recipient", "program", "per", "text", "evidence"},
}


def _rows(ecli, what):
    r, rows = ecli.jsonl("export", what)
    assert r.rc == 0, r
    return rows


def _of_seed(rows):
    return [x for x in rows if os.path.basename(x["path"]) == SEED]


def test_export_contracts_hold_on_examples(ecli, examples_index):
    for what, keys in CONTRACT.items():
        rows = _rows(ecli, what)
        assert rows, what
        for row in rows:
            assert keys <= set(row), (what, keys - set(row))
            assert os.path.basename(row["path"]).endswith(".txt"), row["path"]


def test_search_contract_all_hits_with_limit_zero(ecli, examples_index):
    r, hits = ecli.jsonl("search", "资金", "--limit", "0")
    assert r.rc == 0
    folder = examples_index.parent / "examples"
    with_word = {p.name for p in folder.glob("*.txt")
                 if "资金" in p.read_text(encoding="utf-8", errors="ignore")}
    assert {os.path.basename(h["path"]) for h in hits} >= with_word
    assert len(hits) == len({h["path"] for h in hits})


def test_seed_facts_as_a_reader_reads_them(ecli, examples_index):
    meta = _of_seed(_rows(ecli, "documents"))[0]
    for k, v in SEED_META.items():
        assert meta[k] == v, (k, meta[k], v)
    amounts = _of_seed(_rows(ecli, "amounts"))
    by_value = {}
    for a in amounts:
        by_value.setdefault(int(float(a["amount_yuan"])), []).append(a)
    for yuan, (kind, recipient) in SEED_AMOUNTS.items():
        (a,) = by_value[yuan]
        assert (a["kind"], a["recipient"]) == (kind, recipient), (yuan, a)
    assert {(a["recipient"], int(float(a["amount_yuan"]))) for a in by_value[1_000_000]} == SEED_EACH
    names = {c["name"] for c in _of_seed(_rows(ecli, "companies"))}
    assert SEED_COMPANIES <= names
    assert not any("大学" in n or "研究院" in n for n in names)


def test_ranking_orders_documents_by_how_much_they_are_about_the_query(cli, tmp_path):
    """Several documents match; the one about the query ranks first, the one
    that mentions it once in a long text last."""
    folder = tmp_path / "replies"
    folder.mkdir()
    filler = "我们将继续加强政策宣传，推动各项工作落实落地。" * 30
    (folder / "about.txt").write_text("关于冷链物流的答复\n冷链物流是重点。冷链物流企业获得支持。冷链物流园区建设加快。", encoding="utf-8")
    (folder / "twice.txt").write_text("关于商贸发展的答复\n" + filler[:200] + "冷链物流和冷链物流配送。", encoding="utf-8")
    (folder / "once.txt").write_text("关于营商环境的答复\n" + filler + "另有冷链物流一项。", encoding="utf-8")
    (folder / "none.txt").write_text("关于教育的答复\n" + filler, encoding="utf-8")
    assert cli("ingest", folder).rc == 0
    _, hits = cli.jsonl("search", "冷链物流", "--limit", "0")
    assert [os.path.basename(h["path"]) for h in hits] == ["about.txt", "twice.txt", "once.txt"]
