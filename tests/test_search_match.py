"""Search finds exactly what a reader would call a match: a 文号 with its
punctuation, traditional and simplified characters, pinyin-annotated pages.
Real files, a real index, the real CLI."""
import os

import pytest


def _names(hits):
    return sorted(os.path.basename(h["path"]) for h in hits)


def _write(d, files):
    d.mkdir()
    for name, text in files.items():
        (d / name).write_text(text, encoding="utf-8")


DOC_NUMBER_FILES = {
    "a.txt": "市工信局关于政协主办〔2023〕3号提案的答复。",
    "b.txt": "市发改委答复：政协主办〔2022〕71号提案已办理。另据淮工经发〔2023〕3号文件执行。",
    "c.txt": "关于政协主办[2023]3号提案的补充答复。",
}


def test_a_doc_number_is_one_string_across_its_punctuation(tmp_path, cli):
    _write(tmp_path / "d", DOC_NUMBER_FILES)
    assert cli("ingest", tmp_path / "d").rc == 0
    r, hits = cli.jsonl("search", "政协主办〔2023〕3号", "--limit", "0")
    assert r.rc == 0
    assert _names(hits) == ["a.txt", "c.txt"]
    for h in hits:
        assert any("«" in s and "»" in s for s in h["snippets"]), h
    assert any("«政协主办[2023]3号»" in s for h in hits for s in h["snippets"])
    # every bracket shape of a 文号 is the same bracket
    for q in ("政协主办[2023]3号", "政协主办【2023】3号", "政协主办(2023)3号", "政协主办（2023）3号"):
        assert _names(cli.jsonl("search", q, "--limit", "0")[1]) == ["a.txt", "c.txt"], q
    # punctuation stands for punctuation at that place, not any punctuation
    assert cli("search", "政协主办，2023。3号").rc == 1
    # spaces still AND, quotes, OR and exclusion keep working
    assert _names(cli.jsonl("search", "政协主办 〔2023〕3号", "--limit", "0")[1]) == ["a.txt", "b.txt", "c.txt"]
    assert _names(cli.jsonl("search", '"政协主办〔2023〕 3号"', "--limit", "0")[1]) == ["a.txt", "c.txt"]
    assert _names(cli.jsonl("search", "政协主办〔2022〕71号 OR 政协主办[2023]3号", "--limit", "0")[1]) == [
        "a.txt", "b.txt", "c.txt"]
    assert _names(cli.jsonl("search", "提案 -政协主办〔2023〕3号", "--limit", "0")[1]) == ["b.txt"]
    assert _names(cli.jsonl("search", "答复。", "--limit", "0")[1]) == ["a.txt", "c.txt"]


SCRIPT_FILES = {
    # invented replies: one in traditional characters, one simplified, one
    # printed with pinyin readings after some characters
    "trad.txt": "關於加強鄉村學校建設的答覆\n經研究，縣財政安排專項資金三十萬元，用於改善辦學條件。",
    "simp.txt": "关于农村公路养护的答复\n经研究，县财政安排养护资金二十万元，用于乡村道路。",
    "ruby.txt": "关于鄉(xiāng)鎮(zhèn)卫生院建设的答复\n今年为鄉(xiāng)鎮(zhèn)卫生院配备设备。",
}


@pytest.fixture
def script_cli(tmp_path, cli):
    _write(tmp_path / "d", SCRIPT_FILES)
    assert cli("ingest", tmp_path / "d").rc == 0
    return cli


def test_simplified_query_finds_traditional_text_and_back(script_cli):
    r, hits = script_cli.jsonl("search", "专项资金", "--limit", "0")
    assert _names(hits) == ["trad.txt"]
    assert any("«專項資金»" in s for s in hits[0]["snippets"])  # the original characters
    r, hits = script_cli.jsonl("search", "縣財政安排", "--limit", "0")
    assert _names(hits) == ["simp.txt", "trad.txt"]
    snips = {os.path.basename(h["path"]): h["snippets"] for h in hits}
    assert any("«县财政安排»" in s for s in snips["simp.txt"])
    assert any("«縣財政安排»" in s for s in snips["trad.txt"])
    assert _names(script_cli.jsonl("search", "万元", "--limit", "0")[1]) == ["simp.txt", "trad.txt"]
    assert _names(script_cli.jsonl("search", "答覆", "--limit", "0")[1]) == ["ruby.txt", "simp.txt", "trad.txt"]


def test_pinyin_annotated_page_is_found_and_shown_as_written(script_cli):
    r, hits = script_cli.jsonl("search", "乡镇卫生院", "--limit", "0")
    assert _names(hits) == ["ruby.txt"]
    assert any("«鄉(xiāng)鎮(zhèn)卫生院»" in s for s in hits[0]["snippets"]), hits[0]["snippets"]
    assert _names(script_cli.jsonl("search", "乡镇", "--limit", "0")[1]) == ["ruby.txt"]


