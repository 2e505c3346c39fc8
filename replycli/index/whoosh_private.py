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
  ``_lengths``) of its ``VarBytesColumn.Reader``.

Only the ``==2.7.5`` pin keeps them working, so this module is imported by
all three and checks, once, that the installed Whoosh is that version and
still has those attributes: a different Whoosh fails at once with a message
that says what to install, instead of returning wrong results later.
"""
from __future__ import annotations

REQUIRED = (2, 7, 5)
# (module, class, attributes) that the fast paths use.
_USED = (
    ("whoosh.codec.whoosh3", "W3LeafMatcher", ("_read_ids", "_read_weights", "_read_values", "_next_block")),
    ("whoosh.codec.whoosh3", "W3PostingsWriter", ("_new_block", "_mini_ids")),
    ("whoosh.index", "FileIndex", ("_read_toc",)),
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


check()
