"""The compiled ingest hot path, when it was built.

``_grampool.c`` (built by ``pip install`` where a C compiler is available)
holds the gram analysis and the posting pool of ingest. Its callers fall
back to the same code in Python (``analysis.gram_terms``,
``postings.PyTermPostings``, ``writing._write_block``) when ``grampool()``
is None. Both give identical terms, postings and segment files
(``tests/test_compiled.py``), so an index written by one is read by the
other; only ingest speed differs.

``REPLYCLI_PURE_PYTHON=1`` forces the Python code (for comparisons and to
rule the C module out when chasing a problem).
"""
from __future__ import annotations

import os

_LOADED: list = []


def grampool():
    """The compiled module, or None."""
    if not _LOADED:
        module = None
        if os.environ.get("REPLYCLI_PURE_PYTHON", "") in ("", "0"):
            try:
                from replycli.index import _grampool as module
            except ImportError:
                module = None
        _LOADED.append(module)
    return _LOADED[0]
