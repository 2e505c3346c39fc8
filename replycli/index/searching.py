"""Running a search: parse, filter, rank (BM25F), sort, and make snippets."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from replycli.index.query import Clause, parse


@dataclass
class Hit:
    rank: int
    doc_id: str
    path: str
    title: str
    issuer: str
    date: str
    score: float | None
    snippets: list[str]

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
    from replycli.index.store import open_whoosh

    parsed = parse(query)
    pattern = pattern_for(parsed.positive_texts())
    ix = open_whoosh(index_dir)
    try:
        with ix.searcher() as s:
            ranked = _rank(s, parsed, list(filters), sort)
            for rank, (docnum, score) in enumerate(ranked[: limit or None], 1):
                stored = s.stored_fields(docnum)
                yield Hit(rank=rank, doc_id=stored["doc_id"], path=stored["path"],
                          title=stored.get("title") or "", issuer=stored.get("issuer") or "",
                          date=stored.get("date") or "", score=score,
                          snippets=snippets(stored.get("text", ""), pattern, snippet_count))
    finally:
        ix.close()


def _rank(searcher, parsed, filters, sort) -> list[tuple[int, float | None]]:
    """Match and score; returns ``(docnum, score)`` in output order."""
    from whoosh import query as Q

    from replycli.index.matching import TITLE_BOOST, WORD_BOOST, Executor, Slot
    from replycli.index.query import FIELDS, field_query

    ex = Executor(searcher)

    def clause_tf(c) -> dict[int, float]:
        if c.field is None:
            return ex.phrase("body", c.text)
        fieldname, how = FIELDS[c.field]
        if how == "grams":
            return {d: 0.0 for d in ex.phrase(fieldname, c.text)}
        return {d: 0.0 for d in ex.query_ids(field_query(c))}

    docs: set[int] | None = None
    text_tfs = []
    for group in [*parsed.groups, *[[f] for f in filters]]:
        union: dict[int, float] = {}
        for c in group:
            tf = clause_tf(c)
            if c.field is None:
                text_tfs.append((c.text, tf))
            for d, f in tf.items():
                union[d] = union.get(d, 0.0) + f
        docs = set(union) if docs is None else docs & set(union)
        if not docs:
            return []
    if docs is None:
        docs = ex.query_ids(Q.Every())
    for c in parsed.negatives:
        docs -= set(clause_tf(c))
    if not docs:
        return []

    if sort in ("date", "-date"):
        col = searcher.reader().column_reader("date")
        keyed = sorted(docs, key=lambda d: (col[d] or b"", d), reverse=sort == "-date")
        return [(d, None) for d in keyed]

    scores = dict.fromkeys(docs, 0.0)
    for text, tf in text_tfs:
        tf = {d: f for d, f in tf.items() if d in docs}
        if not tf:
            continue
        bm = ex.bm25(tf)
        idf = max(bm.values())
        for d, v in bm.items():
            scores[d] += v
        for d in ex.phrase("title", text, within=set(tf)):
            scores[d] += TITLE_BOOST * idf
        word = text.strip().lower()
        if len(word) >= 3 and " " not in word:
            wtf = {d: f for d, f in ex._postings("words", Slot(word), want_positions=False).items() if d in tf}
            if wtf:
                for d, v in ex.bm25(wtf, "words").items():
                    scores[d] += WORD_BOOST * v
    return sorted(((d, round(v, 4)) for d, v in scores.items()), key=lambda x: (-x[1], x[0]))
