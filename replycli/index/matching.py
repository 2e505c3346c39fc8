"""Executing a parsed query against the index's posting lists.

Whoosh's own Phrase query goes through its generic span machinery and
scores every match in Python, which costs seconds on a common phrase in a
10,000-reply archive. Our phrases have a simple shape (one gram term per
position), so this module matches them directly:

* a Chinese run of n characters needs only the bigrams at offsets 0, 2, 4 …
  (plus the last one): positions are contiguous unit positions, so bigrams
  at p and p+2 pin four consecutive characters exactly;
* documents are intersected by id first, and positions are decoded only for
  the candidates;
* the score is BM25 over the phrase frequency in the body, plus boosts for a
  match in the title and for the whole string being one jieba word.

Field filters with other types (year, kind, amount, date) still go through
Whoosh queries, as sets of document numbers.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from replycli.index.analysis import HAN, gram_tokens, units

K1, B = 1.2, 0.75
TITLE_BOOST = 3.0
WORD_BOOST = 0.5


@dataclass
class Slot:
    """One position of a phrase: a term, or a prefix (a lone final Han char)."""
    text: str
    prefix: bool = False


def phrase_slots(text: str) -> list[list[tuple[int, Slot]]]:
    """For each punctuation-free segment of ``text``: ``(offset, slot)`` pairs
    whose co-occurrence at ``p + offset`` means the segment occurs at ``p``."""
    from replycli.index.query import _segments

    out = []
    for segment in _segments(text):
        toks = [(t, p) for t, p, *_ in gram_tokens(segment)]
        if not toks:
            continue
        us = list(units(segment))
        base = toks[0][1]
        toks = [(t, p - base) for t, p in toks]
        if len(toks) >= 2 and us[-1][0] == HAN and us[-2][0] == HAN:
            toks = toks[:-1]  # the final unigram exists only where the run ends
        lone_han_last = us[-1][0] == HAN and (len(us) == 1 or us[-2][0] != HAN)
        slots = [(p, Slot(t, prefix=lone_han_last and i == len(toks) - 1)) for i, (t, p) in enumerate(toks)]
        # Keep a cover: every Han bigram needed to pin each character once.
        keep, covered = [], -1
        for i, (p, slot) in enumerate(slots):
            is_bigram = len(slot.text) == 2 and all(0x3000 <= ord(c) for c in slot.text) and not slot.prefix
            last = i == len(slots) - 1
            if is_bigram and p <= covered and not last:
                continue
            if is_bigram and p + 1 <= covered and last:
                continue
            keep.append((p, slot))
            covered = p + (1 if is_bigram else 0)
        out.append(keep)
    return out


class Executor:
    def __init__(self, searcher):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.deleted = self.reader.has_deletions()
        self.ndocs = max(1, self.reader.doc_count())

    # -- posting access -----------------------------------------------------
    def _postings(self, field: str, slot: Slot, want_positions: bool) -> dict[int, object]:
        """docnum -> positions (a list) or frequency."""
        r = self.reader
        terms = list(r.expand_prefix(field, slot.text)) if slot.prefix else [slot.text]
        out: dict[int, object] = {}
        for term in terms:
            if isinstance(term, bytes):
                term = term.decode("utf-8")
            try:
                m = r.postings(field, term)
            except Exception:  # TermNotFound
                continue
            while m.is_active():
                d = m.id()
                if not (self.deleted and r.is_deleted(d)):
                    if want_positions:
                        out.setdefault(d, []).extend(m.value_as("positions"))
                    else:
                        out[d] = out.get(d, 0) + m.weight()
                m.next()
        return out

    def _ids(self, field: str, slot: Slot) -> set[int]:
        r = self.reader
        terms = list(r.expand_prefix(field, slot.text)) if slot.prefix else [slot.text]
        ids: set[int] = set()
        for term in terms:
            if isinstance(term, bytes):
                term = term.decode("utf-8")
            try:
                ids.update(r.postings(field, term).all_ids())
            except Exception:
                continue
        if self.deleted:
            ids = {d for d in ids if not r.is_deleted(d)}
        return ids

    def phrase(self, field: str, text: str, within: set[int] | None = None) -> dict[int, float]:
        """docnum -> how often ``text`` occurs in ``field`` (whitespace ignored)."""
        result: dict[int, float] | None = None
        for slots in phrase_slots(text):
            if len(slots) == 1:
                tf = self._postings(field, slots[0][1], want_positions=False)
                if within is not None:
                    tf = {d: f for d, f in tf.items() if d in within}
            else:
                cand = within
                for _, slot in sorted(slots, key=lambda ps: self.reader.doc_frequency(field, ps[1].text)
                                      if not ps[1].prefix else self.ndocs):
                    ids = self._ids(field, slot)
                    cand = ids if cand is None else cand & ids
                    if not cand:
                        break
                tf = {}
                if cand:
                    per_slot = []
                    for off, slot in slots:
                        pos = self._postings_for(field, slot, cand)
                        per_slot.append((off, pos))
                    for d in cand:
                        starts = None
                        for off, pos in per_slot:
                            ps = {p - off for p in pos.get(d, ())}
                            starts = ps if starts is None else starts & ps
                            if not starts:
                                break
                        if starts:
                            tf[d] = float(len(starts))
            result = tf if result is None else {d: min(f, tf[d]) for d, f in result.items() if d in tf}
            if not result:
                return {}
        return result or {}

    def _postings_for(self, field: str, slot: Slot, cand: set[int]) -> dict[int, list[int]]:
        """Positions for the candidate documents only (skipping the rest)."""
        r = self.reader
        terms = list(r.expand_prefix(field, slot.text)) if slot.prefix else [slot.text]
        out: dict[int, list[int]] = {}
        targets = sorted(cand)
        for term in terms:
            if isinstance(term, bytes):
                term = term.decode("utf-8")
            try:
                m = r.postings(field, term)
            except Exception:
                continue
            for d in targets:
                if not m.is_active():
                    break
                if m.id() < d:
                    m.skip_to(d)
                    if not m.is_active():
                        break
                if m.id() == d:
                    out.setdefault(d, []).extend(m.value_as("positions"))
        return out

    def query_ids(self, q) -> set[int]:
        """Document numbers matching a Whoosh query (no scoring)."""
        return set(self.searcher.docs_for_query(q))

    # -- scoring ------------------------------------------------------------
    def bm25(self, tf: dict[int, float], field: str = "body") -> dict[int, float]:
        r = self.reader
        n = len(tf)
        idf = math.log(1 + (self.ndocs - n + 0.5) / (n + 0.5))
        avg = max(1.0, r.field_length(field) / self.ndocs)
        out = {}
        for d, f in tf.items():
            dl = r.doc_field_length(d, field, 0) or avg
            out[d] = idf * f * (K1 + 1) / (f + K1 * (1 - B + B * dl / avg))
        return out
