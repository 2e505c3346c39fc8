"""Analyzers for the index.

COMPATIBILITY CONTRACT: Whoosh pickles the analyzer objects of the schema by
import path (``replycli.index.analysis.GramTokenizer`` ...). Never move or
rename the classes in this module without bumping ``SCHEMA_VERSION`` in
``replycli.index.schema``. Keep this module free of heavy imports: it is
imported every time an index is opened, including by ``search``.

Two analyses of the same text:

* **grams** (recall): every Han character position carries one token, the
  bigram starting there (``钢铁``) or, at the end of a Chinese run, the single
  character (``铁``). Runs of letters/digits are one lower-cased token each.
  Whitespace is transparent (page breaks split words), other punctuation
  leaves a one-position gap so phrases do not match across it. A query run
  becomes a phrase of its bigrams, so any Chinese substring is found exactly,
  whatever the word segmenter does.
* Both see the text through :func:`fold` (``replycli.script``): 萬元 is
  indexed as 万元 and 鎮(zhèn) as 镇, so either script finds the other.
* **words** (ranking): jieba words with token-index positions, through the
  fast Rust engine ``rjieba`` when installed, else pure-Python ``jieba``.
"""
from __future__ import annotations

import re
from collections import defaultdict
from operator import add

from whoosh.analysis import Token, Tokenizer

from replycli.normalize import fold as _fold_width
from replycli.normalize import is_cjk
from replycli.script import fold_chars


def fold(text: str) -> str:
    """What every field and query is indexed as: full-width ASCII folded,
    traditional characters simplified, pinyin readings blanked (all length-
    preserving, so character offsets still point into the original)."""
    global _last_fold
    if _last_fold[0] is text:  # the body is indexed twice (grams, words)
        return _last_fold[1]
    folded = fold_chars(_fold_width(text))
    if len(text) > 500:  # short fields (indexed in between) do not evict it
        _last_fold = (text, folded)
    return folded


_last_fold: tuple = (None, None)

# Unit kinds produced by ``units``.
HAN, WORD = 0, 1


def units(text: str):
    """Yield ``(kind, text, start, end, gap_before)`` for each indexable unit.

    ``gap_before`` is True when punctuation separates this unit from the
    previous one (whitespace does not count: it is transparent).
    """
    text = fold(text)
    n = len(text)
    i = 0
    gap = False
    while i < n:
        ch = text[i]
        if is_cjk(ch):
            yield HAN, ch, i, i + 1, gap
            gap = False
            i += 1
        elif ch.isalnum():
            j = i + 1
            while j < n and text[j].isalnum() and not is_cjk(text[j]):
                j += 1
            yield WORD, text[i:j].lower(), i, j, gap
            gap = False
            i = j
        else:
            if not ch.isspace():
                gap = True
            i += 1


def gram_tokens(text: str):
    """Yield ``(term, position, start, end)`` for the grams analysis.

    Positions count units; a punctuation gap adds one empty position.
    """
    us = list(units(text))
    pos = -1
    for k, (kind, utext, start, end, gap) in enumerate(us):
        pos += 2 if gap else 1
        if kind == HAN:
            nxt = us[k + 1] if k + 1 < len(us) else None
            if nxt is not None and nxt[0] == HAN and not nxt[4]:
                yield utext + nxt[1], pos, start, nxt[3]
                continue
        yield utext, pos, start, end


_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_RX: tuple = ()


def _gram_rx() -> tuple:
    """The fast path's patterns, compiled on first use (~10 ms that a search,
    which never indexes, does not pay)."""
    global _RX
    if not _RX:
        _RX = (re.compile(rf"(?<=[{_HAN}])\s+(?=[{_HAN}])"),
               re.compile(rf"(?P<han>[{_HAN}]+)|(?P<word>(?:(?![{_HAN}])[^\W_])+)|(?P<sp>\s+)|(?P<other>.)", re.S))
    return _RX


