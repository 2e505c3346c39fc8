"""Writing segments fast and in little memory.

Whoosh's own posting pool keeps one Python tuple per posting and, past its
memory limit, pickles postings one by one to run files and merges them back
with a heap: on a 10,000-reply archive (about nine million postings, the
n-gram field being most of them) that spill-and-merge was a third of ingest
time. ``CompactPool`` keeps each term's postings in flat arrays instead
(12 bytes plus the encoded positions per posting), never spills, and hands the segment writer its postings term by term, already sorted. Memory stays
bounded because a worker closes its segment once its pool holds
``SEGMENT_POSTINGS`` postings and starts another.

``segment_writer`` opens a writer that uses it: the parent's writer (which
holds Whoosh's lock, deletes replaced documents and commits) and each ingest
worker's writer (which builds one segment that the parent then commits).
"""
from __future__ import annotations

from array import array

# Postings a worker holds before it writes out its segment (~30 bytes each
# with positions, ~100 MB per worker with Python's overheads).
SEGMENT_POSTINGS = 2_500_000


class _Postings:
    __slots__ = ("docs", "weights", "ends", "values", "ordered")

    def __init__(self):
        self.docs = array("I")
        self.weights = array("f")  # what Whoosh stores in its blocks, too
        self.ends = array("i")     # end offset in ``values``; negative: no value
        self.values = bytearray()
        self.ordered = True


class CompactPool:
    """A drop-in for ``whoosh.writing.PostingPool``: ``add``,
    ``iter_postings``, ``fieldnames`` and ``cleanup``."""

    def __init__(self):
        self.fieldnames: set[str] = set()
        self._fields: dict[str, dict[bytes, _Postings]] = {}
        self.count = 0  # postings held

    def add(self, item) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        self.count += 1
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        p = terms.get(tbytes)
        if p is None:
            p = terms[tbytes] = _Postings()
        elif p.docs[-1] > docnum:
            p.ordered = False  # merged segments may arrive out of order
        p.docs.append(docnum)
        p.weights.append(weight)
        if vbytes is None:
            p.ends.append(-len(p.values) - 1)
        else:
            p.values += vbytes
            p.ends.append(len(p.values))

    def iter_postings(self):
        """``(fieldname, tbytes, docnum, weight, vbytes)``, sorted as Whoosh's
        field writer requires."""
        for fieldname in sorted(self._fields):
            terms = self._fields[fieldname]
            for tbytes in sorted(terms):
                p = terms[tbytes]
                values, start = p.values, 0
                rows = []
                for doc, weight, end in zip(p.docs, p.weights, p.ends):
                    if end < 0:
                        rows.append((doc, weight, None))
                    else:
                        rows.append((doc, weight, bytes(values[start:end])))
                        start = end
                if not p.ordered:
                    rows.sort(key=lambda r: r[0])
                for doc, weight, value in rows:
                    yield fieldname, tbytes, doc, weight, value

    def cleanup(self) -> None:
        self._fields.clear()
        self.count = 0


def segment_writer(ix, *, lock: bool):
    """A Whoosh ``SegmentWriter`` with our pool and codec settings.

    ``lock=False`` is for worker writers: the parent holds the lock and
    commits the segments they return (``finish_segment``).
    """
    from whoosh.codec.whoosh3 import W3Codec
    from whoosh.writing import SegmentWriter

    # Per-block length statistics cost a column lookup per posting (a fifth
    # of indexing time); they only tune block skipping, scores use the
    # per-document lengths, which are still written.
    codec = W3Codec()
    codec.length_stats = False
    # Separate segment files, not one compound file: Whoosh opens the parts of
    # a compound segment by copying them into memory (BytesIO over the mmap),
    # i.e. the whole index on every search.
    writer = SegmentWriter(ix, _lk=lock, codec=codec, compound=False)
    writer.pool = CompactPool()
    return writer


def finish_segment(writer):
    """Close a worker's writer; its new segment, or None if it added nothing."""
    if writer is None:
        return None
    if writer._added:
        return writer._finalize_segment()
    writer._close_segment()
    return None


def commit_with(writer, new_segments, merge: bool) -> None:
    """Commit the parent's ``writer`` together with segments built by workers
    (what ``whoosh.multiproc.MpWriter`` does with ``multisegment=True``)."""
    if not new_segments:
        writer.commit(merge=merge)
        return
    final = writer._merge_segments(None, False, False)  # keep existing segments, with deletions
    final += new_segments
    if writer._added:
        final.append(writer._finalize_segment())
    else:
        writer._close_segment()
    writer._commit_toc(final)
    writer._finish()
