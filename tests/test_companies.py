"""Company extraction, alias linking within and across replies, the dictionary."""
import json

from replycli.extract.companies import extract_companies

TEXT = ("组织青川远航物流有限责任公司开展培训。推荐青川远航物流申报示范项目;青川理工大学、"
        "青川市钢铁产业技术研究院和市人民银行提供支持。远航物流在会上作交流。推荐青川北辰精工列入名单。")


def test_full_name_aliases_and_not_companies():
    companies, mentions = extract_companies(TEXT)
    by = {c["name"]: c for c in companies}
    assert "青川远航物流有限责任公司" in by
    assert set(by["青川远航物流有限责任公司"]["aliases"]) >= {"青川远航物流", "远航物流"}
    assert "青川北辰精工" in by
    names = " ".join(by)
    for bad in ("大学", "研究院", "人民银行"):
        assert bad not in names
    # every mention maps to its canonical company
    canon = {c for c, _, _ in mentions}
    assert canon <= set(by)


def test_linking_across_replies_and_dictionary(cli, tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "a.txt").write_text("对第1号提案的答复\n\n张三委员：\n\n青川远航物流有限责任公司获批专项资金 100 万元。\n", encoding="utf-8")
    (d / "b.txt").write_text("对第2号提案的答复\n\n李四委员：\n\n青川市推荐青川远航物流申报项目,获得补助 50 万元。\n", encoding="utf-8")
    cli("ingest", d)
    r, rows = cli.jsonl("companies")
    assert r.rc == 0
    row = next(x for x in rows if x["company"] == "青川远航物流有限责任公司")
    assert row["documents"] == 2 and row["grant"] == "1500000"
    # The user says 远航集团 is the same company, under a new canonical name.
    dic = tmp_path / "dict.txt"
    dic.write_text("# canonical = aliases\n青川远航集团 = 青川远航物流有限责任公司 青川远航物流\n", encoding="utf-8")
    r = cli("relink", "--dict", dic)
    assert r.rc == 0
    r, rows = cli.jsonl("companies")
    assert [x["company"] for x in rows if "远航" in x["company"]] == ["青川远航集团"]
    r, amounts = cli.jsonl("funding", "--company", "青川远航集团")
    assert sorted(a["amount_yuan"] for a in amounts) == ["1000000", "500000"]
