"""Writing segments fast and in little memory.

Whoosh's own posting pool keeps one Python tuple per posting and, past its
memory limit, pickles postings one by one to run files and merges them back
with a heap: on a 10,000-reply archive (about nine million postings, the
n-gram field being most of them) that spill-and-merge was a third of ingest
time. ``CompactPool`` keeps each term's postings in flat arrays instead
(12 bytes plus the encoded positions per posting), never spills, and hands
the segment writer its postings a block at a time, already sorted. Memory
stays bounded because a worker closes its segment once its pool holds
``SEGMENT_POSTINGS`` postings and starts another.

``segment_writer`` opens a writer that uses it: the parent's writer (which
holds Whoosh's lock, deletes replaced documents and commits) and each ingest
worker's writer (which builds one segment that the parent then commits).
"""
from __future__ import annotations

import zlib
from array import array
from functools import partial
from operator import sub
from pickle import dumps

from replycli.index import whoosh_private  # noqa: F401  (checks the installed Whoosh once)

# Postings a worker holds before it writes out its segment (~30 bytes each
# with positions, ~100 MB per worker with Python's overheads).
SEGMENT_POSTINGS = 2_500_000


class _Postings:
    __slots__ = ("docs", "weights", "ends", "values", "ordered", "doc", "lastpos")

    def __init__(self):
        self.docs = array("I")
        self.weights = array("f")  # what Whoosh stores in its blocks, too
        self.ends = array("i")     # end offset in ``values``; negative: no value
        self.values = bytearray()
        self.ordered = True
        # add_terms: the document of the last posting it added, and the last position there
        self.doc = self.lastpos = -1


