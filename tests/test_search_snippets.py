"""Snippets from the beginning of a stored text: a hit's stored record is
inflated only as far as its snippets need, with the same snippets as from
the whole text, and the record is still a pickle of the same fields."""
from __future__ import annotations

import pickle
import zlib

from hypothesis import example, given, settings
from hypothesis import strategies as st

from replycli.index.highlight import pattern_for, reach, snippets, snippets_from
from replycli.index.store import read_record, stored_record

BOUNDED = settings(max_examples=300, deadline=None, derandomize=True)

# Han characters (simplified and traditional), whitespace of every kind,
# bracket and quote shapes, letters in both cases and widths.
ALPHABET = "钢铁资金鋼鐵資補助万萬元 \n\t\u3000〔〕[]（）“”\"aAａＡ1１，。"
texts = st.text(alphabet=ALPHABET, max_size=300)
queries = st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=6), min_size=1, max_size=3)
FIELDS = {"date": "2023-04-18", "doc_id": "478452dd8f2800f7", "issuer": "青川市科学技术局",
          "path": "/x/06.txt", "title": "对市政协十四届二次会议第 33 号提案的答复", "year": 2023}


def _record(fields: dict) -> bytes:
    return zlib.compress(stored_record(fields), 3)  # as Whoosh's column compresses it


@BOUNDED
@given(texts, queries, st.integers(min_value=1, max_value=200), st.integers(min_value=0, max_value=12),
       st.integers(min_value=1, max_value=3))
# A cut inside the longer of two strings: the shorter one matches the prefix.
@example(text="钢铁资金补助" * 40, strings=["钢铁资金", "钢"], first=1, width=0, count=1)
@example(text="钢" + " " * 300 + "铁资金补助", strings=["钢铁资金", "钢"], first=1, width=1, count=1)
def test_snippets_from_a_record_equal_snippets_of_the_whole_text(text, strings, first, width, count):
    pattern = pattern_for(strings)
    fields, prefixes = read_record(_record({**FIELDS, "text": text}), first=first)
    assert fields == FIELDS
    assert snippets_from(prefixes, pattern, reach(strings), count, width) == snippets(text, pattern, count, width)


@BOUNDED
@given(st.text(max_size=3000), st.integers(min_value=1, max_value=400))
def test_a_record_is_a_pickle_of_the_fields_and_its_prefixes_grow_to_the_text(text, first):
    fields = {**FIELDS, "text": text}
    assert pickle.loads(stored_record(fields)) == fields
    seen = list(read_record(_record(fields), first=first)[1])
    assert seen[-1] == (text, True)
    assert all(not complete for _, complete in seen[:-1])
    assert all(text.startswith(p) for p, _ in seen)


def test_records_whoosh_wrote_are_read_whole():
    fields = {**FIELDS, "text": "钢铁\udcff资金"}
    got, prefixes = read_record(zlib.compress(pickle.dumps(fields, 2)))
    assert got == FIELDS and list(prefixes) == [("钢铁\udcff资金", True)]
    assert read_record(zlib.compress(stored_record(FIELDS)))[0] == FIELDS  # no text at all
    assert list(read_record(_record({**FIELDS, "text": "钢铁\udcff资金"}))[1]) == [("钢铁\udcff资金", True)]


def test_a_match_far_into_a_long_text_has_its_snippet(tmp_path, cli):
    folder = tmp_path / "docs"
    folder.mkdir()
    filler = "这是一段很长的答复正文，用于测试。\n" * 600  # ~10,000 characters before the match
    (folder / "deep.txt").write_text("关于资金的答复\n\n" + filler + "争取抚顺新钢铁专项补助 200 万元。" + filler,
                                     encoding="utf-8")
    (folder / "near.txt").write_text("抚顺新钢铁获批补助。\n" + filler, encoding="utf-8")
    assert cli("ingest", folder, "--quiet").rc == 0
    r, hits = cli.jsonl("search", "抚顺新钢铁", "--limit", "0")
    assert r.rc == 0
    by_name = {h["path"].rsplit("/", 1)[-1]: h["snippets"] for h in hits}
    [deep] = by_name["deep.txt"]
    assert deep.startswith("…") and deep.endswith("…") and "争取«抚顺新钢铁»专项补助 200 万元。" in deep
    [near] = by_name["near.txt"]
    assert near.startswith("«抚顺新钢铁»获批补助。") and near.endswith("…")
    shown = cli("show", "deep.txt")
    assert shown.rc == 0 and "争取抚顺新钢铁专项补助" in shown.stdout


def test_the_index_stores_records_with_the_text_last(tmp_path, cli):
    from whoosh import index as windex

    from replycli.index.store import _record_head

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("对第 1 号建议的答复\n\n钢铁资金。" * 50, encoding="utf-8")
    assert cli("ingest", folder, "--quiet").rc == 0
    ix = windex.open_dir(str(cli.index / "whoosh"), indexname="replies")
    with ix.searcher() as s:
        [(leaf, _)] = list(s.reader().leaf_readers())
        from whoosh.columns import VarBytesColumn

        raw = zlib.decompress(leaf._perdoc.column_reader("_stored", VarBytesColumn())[0])
        end = _record_head(raw)
        assert end is not None and raw[end:end + 7] == b"\x8c\x04text\x94"
        assert "钢铁资金。" in s.stored_fields(0)["text"]
    ix.close()
