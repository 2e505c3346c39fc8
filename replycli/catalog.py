"""The catalog: a SQLite file beside the Whoosh index.

Whoosh answers "which documents contain this text"; the catalog answers
everything structured: which files were seen (size, mtime, hash, encoding,
reader, status, error), each document's metadata, and the extracted
amounts, companies and programs that ``funding``/``companies`` total up.

Consistency with Whoosh: the ingest commits Whoosh first, then the catalog,
and the catalog records which Whoosh generation it goes with. A crash in
between leaves documents in Whoosh that the catalog does not know; the next
run notices the generations differ, drops them (``replycli.ingest.reconcile``)
and indexes their files again, so nothing is doubled.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

CATALOG_NAME = "catalog.sqlite"

# Schema 5 (smaller): documents get an integer key ``doc``; the fact tables
# are clustered by (doc, seq), so they need no index of their own and a
# document's rows sit together. Values equal to another column are not
# stored twice: ``companies.canonical`` is NULL when it is the name, and
# ``amounts.company`` is '' when it is the recipient (NULL: no company).
# ``documents.meta`` is JSON compressed with ``_META_ZDICT``; ``amounts.evidence``
# refers to its row's recipient, program and text (``_pack_evidence``).
_SCHEMA = """
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, root TEXT, size INTEGER, mtime_ns INTEGER, sha TEXT,
    doc_id TEXT, encoding TEXT, reader TEXT, status TEXT, error TEXT, run_id INTEGER);
CREATE INDEX IF NOT EXISTS files_doc ON files(doc_id);
CREATE TABLE IF NOT EXISTS documents (
    doc INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT UNIQUE, path TEXT, title TEXT, issuer TEXT,
    date TEXT, year INTEGER, kind TEXT, meta BLOB, chars INTEGER);
