"""Running a search: parse, filter, rank (BM25F), sort, and make snippets."""
from __future__ import annotations

from pathlib import Path

from replycli.index.query import Clause, parse


class Hit:
    __slots__ = ("rank", "doc_id", "path", "title", "issuer", "date", "score", "snippets")

    def __init__(self, rank: int, doc_id: str, path: str, title: str, issuer: str, date: str,
                 score: float | None, snippets: list[str]):
        self.rank, self.doc_id, self.path, self.title = rank, doc_id, path, title
        self.issuer, self.date, self.score, self.snippets = issuer, date, score, snippets

    def as_dict(self) -> dict:
        return {"rank": self.rank, "path": self.path, "doc_id": self.doc_id, "title": self.title,
                "issuer": self.issuer, "date": self.date, "score": None if self.score is None else round(self.score, 4),
                "snippets": self.snippets}


def filters_from(issuer=None, year=None, kind=None, result=None, proposer=None,
                 company=None, program=None) -> list[Clause]:
    """The ``--issuer``/``--year``... options, as query clauses."""
    out = []
    for name, value in (("issuer", issuer), ("year", year), ("kind", kind), ("result", result),
                        ("proposer", proposer), ("company", company), ("program", program)):
        if value not in (None, ""):
            out.append(Clause(text=str(value), field=name))
    return out


def search(index_dir: Path, query: str, *, limit: int | None = 10, sort: str = "relevance",
           filters: list[Clause] = (), snippet_count: int = 2):
    """Yield ``Hit``s, best first (or by date). ``limit=None`` or 0: all."""
    from replycli.index.highlight import pattern_for, snippets
    from replycli.index.store import HitReader, open_whoosh

    parsed = parse(query)
    pattern = pattern_for(parsed.positive_texts())
    ix = open_whoosh(index_dir)
    try:
        with _Reading(ix.reader()) as s:
            ranked = _rank(s, parsed, list(filters), sort, limit or None)
            docs = HitReader(s)
            for rank, (docnum, score) in enumerate(ranked[: limit or None], 1):
                stored = docs.stored(docnum)
                yield Hit(rank=rank, doc_id=stored["doc_id"], path=stored["path"],
                          title=stored.get("title") or "", issuer=stored.get("issuer") or "",
                          date=stored.get("date") or "", score=score,
                          snippets=snippets(stored.get("text", ""), pattern, snippet_count) if snippet_count else [])
    finally:
        ix.close()


class _Reading:
    """What ranking needs of a Whoosh searcher, over a plain reader: the
    searcher's module (and the query, scoring and highlighting modules it
    imports, ~10 ms of a cold search) is loaded only for a field filter."""

    def __init__(self, reader):
        self._reader, self._searcher = reader, None

    def reader(self):
        return self._reader

    def stored_fields(self, docnum: int) -> dict:
        return self._reader.stored_fields(docnum)

    def docs_for_query(self, q):
        if self._searcher is None:
            from whoosh.searching import Searcher

            self._searcher = Searcher(self._reader, closereader=False)
        return self._searcher.docs_for_query(q)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._reader.close()


# Best-first batches a top-N search verifies before it ranks every candidate
# exactly instead: each batch reads the phrase's posting blocks that hold its
# documents, which for a spread-out batch is nearly all of them, so a phrase
# whose bound is loose (its bigrams common, the phrase itself rare or absent)
# costs at most this many passes more than an exact ranking.
BATCHES = 2


