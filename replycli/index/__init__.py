"""The search index: analysis, schema, storage, query parsing, matching,
highlighting.

Start-up costs paid by every command that opens an index, trimmed here
(measured with ``python -X importtime``):

* whoosh-reloaded imports the ``cached_property`` backport, which imports
  asyncio (~35 ms). It needs only the decorator ``functools`` has had since
  Python 3.8, so we provide that.
* ``whoosh.compat`` imports ``urllib.request`` (~50 ms: http.client, email,
  ssl) to re-export ``urlretrieve``, which replycli never calls. A stub stands
  in while whoosh.compat is imported and is removed right after, so anything
  that imports ``urllib.request`` later gets the real module.
* ``whoosh.query`` imports ``whoosh.lang.morph_en`` for ``variations`` (English
  stemming variants, which replycli never asks for), compiling a regular
  expression of several kilobytes (~5 ms on every search). A stub stands in
  and loads the real module the first time ``variations`` is called.
"""
import functools
import sys
import types

if "cached_property" not in sys.modules:
    _shim = types.ModuleType("cached_property")
    _shim.cached_property = functools.cached_property
    sys.modules["cached_property"] = _shim

if "whoosh.compat" not in sys.modules and "urllib.request" not in sys.modules:
    def _urlretrieve(*args, **kwargs):  # pragma: no cover - whoosh never calls it for us
        from urllib.request import urlretrieve

        return urlretrieve(*args, **kwargs)

    _stub = types.ModuleType("urllib.request")
    _stub.urlretrieve = _urlretrieve
    sys.modules["urllib.request"] = _stub
    try:
        import whoosh.compat  # noqa: F401
    finally:
        if sys.modules.get("urllib.request") is _stub:
            del sys.modules["urllib.request"]

if "whoosh.lang.morph_en" not in sys.modules:
    def _variations(word):  # pragma: no cover - replycli never asks for variations
        if sys.modules.get("whoosh.lang.morph_en") is _morph:
            del sys.modules["whoosh.lang.morph_en"]
        from whoosh.lang.morph_en import variations

        return variations(word)

    _morph = types.ModuleType("whoosh.lang.morph_en")
    _morph.variations = _variations
    sys.modules["whoosh.lang.morph_en"] = _morph