CREATE TABLE IF NOT EXISTS amounts (
    doc INTEGER, seq INTEGER, amount_yuan TEXT, value REAL, text TEXT, kind TEXT,
    recipient TEXT, company TEXT, program TEXT, per TEXT, approx TEXT,
    evidence TEXT, start INTEGER, end INTEGER, PRIMARY KEY (doc, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS companies (
    doc INTEGER, seq INTEGER, name TEXT, canonical TEXT, aliases TEXT, mentions TEXT,
    PRIMARY KEY (doc, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS programs (
    doc INTEGER, seq INTEGER, name TEXT, mentions TEXT, PRIMARY KEY (doc, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY AUTOINCREMENT, started TEXT, finished TEXT,
    roots TEXT, summary TEXT);
"""

# The stored forms of the two columns that are not stored when they repeat another.
_CANONICAL = "coalesce(c.canonical, c.name)"
_COMPANY = "CASE a.company WHEN '' THEN a.recipient ELSE a.company END"

# Preset dictionary for compressing ``documents.meta``: the keys every letter
# has, so a short JSON object does not pay for them. Changing it makes old
# catalogs unreadable: bump SCHEMA_VERSION with it.
_META_ZDICT = (b'{"issuer": "", "doc_number": "", "signer": "", "title": "", "kind": "", "session": "", '
               b'"proposal_number": "", "proposers": [], "proposal_title": "", "date": "", '
               b'"result_class": "", "result_label": "", "public": true, "cc": [], "role": null, '
               b'"contact": null, "outline": [], "ocr_confidence": null, "null, "')


def _pack_meta(meta: dict) -> bytes:
    import zlib

    # A 4 KB window, not zlib's 32 KB: a document's metadata is well under it
    # (the same size out), and setting up the default window was most of the
    # cost (70 -> 19 us a document, in the parent). Any window decompresses.
    z = zlib.compressobj(9, zlib.DEFLATED, 12, 4, zdict=_META_ZDICT)
    return z.compress(json.dumps(meta, ensure_ascii=False).encode("utf-8")) + z.flush()


def _unpack_meta(blob):
    if blob is None:
        return None
    import zlib

    z = zlib.decompressobj(zdict=_META_ZDICT)
    return (z.decompress(blob) + z.flush()).decode("utf-8")


# The evidence clause repeats its amount's recipient, program and amount
# text; they are stored once, as a mark in the clause. An evidence that holds
# a mark character itself is stored whole, after _WHOLE.
_MARKS = (("recipient", "\x01"), ("program", "\x02"), ("text", "\x03"))
_WHOLE = "\x04"
_EVIDENCE = ("CASE WHEN substr(a.evidence, 1, 1) = char(4) THEN substr(a.evidence, 2) ELSE "
             "replace(replace(replace(a.evidence, char(3), coalesce(a.text, '')), char(2), coalesce(a.program, '')), "
             "char(1), coalesce(a.recipient, '')) END")


def _pack_evidence(amount: dict):
    """The stored form of an amount's evidence; ``_EVIDENCE`` reverses it.
    No part holds a mark character, so each mark stands for one part whatever
    the order of replacement (a recipient inside the program is marked inside it)."""
    evidence = amount["evidence"]
    if not evidence:
        return evidence
    parts = [evidence, *(amount[k] or "" for k, _ in _MARKS)]
    if any(m in part for part in parts for _, m in _MARKS) or _WHOLE in evidence:
        return _WHOLE + evidence
    for key, mark in _MARKS:
        if amount[key]:
            evidence = evidence.replace(amount[key], mark)
    return evidence


def _compact_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _fold_sql(value):
    if not isinstance(value, str) or not value:
        return value
    from replycli.script import fold_for_rules

    return fold_for_rules(value).text


def name_like(columns, value: str) -> tuple[str, list[str]]:
    """A condition: any of ``columns`` contains ``value``, both sides folded
    (traditional = simplified, pinyin readings dropped)."""
    key = f"%{_fold_sql(value)}%"
    return "(" + " OR ".join(f"fold({c}) LIKE ?" for c in columns) + ")", [key] * len(columns)


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """Open without writing anything. A WAL database needs its -shm file,
    which SQLite cannot create in a read-only folder; there the file is
    opened as immutable (ingest checkpoints the WAL into it when it ends)."""
    from urllib.parse import quote

    uri = "file:" + quote(str(Path(path).resolve()))
    db = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=30)
    try:
        db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return db
    except sqlite3.OperationalError:
        db.close()
    return sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True)


class Catalog:
    def __init__(self, index_dir: Path, create: bool = False, readonly: bool = False):
        """``readonly``: for the commands that only read, so they work on a
        read-only folder or mount (a shared archive)."""
        path = Path(index_dir) / CATALOG_NAME
        if not create and not path.exists():
            raise FileNotFoundError(path)
        self.touched: set[int] = set()  # documents (``doc`` keys) written in this session (for relink)
        self.db = _connect_readonly(path) if readonly and not create else sqlite3.connect(str(path), timeout=30)
        self.db.row_factory = sqlite3.Row
        # fold(x): the script-variant fold, so a filter written in simplified
        # characters finds names written in traditional ones and back.
        self.db.create_function("fold", 1, _fold_sql, deterministic=True)
        self.db.create_function("meta_json", 1, _unpack_meta, deterministic=True)
        if not readonly:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
        if create:
            self.db.executescript(_SCHEMA)

    def close(self):
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def checkpoint(self) -> None:
        """Move the WAL into the database file (so a copy of the folder, or
        a read-only mount of it, holds everything in catalog.sqlite)."""
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def compact(self) -> bool:
        """After a run that wrote at least half of the documents (a first
        ingest, a --force or a big re-ingest): rewrite the file with full
        pages (relinking rewrites rows in place, which splits pages; about
        8% of the catalog). Returns whether it did."""
        if self.db.in_transaction or not self.touched or len(self.touched) * 2 < self.count_documents():
            return False
        self.db.execute("VACUUM")
        self.touched.clear()
        return True

    # -- info ---------------------------------------------------------------
    def get_info(self, key: str):
        row = self.db.execute("SELECT value FROM info WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_info(self, key: str, value) -> None:
        self.db.execute("INSERT OR REPLACE INTO info VALUES (?, ?)", (key, str(value)))

    # -- files --------------------------------------------------------------
    def files_under(self, root: str) -> dict[str, sqlite3.Row]:
        prefix = root.rstrip("/") + "/"
        # substr, not LIKE: a folder name may contain % or _
        rows = self.db.execute(
            "SELECT * FROM files WHERE path = ? OR substr(path, 1, ?) = ?", (root, len(prefix), prefix)
        ).fetchall()
        return {r["path"]: r for r in rows}

    def file(self, path: str):
        return self.db.execute("SELECT * FROM files WHERE path=?", (path,)).fetchone()

    def put_file(self, **row) -> None:
        cols = ("path", "root", "size", "mtime_ns", "sha", "doc_id", "encoding",
                "reader", "status", "error", "run_id")
        self.db.execute(
            f"INSERT OR REPLACE INTO files ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})",
            tuple(row.get(c) for c in cols),
        )

    def delete_file(self, path: str) -> None:
        self.db.execute("DELETE FROM files WHERE path=?", (path,))

    def paths_of(self, doc_id: str) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT path FROM files WHERE doc_id=? AND status IN ('indexed','duplicate') ORDER BY path",
            (doc_id,))]

    def doc_in_use(self, doc_id: str) -> bool:
        return self.db.execute(
            "SELECT 1 FROM files WHERE doc_id=? AND status IN ('indexed','duplicate') LIMIT 1",
            (doc_id,)).fetchone() is not None

    def forget_files_of(self, doc_id: str) -> None:
        """Forget the files that hold ``doc_id`` (the next ingest reads them as new)."""
        self.db.execute("DELETE FROM files WHERE doc_id=?", (doc_id,))

    def dangling_files(self) -> list[str]:
        """Paths recorded as indexed whose document the catalog lacks."""
        return [r[0] for r in self.db.execute(
            "SELECT path FROM files f WHERE status IN ('indexed','duplicate') "
            "AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.doc_id = f.doc_id) ORDER BY path")]

    def orphan_documents(self) -> list[str]:
        """Documents that no file holds any more."""
        return [r[0] for r in self.db.execute(
            "SELECT doc_id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM files f "
            "WHERE f.doc_id = d.doc_id AND f.status IN ('indexed','duplicate')) ORDER BY doc_id")]

    def count_documents(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def document_ids(self):
        return (r[0] for r in self.db.execute("SELECT doc_id FROM documents ORDER BY doc"))

    def has_document(self, doc_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE doc_id=?", (doc_id,)).fetchone() is not None

    def failures(self, run_id: int | None = None) -> list[sqlite3.Row]:
        if run_id is None:
            run_id = self.last_run_id()
        return self.db.execute(
            "SELECT path, error FROM files WHERE (status='failed' OR error IS NOT NULL) AND run_id=? "
            "ORDER BY path",
            (run_id,)).fetchall()

    # -- documents and entities --------------------------------------------
    def put_document(self, record: dict, replace: bool = True) -> None:
        """Store everything known about one document (``replace``: drop what
        an earlier run stored first; new documents skip those deletes)."""
        doc_id = record["doc_id"]
        meta = record["metadata"]
        if replace:
            self.delete_document(doc_id)
        date = meta.get("date")
        doc = self.db.execute(
            "INSERT INTO documents (doc_id, path, title, issuer, date, year, kind, meta, chars) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            (doc_id, record["path"], meta.get("title"), meta.get("issuer"), date,
             int(date[:4]) if date else None, meta.get("kind"), _pack_meta(meta),
             record.get("text_chars", len(record["text"]))),
        ).lastrowid
        self.touched.add(doc)
        companies = record["companies"]
        self.db.executemany(
            "INSERT INTO amounts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(doc, i, a["amount_yuan"], float(a["amount_yuan"]), a["text"], a["kind"],
              a["recipient"], _provisional_company(a, companies), a["program"], a["per"], a.get("approx", ""),
              _pack_evidence(a), a["start"], a["end"]) for i, a in enumerate(record["amounts"])],
        )
        self.db.executemany(
            "INSERT INTO companies VALUES (?,?,?,NULL,?,?)",
            [(doc, i, c["name"], _compact_json(c["aliases"]), _compact_json(c["mentions"]))
             for i, c in enumerate(companies)],
        )
        self.db.executemany(
            "INSERT INTO programs VALUES (?,?,?,?)",
            [(doc, i, p["name"], _compact_json(p["mentions"])) for i, p in enumerate(record["programs"])],
        )

    def delete_document(self, doc_id: str) -> None:
        row = self.db.execute("SELECT doc FROM documents WHERE doc_id=?", (doc_id,)).fetchone()
        if row is None:
            return
        for table in ("amounts", "companies", "programs", "documents"):
            self.db.execute(f"DELETE FROM {table} WHERE doc=?", (row[0],))

    def document(self, doc_id: str):
        return self.db.execute(f"SELECT {_DOCUMENT} FROM documents d WHERE d.doc_id=?", (doc_id,)).fetchone()

    # -- runs ---------------------------------------------------------------
    def start_run(self, started: str, roots: list[str]) -> int:
        cur = self.db.execute("INSERT INTO runs (started, roots) VALUES (?, ?)",
                              (started, json.dumps(roots, ensure_ascii=False)))
        self.db.commit()
        return cur.lastrowid

    def finish_run(self, run_id: int, finished: str, summary: dict) -> None:
        self.db.execute("UPDATE runs SET finished=?, summary=? WHERE run_id=?",
                        (finished, json.dumps(summary, ensure_ascii=False), run_id))
        self.db.commit()

    def last_run_id(self):
        row = self.db.execute("SELECT MAX(run_id) FROM runs").fetchone()
        return row[0]

    def commit(self) -> None:
        self.db.commit()

    def rollback(self) -> None:
        self.db.rollback()

    # -- questions: every query facts.py, profiles.py and linking ask --------
    def documents(self, year=None, issuer=None, kind=None):
        """Documents with the reader their text came from (pdf, ocr …)."""
        cond, args = document_filters(year, issuer, kind)
        yield from self.db.execute(f"SELECT {_DOCUMENT}, {_READER} FROM documents d" + _where(cond)
                                   + " ORDER BY d.path", args)

    def reader_of(self, doc_id: str) -> str | None:
        row = self.db.execute(f"SELECT {_READER} FROM documents d WHERE d.doc_id=?", (doc_id,)).fetchone()
        return row[0] if row else None

    def integrity(self) -> str:
        """SQLite's quick check: "ok", or what is damaged."""
        return self.db.execute("PRAGMA quick_check").fetchone()[0]

    def indexed_files(self):
        """(path, size, mtime_ns) of every file whose text is in the index."""
        yield from self.db.execute("SELECT path, size, mtime_ns FROM files WHERE status IN ('indexed','duplicate')")

    def files_named(self, ref: str) -> list[sqlite3.Row]:
        """Indexed files at path ``ref``, or whose path ends in ``/ref`` (a file
        name, matched as written: % and _ are not wildcards)."""
        like = "%/" + ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return self.db.execute(
            "SELECT DISTINCT doc_id, path FROM files WHERE doc_id IS NOT NULL "
            "AND (path = ? OR path LIKE ? ESCAPE '\\') ORDER BY path",
            (str(Path(ref).resolve()), like)).fetchall()

    def document_by_number(self, doc_number: str):
        for r in self.db.execute(f"SELECT {_DOCUMENT} FROM documents d ORDER BY d.doc"):
            if json.loads(r["meta"]).get("doc_number") == doc_number:
                return r
        return None

    def companies_in(self, doc_id: str) -> list[sqlite3.Row]:
        return self.db.execute(f"SELECT d.doc_id, c.name, {_CANONICAL} AS canonical, c.aliases, c.mentions "
                               "FROM companies c JOIN documents d USING(doc) WHERE d.doc_id=? ORDER BY c.seq",
                               (doc_id,)).fetchall()

    def program_names_in(self, doc_id: str) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT p.name FROM programs p JOIN documents d USING(doc) "
                                              "WHERE d.doc_id=? ORDER BY p.seq", (doc_id,))]

    def amounts(self, doc_id=None, company=None, program=None, kind=None, min_yuan=None, max_yuan=None,
                year=None, issuer=None):
        """Amounts with their document's path, date and issuer, in document order."""
        cond, args = document_filters(year, issuer, None)
        if doc_id:
            cond.append("d.doc_id = ?")
            args.append(doc_id)
        # a.company, not _COMPANY: where it is '' it is the recipient, which is searched anyway
        for columns, value in ((["a.company", "a.recipient"], company), (["a.program"], program)):
            if value:
                c, a = name_like(columns, value)
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
        yield from self.db.execute(
            f"SELECT d.doc_id, a.amount_yuan, a.text, a.kind, a.recipient, {_COMPANY} AS company, a.program, "
            f"a.per, a.approx, {_EVIDENCE} AS evidence, a.start, a.end, d.path, d.date, d.issuer "
            "FROM amounts a JOIN documents d USING(doc)" + _where(cond) + " ORDER BY d.path, a.seq", args)

    def company_rows(self, query=None, year=None, issuer=None):
        cond, args = document_filters(year, issuer, None)
        if query:
            c, a = name_like(["c.name", _CANONICAL, "c.aliases"], query)
            cond.append(c)
            args += a
        yield from self.db.execute(f"SELECT d.doc_id, c.name, {_CANONICAL} AS canonical, c.aliases, c.mentions, "
                                   "d.path FROM companies c JOIN documents d USING(doc)"
                                   + _where(cond) + " ORDER BY d.path, c.seq", args)

    def program_rows(self, query=None, year=None, issuer=None):
        cond, args = document_filters(year, issuer, None)
        if query:
            c, a = name_like(["p.name"], query)
            cond.append(c)
            args += a
        yield from self.db.execute("SELECT d.doc_id, p.name, p.mentions, d.path FROM programs p "
                                   "JOIN documents d USING(doc)" + _where(cond) + " ORDER BY d.path, p.seq", args)

    def company_amounts(self):
        """(company, kind, amount_yuan) of every amount linked to a company."""
        yield from self.db.execute(f"SELECT {_COMPANY}, a.kind, a.amount_yuan FROM amounts a "
                                   "WHERE a.company IS NOT NULL")

    def document_years(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT doc_id, year FROM documents WHERE year IS NOT NULL"))

    def programs_by_document(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for doc_id, name in self.db.execute("SELECT d.doc_id, p.name FROM programs p JOIN documents d USING(doc) "
                                            "ORDER BY p.doc, p.seq"):
            out.setdefault(doc_id, []).append(name)
        return out

    def program_amounts(self):
        """(doc_id, program clause, amount_yuan, recipient) of amounts with a program."""
        yield from self.db.execute(
            "SELECT d.doc_id, a.program, a.amount_yuan, a.recipient FROM amounts a JOIN documents d USING(doc) "
            "WHERE a.program != '' ORDER BY a.doc, a.seq")

    def count_documents_by(self, column: str) -> list[tuple]:
        if column not in ("issuer", "year", "kind"):
            raise ValueError(column)
        return self.db.execute(f"SELECT {column}, COUNT(*) FROM documents GROUP BY {column} "
                               f"ORDER BY COUNT(*) DESC, {column}").fetchall()

    def counts(self) -> dict[str, int]:
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        return {"documents": one("SELECT COUNT(*) FROM documents"),
                "files": one("SELECT COUNT(*) FROM files WHERE status != 'failed'"),
                "failed": one("SELECT COUNT(*) FROM files WHERE status = 'failed'"),
                "amounts": one("SELECT COUNT(*) FROM amounts")}

    def metas(self):
        for (meta,) in self.db.execute("SELECT meta_json(meta) FROM documents ORDER BY doc"):
            yield json.loads(meta)

    def canonical_company(self, name: str) -> str | None:
        """The canonical company a name (exact form first, then a part of one) stands for."""
        row = self.db.execute(
            f"SELECT {_CANONICAL} AS canon FROM companies c WHERE canon = ? OR c.name = ? OR c.aliases LIKE ? "
            "ORDER BY (canon = ?) DESC, length(canon), c.doc, c.seq LIMIT 1",
            (name, name, f'%"{name}"%', name)).fetchone()
        if row is None:
            cond, args = name_like([_CANONICAL, "c.aliases"], name)
            row = self.db.execute(f"SELECT {_CANONICAL} FROM companies c WHERE {cond} ORDER BY c.doc, c.seq LIMIT 1",
                                  args).fetchone()
        return row[0] if row else None

    def company_mentions(self, canonical: str) -> list[sqlite3.Row]:
        return self.db.execute(
            f"SELECT d.doc_id, c.name, {_CANONICAL} AS canonical, c.aliases, c.mentions, d.path, d.date, d.year, "
            f"d.title FROM companies c JOIN documents d USING(doc) WHERE {_CANONICAL} = ? "
            "ORDER BY d.date, d.path, c.seq", (canonical,)).fetchall()

    def program_mentions(self, name: str) -> list[sqlite3.Row]:
        """Mentions of exactly this program, else of programs whose name contains it."""
        sql = ("SELECT d.doc_id, p.name, p.mentions, d.path, d.date, d.year FROM programs p "
               "JOIN documents d USING(doc) WHERE ")
        rows = self.db.execute(sql + "p.name = ? ORDER BY d.date, d.path, p.seq", (name,)).fetchall()
        if not rows:
            cond, args = name_like(["p.name"], name)
            rows = self.db.execute(sql + cond + " ORDER BY d.date, d.path, p.seq", args).fetchall()
        return rows

    # -- company linking ------------------------------------------------------
    def company_names(self):
        """(name, aliases JSON) of every company row, in storage order (streamed)."""
        yield from self.db.execute("SELECT name, aliases FROM companies ORDER BY doc, seq")

    def company_forms_page(self, after: tuple[int, int] = (-1, -1), limit: int = 5000) -> list[tuple]:
        """Up to ``limit`` company rows after the key ``after``, as (doc, seq,
        name, aliases, canonical): relinking reads the table in pages, so its
        memory does not grow with the archive."""
        return self.db.execute(
            f"SELECT c.doc, c.seq, c.name, c.aliases, {_CANONICAL} FROM companies c "
            "WHERE (c.doc, c.seq) > (?, ?) ORDER BY c.doc, c.seq LIMIT ?", (*after, limit)).fetchall()

    def set_canonical(self, updates) -> None:
        """``updates``: (canonical, doc, seq) triples (stored as NULL when it is the name)."""
        self.db.executemany("UPDATE companies SET canonical = nullif(?1, name) WHERE doc=?2 AND seq=?3", updates)

    def link_amounts_to_companies(self, docs=None) -> None:
        """Each amount's company: the canonical name of the company its recipient
        names in the same document (every document, or only ``docs``, ``doc`` keys)."""
        canon = _CANONICAL
        link = (f"UPDATE amounts SET company = (SELECT CASE {canon} WHEN amounts.recipient THEN '' ELSE {canon} END "
                "FROM companies c WHERE c.doc = amounts.doc AND (c.name = amounts.recipient "
                "OR c.aliases LIKE '%\"' || amounts.recipient || '\"%') ORDER BY c.seq LIMIT 1)")
        if docs is None:
            self.db.execute(link)
        elif docs:
            self.db.executemany(link + " WHERE doc = ?", [(d,) for d in sorted(docs)])


def _provisional_company(amount: dict, companies: list[dict]):
    """The company an amount gets from its own document, as stored, before
    relinking gives the archive-wide canonical name: written at insert so
    that relinking mostly rewrites a row with a value of the same size (no
    page splits)."""
    recipient = amount["recipient"]
    if not recipient:
        return None
    for c in companies:
        if c["name"] == recipient:
            return ""
        if recipient in c["aliases"]:
            return c["name"]
    return None


_DOCUMENT = "d.doc_id, d.path, d.title, d.issuer, d.date, d.year, d.kind, meta_json(d.meta) AS meta, d.chars"
_READER = "(SELECT f.reader FROM files f WHERE f.doc_id = d.doc_id AND f.status = 'indexed' LIMIT 1) AS reader"


def document_filters(year=None, issuer=None, kind=None, alias="d") -> tuple[list[str], list]:
    """SQL conditions on the documents table for the filters every command shares."""
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


def _where(cond: list[str]) -> str:
    return " WHERE " + " AND ".join(cond) if cond else ""
