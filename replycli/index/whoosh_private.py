"""The fence around the Whoosh internals replycli relies on.

Three fast paths use private parts of whoosh-reloaded 2.7.5 that no public
API offers:

* ``index/matching.py`` scans posting blocks directly (``_read_ids``,
  ``_read_weights``, ``_read_values``, ``_next_block``, ``_maxid``,
  ``_atend``) and reads the field-length column through
  ``_perdoc._cached_reader``;
* ``index/writing.py`` writes whole posting blocks (the postings writer's
  ``_ids``/``_weights``/``_values``, ``_terminfo``, ``_postfile``,
  ``_new_block``) and commits segments written by workers;
* ``index/store.py`` reads the table of contents (``_read_toc``), and maps
  each segment's ``_stored`` column into memory for the hits of a search: it
  opens the column through the segment's ``_perdoc`` reader and takes the
  file, offsets and lengths (``_dbfile``, ``_basepos``, ``_offsets``,
  ``_lengths``) of its ``VarBytesColumn.Reader``;
* ``fast_open`` below replaces ``HashReader.__init__`` (the terms table every
  segment opens) with one that reads its 256-entry directory in one call
  instead of 256: that loop was half the cost of opening a segment, and a
  100,000-reply archive has dozens of segments, each opened by every search.

Only the ``==2.7.5`` pin keeps them working, so this module is imported by
all three and checks, once, that the installed Whoosh is that version and
still has those attributes: a different Whoosh fails at once with a message
that says what to install, instead of returning wrong results later.
"""
from __future__ import annotations

REQUIRED = (2, 7, 5)
# (module, class, attributes) that the fast paths use.
_USED = (
    ("whoosh.codec.whoosh3", "W3LeafMatcher", ("_read_ids", "_read_weights", "_read_values", "_read_data",
                                               "_next_block", "_goto")),
    ("whoosh.codec.whoosh3", "W3PostingsWriter", ("_new_block", "_mini_ids")),
    ("whoosh.index", "FileIndex", ("_read_toc",)),
    ("whoosh.filedb.filetables", "HashReader", ("_read_extras",)),
)


from replycli.errors import ReplycliError


class WhooshVersionError(ReplycliError):
    pass


def check() -> None:
    import importlib

    import whoosh

    found = tuple(whoosh.__version__[:3])
    problem = None
    if found != REQUIRED:
        problem = f"whoosh {'.'.join(map(str, found))} is installed"
    else:
        for module, cls, attrs in _USED:
            klass = getattr(importlib.import_module(module), cls, None)
            missing = [a for a in attrs if klass is None or not hasattr(klass, a)]
            if missing:
                problem = f"{module}.{cls} lacks {', '.join(missing)}"
                break
    if problem:
        raise WhooshVersionError(
            f"replycli needs whoosh-reloaded=={'.'.join(map(str, REQUIRED))} ({problem}); "
            f"run: pip install 'whoosh-reloaded=={'.'.join(map(str, REQUIRED))}' "
            "(and uninstall any other Whoosh fork: they share the import name)")


def _hash_reader_init(self, dbfile, length=None, magic=b"HSH3", startoffset=0):
    """What Whoosh's ``HashReader.__init__`` sets up, read with fewer calls:
    the format is a magic tag, the hash type, two reserved ints, the data, the
    directory of 256 ``(position, slots)`` entries, the pickled extras, and
    the extras' length as the file's last int."""
    import os

    from whoosh.filedb import filetables

    self.dbfile, self.startoffset, self.is_closed = dbfile, startoffset, False
    if length is None:
        dbfile.seek(0, os.SEEK_END)
        length = dbfile.tell() - startoffset
    dbfile.seek(startoffset)
    header = dbfile.read(13)  # tag (4), hash type (1), two reserved ints (8)
    if header[:4] != magic:
        raise filetables.FileFormatError(f"Unknown file header {header[:4]!r}")
    self.hashtype = header[4]
    self.hashfn = filetables._hash_functions[self.hashtype]
    self.startofdata = startoffset + 13
    last = startoffset + length - 4
    extras_at = last - dbfile.get_int(last)
    dbfile.seek(extras_at)
    self._read_extras()
    size = filetables._directory_size
    self.tables = list(filetables._dir_entry.iter_unpack(dbfile.get(extras_at - size, size)))
    self.endofdata = self.tables[0][0]


def fast_open() -> None:
    """Install the faster ``HashReader.__init__`` (tests/test_index_encoding.py
    checks it sets up exactly what Whoosh's own does)."""
    from whoosh.filedb import filetables

    if filetables.HashReader.__init__ is not _hash_reader_init:
        filetables.HashReader.original_init = filetables.HashReader.__init__
        filetables.HashReader.__init__ = _hash_reader_init


check()
fast_open()