class CompactPool:
    """A drop-in for ``whoosh.writing.PostingPool``: ``add``,
    ``iter_postings``, ``fieldnames`` and ``cleanup``."""

    def __init__(self):
        self.fieldnames: set[str] = set()
        # field -> term -> postings; terms are bytes, or str in the fields
        # filled by ``add_terms`` (encoded once per term when written).
        self._fields: dict[str, dict] = {}
        self._str_keys: dict[str, bool] = {}
        self._last_doc: dict[str, int] = {}
        self.count = 0  # postings held

    def add(self, item) -> None:
        """One posting (Whoosh's interface; merging segments uses it)."""
        fieldname, tbytes, docnum, weight, vbytes = item
        self.add_field(fieldname, docnum, ((tbytes, 0, weight, vbytes),), 1.0)

    def add_field(self, fieldname: str, docnum: int, items, boost: float) -> int:
        """Add one document's postings for one field, as ``field.index()``
        gives them; returns the field length (the sum of frequencies). The
        same as ``add`` per posting without a tuple and a call for each."""
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
            self.fieldnames.add(fieldname)
            self._str_keys[fieldname] = False
        str_keys = self._str_keys[fieldname]
        self._last_doc[fieldname] = max(docnum, self._last_doc.get(fieldname, -1))
        length = count = 0
        for tbytes, freq, weight, vbytes in items:
            length += freq
            count += 1
            if str_keys:  # a gram field's terms are text
                tbytes = tbytes.decode("utf-8")
            p = terms.get(tbytes)
            if p is None:
                p = terms[tbytes] = _Postings()
            elif p.docs[-1] > docnum:
                p.ordered = False
            p.docs.append(docnum)
            p.weights.append(weight * boost)
            if vbytes is None:
                p.ends.append(-len(p.values) - 1)
            else:
                p.values += vbytes
                p.ends.append(len(p.values))
        self.count += count
        return length

    def add_grams(self, fieldname: str, docnum: int, poses: dict, weight_boost: float, encode) -> None:
        """Add one document's gram postings (term -> positions, as
        ``GramField.postings`` gives them): ``add_field`` without a tuple per
        posting, the positions encoded here (a lone position below 2**14,
        most postings, by table lookup)."""
        from replycli.index.fields import encode_positions, var_table

        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
            self.fieldnames.add(fieldname)
            self._str_keys[fieldname] = False
        str_keys = self._str_keys[fieldname]
        self._last_doc[fieldname] = max(docnum, self._last_doc.get(fieldname, -1))
        get = terms.get
        var = var_table() if encode is encode_positions else None
        for term, poslist in poses.items():
            tbytes = term if str_keys else term.encode("utf-8")
            p = get(tbytes)
            if p is None:
                p = terms[tbytes] = _Postings()
            elif p.docs[-1] > docnum:
                p.ordered = False
            p.docs.append(docnum)
            n = len(poslist)
            p.weights.append(n * weight_boost)
            if n == 1 and var is not None and poslist[0] < 16384:
                p.values += var[poslist[0]]
            else:
                p.values += encode(poslist)
            p.ends.append(len(p.values))
        self.count += len(poses)

    def add_terms(self, fieldname: str, docnum: int, terms: list, weight_boost: float, encode) -> None:
        """Add one document's gram postings from its term at each position
        (None: an empty position), as ``GramField.terms`` gives them: one
        pass over the positions that appends each term's position delta to
        its posting as it comes, with no per-document grouping."""
        from replycli.index.fields import _varint, encode_positions, var_table

        postings = self._fields.get(fieldname)
        if postings is None and encode is encode_positions:
            postings = self._fields[fieldname] = {}
            self.fieldnames.add(fieldname)
            self._str_keys[fieldname] = True
        if encode is not encode_positions or not self._str_keys[fieldname]:
            # Another position format, or a field first filled by ``add``
            # (bytes terms): the general path, positions grouped first.
            poses: dict = {}
            for pos, term in enumerate(terms):
                if term is not None:
                    poses.setdefault(term, []).append(pos)
            self.add_grams(fieldname, docnum, poses, weight_boost, encode)
            return
        var = var_table()
        get = postings.get
        # Postings of this document are the terms' last ones (docnums only
        # grow) unless the pool already holds a later document.
        in_order = docnum >= self._last_doc.get(fieldname, -1)
        self._last_doc[fieldname] = max(docnum, self._last_doc.get(fieldname, -1))
        count = 0
        for pos, term in enumerate(terms):
            if term is None:
                continue
            p = get(term)
            if p is None:
                p = postings[term] = _Postings()
            elif p.doc == docnum:
                # Another position of this document's posting: its delta.
                d = pos - p.lastpos
                p.values += var[d] if d < 16384 else _varint(d)
                p.ends[-1] = len(p.values)
                p.weights[-1] += weight_boost
                p.lastpos = pos
                continue
            elif not in_order and p.docs[-1] > docnum:
                p.ordered = False
            count += 1
            p.docs.append(docnum)
            p.weights.append(weight_boost)
            p.values += var[pos] if pos < 16384 else _varint(pos)
            p.ends.append(len(p.values))
            p.doc = docnum
            p.lastpos = pos
        self.count += count

    @staticmethod
    def _rows(p: _Postings):
        """A term's docnums, weights and values (bytes, or None), by docnum."""
        ends = p.ends
        values = bytes(p.values)
        if min(ends) > 0:  # every posting has a value (gram fields)
            vals = [values[a:e] for a, e in zip([0, *ends[:-1]], ends)]
        else:
            starts = [0] + [abs(e) - 1 if e < 0 else e for e in ends[:-1]]
            vals = [None if e < 0 else values[a:e] for a, e in zip(starts, ends)]
        docs, weights = p.docs, p.weights
        if not p.ordered:
            order = sorted(range(len(docs)), key=docs.__getitem__)
            docs = array("I", (docs[i] for i in order))
            weights = array("f", (weights[i] for i in order))
            vals = [vals[i] for i in order]
        return docs, weights, vals

    def iter_postings(self):
        """``(fieldname, tbytes, docnum, weight, vbytes)``, sorted as Whoosh's
        field writer requires."""
        for fieldname in sorted(self._fields):
            terms = self._fields[fieldname]
            str_keys = self._str_keys.get(fieldname)
            # Text sorts by code point, as its UTF-8 bytes do.
            for term in sorted(terms):
                docs, weights, vals = self._rows(terms[term])
                tbytes = term.encode("utf-8") if str_keys else term
                for doc, weight, value in zip(docs, weights, vals):
                    yield fieldname, tbytes, doc, weight, value

    def write(self, fieldwriter, schema) -> None:
        """Write every posting through a W3 field writer a block at a time
        (its per-posting ``add`` was a fifth of ingest time). Other codecs
        get the generic path."""
        from whoosh.codec.whoosh3 import W3FieldWriter

        if not isinstance(fieldwriter, W3FieldWriter):
            fieldwriter.add_postings(schema, None, self.iter_postings())
            return
        for fieldname in sorted(self._fields):
            terms = self._fields[fieldname]
            fieldwriter.start_field(fieldname, schema[fieldname])
            # finish_term() writes a term's last block through the instance's
            # _write_block: ours.
            fieldwriter._postwriter._write_block = partial(_write_block, fieldwriter._postwriter)
            str_keys = self._str_keys.get(fieldname)
            # Text sorts by code point, as its UTF-8 bytes do.
            for term in sorted(terms):
                docs, weights, vals = self._rows(terms[term])
                fieldwriter.start_term(term.encode("utf-8") if str_keys else term)
                pw = fieldwriter._postwriter
                limit, n = pw._blocklimit, len(docs)
                for i in range(0, n, limit):
                    j = min(n, i + limit)
                    # What add_posting() would have buffered for these postings.
                    pw._ids = docs[i:j]
                    pw._weights = weights[i:j]
                    pw._values = [v for v in vals[i:j] if v]
                    pw._maxweight = max(0, max(pw._weights))
                    if j < n:
                        _write_block(pw)
                fieldwriter.finish_term()  # writes the last block (through ours)
            fieldwriter.finish_field()

    def cleanup(self) -> None:
        self._fields.clear()
        self._str_keys.clear()
        self._last_doc.clear()
        self.count = 0


