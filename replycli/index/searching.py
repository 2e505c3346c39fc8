"""Running a search: parse, filter, rank (BM25F), sort, and make snippets."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from replycli.index.query import Clause, parse, to_whoosh


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
    from whoosh import query as Q
    from whoosh.scoring import BM25F

    from replycli.index.highlight import pattern_for, snippets
    from replycli.index.store import open_whoosh

    parsed = parse(query)
    required, ranking = to_whoosh(parsed, filters)
    q = Q.AndMaybe(required, ranking) if ranking is not None else required
    pattern = pattern_for(parsed.positive_texts())
    ix = open_whoosh(index_dir)
    try:
        with ix.searcher(weighting=BM25F()) as s:
            kw = {}
            if sort in ("date", "-date"):
                kw = {"sortedby": "date", "reverse": sort == "-date"}
            results = s.search(q, limit=limit or None, **kw)
            for rank, hit in enumerate(results, 1):
                stored = hit.fields()
                yield Hit(rank=rank, doc_id=stored["doc_id"], path=stored["path"],
                          title=stored.get("title") or "", issuer=stored.get("issuer") or "",
                          date=stored.get("date") or "",
                          # sorted results carry the sort key, not a score
                          score=float(hit.score or 0.0) if not kw else None,
                          snippets=snippets(stored.get("text", ""), pattern, snippet_count))
    finally:
        ix.close()