def _rank(searcher, parsed, filters, sort, limit=None, lazy=True) -> list[tuple[int, float | None]]:
    """Match and score; returns ``(docnum, score)`` in output order.

    For a top-N search by relevance, phrases with many candidates are scored
    by an upper bound first and verified best-first (``Executor.phrase``),
    so a common phrase costs a few position checks instead of thousands.
    """
    import heapq

    from replycli.index.matching import TITLE_BOOST, WORD_BOOST, Executor, Slot, punctuated
    from replycli.index.query import FIELDS, field_query

    ex = Executor(searcher)
    lazy_ok = lazy and bool(limit) and sort == "relevance"
    if (lazy_ok and not filters and not parsed.negatives and len(parsed.groups) == 1
            and len(parsed.groups[0]) == 1 and parsed.groups[0][0].field is None):
        # One plain string, the top N: only the posting blocks that can hold
        # one of them are read (``Executor.top_phrase``).
        top = ex.top_phrase("body", parsed.groups[0][0].text, limit)
        if top is not None:
            return top

    def clause_tf(c, lazy=False) -> tuple[dict[int, float], bool]:
        if c.field is None:
            return ex.phrase("body", c.text, lazy=lazy)
        fieldname, how = FIELDS[c.field]
        if how == "grams":
            return {d: 0.0 for d in ex.phrase(fieldname, c.text)[0]}, False
        return {d: 0.0 for d in ex.query_ids(field_query(c))}, False

    docs: set[int] | None = None
    text_tfs = []  # (text, tf, is_bound)
    groups = [*parsed.groups, *[[f] for f in filters]]
    members: list[list[tuple[str | None, dict, bool]]] = []  # per group: (text, tf, is_bound)
    for group in groups:
        union: dict[int, float] = {}
        members.append([])
        for c in group:
            tf, is_bound = clause_tf(c, lazy=lazy_ok)
            members[-1].append((c.text if c.field is None else None, tf, is_bound))
            if c.field is None:
                text_tfs.append((c.text, tf, is_bound))
            if len(group) == 1:
                union = tf
            else:
                for d, f in tf.items():
                    union[d] = union.get(d, 0.0) + f
        docs = set(union) if docs is None else docs.intersection(union)
        if not docs:
            return []
    if docs is None:
        from whoosh import query as Q

        docs = ex.query_ids(Q.Every())
    for c in parsed.negatives:
        docs -= set(clause_tf(c)[0])
    if not docs:
        return []

    if sort in ("date", "-date"):
        col = searcher.reader().column_reader("date")
        keyed = sorted(docs, key=lambda d: (col[d] or "", d), reverse=sort == "-date")  # "": no date
        return [(d, None) for d in keyed]

    # Per string: idf from its (bound) document frequency, and its whole-word
    # postings, computed once and shared by the bound and the exact scores.
    idf = {t: ex.idf(ex.phrase_df("body", t)) for t, _, _ in text_tfs}
    words: dict[str, dict[int, float]] = {}
    for t, _, _ in text_tfs:
        w = t.strip().lower()
        if len(w) >= 3 and " " not in w:
            # Read whole and cut to the candidates (a candidate-limited read
            # sorts the candidates first: more than this costs).
            words[t] = {d: f for d, f in ex.weights("words", Slot(w)).items() if d in docs}
    words_idf = {t: ex.idf(max(1, ex.doc_frequency("words", t.strip().lower()))) for t in words}

    # Title matches, once per string (titles are short, so this is cheap).
    in_title = {t: set(ex.phrase("title", t, within=docs if punctuated(t) else None)[0]) & docs
                for t, _, _ in text_tfs}

    def score(tfs, subset) -> dict[int, float]:
        scores = None
        for text, tf in tfs:
            if tf.keys() != subset or (tf and min(tf.values()) <= 0):
                tf = {d: f for d, f in tf.items() if d in subset and f > 0}
            if not tf:
                continue
            bm = ex.bm25(tf, idf=idf[text])
            if scores is None and len(bm) == len(subset):
                scores = bm  # the first string matched every document: 0.0 + v is v
            else:
                if scores is None:
                    scores = dict.fromkeys(subset, 0.0)
                for d, v in bm.items():
                    scores[d] += v
            for d in in_title[text] & tf.keys():
                scores[d] += TITLE_BOOST * idf[text]
            if text in words:
                wt = words[text]
                wtf = {d: wt[d] for d in tf if d in wt}
                if wtf:
                    for d, v in ex.bm25(wtf, "words", idf=words_idf[text]).items():
                        scores[d] += WORD_BOOST * v
        return scores if scores is not None else dict.fromkeys(subset, 0.0)

    def best(keyed, n):
        """The ``n`` best of ``(-score, docnum)`` pairs as ``(docnum, score)``
        in output order (all when ``n`` is None): a partial sort, since a
        top-10 of 100,000 needs no full one."""
        top = sorted(keyed) if n is None or n >= len(keyed) else heapq.nsmallest(n, keyed)
        return [(d, -v) for v, d in top]

    scores = score([(t, tf) for t, tf, _ in text_tfs], docs)
    bounds = {t: tf for t, tf, is_bound in text_tfs if is_bound}
    from operator import neg

    items = list(zip(map(neg, scores.values()), scores))
    if not bounds:
        return [(d, round(v, 4)) for d, v in best(items, limit)]

    # Best-first verification: a bound score never under-states the exact one,
    # so once the next bound falls below the N-th exact score we are done.
    # Documents are checked in batches (one pass over the postings per batch,
    # doubling in size), since a common phrase's bound can be loose.
    exact: list[tuple[float, int]] = []
    i, batch_size = 0, max(4 * limit, 64)
    order = best(items, batch_size)
    batches = 0
    while i < len(items):
        if i >= len(order):
            order = best(items, i + batch_size)
        if len(exact) >= limit and (order[i][1], -order[i][0]) < exact[0]:
            break
        if batches == BATCHES:  # the bound is loose here: rank every candidate exactly
            return _rank(searcher, parsed, filters, sort, limit, lazy=False)
        batches += 1
        batch = order[i: i + batch_size]
        i += len(batch)
        batch_size *= 2
        batch_docs = {d for d, _ in batch}
        real = {t: ex.verify("body", t, {d for d in batch_docs if d in tf}) for t, tf in bounds.items()}
        for d, ub in batch:
            if len(exact) >= limit and (ub, -d) < exact[0]:
                break
            # The document stays if, in every group, some clause really matches it.
            if not all(any(d in tf and (real[t].get(d, 0.0) > 0 if is_bound else True) for t, tf, is_bound in group)
                       for group in members):
                continue
            tfs = [(t, {d: real[t].get(d, 0.0) if t in real else tf.get(d, 0.0)}) for t, tf, _ in text_tfs]
            item = (score(tfs, {d})[d], -d)
            if len(exact) < limit:
                heapq.heappush(exact, item)
            elif item > exact[0]:
                heapq.heapreplace(exact, item)
    return [(-nd, round(sc, 4)) for sc, nd in sorted(exact, reverse=True)]
