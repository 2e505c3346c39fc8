"""The script-variant layer: traditional = simplified, pinyin readings dropped,
and everything reported cut from the original as written."""
from __future__ import annotations

from replycli.script import Folded, fold_chars, to_simplified, traditional_chars

# Invented replies: the same letter in traditional and in simplified characters.
TRADITIONAL = """關於市政協十四屆二次會議第 18 號提案的答覆
趙明委員:
您提出的關於支持民營企業發展的提案收悉。現答覆如下:
2023年,遼寧雲嶺機械製造有限公司獲批省級技術改造專項資金 200 萬元,用於生產線智能化改造。
"""
SIMPLIFIED = """关于市政协十四届二次会议第 19 号提案的答复
钱红委员:
您提出的关于支持民营企业发展的提案收悉。现答复如下:
2023年,辽宁云岭机械制造有限公司获批省级技术改造专项资金 150 万元,用于生产线智能化改造。
"""
# A page that prints a pinyin reading after some characters.
RUBY = "我鎮(zhèn)已安排鄉(xiāng)村振興資金245萬元,見附件(A)。"


def test_table_matches_installed_opencc():
    """The shipped table is what `python -m replycli.script` writes from OpenCC."""
    from replycli.extract.wordlists import load

    assert list(load("script_traditional_chars")) == traditional_chars()


def test_phrase_table_matches_installed_opencc():
    """The phrase characters are what `python -m replycli.script` writes from
    the installed OpenCC's phrase table, and a text with none of them and no
    traditional character is its own exact conversion."""
    import random

    import pytest

    from replycli.extract.wordlists import load
    from replycli.script import _t2s, opencc_phrases, phrase_chars

    if not opencc_phrases():
        pytest.skip("the installed OpenCC has no opencc_dict tool to read its phrase table")
    shipped = list(load("script_phrase_chars"))
    assert shipped == phrase_chars() and "瞭" in shipped
    skip = set(shipped) | set(load("script_traditional_chars"))
    # Every phrase of the table, with its changing characters, and random
    # text of the other characters, converted exactly.
    for key, _ in opencc_phrases():
        if skip.isdisjoint(key):
            assert _t2s(key) == key == to_simplified(key, exact=True)
    rng = random.Random(7)
    pool = [chr(c) for c in range(0x4E00, 0x9FA6) if chr(c) not in skip]
    for _ in range(300):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(2, 12)))
        assert _t2s(text) == text == to_simplified(text, exact=True)


def test_fold_keeps_every_length():
    for text in (TRADITIONAL, SIMPLIFIED, RUBY, "乾淨的瞭解", ""):
        assert len(fold_chars(text, exact=True)) == len(text)
        assert len(fold_chars(text)) == len(text)
    assert "万元" in fold_chars(TRADITIONAL) and "辽宁云岭" in fold_chars(TRADITIONAL)
    # readings become spaces (transparent to the index); an abbreviation stays
    assert fold_chars(RUBY).startswith("我镇      已安排乡       村振兴资金")
    assert fold_chars(RUBY).endswith("见附件(A)。")


def test_phrases_fold_only_when_exact():
    # 瞭 alone is not traditional, 瞭解 as a phrase is: documents with no
    # traditional character skip OpenCC, queries are always converted.
    assert to_simplified("瞭解", exact=True) == "了解"
    assert to_simplified("瞭解") == "瞭解"
    assert to_simplified("瞭解情況") == "了解情况"


def test_folded_maps_back_to_the_original():
    f = Folded(RUBY)
    assert f.text == "我镇已安排乡村振兴资金245万元,见附件(A)。"
    assert f.restore("乡村振兴资金") == "鄉(xiāng)村振興資金"
    assert f.restore("245万元") == "245萬元"
    assert f.restore("我镇") == "我鎮"
    assert f.restore("主办") == "主办"  # a label the rules built is left alone
    start = f.text.index("245")
    assert RUBY[f.source_offset(start):].startswith("245萬元")
    plain = Folded(SIMPLIFIED)
    assert plain.identity and plain.restore("云岭") == "云岭"


def test_understanding_reports_names_as_written():
    from replycli.extract import understand
    from replycli.normalize import normalize_text

    text = normalize_text(TRADITIONAL)
    facts = understand(text)
    names = [c["name"] for c in facts["companies"]]
    assert "遼寧雲嶺機械製造有限公司" in names
    (amount,) = facts["amounts"]
    assert amount["amount_yuan"] == "2000000" and amount["text"] == "200 萬元"
    assert "遼寧雲嶺機械製造有限公司" in amount["evidence"]
    assert text[amount["start"]:amount["end"]] == amount["text"]
    assert facts["metadata"]["proposers"] == ["趙明"]
    assert facts["metadata"]["kind"] == "提案"  # a normalised label, not cut from the text


def test_either_script_finds_the_same_rows(cli, tmp_path):
    folder = tmp_path / "replies"
    folder.mkdir()
    (folder / "trad.txt").write_text(TRADITIONAL, encoding="utf-8")
    (folder / "simp.txt").write_text(SIMPLIFIED, encoding="utf-8")
    assert cli("ingest", folder).rc == 0
    _, trad_rows = cli.jsonl("funding", "--company", "遼寧雲嶺")
    _, simp_rows = cli.jsonl("funding", "--company", "辽宁云岭")
    assert trad_rows == simp_rows
    assert sorted(r["text"] for r in trad_rows) == ["150 万元", "200 萬元"]
    _, companies = cli.jsonl("export", "companies")
    assert {c["name"] for c in companies} >= {"遼寧雲嶺機械製造有限公司", "辽宁云岭机械制造有限公司"}
    for query in ("万元", "萬元", "辽宁云岭", "答覆", "答复"):
        _, hits = cli.jsonl("search", query, "--limit", "0")
        assert {h["path"].rsplit("/", 1)[-1] for h in hits} == {"trad.txt", "simp.txt"}, query
