"""Field types with a fast indexing path.

COMPATIBILITY CONTRACT: like ``analysis``, the index pickles these classes by
import path; never move them without bumping ``SCHEMA_VERSION``.

Whoosh's generic path builds a Token object per token and re-groups them in
``Format.word_values``; at ~1,400 postings per reply that is a third of the
ingest time. These fields compute the same ``(term, freq, weight, encoded)``
tuples directly, with Whoosh's own encoders, and keep the analyzer for
everything else (queries, highlighting, tools).
"""
from __future__ import annotations

from whoosh.fields import TEXT
from whoosh.system import pack_uint

from replycli.index.analysis import gram_postings, word_counts


class GramField(TEXT):
    def index(self, value, **kwargs):
        encode = self.format.encode
        boost = self.format.field_boost
        for term, poslist in gram_postings(value).items():
            yield term.encode("utf-8"), len(poslist), len(poslist) * boost, encode(poslist)


class WordField(TEXT):
    def index(self, value, **kwargs):
        boost = self.format.field_boost
        for term, freq in word_counts(value).items():
            yield term.encode("utf-8"), freq, freq * boost, pack_uint(freq)
