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

from replycli.index.analysis import HAN, gram_tokens, units
from replycli.normalize import is_cjk
from replycli.index import whoosh_private  # noqa: F401  (checks the installed Whoosh once)

K1, B = 1.2, 0.75
# Above this many candidates a top-N search verifies phrases lazily, best first.
LAZY_MIN = 200
# A candidate set larger than 1/DENSE of the documents is intersected by
# reading a slot's postings whole rather than block by block.
DENSE = 8
TITLE_BOOST = 3.0
WORD_BOOST = 0.5


# Index field -> the stored field holding its text (for the punctuation check).
STORED = {"body": "text", "title": "title", "issuer": "issuer", "proposer": "proposer",
          "doc_number": "doc_number"}


def punctuated(text: str) -> bool:
    """True when ``text`` holds punctuation (anything but letters, digits and
    whitespace), which the index records only as a gap."""
    return any(not (c.isalnum() or c.isspace()) for c in text)


class Slot:
    """One position of a phrase: a term, or a prefix (a lone final Han char)."""

    __slots__ = ("text", "prefix")

    def __init__(self, text: str, prefix: bool = False):
        self.text, self.prefix = text, prefix

    def __repr__(self):
        return f"Slot({self.text!r}, prefix={self.prefix!r})"


def phrase_grams(text: str) -> list[tuple[int, Slot]]:
    """Every gram of ``text`` a document holds wherever ``text`` occurs, as
    ``(offset, slot)``: each bigram (the interior ones too, which
    ``phrase_slots`` leaves out as redundant for matching) and the last
    character as a prefix slot when it stands alone. Each bounds the
    phrase's frequency: an occurrence at ``p`` puts the gram at ``p + offset``."""
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
    return [(p, Slot(t, prefix=lone_han_last and i == len(toks) - 1)) for i, (t, p) in enumerate(toks)]


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
    slots = phrase_grams(text)
    if not slots:
        return []
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
            if m._ids is None:
                m._ids = tuple(_block_arrays(m)[0])
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


def _block_arrays(m):
    """``(ids, weights)`` of a W3 matcher's current block, the delta-coded ids
    summed in C (Whoosh's ``_read_ids`` does it in a Python generator, which
    was a third of ranking a common term)."""
    from itertools import accumulate, repeat

    if m._data is None:
        m._read_data()
    ids, weights = m._data[0], m._data[1]
    if not m._byteids:
        ids = accumulate(ids)
    n = m._blocklength
    if weights is None:
        weights = repeat(1.0, n)
    elif isinstance(weights, float):
        weights = repeat(weights, n)
    return ids, weights


def _leaf_matcher(leaf, field: str, term: str):
    """A segment's own posting matcher for ``term``, or None when the segment
    lacks the term. Segments with deletions wrap the matcher in a filter;
    the callers skip deleted documents themselves, so read the leaf itself."""
    try:
        m = leaf.postings(field, term)
    except Exception:  # TermNotFound in this segment
        return None
    while not hasattr(m, "format") and hasattr(m, "child"):
        m = m.child
    return m


