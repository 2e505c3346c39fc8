"""The compiled ingest hot path (``replycli/index/_grampool.c``) against the
Python code it replaces: the same gram terms, the same postings, and
byte-identical segment files, so an index is the same whichever built it.

Skipped where the module was not built (no C compiler); CI sets
REPLYCLI_REQUIRE_COMPILED=1 so that a build that silently lost it fails.
"""
import os
import random
import sys
from array import array
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replycli.index import compiled
from replycli.index.analysis import fold, gram_terms
from replycli.index.postings import PyTermPostings

grampool = compiled.grampool()
needs_c = pytest.mark.skipif(grampool is None, reason="the C module was not built (no compiler?)")


def test_the_module_is_built_where_required():
    if os.environ.get("REPLYCLI_REQUIRE_COMPILED", "") in ("", "0"):
        pytest.skip("REPLYCLI_REQUIRE_COMPILED is not set")
    assert grampool is not None, "replycli/index/_grampool.c was not built: is a C compiler installed?"


def test_pure_python_can_be_forced(monkeypatch):
    monkeypatch.setattr(compiled, "_LOADED", [])
    monkeypatch.setenv("REPLYCLI_PURE_PYTHON", "1")
    assert compiled.grampool() is None


# Text that exercises every branch of the gram analysis: Han runs (BMP,
# compatibility and astral ideographs, 〇), whitespace inside and between
# them (ASCII, ideographic, line separators), letters and digits of several
# scripts (with lower-casing that changes length: İ), underscores and
# punctuation (gaps), traditional characters and full-width forms (folded).
ALPHABET = list("钢铁公司資金萬元〇丽𠀀𪚥 \t\n\u3000\u2028\x85,.，。、_-abcXYZ09İßⅫ²ｱＡ１（）")


@needs_c
@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET), max_size=40).map("".join))
def test_gram_terms_equal_the_python_analysis(text):
    assert grampool.gram_terms(fold(text)) == gram_terms(text)


@needs_c
@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_gram_terms_on_any_text(text):
    assert grampool.gram_terms(fold(text)) == gram_terms(text)


@needs_c
@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(["钢铁厂", "ABC公司", "İstanbul", "…", "——", "2023年", "x", "ΣΑΣ"]),
                          st.text(max_size=6))),
       st.integers(0, 4))
def test_word_counts_equal_the_python_loop(words, min_len):
    from replycli.index.analysis import count_words_py

    counts = grampool.count_words(words, min_len)
    assert counts == count_words_py(words, min_len)
    assert list(counts) == list(count_words_py(words, min_len))  # first occurrence order


def _rows(postings, term):
    docs, weights, values = postings.rows(term)
    return array("I", docs).tolist(), array("f", weights).tolist(), values


def _same_postings(a, b):
    assert sorted(a.terms(), key=repr) == sorted(b.terms(), key=repr)
    assert len(a) == len(b)
    for term in a.terms():
        assert _rows(a, term) == _rows(b, term), term


@needs_c
@pytest.mark.parametrize("seed", range(6))
def test_term_postings_equal_the_python_pool(seed):
    """Random documents, some added out of docnum order, some postings with
    no value or a long position list (varints of two and three bytes), some
    added one by one as merging segments does."""
    rnd = random.Random(seed)
    c, py = grampool.TermPostings(), PyTermPostings()
    vocab = ["钢铁", "铁", "资金", "abc", "x", b"bytes-term"]
    docnums = list(range(60))
    if seed % 2:
        rnd.shuffle(docnums)
    for docnum in docnums:
        if rnd.random() < 0.7:
            n = rnd.choice([5, 50, 20000])
            terms = [rnd.choice(vocab[:5] + [None]) for _ in range(n)]
            boost = rnd.choice([1.0, 2.0, 0.5])
            assert c.add_terms(docnum, terms, boost) == py.add_terms(docnum, terms, boost)
        else:
            term = rnd.choice(vocab)
            weight = rnd.choice([1.0, 3.0, 0.25])
            value = rnd.choice([None, b"", b"\x01\x02", bytes(range(200))])
            c.add(term, docnum, weight, value)
            py.add(term, docnum, weight, value)
    _same_postings(c, py)


@needs_c
def test_term_postings_refuse_what_the_arrays_refuse():
    c = grampool.TermPostings()
    for pool in (c, PyTermPostings()):
        for docnum in (-1, 2 ** 32):
            with pytest.raises(OverflowError):
                pool.add("甲", docnum, 1.0, b"")
        assert len(pool) == 0  # nothing half-added
    with pytest.raises(TypeError):
        c.add("甲", 0, 1.0, "not bytes")
    with pytest.raises(KeyError):
        c.rows("never added")


def _ingest(folder: Path, index: Path, pure: bool, monkeypatch):
    from replycli.ingest.pipeline import ingest

    with monkeypatch.context() as m:
        m.setattr(compiled, "_LOADED", [None] if pure else [])
        assert (compiled.grampool() is None) == pure
        ingest([folder], index, workers=1)


def _segment_files(index: Path) -> dict:
    """Segment files by their kind (``.pst``, ``.trm``, ``_body_len.col``
    ...): the segment names are random, the contents are not."""
    files = {}
    for f in (index / "whoosh").iterdir():
        if f.name.startswith("replies_") and "." in f.name and "WRITELOCK" not in f.name:
            files.setdefault(f.name.split(".", 1)[1], []).append(f.read_bytes())
    return {kind: sorted(contents) for kind, contents in files.items()}


@pytest.fixture(scope="module")
def invented(tmp_path_factory):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from corpus import Generator  # invented replies of the genre (bench/corpus.py)

    root = tmp_path_factory.mktemp("compiled")
    Generator(seed=5).write(root / "a", 160)
    Generator(seed=6).write(root / "b", 40)
    return root


@needs_c
def test_segments_are_byte_identical(invented, tmp_path, monkeypatch):
    """The whole writer, C against Python: one ingest, then runs that add
    replies and merge the small segments (postings re-added one by one from
    the first segment). One worker: with two, which worker gets which file
    depends on timing, and so do the segments."""
    examples = Path(__file__).resolve().parent.parent / "examples"
    built = {}
    for pure in (False, True):
        index = tmp_path / ("py" if pure else "c")
        _ingest(invented / "a", index, pure, monkeypatch)
        first = _segment_files(index)
        _ingest(invented / "b", index, pure, monkeypatch)
        _ingest(examples, index, pure, monkeypatch)
        built[pure] = (first, _segment_files(index))
    assert {"pst", "trm", "_body_len.col"} <= set(built[False][0])
    assert built[False] == built[True]