def gram_terms(text: str) -> list:
    """The term at each position, as ``gram_tokens`` numbers them, None where
    a punctuation gap leaves a position empty; computed with regexes and
    C-level list building (the indexing hot path)."""
    ws_in_han, unit_rx = _RX or _gram_rx()
    text = ws_in_han.sub("", fold(text))
    terms: list = []
    extend, append = terms.extend, terms.append
    gap = False
    for m in unit_rx.finditer(text):
        kind = m.lastgroup
        if kind == "han":
            if gap:
                append(None)
                gap = False
            run = m.group()
            # One bigram per character but the run's last, which stands alone.
            extend(map(add, run, run[1:]))
            append(run[-1])
        elif kind == "word":
            if gap:
                append(None)
                gap = False
            append(m.group().lower())
        elif kind == "other":
            gap = True
    return terms


def gram_postings(text: str) -> dict[str, list[int]]:
    """term -> positions, exactly as ``gram_tokens`` numbers them."""
    poses: dict[str, list[int]] = defaultdict(list)
    for pos, term in enumerate(gram_terms(text)):
        if term is not None:
            poses[term].append(pos)
    return poses


class GramTokenizer(Tokenizer):
    """Han bigrams (one per character position) plus whole letter/digit runs."""

    def __eq__(self, other):
        return self.__class__ is other.__class__

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True,
                 mode="", **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = value
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar, t.endchar = start_char, start_char + len(value)
            yield t
            return
        for term, pos, start, end in gram_tokens(value):
            t.text = term
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = term
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar, t.endchar = start_char + start, start_char + end
            yield t


def segmenter():
    """Return the jieba ``cut`` function: rjieba when available, else jieba.

    Imported lazily: loading a dictionary costs 0.15 s (rjieba) to 1.5 s
    (jieba), which commands that do not segment must not pay.
    """
    global _CUT
    if _CUT is None:
        try:
            import rjieba

            _CUT = rjieba.cut
        except ImportError:  # no wheel for this platform: portable fallback
            import jieba

            jieba.setLogLevel(60)
            _CUT = lambda s: jieba.lcut(s, HMM=True)  # noqa: E731
    return _CUT


_CUT = None


def word_tokens(text: str, min_len: int = 1):
    """Yield ``(word, position, start, end)``: jieba words, punctuation and
    whitespace dropped, letters lower-cased. Words shorter than ``min_len``
    are skipped (positions still count them)."""
    text = fold(text)
    cut = segmenter()
    start = 0
    pos = 0
    for w in cut(text):
        end = start + len(w)
        if any(c.isalnum() for c in w):
            if len(w) >= min_len:
                yield w.lower(), pos, start, end
            pos += 1
        start = end


class WordTokenizer(Tokenizer):
    """jieba words with token-index positions (not character offsets).

    Only words of three or more characters are indexed: a one- or
    two-character word is already an exact term of the grams field, and
    indexing it twice would double Whoosh's per-posting cost for nothing.
    """

    min_len = 3

    def __eq__(self, other):
        return self.__class__ is other.__class__

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True,
                 mode="", **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = value
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            yield t
            return
        for term, pos, start, end in word_tokens(value, self.min_len):
            t.text = term
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = term
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar, t.endchar = start_char + start, start_char + end
            yield t


def word_counts(text: str, min_len: int = 3) -> dict[str, int]:
    """word -> frequency for the words field (the indexing hot path: counted
    in C when ``replycli.index.compiled`` has it)."""
    from replycli.index import compiled

    words = segmenter()(fold(text))
    grampool = compiled.grampool()
    return grampool.count_words(words, min_len) if grampool else count_words_py(words, min_len)


def count_words_py(words: list, min_len: int) -> dict[str, int]:
    """Lower-cased word -> frequency, for words of ``min_len`` characters or
    more that hold a letter or digit."""
    counts: dict[str, int] = defaultdict(int)
    for w in words:
        # w.isalnum(): most words, without a generator per word.
        if len(w) >= min_len and (w.isalnum() or any(c.isalnum() for c in w)):
            counts[w.lower()] += 1
    return counts


def GramAnalyzer():
    return GramTokenizer()


def WordAnalyzer():
    return WordTokenizer()
