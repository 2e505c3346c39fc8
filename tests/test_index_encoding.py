"""The fast paths of indexing against their references (issue 12, item 4):

* the regex gram analysis (``gram_postings``) against the tokenizer
  (``gram_tokens``) that queries and highlighting use, on random text;
* the varint position format against a reference decoder written here and
  against Whoosh's own ``Positions`` format;
* the compact block writer: what Whoosh's reader reads back is what was
  analysed.

Random inputs come from fixed seeds, so a failure reproduces.
"""
import random
from collections import defaultdict

import pytest

from replycli.index.analysis import gram_postings, gram_tokens
from replycli.index.fields import (
    VarintPositions,
    _encode_positions,
    decode_positions,
    encode_positions,
    position_count,
)

# Characters that exercise every branch of the analysis: Han (BMP, extension
# B, compatibility, 〇), traditional forms, letters and digits (ASCII,
# full-width, other scripts), whitespace of several kinds, punctuation,
# pinyin readings in brackets, underscores, emoji.
ALPHABET = (
    list("钢铁集团有限公司资金万元补助中试基地〇萬鄉鎮華遠") + ["\U00020000", "\uf900"]
    + list("abcXYZ019ＡＢ１２éДж") + [" ", "\n", "\u3000", "\t", "\r\n"]
    + list("，。、；：“”（）()《》-_.!·…") + ["(xiāng)", "（zhèn）", "😀"]
)


def random_text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(n))


def reference_postings(text: str) -> dict[str, list[int]]:
    out = defaultdict(list)
    for term, pos, _, _ in gram_tokens(text):
        out[term].append(pos)
    return dict(out)


@pytest.mark.parametrize("seed", range(8))
def test_gram_postings_equal_the_tokenizer(seed):
    rng = random.Random(seed)
    for _ in range(150):
        text = random_text(rng, rng.randint(0, 60))
        assert gram_postings(text) == reference_postings(text), repr(text)


def test_gram_postings_on_a_letter():
    text = "对市政协十四届二次会议第 33 号提案的答复\n\n青川钢铁  集团，获批 2023 年资金 300 万元。ＡＢＣ鄉(xiāng)鎮"
    assert gram_postings(text) == reference_postings(text)


def reference_decode(value: bytes) -> list[int]:
    """Unsigned LEB128 deltas, decoded the textbook way."""
    positions, pos, i = [], 0, 0
    while i < len(value):
        delta, shift = 0, 0
        while True:
            b = value[i]
            i += 1
            delta |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                break
        pos += delta
        positions.append(pos)
    return positions


def random_positions(rng: random.Random) -> list[int]:
    n = rng.choice([1, 1, 1, 2, 3, 5, 20, 200])
    top = rng.choice([100, 2_000, 20_000, 5_000_000])
    return sorted(rng.sample(range(top), min(n, top)))


def test_varint_positions_round_trip_and_match_whoosh():
    from whoosh.formats import Positions

    rng = random.Random(12)
    ours, whoosh = VarintPositions(field_boost=3.0), Positions(field_boost=3.0)
    cases = [[0], [127], [128], [16383], [16384], [2**21], [2**35], [0, 1, 2], [5, 133, 16517]]
    cases += [random_positions(rng) for _ in range(2000)]
    for poslist in cases:
        value = ours.encode(poslist)
        assert value == encode_positions(poslist)
        assert reference_decode(value) == poslist
        assert decode_positions(value) == poslist
        wvalue = whoosh.encode(poslist)
        assert ours.decode_positions(value) == whoosh.decode_positions(wvalue)
        assert ours.decode_frequency(value) == whoosh.decode_frequency(wvalue) == position_count(value)
        assert ours.decode_weight(value) == whoosh.decode_weight(wvalue)
        assert ours.decode_position_boosts(value) == whoosh.decode_position_boosts(wvalue)
        # The fast encoder for Whoosh's own format stays byte-identical to it.
        assert _encode_positions(poslist) == wvalue
    assert len(encode_positions([100, 200, 300])) == 3  # one byte per small delta


def test_block_writer_reads_back_through_whoosh(tmp_path):
    """Postings written by the compact pool and block writer, read with
    Whoosh's own matcher (several blocks per term, weights as ints, blocks
    stored compressed or not), are the analysed postings."""
    from replycli.index.store import create_or_open
    from replycli.index.writing import segment_writer

    ix, catalog = create_or_open(tmp_path / "ix")
    catalog.close()
    rng = random.Random(3)
    texts = [random_text(rng, rng.randint(1, 300)) + "钢铁" * rng.randint(0, 3) for _ in range(300)]
    w = segment_writer(ix, lock=True)
    for i, text in enumerate(texts):
        w.add_document(doc_id=f"d{i}", path=f"p{i}.txt", title=text[:12], body=text, words=text, text=text)
    w.commit()

    expected = defaultdict(dict)  # (field, term) -> docnum -> positions
    for i, text in enumerate(texts):
        for field, value in (("body", text), ("title", text[:12])):
            for term, poses in gram_postings(value).items():
                expected[(field, term)][i] = poses
    with ix.searcher() as s:
        r = s.reader()
        assert ("body", "钢铁") in expected and len(expected[("body", "钢铁")]) > 128  # several blocks
        for (field, term), docs in expected.items():
            m = r.postings(field, term)
            got = {}
            while m.is_active():
                got[m.id()] = m.value_as("positions")
                boost = 3.0 if field == "title" else 1.0
                assert m.weight() == len(got[m.id()]) * boost
                assert m.value_as("frequency") == len(got[m.id()])
                m.next()
            assert got == docs, (field, term)
    ix.close()


