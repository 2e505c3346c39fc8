"""Executing a parsed query against the index's posting lists.

Whoosh's own Phrase query goes through its generic span machinery and
scores every match in Python, which costs seconds on a common phrase in a
10,000-reply archive. Our phrases have a simple shape (one gram term per
position), so this module matches them directly:

* a Chinese run of n characters needs only the bigrams at offsets 0, 2, 4 …
  (plus the last one): positions are contiguous unit positions, so bigrams
  at p and p+2 pin four consecutive characters exactly;
* punctuation inside a query string is one empty position, as in the
  index, so a 文号 such as 政协主办〔2023〕3号 is matched as one string; the
  stored text then confirms the punctuation itself (brackets as one shape);
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
from replycli.index import whoosh_private  # noqa: F401  (checks the installed Whoosh once)

K1, B = 1.2, 0.75
# Above this many candidates a top-N search verifies phrases lazily, best first.
LAZY_MIN = 200
TITLE_BOOST = 3.0
WORD_BOOST = 0.5


# Index field -> the stored field holding its text (for the punctuation check).
STORED = {"body": "text", "title": "title", "issuer": "issuer", "proposer": "proposer",
          "doc_number": "doc_number"}


def punctuated(text: str) -> bool:
    """True when ``text`` holds punctuation (anything but letters, digits and
    whitespace), which the index records only as a gap."""
    return any(not (c.isalnum() or c.isspace()) for c in text)


@dataclass
class Slot:
    """One position of a phrase: a term, or a prefix (a lone final Han char)."""
    text: str
    prefix: bool = False


def phrase_slots(text: str) -> list[list[tuple[int, Slot]]]:
    """``(offset, slot)`` pairs whose co-occurrence at ``p + offset`` means
    ``text`` occurs at ``p``, as a one-element list (the shape callers take).

    The whole string is one phrase, punctuation included: a run of
    punctuation in the query is one empty position, exactly as in the index
    (``analysis.gram_tokens``), so ``政协主办〔2023〕3号`` must occur as one
    string and does not match ``政协主办〔2022〕71号 … 〔2023〕3号``. Which
    punctuation it is, the index does not know; ``Executor.phrase`` checks
    that on the stored text.
    """
    toks = [(t, p) for t, p, *_ in gram_tokens(text)]
    if not toks:
        return []
    us = list(units(text))
    base = toks[0][1]
    toks = [(t, p - base) for t, p in toks]
    # The final unigram of the query exists in the text only where its run
    # ends; a run that ends at punctuation ends there in the text too, so
    # after trailing punctuation it stays, exact (not a prefix).
    tail = text.rstrip()[-1:]
    closed = bool(tail) and not tail.isalnum()
    last_pair_han = len(us) >= 2 and us[-1][0] == HAN and us[-2][0] == HAN and not us[-1][4]
    if len(toks) >= 2 and last_pair_han and not closed:
        toks = toks[:-1]
    lone_han_last = us[-1][0] == HAN and not last_pair_han and not closed
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
    return [keep]


def _leaf_items(m, want: str, decode=None, cand: list[int] | None = None):
    """``(local docnum, weight or decoded value)`` for every posting of a leaf
    matcher, a block at a time when it is Whoosh's W3 matcher (its blocks hold
    up to 128 postings as arrays), else one posting at a time.

    With ``cand`` (sorted local docnums), only those postings are yielded:
    blocks whose id range holds no candidate are skipped unread (each block's
    header carries its largest id), and positions are decoded for candidates
    only, which is what makes checking a phrase in a few documents cheap.
    """
    if hasattr(m, "_next_block") and hasattr(m, "_read_ids"):
        import bisect

        ci = 0
        while not m._atend:
            if cand is not None:
                if ci >= len(cand):
                    return
                if cand[ci] > m._maxid:  # no candidate in this block
                    m._next_block()
                    continue
            m._read_ids()
            ids = m._ids
            if cand is None:
                if want == "weight":
                    m._read_weights()
                    yield from zip(ids, m._weights)
                elif want == "raw":
                    m._read_weights()
                    m._read_values()
                    yield from zip(ids, zip(m._weights, m._values))
                elif want == "value":
                    m._read_values()
                    yield from zip(ids, map(decode, m._values))
                else:
                    yield from ((d, None) for d in ids)
            else:
                hi = bisect.bisect_right(cand, m._maxid, ci)
                wanted = set(cand[ci:hi])
                ci = hi
                if want in ("weight", "raw"):
                    m._read_weights()
                if want in ("value", "raw"):
                    m._read_values()
                for i, d in enumerate(ids):
                    if d in wanted:
                        if want == "weight":
                            yield d, m._weights[i]
                        elif want == "raw":
                            yield d, (m._weights[i], m._values[i])
                        elif want == "value":
                            yield d, decode(m._values[i])
                        else:
                            yield d, None
            m._next_block()
        return
    wanted = None if cand is None else set(cand)
    while m.is_active():
        if wanted is None or m.id() in wanted:
            if want == "weight":
                yield m.id(), m.weight()
            elif want == "raw":
                yield m.id(), (m.weight(), m.value())
            elif want == "value":
                yield m.id(), decode(m.value())
            else:
                yield m.id(), None
        m.next()


class Executor:
    def __init__(self, searcher):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.leaves = list(self.reader.leaf_readers())
        self.leaf_ends = [offset + leaf.doc_count_all() for leaf, offset in self.leaves]
        self.ndocs = max(1, self.reader.doc_count())
        # Undecoded positions kept by a lazy phrase's bound pass, so that
        # verifying a candidate decodes them without reading blocks again:
        # (field, slot text) -> docnum -> encoded positions, one per term.
        self._raw: dict[tuple[str, str], dict[int, list]] = {}
        self._decoders: dict[str, object] = {}
        self._length_tables: dict[tuple[int, str], list[int]] = {}

    # -- posting access -----------------------------------------------------
    def _terms(self, field: str, slot: Slot) -> list[str]:
        if not slot.prefix:
            return [slot.text]
        return [t.decode("utf-8") if isinstance(t, bytes) else t for t in self.reader.expand_prefix(field, slot.text)]

    def _df(self, field: str, slot: Slot) -> int:
        return self.ndocs if slot.prefix else self.reader.doc_frequency(field, slot.text)

    def _scan(self, field: str, slot: Slot, want: str, cand: set[int] | None = None):
        """Yield ``(docnum, weight or positions)`` over all segments, skipping
        deleted documents (and, with ``cand``, documents not in it)."""
        decode = None
        if cand is not None:  # sorted once, cut per segment (not scanned per segment)
            import bisect

            scand = sorted(cand)
        for term in self._terms(field, slot):
            for (leaf, offset), end in zip(self.leaves, self.leaf_ends):
                local_cand = None
                if cand is not None:
                    lo, hi = bisect.bisect_left(scand, offset), bisect.bisect_left(scand, end)
                    if lo == hi:
                        continue
                    local_cand = [d - offset for d in scand[lo:hi]]
                try:
                    m = leaf.postings(field, term)
                except Exception:  # TermNotFound in this segment
                    continue
                # Segments with deletions wrap the matcher in a filter; deleted
                # documents are skipped below, so read the leaf itself.
                while not hasattr(m, "format") and hasattr(m, "child"):
                    m = m.child
                if decode is None and want in ("value", "raw"):
                    decode = self._decoders[field] = m.format.decoder("positions")
                deleted = leaf.is_deleted if leaf.has_deletions() else None
                for local, v in _leaf_items(m, want, decode, local_cand):
                    if not (deleted and deleted(local)):
                        yield local + offset, v

    def _postings(self, field: str, slot: Slot, want_positions: bool,
                  cand: set[int] | None = None) -> dict[int, object]:
        """docnum -> positions (a list) or frequency; with ``cand``, for those
        documents only."""
        out: dict[int, object] = {}
        if want_positions:
            for d, pos in self._scan(field, slot, "value", cand):
                out.setdefault(d, []).extend(pos)
        else:
            for d, w in self._scan(field, slot, "weight", cand):
                out[d] = out.get(d, 0) + w
        return out

    def _ids(self, field: str, slot: Slot, cand: set[int] | None = None) -> set[int]:
        return {d for d, _ in self._scan(field, slot, "ids", cand)}

    def phrase(self, field: str, text: str, within: set[int] | None = None,
               lazy: bool = False) -> tuple[dict[int, float], bool]:
        """docnum -> how often ``text`` occurs in ``field`` (whitespace ignored).

        With ``lazy``, a phrase of several slots with many candidates is not
        checked position by position: the result holds every candidate with
        an upper bound of its frequency (the smallest slot frequency), and the
        second value is True; ``verify`` gives the exact figure per document.
        """
        segments = phrase_slots(text)
        punct = punctuated(text)
        if not segments:
            # Punctuation only (、): nothing in the index to look up, so the
            # stored text of every document is read.
            if not punct or field not in STORED:
                return {}, False
            from whoosh import query as Q

            docs = within if within is not None else self.query_ids(Q.Every())
            return self._punctuation_holds(field, text, dict.fromkeys(docs, 1.0)), False
        # A punctuated string is checked on the stored text, which costs a
        # read per document: lazily too, even with a single slot.
        if lazy and within is None and (punct or any(len(sl) > 1 for sl in segments)):
            # Rarest slot first; later slots are read only in the blocks that
            # hold a surviving candidate.
            # Blocks hold weights and positions together, so the positions are
            # kept (undecoded) for ``verify``.
            bound: dict[int, float] | None = None
            raws = {}
            every = sorted((slot for slots in segments for _, slot in slots), key=lambda sl: self._df(field, sl))
            for slot in every:
                w: dict[int, float] = {}
                raw: dict[int, list] = {}
                for d, (f, value) in self._scan(field, slot, "raw", None if bound is None else bound.keys()):
                    w[d] = w.get(d, 0) + f
                    raw.setdefault(d, []).append(value)
                raws[(field, slot.text)] = raw
                bound = w if bound is None else {d: min(f, w[d]) for d, f in bound.items() if d in w}
                if not bound:
                    return {}, False
            if len(bound) > LAZY_MIN:
                self._raw.update(raws)
                return bound, True
            within = set(bound)
        tf = self._phrase_exact(field, segments, within)
        return (self._punctuation_holds(field, text, tf) if punct else tf), False

    def _punctuation_holds(self, field: str, text: str, tf: dict[int, float]) -> dict[int, float]:
        """Keep the documents where the punctuation of ``text`` is the
        punctuation at that place in the stored field (the index only knows
        that there is some): ``〔2023〕`` matches ``[2023]`` but not ``，2023。``.
        A field that is not stored keeps the position match."""
        stored_as = STORED.get(field)
        if stored_as is None or not tf:
            return tf
        from replycli.index.highlight import pattern_for, searchable

        pattern = pattern_for([text])
        if pattern is None:
            return tf
        out = {}
        for d, f in tf.items():
            value = self.searcher.stored_fields(d).get(stored_as) or ""
            if pattern.search(searchable(value, pattern)):
                out[d] = f
        return out

    def verify(self, field: str, text: str, docs: set[int]) -> dict[int, float]:
        """The exact frequency of ``text`` in each of ``docs`` that has it."""
        tf = self._verify_positions(field, text, docs)
        return self._punctuation_holds(field, text, tf) if punctuated(text) else tf

    def _verify_positions(self, field: str, text: str, docs: set[int]) -> dict[int, float]:
        segments = phrase_slots(text)
        keys = [(field, slot.text) for slots in segments for _, slot in slots]
        if not all(k in self._raw for k in keys):
            return self._phrase_exact(field, segments, set(docs))
        decode = self._decoders[field]
        out: dict[int, float] = {}
        for d in docs:
            best = None
            for slots in segments:
                starts = None
                for off, slot in slots:
                    values = self._raw[(field, slot.text)].get(d)
                    if not values:
                        starts = set()
                        break
                    ps = {p - off for value in values for p in decode(value)}
                    starts = ps if starts is None else starts & ps
                    if not starts:
                        break
                n = len(starts or ())
                best = n if best is None else min(best, n)
                if not best:
                    break
            if best:
                out[d] = float(best)
        return out

    def _phrase_exact(self, field: str, segments, within: set[int] | None) -> dict[int, float]:
        result: dict[int, float] | None = None
        for slots in segments:
            if len(slots) == 1:
                tf = self._postings(field, slots[0][1], False, within)
            else:
                cand = within
                for _, slot in sorted(slots, key=lambda ps: self._df(field, ps[1])):
                    ids = self._ids(field, slot, cand)
                    cand = ids if cand is None else cand & ids
                    if not cand:
                        break
                tf = {}
                if cand:
                    per_slot = [(off, self._postings(field, slot, True, cand)) for off, slot in slots]
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

    def query_ids(self, q) -> set[int]:
        """Document numbers matching a Whoosh query (no scoring)."""
        return set(self.searcher.docs_for_query(q))

    # -- scoring ------------------------------------------------------------
    def _lengths(self, docs, field: str) -> dict[int, int]:
        """Field lengths (0 where unknown)."""
        import bisect

        out = {}
        starts = [offset for _, offset in self.leaves]
        for d in docs:
            i = bisect.bisect_right(starts, d) - 1
            table = self._length_table(i, field)
            local = d - self.leaves[i][1]
            out[d] = table[local] if local < len(table) else 0
        return out

    def _length_table(self, i: int, field: str) -> list[int]:
        """One segment's lengths of ``field`` for all its documents, read as one
        block from the length column (one byte per document) instead of one
        file read per document."""
        key = (i, field)
        if key not in self._length_tables:
            leaf, _ = self.leaves[i]
            n = leaf.doc_count_all()
            try:
                from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
                from whoosh.util.numeric import byte_to_length

                col = leaf._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
                if col is None:
                    table = [0] * n
                else:
                    raw = col._dbfile.get(col._basepos, min(col._count, n))
                    decoded = [byte_to_length(b) for b in range(256)]
                    table = [decoded[b] for b in raw] + [0] * (n - len(raw))
            except (AttributeError, ImportError):  # another codec: ask per document
                table = [leaf.doc_field_length(j, field, 0) or 0 for j in range(n)]
            self._length_tables[key] = table
        return self._length_tables[key]

    def phrase_df(self, field: str, text: str) -> int:
        """A phrase's document frequency for idf: that of its rarest slot
        (exact counts would need every position checked; this is the same for
        a top-N search and a full one)."""
        dfs = []
        for slots in phrase_slots(text):
            for _, slot in slots:
                if slot.prefix:
                    dfs.append(sum(self.reader.doc_frequency(field, t) for t in self._terms(field, slot)))
                else:
                    dfs.append(self.reader.doc_frequency(field, slot.text))
        return max(1, min(dfs)) if dfs else 1

    def idf(self, df: int) -> float:
        # doc_frequency still counts deleted documents: clamp, so idf >= 0
        # (a bound score must never fall below the exact one).
        df = min(df, self.ndocs)
        return math.log(1 + (self.ndocs - df + 0.5) / (df + 0.5))

    def bm25(self, tf: dict[int, float], field: str = "body", idf: float | None = None) -> dict[int, float]:
        r = self.reader
        if idf is None:
            idf = self.idf(len(tf))
        avg = max(1.0, r.field_length(field) / self.ndocs)
        lengths = self._lengths(tf, field)
        k_norm = {d: K1 * (1 - B + B * (lengths.get(d) or avg) / avg) for d in tf}
        return {d: idf * f * (K1 + 1) / (f + k_norm[d]) for d, f in tf.items()}