def _mini_weights(weights):
    """Whoosh's block weights (None: all 1.0; a float: all equal; else a
    tuple), with whole numbers pickled as ints (2 bytes, not 9: a gram
    field's weight is its frequency times a whole boost). Readers use them
    only in arithmetic."""
    first = weights[0]
    if weights.count(first) == len(weights):
        return None if first == 1.0 else float(first)
    ints = tuple(map(int, weights))
    return ints if ints == tuple(weights) else tuple(weights)


# Blocks whose pickle is shorter than this are stored uncompressed (zlib's
# own header and checksum would outweigh what it saves).
_COMPRESS_MIN = 48


def _write_block(pw, last: bool = False) -> None:
    """``W3PostingsWriter._write_block`` (the same on-disk layout, read by
    Whoosh's own reader), writing less: pickle protocol 4 (a value is its
    bytes plus two, where protocol 2 spelled each one as a call to
    ``_codecs.encode`` of a latin-1 string), whole weights as ints, and no
    zlib on blocks it does not shrink."""
    from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC
    from whoosh.util.numeric import length_to_byte

    if not pw._blockcount:
        pw._postfile.write(WHOOSH3_HEADER_MAGIC)
    pw._terminfo.add_block(pw)
    ids = pw._ids
    if pw._byteids:
        mini_ids = pw._mini_ids()
    else:  # what _mini_ids() gives (the gaps between ids), in C
        mini_ids = (ids[0], *map(sub, ids[1:], ids[:-1]))
    data = dumps((mini_ids, _mini_weights(pw._weights), pw._mini_values()), 4)
    comp = pw._compression if len(data) >= _COMPRESS_MIN else 0
    if comp:
        packed = zlib.compress(data, comp)
        if len(packed) < len(data):
            data = packed
        else:
            comp = 0
    maxweight = pw._maxweight
    if maxweight == int(maxweight):
        maxweight = int(maxweight)
    info = dumps((len(ids), ids[-1], maxweight, comp,
                  length_to_byte(pw._minlength), length_to_byte(pw._maxlength)), 4)
    length = len(info) + len(data)
    pw._postfile.write_int(-length if last else length)
    pw._postfile.write(info)
    pw._postfile.write(data)
    pw._blockcount += 1
    pw._new_block()