def test_quotation_marks_and_dashes_are_one_shape_each(tmp_path, cli):
    _write(tmp_path / "d", {
        "hk.txt": "本署推行「揭榜掛帥」機制，2021—2023年共立項十二個。",
        "cn.txt": "我局推行“揭榜挂帅”机制，2021-2023年共立项八个。",
        "plain.txt": "揭榜挂帅机制，2021年至2023年立项。",
    })
    assert cli("ingest", tmp_path / "d").rc == 0
    assert _names(cli.jsonl("search", "“揭榜挂帅”", "--limit", "0")[1]) == ["cn.txt", "hk.txt"]
    assert _names(cli.jsonl("search", "揭榜挂帅", "--limit", "0")[1]) == ["cn.txt", "hk.txt", "plain.txt"]
    r, hits = cli.jsonl("search", "2021-2023年", "--limit", "0")
    assert _names(hits) == ["cn.txt", "hk.txt"]
    assert any("«2021—2023年»" in s for h in hits for s in h["snippets"])


@pytest.mark.parametrize("query", ["现答复如下：", "“揭榜挂帅”", "万元。", "资金 万元。", "答复 OR 白交函〔2022〕21号"])
def test_punctuated_top_n_checked_lazily_equals_full_ranking(examples_index, monkeypatch, query):
    from replycli.index import matching
    from replycli.index.searching import search

    full = [(h.doc_id, h.score) for h in search(examples_index, query, limit=0)]
    assert full, query
    monkeypatch.setattr(matching, "LAZY_MIN", 0)  # force the best-first path
    for n in (1, 2, 3):
        top = [(h.doc_id, h.score) for h in search(examples_index, query, limit=n)]
        assert top == full[:n], (query, n)


def test_punctuation_checked_lazily_drops_documents_with_other_punctuation(tmp_path, cli, monkeypatch):
    from replycli.index import matching
    from replycli.index.searching import search

    _write(tmp_path / "d", {
        "decoy.txt": "资金，资金，资金，资金；资金，资金。",
        "one.txt": "安排资金。",
    })
    assert cli("ingest", tmp_path / "d").rc == 0
    monkeypatch.setattr(matching, "LAZY_MIN", 0)
    assert [os.path.basename(h.path) for h in search(cli.index, "资金。", limit=1)] == ["decoy.txt"]
    assert [os.path.basename(h.path) for h in search(cli.index, "资金；", limit=1)] == ["decoy.txt"]
    assert [os.path.basename(h.path) for h in search(cli.index, "资金：", limit=1)] == []
    _write(tmp_path / "e", {"x.txt": "资金，资金，资金，资金，资金，资金，资金，资金，资金，资金，资金，资金。", "y.txt": "资金；另有资金。"})
    assert cli("ingest", tmp_path / "e").rc == 0
    full = [(os.path.basename(h.path), h.score) for h in search(cli.index, "资金；", limit=0)]
    assert sorted(p for p, _ in full) == ["decoy.txt", "y.txt"]  # x.txt: the highest bound, no ；
    for n in (1, 2, 3):
        assert [(os.path.basename(h.path), h.score) for h in search(cli.index, "资金；", limit=n)] == full[:n]


def test_a_query_of_punctuation_only_reads_the_text(tmp_path, cli):
    _write(tmp_path / "d", DOC_NUMBER_FILES)
    assert cli("ingest", tmp_path / "d").rc == 0
    r, hits = cli.jsonl("search", "：", "--limit", "0")
    assert _names(hits) == ["b.txt"] and "«：»" in hits[0]["snippets"][0]
    assert _names(cli.jsonl("search", "〔", "--limit", "0")[1]) == ["a.txt", "b.txt", "c.txt"]
    assert cli("search", "§").rc == 1


def test_a_phrase_opencc_converts_as_a_whole_is_found_both_ways(tmp_path, cli):
    # 瞭 alone is not traditional, so a simplified text keeps 瞭解 as written,
    # while a traditional one is converted to 了解
    _write(tmp_path / "d", {"simp.txt": "我们瞭解到情况。", "trad.txt": "我們瞭解到情況。", "new.txt": "我们了解到情况。"})
    assert cli("ingest", tmp_path / "d").rc == 0
    assert _names(cli.jsonl("search", "瞭解", "--limit", "0")[1]) == ["new.txt", "simp.txt", "trad.txt"]
    r, hits = cli.jsonl("search", "了解", "--limit", "0")
    assert _names(hits) == ["new.txt", "trad.txt"]
    assert all("«" in h["snippets"][0] for h in hits)
