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

from pickle import dumps

from whoosh.fields import TEXT
from whoosh.formats import Positions
from whoosh.system import pack_uint

from replycli.index.analysis import gram_postings, word_counts


def _encode_positions(poslist: list[int]) -> bytes:
    """Byte for byte what ``whoosh.formats.Positions.encode`` writes (a count,
    then the pickled position deltas), without its per-call overhead."""
    if len(poslist) == 1:
        return pack_uint(1) + dumps(poslist, 2)
    deltas = [poslist[0]] + [b - a for a, b in zip(poslist, poslist[1:])]
    return pack_uint(len(deltas)) + dumps(deltas, 2)


class GramField(TEXT):
    def index(self, value, **kwargs):
        boost = self.format.field_boost
        encode = _encode_positions if type(self.format) is Positions else self.format.encode
        for term, poslist in gram_postings(value).items():
            n = len(poslist)
            yield term.encode("utf-8"), n, n * boost, encode(poslist)


class WordField(TEXT):
    def index(self, value, **kwargs):
        boost = self.format.field_boost
        for term, freq in word_counts(value).items():
            yield term.encode("utf-8"), freq, freq * boost, pack_uint(freq)
