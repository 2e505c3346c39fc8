"""Profiles of one company or one program: every mention in context, with
its amounts, programs or recipients, and the years it appears."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path


def _snippet(text: str, start: int, end: int, width: int = 30) -> str:
    from replycli.index.highlight import CLOSE, OPEN

    s, e = max(0, start - width), min(len(text), end + width)
    body = text[s:start] + OPEN + text[start:end] + CLOSE + text[end:e]
    return ("…" if s else "") + " ".join(body.split()) + ("…" if e < len(text) else "")


def _texts(index_dir, doc_ids):
    """Normalized texts (the offsets of mentions refer to them)."""
    from replycli.index.store import open_whoosh
    from replycli.normalize import normalize_text

    ix = open_whoosh(index_dir)
    try:
        with ix.searcher() as s:
            return {d: normalize_text((s.document(doc_id=d) or {}).get("text", "")) for d in doc_ids}
    finally:
        ix.close()


def company_profile(index_dir, name: str) -> dict | None:
    from replycli import facts

    with facts._catalog(index_dir) as cat:
        canonical = cat.canonical_company(name)
        if canonical is None:
            return None
        rows = cat.company_mentions(canonical)
    texts = _texts(index_dir, {r["doc_id"] for r in rows})
    aliases, mentions, years, doc_ids = set(), [], set(), []
    for r in rows:
        aliases.update([r["name"], *json.loads(r["aliases"])])
        if r["year"]:
            years.add(r["year"])
        doc_ids.append(r["doc_id"])
        for s, e in json.loads(r["mentions"]):
            mentions.append({"path": r["path"], "doc_id": r["doc_id"], "date": r["date"],
                             "text": texts[r["doc_id"]][s:e], "snippet": _snippet(texts[r["doc_id"]], s, e)})
    amounts = list(facts.amounts(index_dir, company=canonical))
    for alias in sorted(aliases - {canonical}):  # sorted: the same order in every run
        for a in facts.amounts(index_dir, company=alias):
            if a not in amounts:
                amounts.append(a)
    totals: dict[str, Decimal] = {}
    for a in amounts:
        totals[a["kind"]] = totals.get(a["kind"], Decimal(0)) + Decimal(a["amount_yuan"])
    return {
        "company": canonical, "aliases": sorted(aliases - {canonical}), "documents": len(set(doc_ids)),
        "years": sorted(years), "mentions": mentions, "amounts": amounts,
        "programs": sorted({a["program"] for a in amounts if a["program"]}),
        "totals": {k: format(v, "f") for k, v in totals.items()},
    }


def program_profile(index_dir, name: str) -> dict | None:
    from replycli import facts

    with facts._catalog(index_dir) as cat:
        rows = cat.program_mentions(name)
    if not rows:
        return None
    texts = _texts(index_dir, {r["doc_id"] for r in rows})
    mentions = []
    for r in rows:
        for s, e in json.loads(r["mentions"]):
            mentions.append({"path": r["path"], "doc_id": r["doc_id"], "date": r["date"],
                             "text": texts[r["doc_id"]][s:e], "snippet": _snippet(texts[r["doc_id"]], s, e)})
    amounts = list(facts.amounts(index_dir, program=name))
    return {
        "program": name, "names": sorted({r["name"] for r in rows}),
        "documents": len({r["doc_id"] for r in rows}), "years": sorted({r["year"] for r in rows if r["year"]}),
        "mentions": mentions, "amounts": amounts,
        "recipients": sorted({a["recipient"] for a in amounts if a["recipient"]}),
        "total_yuan": format(facts.total(amounts), "f"),
    }
