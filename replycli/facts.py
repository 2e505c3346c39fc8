"""Questions about the archive answered from the catalog: documents,
companies, programs, amounts, statistics. Every function returns plain rows
(dicts) or iterates them, so the CLI, tests and scripts share one API.
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path


META_FIELDS = ["issuer", "doc_number", "signer", "title", "kind", "session", "proposal_number",
               "proposers", "proposal_title", "date", "result_class", "result_label", "public",
               "cc", "role", "contact"]
# reader: text, pdf, docx, html, doc, or ocr (recognised from page images; with
# the mean confidence of the recognised characters, 0..1).
DOCUMENT_COLUMNS = ["path", "doc_id", *META_FIELDS, "reader", "ocr_confidence"]
AMOUNT_COLUMNS = ["path", "doc_id", "date", "issuer", "amount_yuan", "text", "kind", "recipient",
                  "company", "program", "per", "approx", "evidence", "start", "end"]
COMPANY_COLUMNS = ["path", "doc_id", "name", "canonical", "aliases", "mentions"]
PROGRAM_COLUMNS = ["path", "doc_id", "name", "mentions"]


def _catalog(index_dir):
    from replycli.index.store import open_catalog

    return open_catalog(Path(index_dir))


def documents(index_dir, year=None, issuer=None, kind=None, result=None, proposer=None):
    with _catalog(index_dir) as cat:
        for r in cat.documents(year, issuer, kind):
            meta = json.loads(r["meta"])
            if result and (meta.get("result_class") or "") != result.upper():
                continue
            if proposer and not any(proposer in p for p in meta.get("proposers") or []):
                continue
            row = {"path": r["path"], "doc_id": r["doc_id"]}
            row.update({k: meta.get(k) for k in META_FIELDS})
            row["reader"] = r["reader"]
            row["ocr_confidence"] = meta.get("ocr_confidence")
            yield row


def document(index_dir, ref: str) -> dict | None:
    """One document by id, path (or file name) or doc_number."""
    from replycli.index.store import open_whoosh

    with _catalog(index_dir) as cat:
        row = cat.document(ref)
        if row is None:
            found = cat.files_named(ref)
            ids = sorted({f["doc_id"] for f in found})
            if len(ids) > 1:
                from replycli.errors import ReplycliError

                paths = ", ".join(f["path"] for f in found[:3]) + (", …" if len(found) > 3 else "")
                raise ReplycliError(f"{ref!r} matches {len(ids)} documents ({paths}); "
                                    "give the path or the doc_id")
            if ids:
                row = cat.document(ids[0])
        if row is None:
            row = cat.document_by_number(ref)
        if row is None:
            return None
        meta = json.loads(row["meta"])
        out = {"doc_id": row["doc_id"], "path": row["path"], "paths": cat.paths_of(row["doc_id"]), **meta}
        out["reader"] = cat.reader_of(row["doc_id"])
        out["companies"] = [{"name": r["name"], "canonical": r["canonical"], "aliases": json.loads(r["aliases"])}
                            for r in cat.companies_in(row["doc_id"])]
        out["programs"] = cat.program_names_in(row["doc_id"])
        out["amounts"] = [_amount_row(r) for r in cat.amounts(doc_id=row["doc_id"])]
    ix = open_whoosh(index_dir)
    try:
        with ix.searcher() as s:
            stored = s.document(doc_id=out["doc_id"]) or {}
        out["text"] = stored.get("text", "")
    finally:
        ix.close()
    return out


def _amount_row(r) -> dict:
    return {"path": r["path"], "doc_id": r["doc_id"], "date": r["date"], "issuer": r["issuer"],
            "amount_yuan": r["amount_yuan"], "text": r["text"], "kind": r["kind"],
            "recipient": r["recipient"], "company": r["company"], "program": r["program"],
            "per": r["per"], "approx": r["approx"], "evidence": r["evidence"],
            "start": r["start"], "end": r["end"]}


def amounts(index_dir, company=None, program=None, kind=None, min_yuan=None, max_yuan=None,
            year=None, issuer=None):
    """Amounts matching every given filter, in document order."""
    with _catalog(index_dir) as cat:
        for r in cat.amounts(company=company, program=program, kind=kind, min_yuan=min_yuan,
                             max_yuan=max_yuan, year=year, issuer=issuer):
            yield _amount_row(r)


def total(rows) -> Decimal:
    return sum((Decimal(r["amount_yuan"]) for r in rows), Decimal(0))


def company_rows(index_dir, query=None, year=None, issuer=None):
    """One row per company per document (the export contract)."""
    with _catalog(index_dir) as cat:
        for r in cat.company_rows(query, year, issuer):
            yield {"path": r["path"], "doc_id": r["doc_id"], "name": r["name"], "canonical": r["canonical"],
                   "aliases": json.loads(r["aliases"]), "mentions": len(json.loads(r["mentions"]))}


def program_rows(index_dir, query=None, year=None, issuer=None):
    with _catalog(index_dir) as cat:
        for r in cat.program_rows(query, year, issuer):
            yield {"path": r["path"], "doc_id": r["doc_id"], "name": r["name"],
                   "mentions": len(json.loads(r["mentions"]))}


def companies(index_dir, query=None) -> list[dict]:
    """The company table: one row per canonical company across the archive."""
    by: dict[str, dict] = {}
    with _catalog(index_dir) as cat:
        for r in cat.company_rows(query):
            c = by.setdefault(r["canonical"], {"company": r["canonical"], "aliases": set(), "documents": set(),
                                               "grant": Decimal(0), "tax": Decimal(0), "loan": Decimal(0),
                                               "investment": Decimal(0), "other": Decimal(0),
                                               "first_year": None, "last_year": None})
            c["aliases"].update([r["name"], *json.loads(r["aliases"])])
            c["documents"].add(r["doc_id"])
        if not by:
            return []
        for company, kind, yuan in cat.company_amounts():
            if company in by:
                by[company][kind] += Decimal(yuan)
        years = cat.document_years()
    out = []
    for c in by.values():
        ys = [years[d] for d in c["documents"] if d in years]
        c["first_year"], c["last_year"] = (min(ys), max(ys)) if ys else (None, None)
        c["aliases"] = sorted(a for a in c["aliases"] if a != c["company"])
        c["documents"] = len(c["documents"])
        for k in ("grant", "tax", "loan", "investment", "other"):
            c[k] = format(c[k], "f")
        out.append(c)
    out.sort(key=lambda c: (-c["documents"], c["company"]))
    return out


def program_of_amount(amount_program: str, names) -> str | None:
    """The program an amount belongs to: among the programs named in its own
    document, the longest whose name the amount's program clause contains
    (首批“百企登峰”项目 → 百企登峰). Longest, so that 乙计划 never takes the money
    of 甲市乙计划 when both are named; same document, so that a short name
    never totals the amounts of other replies."""
    if not amount_program:
        return None
    best = None
    for n in names:
        if n in amount_program and (best is None or len(n) > len(best)):
            best = n
    return best


def programs(index_dir, query=None) -> list[dict]:
    by: dict[str, dict] = {}
    doc_programs: dict[str, list[str]] = {}
    for r in program_rows(index_dir, query):
        p = by.setdefault(r["name"], {"program": r["name"], "documents": set(), "mentions": 0,
                                      "amounts": 0, "total": Decimal(0), "recipients": set()})
        p["documents"].add(r["doc_id"])
        p["mentions"] += r["mentions"]
        doc_programs.setdefault(r["doc_id"], []).append(r["name"])
    if by:
        with _catalog(index_dir) as cat:
            all_names = cat.programs_by_document()
            for doc_id, amount_program, yuan, recipient in cat.program_amounts():
                if doc_id not in doc_programs:
                    continue
                name = program_of_amount(amount_program, all_names.get(doc_id, ()))
                if name in by and name in doc_programs[doc_id]:
                    p = by[name]
                    p["amounts"] += 1
                    p["total"] += Decimal(yuan)
                    if recipient:
                        p["recipients"].add(recipient)
    out = []
    for p in by.values():
        p["documents"] = len(p["documents"])
        p["total_yuan"] = format(p.pop("total"), "f")
        p["recipients"] = sorted(p["recipients"])
        out.append(p)
    out.sort(key=lambda p: (-p["documents"], p["program"]))
    return out


def stats(index_dir) -> dict:
    with _catalog(index_dir) as cat:
        def count(col):
            return [{"value": v, "documents": n} for v, n in cat.count_documents_by(col)]

        by_result: dict = {}
        for meta in cat.metas():
            v = meta.get("result_class")
            by_result[v] = by_result.get(v, 0) + 1
        result = [{"value": k, "documents": v}
                  for k, v in sorted(by_result.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))]
        return {**cat.counts(), "by_issuer": count("issuer"), "by_year": count("year"), "by_kind": count("kind"),
                "by_result": result}


def errors(index_dir) -> list[dict]:
    with _catalog(index_dir) as cat:
        return [{"path": r["path"], "reason": r["error"]} for r in cat.failures()]
