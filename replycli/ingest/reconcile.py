"""Keeping the Whoosh index and the catalog in agreement.

Ingest commits Whoosh first, then the catalog, and records in that catalog
commit which Whoosh generation it goes with. When an ingest starts and the
two disagree (a kill between the two commits, a lost or replaced catalog, a
lost Whoosh table of contents), ``reconcile`` compares them document by
document: Whoosh documents the catalog does not know are dropped (their
files are new to the catalog, so this ingest indexes them again), a
document held twice is dropped and indexed again, and a catalog document
missing from Whoosh is forgotten with its files so that they are read again.
Afterwards every doc_id is in Whoosh exactly once, and only if the catalog
knows it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass
class Agreement:
    unknown: list[str] = field(default_factory=list)   # in Whoosh, not in the catalog
    doubled: list[str] = field(default_factory=list)   # in Whoosh more than once
    missing: list[str] = field(default_factory=list)   # in the catalog, not in Whoosh

    def __bool__(self) -> bool:
        return bool(self.unknown or self.doubled or self.missing)


def whoosh_doc_ids(reader) -> dict[str, list[int]]:
    """Every live document number of each doc_id (reads the doc_id terms,
    not the stored texts)."""
    out: dict[str, list[int]] = {}
    for leaf, offset in reader.leaf_readers():
        if "doc_id" not in leaf.schema or not leaf.doc_count():
            continue
        for term in leaf.lexicon("doc_id"):
            docs = list(leaf.postings("doc_id", term).all_ids())
            if docs:
                key = term.decode("utf-8") if isinstance(term, bytes) else term
                out.setdefault(key, []).extend(offset + d for d in docs)
    return out


def in_step(ix, catalog) -> bool:
    """Cheap test (no document is read): did the last catalog commit go with
    the current Whoosh generation, and do the counts agree?"""
    gen = catalog.get_info("whoosh_generation")
    if gen is None or int(gen) != ix.latest_generation():
        return False
    return ix.doc_count() == catalog.count_documents()


def compare(reader, catalog) -> tuple[Agreement, dict[str, list[int]]]:
    ids = whoosh_doc_ids(reader)
    known = set(catalog.document_ids())
    a = Agreement()
    for doc_id, docs in sorted(ids.items()):
        if doc_id not in known:
            a.unknown.append(doc_id)
        elif len(docs) > 1:
            a.doubled.append(doc_id)
    a.missing = sorted(known - ids.keys())
    return a, ids


def reconcile(ix, catalog) -> Agreement:
    """Bring Whoosh and the catalog into agreement (see the module's
    docstring); returns what was found. Commits both when anything changed."""
    if in_step(ix, catalog):
        return Agreement()
    from replycli.index.writing import segment_writer

    w = segment_writer(ix, lock=True)
    try:
        with w.reader() as r:
            found, ids = compare(r, catalog)
        for doc_id in found.unknown + found.doubled:
            for docnum in ids[doc_id]:
                w.delete_document(docnum)
        for doc_id in found.doubled + found.missing:
            # Read its files again: the catalog forgets them and the document.
            catalog.delete_document(doc_id)
            catalog.forget_files_of(doc_id)
    except BaseException:
        w.cancel()
        raise
    if found.unknown or found.doubled:
        w.commit()
    else:
        w.cancel()
    record_generation(ix, catalog)
    catalog.commit()
    return found


def record_generation(ix, catalog) -> None:
    """After a Whoosh commit: write its manifest and note, in the catalog
    transaction about to commit, which Whoosh generation it goes with."""
    from replycli.index.store import write_manifest

    write_manifest(ix)
    catalog.set_info("whoosh_generation", ix.latest_generation())