class Executor:
    def __init__(self, searcher):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.leaves = list(self.reader.leaf_readers())
        self.leaf_ends = [offset + leaf.doc_count_all() for leaf, offset in self.leaves]
        self.ndocs = max(1, self.reader.doc_count())
        self._decoders: dict[str, object] = {}
        self._length_bytes: dict[str, bytes] = {}
        self._k_norm: dict[str, list[float]] = {}
        self._dfs: dict[tuple[str, str], int] = {}
        self._freqs: dict[tuple[str, str], float] = {}

    # -- posting access -----------------------------------------------------
    def _terms(self, field: str, slot: Slot) -> list[str]:
        if not slot.prefix:
            return [slot.text]
        return [t.decode("utf-8") if isinstance(t, bytes) else t for t in self.reader.expand_prefix(field, slot.text)]

    def _df(self, field: str, slot: Slot) -> int:
        return self.ndocs if slot.prefix else self.doc_frequency(field, slot.text)

    def doc_frequency(self, field: str, text: str) -> int:
        """The reader's document frequency, asked once per term (each asks
        every segment: dozens of lookups in a large archive)."""
        key = (field, text)
        if key not in self._dfs:
            self._dfs[key] = self.reader.doc_frequency(field, text)
        return self._dfs[key]

    def frequency(self, field: str, text: str) -> float:
        """How often ``text`` occurs in ``field`` over the whole index."""
        key = (field, text)
        if key not in self._freqs:
            self._freqs[key] = self.reader.frequency(field, text)
        return self._freqs[key]

    def _scan(self, field: str, slot: Slot, want: str, cand: set[int] | None = None):
        """Yield ``(docnum, weight or positions)`` over all segments, skipping
        deleted documents (and, with ``cand``, documents not in it)."""
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
                m = _leaf_matcher(leaf, field, term)
                if m is None:
                    continue
                yield from self._scan_leaf(leaf, offset, m, want, local_cand, field)

    def _scan_leaf(self, leaf, offset: int, m, want: str, local_cand, field: str | None = None):
        decode = None
        if want in ("value", "raw"):
            decode = self._decoders.get(field)
            if decode is None:
                decode = self._decoders[field] = m.format.decoder("positions")
        deleted = leaf.is_deleted if leaf.has_deletions() else None
        for local, v in _leaf_items(m, want, decode, local_cand):
            if not (deleted and deleted(local)):
                yield local + offset, v

    def _deleted(self, leaf, offset: int) -> list[int]:
        """The global docnums deleted in a segment (a re-ingest deletes the old
        version of a changed file; usually a few per segment)."""
        return [offset + d for d in leaf.deleted_docs_set] if leaf.has_deletions() else []

    def weights(self, field: str, slot: Slot) -> dict[int, float]:
        """docnum -> frequency of a slot in ``field``, for every document:
        whole blocks go into the dict at once (``_scan`` yields posting by
        posting, which is what a candidate-limited read needs)."""
        terms = self._terms(field, slot)
        if len(terms) != 1:  # a prefix: frequencies of several terms add up
            return self._postings(field, slot, False)
        out: dict[int, float] = {}
        for leaf, offset in self.leaves:
            m = _leaf_matcher(leaf, field, terms[0])
            if m is None:
                continue
            if not hasattr(m, "_read_data"):
                for d, w in self._scan_leaf(leaf, offset, m, "weight", None):
                    out[d] = out.get(d, 0) + w
                continue
            add = offset.__add__
            while not m._atend:
                ids, ws = _block_arrays(m)
                out.update(zip(map(add, ids), ws))
                m._next_block()
            for d in self._deleted(leaf, offset):
                out.pop(d, None)
        return out

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
            # Rarest slot first. A later slot is read whole when most documents
            # are still candidates (one dict update per block), else only in
            # the blocks that hold a candidate. Positions are read later, for
            # the few documents ``verify`` checks.
            bound: dict[int, float] | None = None
            every = sorted((slot for slots in segments for _, slot in slots), key=lambda sl: self._df(field, sl))
            for slot in every:
                if bound is None or len(bound) * DENSE > self.ndocs:
                    w = self.weights(field, slot)
                else:
                    w = {}
                    for d, f in self._scan(field, slot, "weight", bound.keys()):
                        w[d] = w.get(d, 0) + f
                if bound is None:
                    bound = w
                else:  # the smaller frequency where both occur (C loops: ~3x a comprehension)
                    both = bound.keys() & w.keys()
                    bound = dict(zip(both, map(min, map(bound.__getitem__, both), map(w.__getitem__, both))))
                if not bound:
                    return {}, False
            if len(bound) > LAZY_MIN:
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
        tf = self._phrase_exact(field, phrase_slots(text), set(docs))
        return self._punctuation_holds(field, text, tf) if punctuated(text) else tf

    def _phrase_exact(self, field: str, segments, within: set[int] | None) -> dict[int, float]:
        result: dict[int, float] | None = None
        for slots in segments:
            if len(slots) == 1:
                tf = (self.weights(field, slots[0][1]) if within is None
                      else self._postings(field, slots[0][1], False, within))
            elif not any(slot.prefix for _, slot in slots):
                tf = self._phrase_everywhere(field, slots) if within is None else self._phrase_among(field, slots, within)
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

    def _phrase_among(self, field: str, slots, within: set[int]) -> dict[int, float]:
        """``_phrase_exact`` for the documents in ``within``: each slot's
        blocks that hold a candidate read once (ids, weights and encoded
        positions together), the rarest slot first; positions decoded only
        where every slot occurs."""
        raws = []
        cand = within
        for off, slot in sorted(slots, key=lambda ps: self._df(field, ps[1])):
            raw = {d: v for d, (_, v) in self._scan(field, slot, "raw", cand)}
            if not raw:
                return {}
            raws.append((off, raw))
            cand = raw.keys()
        return self._starts(field, raws, set(cand))

    def _starts(self, field: str, raws, cand) -> dict[int, float]:
        """docnum -> how many positions start the phrase, for ``cand``, from
        each slot's ``(offset, docnum -> encoded positions)``."""
        decode = self._decoder(field)
        tf = {}
        for d in cand:
            starts = None
            for off, raw in raws:
                ps = set(map((-off).__add__, decode(raw[d]))) if off else set(decode(raw[d]))
                starts = ps if starts is None else starts & ps
                if not starts:
                    break
            if starts:
                tf[d] = float(len(starts))
        return tf

    def _phrase_everywhere(self, field: str, slots) -> dict[int, float]:
        """``_phrase_exact`` over every document (a search for all hits): each
        slot's postings read whole, a block at a time, as docnum -> encoded
        positions; positions decoded only where every slot occurs."""
        raws = []
        for off, slot in sorted(slots, key=lambda ps: self._df(field, ps[1])):
            raw = self.values(field, slot.text, None if not raws else raws[0][1])
            if not raw:
                return {}
            raws.append((off, raw))
        cand = set(raws[0][1]).intersection(*(raw for _, raw in raws[1:]))
        return self._starts(field, raws, cand)

    def values(self, field: str, term: str, among: dict | None = None) -> dict[int, bytes]:
        """docnum -> encoded positions of ``term`` in ``field``, for every
        document (or those in ``among``): whole blocks go into the dict at once."""
        out: dict[int, bytes] = {}
        for leaf, offset in self.leaves:
            m = _leaf_matcher(leaf, field, term)
            if m is None:
                continue
            if not hasattr(m, "_read_data"):
                for d, (_, v) in self._scan_leaf(leaf, offset, m, "raw", None, field):
                    out[d] = v
                continue
            add = offset.__add__
            while not m._atend:
                ids, _ = _block_arrays(m)
                m._read_values()
                if among is None:
                    out.update(zip(map(add, ids), m._values))
                else:
                    out.update((d, v) for d, v in zip(map(add, ids), m._values) if d in among)
                m._next_block()
            for d in self._deleted(leaf, offset):
                out.pop(d, None)
        return out

    def _decoder(self, field: str):
        if field not in self._decoders:
            self._decoders[field] = self.reader.schema[field].format.decoder("positions")
        return self._decoders[field]

    def top_phrase(self, field: str, text: str, limit: int) -> list[tuple[int, float]] | None:
        """The ``limit`` best documents for one plain string, by the score
        ``searching._rank`` gives (BM25 on the phrase frequency, the title
        boost, the whole-word boost), reading only the posting blocks that
        can hold one of them; None when the string is not of the shape this
        handles (``_rank`` then ranks it as usual).

        One gram bounds the phrase's frequency in each document (the string
        itself when it is one slot, else its rarest bigram). Whoosh keeps, in
        each posting block's header, the block's highest frequency and
        shortest length, so each block of that gram has a score bound read
        from its header alone; blocks are opened best bound first, each
        opened document gets a bound of its own, and only documents whose
        bound can still beat the ``limit``-th exact score have their phrase
        counted from positions. Once the next block's bound is below that
        score no unopened block can hold a better document. Cost grows with
        the documents that score near the top, not with all that contain the
        string: at 100,000 replies a common four-character string checks a
        few hundred documents' positions, not its 100,000.
        """
        import heapq
        import zlib
        from bisect import bisect_right
        from itertools import accumulate, repeat
        from pickle import loads

        from whoosh.util.numeric import length_to_byte

        if punctuated(text):
            return None
        segments = phrase_slots(text)
        if len(segments) != 1 or any(slot.prefix for _, slot in segments[0]):
            return None
        slots = segments[0]
        if len(slots) == 1:  # a two-character string, or one word: its weight is the phrase's
            rarest = slots[0][1]
        else:
            # Blocks are bounded by one gram's frequency, exact phrase counts
            # come from the candidates' positions. The gram of fewest
            # occurrences bounds most tightly: usually an interior bigram
            # that spans two words (项资 in 专项资金), which the matching cover
            # leaves out and which occurs almost only inside the phrase. The
            # cover's own slots (专项, 资金) occur many times a document: bounded
            # by them, every block stayed open.
            rarest = min((slot for _, slot in phrase_grams(text)),
                         key=lambda sl: (self.frequency(field, sl.text), sl.text))
        idf = self.idf(self.phrase_df(field, text))
        word = text.strip().lower()
        # A word no document holds adds nothing to any score.
        has_word = len(word) >= 3 and " " not in word and self.doc_frequency("words", word) > 0
        words_idf = self.idf(max(1, self.doc_frequency("words", word))) if has_word else 0.0
        # BM25's tf/(tf + k) stays below 1, so this bounds the word boost.
        word_bound = WORD_BOOST * words_idf * (K1 + 1)
        # A word of Han characters only is, wherever jieba cut it, the phrase
        # itself (both read the same folded text): its frequency is at most
        # the phrase's, so the bound gram's weight bounds it too, and the
        # boost's bound saturates with the weight as the score does.
        word_tied = has_word and all(map(is_cjk, word))
        if word_tied:
            kw = self._k_norm_table("words")
            kw_least = min(kw)
            word_codes = self._length_codes("words")
        elif not has_word:
            word_bound = 0.0
        in_title = set(self.phrase("title", text)[0])
        title_docs = sorted(in_title)
        k_norm = self._k_norm_table(field)
        # The smallest normalisation of any length code >= c (code 0 is
        # "unknown", normalised as the average length, so not monotonic).
        k_min = k_norm[:]
        for c in range(254, -1, -1):
            k_min[c] = min(k_min[c], k_min[c + 1])
        codes = self._length_codes(field)

        blocks = []  # (bound, docnum range end, postfile, data offset, data end, compressed, offset)
        deleted: set[int] = set()
        for leaf, offset in self.leaves:
            deleted.update(self._deleted(leaf, offset))
            m = _leaf_matcher(leaf, field, rarest.text)
            if m is None:
                continue
            if not hasattr(m, "_read_data") or m._byteids:
                return None
            lo = offset
            while not m._atend:
                hi = offset + m._maxid
                mw = m._maxweight
                bound = idf * mw * (K1 + 1) / (mw + k_min[length_to_byte(m._minlength)])
                bound += word_bound * mw / (mw + kw_least) if word_tied else word_bound
                t = bisect_right(title_docs, lo - 1)
                if t < len(title_docs) and title_docs[t] <= hi:
                    bound += TITLE_BOOST * idf
                blocks.append((bound, hi, m._postfile, m._dataoffset, m._nextoffset, m._compression, offset))
                lo = hi + 1
                m._next_block()
        blocks.sort(key=lambda b: -b[0])

        exact: list[tuple[float, int]] = []  # (score, -docnum), the worst first
        k1p1, title_bonus = K1 + 1, TITLE_BOOST * idf

        def check(docs: list[tuple[float, int, float]]) -> None:
            """Exact scores of ``(bound, -docnum, weight)`` into ``exact``."""
            if len(slots) > 1:  # the phrase's own count, from positions
                tf = self._phrase_among(field, slots, {-nd for _, nd, _ in docs})
            else:
                tf = {-nd: w for _, nd, w in docs if w > 0}
            if not tf:
                return
            scores = self.bm25(tf, field, idf)
            for d in in_title & tf.keys():
                scores[d] += title_bonus
            if has_word:
                wtf = self._postings("words", Slot(word), False, set(tf))
                if wtf:
                    for d, v in self.bm25(wtf, "words", words_idf).items():
                        scores[d] += WORD_BOOST * v
            for d, sc in scores.items():
                item = (sc, -d)
                if len(exact) < limit:
                    heapq.heappush(exact, item)
                elif item > exact[0]:
                    heapq.heapreplace(exact, item)

        # Blocks are opened in batches, best bound first (4, 8, 16 ...); each
        # opened document gets a bound of its own, and those that can still
        # enter the top are checked exactly, best bound first, so the floor
        # (the ``limit``-th exact score) rises early and later documents are
        # ruled out by it one by one, or whole blocks by their bound. A
        # document's bound is its score computed as ``check`` computes it
        # (the same float operations) with the bound gram's weight for the
        # phrase's frequency, so the two are equal when the weight is exact,
        # and a tie with the floor is broken by docnum as the ranking does.
        # The parts of that bound are tabled by weight and length code.
        body_by_weight: dict[float, list[float]] = {}
        word_by_weight: dict[float, list[float]] = {}

        def body_part(w: float) -> list[float]:
            part = body_by_weight[w] = [idf * w * k1p1 / (w + kn) for kn in k_norm]
            return part

        def word_part(w: float) -> list[float]:
            part = word_by_weight[w] = [WORD_BOOST * (words_idf * w * k1p1 / (w + kn)) for kn in kw]
            return part

        i, batch = 0, 4
        while i < len(blocks):
            floor = exact[0] if len(exact) >= limit else None
            floor_score, floor_nd = floor if floor is not None else (float("-inf"), 0)
            pending: list[tuple[float, int, float]] = []  # (bound, -docnum, weight)
            for bound, _, postfile, start, end, compressed, offset in blocks[i: i + batch]:
                if bound < floor_score:
                    i = len(blocks)  # no unopened block can do better
                    break
                i += 1
                data = postfile.get(start, end - start)
                ids, weights, _ = loads(zlib.decompress(data) if compressed else data)
                if weights is None or isinstance(weights, float):
                    weights = repeat(1.0 if weights is None else weights)
                add = offset.__add__
                for d, w in zip(map(add, accumulate(ids)), weights):
                    ub = (body_by_weight.get(w) or body_part(w))[codes[d]]
                    if d in in_title:
                        ub += title_bonus
                    if word_tied:
                        ub += (word_by_weight.get(w) or word_part(w))[word_codes[d]]
                    else:
                        ub += word_bound
                    # (ub, -d) > floor: it could still enter the top
                    if (ub > floor_score or (ub == floor_score and -d > floor_nd)) and d not in deleted:
                        pending.append((ub, -d, w))
            batch *= 2
            pending.sort(reverse=True)
            j, chunk = 0, max(2 * limit, 32)
            while j < len(pending):
                if len(exact) >= limit and pending[j][:2] < exact[0]:
                    break  # this one and the rest cannot enter the top
                check(pending[j: j + chunk])
                j += chunk
                chunk *= 2
        return [(-nd, round(sc, 4)) for sc, nd in sorted(exact, reverse=True)]

    def query_ids(self, q) -> set[int]:
        """Document numbers matching a Whoosh query (no scoring)."""
        return set(self.searcher.docs_for_query(q))

    # -- scoring ------------------------------------------------------------
    def _length_codes(self, field: str) -> bytes:
        """The length byte (Whoosh's lossy code) of ``field`` for every
        document, indexed by docnum: each segment's length column read as one
        block (one byte per document) instead of one file read per document;
        0 where unknown."""
        if field not in self._length_bytes:
            parts = []
            for leaf, _ in self.leaves:
                n = leaf.doc_count_all()
                try:
                    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

                    col = leaf._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
                    raw = b"" if col is None else bytes(col._dbfile.get(col._basepos, min(col._count, n)))
                except (AttributeError, ImportError):  # another codec: ask per document
                    from whoosh.util.numeric import length_to_byte

                    raw = bytes(length_to_byte(leaf.doc_field_length(j, field, 0) or 0) for j in range(n))
                parts.append(raw + bytes(n - len(raw)))
            self._length_bytes[field] = b"".join(parts)
        return self._length_bytes[field]

    def phrase_df(self, field: str, text: str) -> int:
        """A phrase's document frequency for idf: that of its rarest slot
        (exact counts would need every position checked; this is the same for
        a top-N search and a full one)."""
        dfs = []
        for slots in phrase_slots(text):
            for _, slot in slots:
                if slot.prefix:
                    dfs.append(sum(self.doc_frequency(field, t) for t in self._terms(field, slot)))
                else:
                    dfs.append(self.doc_frequency(field, slot.text))
        return max(1, min(dfs)) if dfs else 1

    def idf(self, df: int) -> float:
        # doc_frequency still counts deleted documents: clamp, so idf >= 0
        # (a bound score must never fall below the exact one).
        df = min(df, self.ndocs)
        return math.log(1 + (self.ndocs - df + 0.5) / (df + 0.5))

    def _k_norm_table(self, field: str) -> list[float]:
        """BM25's length normalisation for each of the 256 length codes (an
        unknown length, code 0, counts as the average)."""
        if field not in self._k_norm:
            from whoosh.util.numeric import byte_to_length

            avg = max(1.0, self.reader.field_length(field) / self.ndocs)
            self._k_norm[field] = [K1 * (1 - B + B * (byte_to_length(b) or avg) / avg) for b in range(256)]
        return self._k_norm[field]

    def bm25(self, tf: dict[int, float], field: str = "body", idf: float | None = None) -> dict[int, float]:
        if idf is None:
            idf = self.idf(len(tf))
        k_norm = self._k_norm_table(field)
        codes = self._length_codes(field)
        return {d: idf * f * (K1 + 1) / (f + k_norm[codes[d]]) for d, f in tf.items()}