def test_traditional_check_by_set_equals_the_regex():
    """``script._has_traditional`` (the per-field check on the indexing path)
    answers as the character-class regex it replaced."""
    import re

    from replycli.extract.wordlists import load
    from replycli.script import TABLE_NAME, _has_traditional

    regex = re.compile("[" + "".join(load(TABLE_NAME)) + "]")

    rng = random.Random(5)
    trad = list(load(TABLE_NAME))
    pool = ALPHABET + rng.sample(trad, 40)
    for _ in range(500):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 40)))
        assert _has_traditional(text) == bool(regex.search(text)), repr(text)


def test_another_whoosh_fails_at_once_with_what_to_install(monkeypatch):
    """The private Whoosh parts the fast paths use are fenced by a version check."""
    import pytest
    import whoosh

    from replycli.index import whoosh_private

    whoosh_private.check()  # the pinned version passes
    monkeypatch.setattr(whoosh, "__version__", (2, 7, 4))
    with pytest.raises(whoosh_private.WhooshVersionError, match=r"whoosh-reloaded==2\.7\.5.*2\.7\.4"):
        whoosh_private.check()
    monkeypatch.setattr(whoosh, "__version__", (2, 7, 5))
    from whoosh.codec import whoosh3

    monkeypatch.delattr(whoosh3.W3LeafMatcher, "_read_ids")
    with pytest.raises(whoosh_private.WhooshVersionError, match="lacks _read_ids"):
        whoosh_private.check()


def test_fast_hash_reader_sets_up_what_whoosh_does(examples_index):
    """The terms table of every segment, opened by Whoosh's own
    ``HashReader.__init__`` and by the faster one installed at import: the
    same directory, extras and offsets, and the same answers to lookups."""
    from whoosh.filedb import filetables
    from whoosh.filedb.filestore import FileStorage

    from replycli.index import whoosh_private

    assert filetables.HashReader.__init__ is whoosh_private._hash_reader_init
    storage = FileStorage(str(examples_index / "whoosh"))
    names = [n for n in storage.list() if n.endswith(".trm")]
    assert names
    for name in names:
        readers = []
        for init in (filetables.HashReader.original_init, whoosh_private._hash_reader_init):
            r = filetables.OrderedHashReader.__new__(filetables.OrderedHashReader)
            init(r, storage.open_file(name), storage.file_length(name))
            readers.append(r)
        a, b = readers
        state = lambda r: {k: v for k, v in vars(r).items() if k not in ("dbfile", "hashfn", "_get_pos")}  # noqa: E731
        assert state(a) == state(b) and a.hashfn is b.hashfn and len(a.tables) == 256
        keys = list(a.keys())[:200]
        assert keys and [a[k] for k in keys] == [b[k] for k in keys]
        assert list(b.keys()) == list(a.keys())


def test_merged_and_added_postings_read_back_through_whoosh(tmp_path):
    """A commit that adds documents (terms added per position, text keys)
    and merges a small earlier segment into the same pool (Whoosh's ``add``,
    bytes keys) writes each term once, with every document's positions."""
    from whoosh.writing import OPTIMIZE

    from replycli.index.store import create_or_open
    from replycli.index.writing import segment_writer

    ix, catalog = create_or_open(tmp_path / "ix")
    catalog.close()
    rng = random.Random(5)
    texts = [random_text(rng, rng.randint(1, 200)) + "钢铁集团" for _ in range(60)]
    for k, batch in enumerate((texts[:30], texts[30:])):  # the second commit merges the first segment
        w = segment_writer(ix, lock=True)
        for i, text in enumerate(batch):
            w.add_document(doc_id=f"d{k}-{i}", path="p.txt", body=text, words=text, text=text)
        w.commit(mergetype=OPTIMIZE if k else None)
    assert len(ix._segments()) == 1
    with ix.searcher() as s:
        r = s.reader()
        stored = {docnum: fields["text"] for docnum, fields in r.iter_docs()}
        expected = defaultdict(dict)
        for docnum, text in stored.items():
            for term, poses in gram_postings(text).items():
                expected[term][docnum] = poses
        assert len(expected["钢铁"]) == 60
        got_terms = {t.decode("utf-8") for f, t in r.all_terms() if f == "body"}
        assert got_terms == set(expected)
        for term, docs in expected.items():
            m = r.postings("body", term)
            got = {}
            while m.is_active():
                got[m.id()] = m.value_as("positions")
                m.next()
            assert got == docs, term
    ix.close()
