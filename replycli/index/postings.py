"""One field's postings while a segment is built, in Python.

The ingest writer (``writing.CompactPool``) keeps, per field, term ->
(docnums, weights, encoded values) in flat arrays. The compiled module
(``_grampool.TermPostings``, see ``replycli.index.compiled``) does the same
in C; this is the fallback where it was not built, and the reference the
tests compare it with.
"""
from __future__ import annotations

from array import array


class _Postings:
    __slots__ = ("docs", "weights", "ends", "values", "ordered", "doc", "lastpos")

    def __init__(self):
        self.docs = array("I")
        self.weights = array("f")  # what Whoosh stores in its blocks, too
        self.ends = array("i")     # end offset in ``values``; negative (-start - 1): no value
        self.values = bytearray()
        self.ordered = True
        # add_terms: the document of the last posting it added, and the last position there
        self.doc = self.lastpos = -1


class PyTermPostings:
    """One field's postings in memory: ``_grampool.TermPostings`` (the
    compiled hot path, see ``replycli.index.compiled``) written in Python, the
    fallback where the C module was not built. Both give the same rows."""

    __slots__ = ("_postings",)

    def __init__(self):
        self._postings: dict = {}

    def __len__(self) -> int:
        return len(self._postings)

    def terms(self) -> list:
        return list(self._postings)

    def add(self, term, docnum: int, weight: float, value) -> None:
        """One posting (``value``: bytes, or None)."""
        p = self._postings.get(term)
        if p is None:
            p = _Postings()
            p.docs.append(docnum)  # before the term is kept: a bad docnum leaves nothing
            self._postings[term] = p
        else:
            if p.docs[-1] > docnum:
                p.ordered = False
            p.docs.append(docnum)
        p.weights.append(weight)
        if value is None:
            p.ends.append(-len(p.values) - 1)
        else:
            p.values += value
            p.ends.append(len(p.values))

    def add_terms(self, docnum: int, terms: list, boost: float) -> int:
        """One document's gram terms by position (None: an empty position),
        as ``GramField.terms`` gives them: one pass that appends each term's
        position delta to its posting as it comes, with no per-document
        grouping. Returns the number of new postings."""
        from replycli.index.fields import _varint, var_table

        var = var_table()
        postings = self._postings
        get = postings.get
        count = 0
        for pos, term in enumerate(terms):
            if term is None:
                continue
            p = get(term)
            if p is None:
                p = postings[term] = _Postings()
            elif p.doc == docnum:
                # Another position of this document's posting: its delta.
                d = pos - p.lastpos
                p.values += var[d] if d < 16384 else _varint(d)
                p.ends[-1] = len(p.values)
                p.weights[-1] += boost
                p.lastpos = pos
                continue
            elif p.docs[-1] > docnum:
                p.ordered = False
            count += 1
            p.docs.append(docnum)
            p.weights.append(boost)
            p.values += var[pos] if pos < 16384 else _varint(pos)
            p.ends.append(len(p.values))
            p.doc = docnum
            p.lastpos = pos
        return count

    def rows(self, term):
        """A term's docnums, weights and values (bytes, or None), by docnum."""
        p = self._postings[term]
        ends = p.ends
        values = bytes(p.values)
        if min(ends) > 0:  # every posting has a value (gram fields)
            vals = [values[a:e] for a, e in zip([0, *ends[:-1]], ends)]
        else:
            starts = [0] + [abs(e) - 1 if e < 0 else e for e in ends[:-1]]
            vals = [None if e < 0 else values[a:e] for a, e in zip(starts, ends)]
        docs, weights = p.docs, p.weights
        if not p.ordered:
            order = sorted(range(len(docs)), key=docs.__getitem__)
            docs = array("I", (docs[i] for i in order))
            weights = array("f", (weights[i] for i in order))
            vals = [vals[i] for i in order]
        return docs, weights, vals
