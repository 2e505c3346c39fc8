"""``replycli check [--repair]``: verify that the Whoosh segments, the
catalog and the files agree, and repair what does not.

Reading is thorough (every stored document and posting list of every
segment, besides the sizes the manifest recorded); repair drops damaged
segments (or starts an empty Whoosh index when its table of contents is
lost), drops doubled and unknown documents, and indexes again, from the
files, every document the catalog knows and Whoosh no longer holds.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from replycli.ingest.reconcile import Agreement, compare, record_generation


@dataclass
class CheckReport:
    index: str
    documents: int = 0
    problems: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"index": self.index, "ok": not self.problems, "documents": self.documents,
                "problems": self.problems, "repaired": self.repaired, "notes": self.notes}


def _read_segment(ix, seg) -> None:
    """Read every stored document and every posting list of a segment."""
    from whoosh.reading import SegmentReader

    r = SegmentReader(ix.storage, ix.schema, seg)
    try:
        for docnum in range(r.doc_count_all()):
            if not r.is_deleted(docnum):
                r.stored_fields(docnum)
        for fieldname in r.indexed_field_names():
            for term in r.lexicon(fieldname):
                r.postings(fieldname, term).all_ids()
    finally:
        r.close()


def check(index_dir, repair: bool = False, workers: int | None = None) -> CheckReport:
    """Verify that the Whoosh segments, the catalog and the files agree.
    ``repair``: drop damaged segments and doubled documents, and index again
    from the files every document that is missing."""
    from pathlib import Path

    from whoosh import index as windex

    from replycli.catalog import CATALOG_NAME, Catalog
    from replycli.errors import IndexNotFound
    from replycli.index.store import INDEX_NAME, WHOOSH_DIR, _check_version, damage

    index_dir = Path(index_dir)
    report = CheckReport(index=str(index_dir))
    if not (index_dir / CATALOG_NAME).is_file():
        raise IndexNotFound(f"{index_dir}: no replycli index here (no catalog); "
                            f"create one with: replycli ingest FOLDER --index {index_dir}")
    to_reread: list[str] = []
    ix = None
    with _lock(index_dir, repair):
        report.problems += damage(index_dir)
        damaged_files = {p.split()[2] for p in report.problems if p.startswith("Whoosh file ")}
        catalog = Catalog(index_dir, readonly=not repair)
        try:
            _check_version(catalog, index_dir)
            ok = catalog.integrity()
            if ok != "ok":
                report.problems.append(f"the catalog is damaged: {ok}")
            try:
                ix = windex.open_dir(str(index_dir / WHOOSH_DIR), indexname=INDEX_NAME)
            except Exception as e:  # noqa: BLE001 - any unreadable TOC
                ix = None
                if not any("table of contents" in p for p in report.problems):
                    report.problems.append(f"the Whoosh table of contents cannot be read ({type(e).__name__})")
            bad = []
            if ix is not None:
                for seg in ix._read_toc().segments:
                    sid = seg.segment_id()
                    if any(n.startswith(sid + ".") for n in damaged_files):
                        bad.append(seg)
                        continue
                    try:
                        _read_segment(ix, seg)
                    except Exception as e:  # noqa: BLE001 - a damaged file raises anything
                        bad.append(seg)
                        report.problems.append(f"Whoosh segment {sid} cannot be read ({type(e).__name__}: {e})"[:200])
            good = [s for s in ix._read_toc().segments if s not in bad] if ix is not None else []
            found = _compare_segments(ix, good, catalog)
            report.documents = catalog.count_documents()
            if found.unknown:
                report.problems.append(f"{len(found.unknown)} documents in Whoosh that the catalog does not know")
            if found.doubled:
                report.problems.append(f"{len(found.doubled)} documents held more than once in Whoosh")
            if found.missing:
                report.problems.append(f"{len(found.missing)} documents in the catalog missing from Whoosh")
            dangling, orphans = catalog.dangling_files(), catalog.orphan_documents()
            if dangling:
                report.problems.append(f"{len(dangling)} files recorded as indexed whose document "
                                       "the catalog lacks")
            if orphans:
                report.problems.append(f"{len(orphans)} documents that no file holds")
            report.notes += _files_out_of_date(catalog)
            if repair and report.problems:
                for doc_id in orphans:
                    if doc_id not in found.missing:
                        found.unknown.append(doc_id)  # dropped from Whoosh as well
                    catalog.delete_document(doc_id)
                for path in dangling:
                    catalog.delete_file(path)
                to_reread = _repair(index_dir, ix, bad, good, found, catalog, report) + dangling
                if orphans:
                    report.repaired.append(f"dropped {len(orphans)} documents that no file holds")
        finally:
            catalog.close()
            if ix is not None:
                ix.close()
    if to_reread:
        from replycli.ingest.pipeline import ingest

        present = [p for p in to_reread if os.path.exists(p)]
        if present:
            s = ingest(present, index_dir, workers=workers, prune=False)
            report.repaired.append(f"indexed {s.indexed} documents again from their files"
                                   + (f" ({len(s.failed)} failed)" if s.failed else ""))
        gone = len(to_reread) - len(present)
        if gone:
            report.repaired.append(f"forgot {gone} files that are gone from disk")
    return report


def _lock(index_dir, repair: bool):
    """The ingest lock: a check must not read halfway through an ingest's
    commit. A read-only index (no lock can be taken, and no ingest can
    write it) is checked without."""
    from contextlib import nullcontext

    from replycli.errors import IndexBusy, ReplycliError
    from replycli.index.store import IngestLock

    lock = IngestLock(index_dir)
    try:
        lock.__enter__()
    except IndexBusy:
        raise
    except ReplycliError:
        if repair:
            raise
        return nullcontext()
    return _Held(lock)


class _Held:
    def __init__(self, lock):
        self.lock = lock

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.lock.__exit__(*exc)
        return False


def _compare_segments(ix, segments, catalog) -> Agreement:
    if ix is None:
        return Agreement(missing=sorted(catalog.document_ids()))
    from whoosh.index import FileIndex

    r = FileIndex._reader(ix.storage, ix.schema, segments, ix.latest_generation())
    try:
        found, _ = compare(r, catalog)
    finally:
        r.close()
    return found


def _files_out_of_date(catalog) -> list[str]:
    gone = changed = 0
    for row in catalog.indexed_files():
        try:
            st = os.stat(row["path"])
        except OSError:
            gone += 1
            continue
        if st.st_size != row["size"] or st.st_mtime_ns != row["mtime_ns"]:
            changed += 1
    out = []
    if gone or changed:
        out.append(f"{changed} files changed and {gone} gone since the last ingest (replycli ingest updates them)")
    return out


def _repair(index_dir, ix, bad, good, found, catalog, report) -> list[str]:
    from whoosh import index as windex

    from replycli.index.schema import build_schema
    from replycli.index.store import INDEX_NAME, WHOOSH_DIR
    from replycli.index.writing import segment_writer

    if ix is None:
        ix = windex.create_in(str(index_dir / WHOOSH_DIR), build_schema(), indexname=INDEX_NAME)
        report.repaired.append("created a new, empty Whoosh index")
    w = segment_writer(ix, lock=True)
    try:
        if bad:
            w._close_segment()
            w._commit_toc(good)  # the damaged segments are dropped (and their files deleted)
            w._finish()
            report.repaired.append(f"dropped {len(bad)} damaged Whoosh segments")
            w = segment_writer(ix, lock=True)
        with w.reader() as r:
            _, ids = compare(r, catalog)
        for doc_id in found.unknown + found.doubled:
            for docnum in ids.get(doc_id, []):
                w.delete_document(docnum)
    except BaseException:
        w.cancel()
        raise
    if found.unknown or found.doubled:
        w.commit()
        report.repaired.append(f"dropped {len(found.unknown) + sum(1 for _ in found.doubled)} "
                               "unknown or doubled documents from Whoosh")
    else:
        w.cancel()
    to_reread: list[str] = []
    for doc_id in found.doubled + found.missing:
        to_reread += catalog.paths_of(doc_id)
        catalog.delete_document(doc_id)
        catalog.forget_files_of(doc_id)
    record_generation(ix, catalog)
    catalog.commit()
    ix.close()
    return to_reread
