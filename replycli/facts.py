"""Questions about the archive answered from the catalog: documents,
companies, programs, amounts, statistics. Every function returns plain rows
(dicts) or iterates them, so the CLI, tests and scripts share one API.
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from replycli.catalog import name_like

META_FIELDS = ["issuer", "doc_number", "signer", "title", "kind", "session", "proposal_number",
               "proposers", "proposal_title", "date", "result_class", "result_label", "public",
               "cc", "role", "contact"]
# reader: text, pdf, docx, html, doc, or ocr (recognised from page images; with
# the mean confidence of the recognised characters, 0..1).
DOCUMENT_COLUMNS = ["path", "doc_id", *META_FIELDS, "reader", "ocr_confidence"]
_READER = "(SELECT f.reader FROM files f WHERE f.doc_id = d.doc_id AND f.status = 'indexed' LIMIT 1) AS reader"
AMOUNT_COLUMNS = ["path", "doc_id", "date", "issuer", "amount_yuan", "text", "kind", "recipient",
                  "company", "program", "per", "approx", "evidence", "start", "end"]
COMPANY_COLUMNS = ["path", "doc_id", "name", "canonical", "aliases", "mentions"]
PROGRAM_COLUMNS = ["path", "doc_id", "name", "mentions"]


def _catalog(index_dir):
    from replycli.index.store import open_catalog

    return open_catalog(Path(index_dir))


def _where(year=None, issuer=None, kind=None, alias="d"):
    """SQL conditions on the documents table for the shared filters."""
    cond, args = [], []
    if year:
        lo, sep, hi = str(year).partition("..")
        if sep:
            if lo:
                cond.append(f"{alias}.year >= ?")
                args.append(int(lo))
            if hi:
                cond.append(f"{alias}.year <= ?")
                args.append(int(hi))
        else:
            cond.append(f"{alias}.year = ?")
            args.append(int(lo))
    if issuer:
        c, a = name_like([f"{alias}.issuer"], issuer)
        cond.append(c)
        args += a
    if kind:
        cond.append(f"{alias}.kind = ?")
        args.append(kind)
    return cond, args


def documents(index_dir, year=None, issuer=None, kind=None, result=None, proposer=None):
    cat = _catalog(index_dir)
    try:
        cond, args = _where(year, issuer, kind)
        sql = (f"SELECT d.*, {_READER} FROM documents d" + (" WHERE " + " AND ".join(cond) if cond else "")
               + " ORDER BY d.path")
        for r in cat.db.execute(sql, args):
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
    finally:
        cat.close()


def document(index_dir, ref: str) -> dict | None:
    """One document by id, path (or file name) or doc_number."""
    from replycli.index.store import open_whoosh

    cat = _catalog(index_dir)
    try:
        row = cat.document(ref)
        if row is None:
            f = cat.db.execute("SELECT doc_id FROM files WHERE path = ? OR path LIKE ? AND doc_id IS NOT NULL",
                               (str(Path(ref).resolve()), f"%/{ref}")).fetchone()
            if f:
                row = cat.document(f["doc_id"])
        if row is None:
            for r in cat.db.execute("SELECT * FROM documents"):
                if json.loads(r["meta"]).get("doc_number") == ref:
                    row = r
                    break
        if row is None:
            return None
        meta = json.loads(row["meta"])
        out = {"doc_id": row["doc_id"], "path": row["path"], "paths": cat.paths_of(row["doc_id"]), **meta}
        reader = cat.db.execute(f"SELECT {_READER} FROM documents d WHERE d.doc_id=?", (row["doc_id"],)).fetchone()
        out["reader"] = reader[0] if reader else None
        out["companies"] = [{"name": r["name"], "canonical": r["canonical"], "aliases": json.loads(r["aliases"])}
                            for r in cat.db.execute("SELECT * FROM companies WHERE doc_id=?", (row["doc_id"],))]
        out["programs"] = [r["name"] for r in cat.db.execute("SELECT name FROM programs WHERE doc_id=?", (row["doc_id"],))]
        out["amounts"] = [_amount_row(r) for r in cat.db.execute(
            "SELECT a.*, d.path, d.date, d.issuer FROM amounts a JOIN documents d USING(doc_id) WHERE doc_id=? ORDER BY seq",
            (row["doc_id"],))]
    finally:
        cat.close()
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
    cat = _catalog(index_dir)
    try:
        cond, args = _where(year, issuer, None)
        if company:
            c, a = name_like(["a.company", "a.recipient"], company)
            cond.append(c)
            args += a
        if program:
            c, a = name_like(["a.program"], program)
            cond.append(c)
            args += a
        if kind:
            cond.append("a.kind = ?")
            args.append(kind)
        if min_yuan is not None:
            cond.append("a.value >= ?")
            args.append(float(min_yuan))
        if max_yuan is not None:
            cond.append("a.value <= ?")
            args.append(float(max_yuan))
        sql = ("SELECT a.*, d.path, d.date, d.issuer FROM amounts a JOIN documents d USING(doc_id)"
               + (" WHERE " + " AND ".join(cond) if cond else "") + " ORDER BY d.path, a.seq")
        for r in cat.db.execute(sql, args):
            yield _amount_row(r)
    finally:
        cat.close()


def total(rows) -> Decimal:
    return sum((Decimal(r["amount_yuan"]) for r in rows), Decimal(0))


def company_rows(index_dir, query=None, year=None, issuer=None):
    """One row per company per document (the export contract)."""
    cat = _catalog(index_dir)
    try:
        cond, args = _where(year, issuer, None)
        if query:
            c, a = name_like(["c.name", "c.canonical", "c.aliases"], query)
            cond.append(c)
            args += a
        sql = ("SELECT c.*, d.path FROM companies c JOIN documents d USING(doc_id)"
               + (" WHERE " + " AND ".join(cond) if cond else "") + " ORDER BY d.path, c.rowid")
        for r in cat.db.execute(sql, args):
            yield {"path": r["path"], "doc_id": r["doc_id"], "name": r["name"], "canonical": r["canonical"],
                   "aliases": json.loads(r["aliases"]), "mentions": len(json.loads(r["mentions"]))}
    finally:
        cat.close()


def program_rows(index_dir, query=None, year=None, issuer=None):
    cat = _catalog(index_dir)
    try:
        cond, args = _where(year, issuer, None)
        if query:
            c, a = name_like(["p.name"], query)
            cond.append(c)
            args += a
        sql = ("SELECT p.*, d.path FROM programs p JOIN documents d USING(doc_id)"
               + (" WHERE " + " AND ".join(cond) if cond else "") + " ORDER BY d.path, p.rowid")
        for r in cat.db.execute(sql, args):
            yield {"path": r["path"], "doc_id": r["doc_id"], "name": r["name"],
                   "mentions": len(json.loads(r["mentions"]))}
    finally:
        cat.close()


def companies(index_dir, query=None) -> list[dict]:
    """The company table: one row per canonical company across the archive."""
    by: dict[str, dict] = {}
    for r in company_rows(index_dir, query):
        c = by.setdefault(r["canonical"], {"company": r["canonical"], "aliases": set(), "documents": set(),
                                           "grant": Decimal(0), "tax": Decimal(0), "loan": Decimal(0),
                                           "investment": Decimal(0), "other": Decimal(0),
                                           "first_year": None, "last_year": None})
        c["aliases"].update([r["name"], *r["aliases"]])
        c["documents"].add(r["doc_id"])
    if not by:
        return []
    cat = _catalog(index_dir)
    try:
        for name, c in by.items():
            for a in cat.db.execute("SELECT kind, amount_yuan FROM amounts WHERE company=?", (name,)):
                c[a["kind"]] += Decimal(a["amount_yuan"])
            years = [r[0] for r in cat.db.execute(
                f"SELECT year FROM documents WHERE year IS NOT NULL AND doc_id IN ({','.join('?' * len(c['documents']))})",
                list(c["documents"]))]
            c["first_year"] = min(years) if years else None
            c["last_year"] = max(years) if years else None
    finally:
        cat.close()
    out = []
    for c in by.values():
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
    (首批“揭榜挂帅”项目 → 揭榜挂帅). Longest, so that 乙计划 never takes the money
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
        cat = _catalog(index_dir)
        try:
            all_names = {}
            for doc_id, name in cat.db.execute("SELECT doc_id, name FROM programs"):
                all_names.setdefault(doc_id, []).append(name)
            for doc_id, amount_program, yuan, recipient in cat.db.execute(
                    "SELECT doc_id, program, amount_yuan, recipient FROM amounts WHERE program != ''"):
                if doc_id not in doc_programs:
                    continue
                name = program_of_amount(amount_program, all_names.get(doc_id, ()))
                if name in by and name in doc_programs[doc_id]:
                    p = by[name]
                    p["amounts"] += 1
                    p["total"] += Decimal(yuan)
                    if recipient:
                        p["recipients"].add(recipient)
        finally:
            cat.close()
    out = []
    for p in by.values():
        p["documents"] = len(p["documents"])
        p["total_yuan"] = format(p.pop("total"), "f")
        p["recipients"] = sorted(p["recipients"])
        out.append(p)
    out.sort(key=lambda p: (-p["documents"], p["program"]))
    return out


def stats(index_dir) -> dict:
    cat = _catalog(index_dir)
    try:
        def count(col):
            return [{"value": r[0], "documents": r[1]} for r in cat.db.execute(
                f"SELECT {col}, COUNT(*) FROM documents GROUP BY {col} ORDER BY COUNT(*) DESC, {col}")]

        result = [{"value": k, "documents": v} for k, v in sorted(_count_meta(cat, "result_class").items(),
                                                                   key=lambda kv: (kv[0] is None, kv[0] or ""))]
        return {
            "documents": cat.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0],
            "files": cat.db.execute("SELECT COUNT(*) FROM files WHERE status != 'failed'").fetchone()[0],
            "failed": cat.db.execute("SELECT COUNT(*) FROM files WHERE status = 'failed'").fetchone()[0],
            "amounts": cat.db.execute("SELECT COUNT(*) FROM amounts").fetchone()[0],
            "by_issuer": count("issuer"), "by_year": count("year"), "by_kind": count("kind"),
            "by_result": result,
        }
    finally:
        cat.close()


def _count_meta(cat, key) -> dict:
    out: dict = {}
    for (meta,) in cat.db.execute("SELECT meta FROM documents"):
        v = json.loads(meta).get(key)
        out[v] = out.get(v, 0) + 1
    return out


def errors(index_dir) -> list[dict]:
    cat = _catalog(index_dir)
    try:
        return [{"path": r["path"], "reason": r["error"]} for r in cat.failures()]
    finally:
        cat.close()
