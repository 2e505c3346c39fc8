"""The search index: analysis, schema, storage, query parsing, matching,
highlighting.

Start-up: whoosh-reloaded imports the ``cached_property`` backport, which
imports asyncio (~35 ms on every command). It only needs the decorator that
``functools`` has had since Python 3.8, so we provide that first.
"""
import functools
import sys
import types

if "cached_property" not in sys.modules:
    _shim = types.ModuleType("cached_property")
    _shim.cached_property = functools.cached_property
    sys.modules["cached_property"] = _shim
