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

_SCHEMA = """
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, root TEXT, size INTEGER, mtime_ns INTEGER, sha TEXT,
    doc_id TEXT, encoding TEXT, reader TEXT, status TEXT, error TEXT, run_id INTEGER);
CREATE INDEX IF NOT EXISTS files_doc ON files(doc_id);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, path TEXT, title TEXT, issuer TEXT, date TEXT,
    year INTEGER, kind TEXT, meta TEXT, chars INTEGER);
CREATE TABLE IF NOT EXISTS amounts (
    doc_id TEXT, seq INTEGER, amount_yuan TEXT, value REAL, text TEXT, kind TEXT,
    recipient TEXT, company TEXT, program TEXT, per TEXT, approx TEXT,
    evidence TEXT, start INTEGER, end INTEGER);
CREATE INDEX IF NOT EXISTS amounts_doc ON amounts(doc_id);
CREATE TABLE IF NOT EXISTS companies (
    doc_id TEXT, name TEXT, canonical TEXT, aliases TEXT, mentions TEXT);
CREATE INDEX IF NOT EXISTS companies_doc ON companies(doc_id);
CREATE INDEX IF NOT EXISTS companies_canon ON companies(canonical);
CREATE TABLE IF NOT EXISTS programs (
    doc_id TEXT, name TEXT, canonical TEXT, mentions TEXT);
CREATE INDEX IF NOT EXISTS programs_doc ON programs(doc_id);
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY AUTOINCREMENT, started TEXT, finished TEXT,
    roots TEXT, summary TEXT);
"""


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
        self.touched: set[str] = set()  # documents written in this session (for relink)
        self.db = _connect_readonly(path) if readonly and not create else sqlite3.connect(str(path), timeout=30)
        self.db.row_factory = sqlite3.Row
        # fold(x): the script-variant fold, so a filter written in simplified
        # characters finds names written in traditional ones and back.
        self.db.create_function("fold", 1, _fold_sql, deterministic=True)
        if not readonly:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
        if create:
            self.db.executescript(_SCHEMA)

    def close(self):
        self.db.close()

    def checkpoint(self) -> None:
        """Move the WAL into the database file (so a copy of the folder, or
        a read-only mount of it, holds everything in catalog.sqlite)."""
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

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
        return (r[0] for r in self.db.execute("SELECT doc_id FROM documents"))

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
        self.touched.add(doc_id)
        if replace:
            self.delete_document(doc_id)
        date = meta.get("date")
        self.db.execute(
            "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?)",
            (doc_id, record["path"], meta.get("title"), meta.get("issuer"), date,
             int(date[:4]) if date else None, meta.get("kind"),
             json.dumps(meta, ensure_ascii=False), record.get("text_chars", len(record["text"]))),
        )
        self.db.executemany(
            "INSERT INTO amounts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(doc_id, i, a["amount_yuan"], float(a["amount_yuan"]), a["text"], a["kind"],
              a["recipient"], a.get("company"), a["program"], a["per"], a.get("approx", ""),
              a["evidence"], a["start"], a["end"]) for i, a in enumerate(record["amounts"])],
        )
        self.db.executemany(
            "INSERT INTO companies VALUES (?,?,?,?,?)",
            [(doc_id, c["name"], c["name"], json.dumps(c["aliases"], ensure_ascii=False),
              json.dumps(c["mentions"])) for c in record["companies"]],
        )
        self.db.executemany(
            "INSERT INTO programs VALUES (?,?,?,?)",
            [(doc_id, p["name"], p["name"], json.dumps(p["mentions"])) for p in record["programs"]],
        )

    def delete_document(self, doc_id: str) -> None:
        for table in ("documents", "amounts", "companies", "programs"):
            self.db.execute(f"DELETE FROM {table} WHERE doc_id=?", (doc_id,))

    def document(self, doc_id: str):
        return self.db.execute("SELECT * FROM documents WHERE doc_id=?", (doc_id,)).fetchone()

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
