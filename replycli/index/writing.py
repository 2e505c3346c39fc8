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


class CompactPool:
    """A drop-in for ``whoosh.writing.PostingPool``: ``add``,
    ``iter_postings``, ``fieldnames`` and ``cleanup``."""

    def __init__(self):
        from replycli.index import compiled
        from replycli.index.postings import PyTermPostings

        grampool = compiled.grampool()
        self._new_postings = grampool.TermPostings if grampool else PyTermPostings
        self.fieldnames: set[str] = set()
        # field -> its postings (term -> rows); terms are bytes, or str in the
        # fields filled by ``add_terms`` (encoded once per term when written).
        self._fields: dict[str, object] = {}
        self._str_keys: dict[str, bool] = {}
        self.count = 0  # postings held

    def _postings(self, fieldname: str, str_keys: bool = False):
        postings = self._fields.get(fieldname)
        if postings is None:
            postings = self._fields[fieldname] = self._new_postings()
            self.fieldnames.add(fieldname)
            self._str_keys[fieldname] = str_keys
        return postings

    def add(self, item) -> None:
        """One posting (Whoosh's interface; merging segments uses it)."""
        fieldname, tbytes, docnum, weight, vbytes = item
        self.add_field(fieldname, docnum, ((tbytes, 0, weight, vbytes),), 1.0)

    def add_field(self, fieldname: str, docnum: int, items, boost: float) -> int:
        """Add one document's postings for one field, as ``field.index()``
        gives them; returns the field length (the sum of frequencies). The
        same as ``add`` per posting without a tuple for each."""
        add = self._postings(fieldname).add
        str_keys = self._str_keys[fieldname]  # a gram field's terms are text
        length = count = 0
        for tbytes, freq, weight, vbytes in items:
            length += freq
            count += 1
            add(tbytes.decode("utf-8") if str_keys else tbytes, docnum, weight * boost, vbytes)
        self.count += count
        return length

    def add_grams(self, fieldname: str, docnum: int, poses: dict, weight_boost: float, encode) -> None:
        """Add one document's gram postings (term -> positions, as
        ``GramField.postings`` gives them), the positions encoded here (a
        lone position below 2**14, most postings, by table lookup)."""
        from replycli.index.fields import encode_positions, var_table

        add = self._postings(fieldname).add
        str_keys = self._str_keys[fieldname]
        var = var_table() if encode is encode_positions else None
        for term, poslist in poses.items():
            n = len(poslist)
            if n == 1 and var is not None and poslist[0] < 16384:
                value = var[poslist[0]]
            else:
                value = encode(poslist)
            add(term if str_keys else term.encode("utf-8"), docnum, n * weight_boost, value)
        self.count += len(poses)

    def add_terms(self, fieldname: str, docnum: int, terms: list, weight_boost: float, encode) -> None:
        """Add one document's gram postings from its term at each position
        (None: an empty position), as ``GramField.terms`` gives them."""
        from replycli.index.fields import encode_positions

        if encode is encode_positions:
            postings = self._postings(fieldname, str_keys=True)
            if self._str_keys[fieldname]:
                self.count += postings.add_terms(docnum, terms, weight_boost)
                return
        # Another position format, or a field first filled by ``add`` (bytes
        # terms): the general path, positions grouped first.
        poses: dict = {}
        for pos, term in enumerate(terms):
            if term is not None:
                poses.setdefault(term, []).append(pos)
        self.add_grams(fieldname, docnum, poses, weight_boost, encode)

    def _sorted_rows(self, fieldname: str):
        """``(tbytes, docs, weights, values)`` per term, by term."""
        postings = self._fields[fieldname]
        str_keys = self._str_keys.get(fieldname)
        # Text sorts by code point, as its UTF-8 bytes do.
        for term in sorted(postings.terms()):
            docs, weights, vals = postings.rows(term)
            if not isinstance(docs, array):  # the compiled pool gives their bytes
                docs, weights = array("I", docs), array("f", weights)
            yield (term.encode("utf-8") if str_keys else term), docs, weights, vals

    def iter_postings(self):
        """``(fieldname, tbytes, docnum, weight, vbytes)``, sorted as Whoosh's
        field writer requires."""
        for fieldname in sorted(self._fields):
            for tbytes, docs, weights, vals in self._sorted_rows(fieldname):
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
            fieldwriter.start_field(fieldname, schema[fieldname])
            postings = self._fields[fieldname]
            if hasattr(postings, "write_term") and not fieldwriter._postwriter._byteids:
                self._write_compiled(fieldwriter, fieldname, postings)
                fieldwriter.finish_field()
                continue
            # finish_term() writes a term's last block through the instance's
            # _write_block: ours.
            fieldwriter._postwriter._write_block = partial(_write_block, fieldwriter._postwriter)
            for tbytes, docs, weights, vals in self._sorted_rows(fieldname):
                fieldwriter.start_term(tbytes)
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

    def _write_compiled(self, fieldwriter, fieldname: str, postings) -> None:
        """The loop of ``write`` for one field, the compiled pool laying out
        each term's blocks and term info (the same bytes as ``_write_block``
        and Whoosh's ``finish_term``: the pickles come from the same
        ``dumps``); Python only appends them to the two files."""
        from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC
        from whoosh.system import pack_ushort
        from whoosh.util.numeric import length_to_byte

        pw = fieldwriter._postwriter
        # A block's length statistics are not kept (codec.length_stats):
        # what Whoosh writes for none.
        no_min, no_max = length_to_byte(None), length_to_byte(0)
        config = (dumps, zlib.compress, WHOOSH3_HEADER_MAGIC, pw._blocklimit, pw._compression,
                  _COMPRESS_MIN, fieldwriter._format.fixed_value_size(), no_min, no_max, 0, no_max)
        prefix = pack_ushort(fieldwriter._fieldid)
        postfile, add = fieldwriter._postfile, fieldwriter._tindex.add
        write, write_term = postfile.write, postings.write_term
        encode = self._str_keys.get(fieldname)
        offset = postfile.tell()
        for term in sorted(postings.terms()):
            blocks, terminfo = write_term(term, offset, config)
            write(blocks)
            offset += len(blocks)
            add(prefix + (term.encode("utf-8") if encode else term), terminfo)

    def cleanup(self) -> None:
        self._fields.clear()
        self._str_keys.clear()
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


def numeric_items(field, value) -> list:
    """``list(field.index(value))`` of a Whoosh ``NUMERIC`` field (a number
    or a list of them): its trie terms, each number prepared once (Whoosh
    prepares it again for every shift; a reply's amounts were a twentieth of
    indexing time)."""
    from whoosh.util.numeric import to_sortable

    numbers = value if isinstance(value, (list, tuple)) else (value,)
    if any(n is None or isinstance(n, (bytes, str, list, tuple)) for n in numbers):
        return list(field.index(value))  # what Whoosh's own path handles specially
    shifts = range(0, field.bits, field.shift_step) if field.shift_step else (0,)
    to_bytes = field.sortable_to_bytes
    items = []
    for n in numbers:
        x = to_sortable(field.numtype, field.bits, field.signed, field.prepare_number(n))
        items += [(to_bytes(x, shift), 1, 1.0, b"") for shift in shifts]
    return items


def segment_writer(ix, *, lock: bool):
    """A Whoosh ``SegmentWriter`` with our pool and codec settings.

    ``lock=False`` is for worker writers: the parent holds the lock and
    commits the segments they return (``finish_segment``).
    """
    from whoosh.codec.whoosh3 import W3Codec
    from whoosh.fields import NUMERIC
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
                    elif type(field) is NUMERIC:
                        items = numeric_items(field, value)
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