def segment_writer(ix, *, lock: bool):
    """A Whoosh ``SegmentWriter`` with our pool and codec settings.

    ``lock=False`` is for worker writers: the parent holds the lock and
    commits the segments they return (``finish_segment``).
    """
    from whoosh.codec.whoosh3 import W3Codec
    from whoosh.writing import SegmentWriter

    from replycli.index.fields import GramField

    def field_terms(field, items) -> bool:
        """``items`` are a gram field's terms by position (``GramField.terms``)."""
        return items is not None and isinstance(field, GramField)

    class CompactSegmentWriter(SegmentWriter):
        def add_document(self, **fields):
            # Whoosh's add_document, minus what our schema never uses
            # (spelling words, term vectors), with postings added per field.
            schema = self.schema
            if any(schema[n].separate_spelling() or schema[n].vector for n in fields if n in schema):
                return SegmentWriter.add_document(self, **fields)
            self._check_state()
            perdocwriter, docnum, pool = self.perdocwriter, self.docnum, self.pool
            docboost = self._doc_boost(fields)
            fieldnames = sorted(name for name in fields if not name.startswith("_"))
            self._check_fields(schema, fieldnames)
            # Analyse every field first and touch the pool last, so a document
            # that fails anywhere leaves no postings under its number.
            # Gram fields give term -> positions (encoded in the pool), the
            # others Whoosh's (term, freq, weight, value) items.
            staged = []
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is not None:
                    field = schema[fieldname]
                    if not field.indexed:
                        items = None
                    elif isinstance(field, GramField):
                        items = field.terms(value)
                    else:
                        items = list(field.index(value))
                    staged.append((fieldname, field, value, items))
            perdocwriter.start_doc(docnum)
            try:
                for fieldname, field, value, items in staged:
                    if items is None or not field.scorable:
                        length = 0
                    elif field_terms(field, items):
                        length = len(items) - items.count(None)
                    else:
                        length = sum(item[1] for item in items)
                    custom = fields.get("_stored_%s" % fieldname, value)
                    perdocwriter.add_field(fieldname, field, custom if field.stored else None, length)
                    if field.column_type and custom is not None:
                        perdocwriter.add_column_value(fieldname, field.column_type, field.to_column_value(custom))
            except Exception:
                perdocwriter.cancel_doc()
                raise
            perdocwriter.finish_doc()
            for fieldname, field, value, items in staged:
                if field_terms(field, items):
                    boost = self._field_boost(fields, fieldname, docboost) * field.format.field_boost
                    pool.add_terms(fieldname, docnum, items, boost, field.encoder())
                elif items is not None:
                    pool.add_field(fieldname, docnum, items, self._field_boost(fields, fieldname, docboost))
            self._added = True
            self.docnum += 1

        def _flush_segment(self):
            self.perdocwriter.close()
            self.pool.write(self.fieldwriter, self.schema)
            self.fieldwriter.close()

    # Per-block length statistics cost a column lookup per posting (a fifth
    # of indexing time); they only tune block skipping, scores use the
    # per-document lengths, which are still written.
    codec = W3Codec()
    codec.length_stats = False
    # Separate segment files, not one compound file: Whoosh opens the parts of
    # a compound segment by copying them into memory (BytesIO over the mmap),
    # i.e. the whole index on every search.
    writer = CompactSegmentWriter(ix, _lk=lock, codec=codec, compound=False)
    writer.pool = CompactPool()
    writer.mergetype = merge_small  # for commit() and commit_with() alike
    return writer


def finish_segment(writer):
    """Close a worker's writer; its new segment, or None if it added nothing."""
    if writer is None:
        return None
    if writer._added:
        return writer._finalize_segment()
    writer._close_segment()
    return None


# Whoosh's MERGE_SMALL, given dozens of segments (a 100,000-reply archive has
# ~40), decides to merge most of them, and the parent's pool then holds every
# posting of those replies (800 MB at 100,000). Only segments this small take
# part in a merge (a worker's full segment holds ~2,600 replies), at most
# MERGE_DOCS replies' worth at a time: small runs still fold together, bulk
# ingests never re-write what the workers wrote.
SMALL_SEGMENT_DOCS = 1000
MERGE_DOCS = 2000


def merge_small(writer, segments):
    """A merge policy: Whoosh's ``MERGE_SMALL`` over the small segments only."""
    from whoosh.writing import MERGE_SMALL

    keep, candidates, total = [], [], 0
    for seg in sorted(segments, key=lambda s: s.doc_count_all()):
        n = seg.doc_count_all()
        if n <= SMALL_SEGMENT_DOCS and total + n <= MERGE_DOCS:
            candidates.append(seg)
            total += n
        else:
            keep.append(seg)
    return keep + MERGE_SMALL(writer, candidates)


def commit_with(writer, new_segments) -> None:
    """Commit the parent's ``writer`` together with segments built by workers
    (what ``whoosh.multiproc.MpWriter`` does with ``multisegment=True``)."""
    if not new_segments:
        writer.commit()
        return
    # Existing small segments are merged as Whoosh always does (so repeated
    # small runs do not pile up segments); the new ones are added as written.
    final = writer._merge_segments(None, False, True)
    final += new_segments
    if writer._added:
        final.append(writer._finalize_segment())
    else:
        writer._close_segment()
    writer._commit_toc(final)
    writer._finish()
