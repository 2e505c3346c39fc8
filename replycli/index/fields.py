"""Field types and the posting format of the gram fields.

COMPATIBILITY CONTRACT: like ``analysis``, the index pickles these classes by
import path; never move them without bumping ``SCHEMA_VERSION``.

Whoosh's generic path builds a Token object per token and re-groups them in
``Format.word_values``; at ~1,400 postings per reply that is a third of the
ingest time. These fields compute the postings directly and keep the
analyzer for everything else (queries, highlighting, tools).

Positions are the bulk of the index (one per character of every reply).
Whoosh's ``Positions`` format stores each posting's positions as a 4-byte
count plus a pickled list of deltas (about 14 bytes for a one-position
posting, which most are); ``VarintPositions`` stores only the deltas, as
unsigned LEB128 varints: one byte for a delta below 128, two below 16,384.
The count is implied (one varint per position), the frequency is also the
posting's weight. Decoding a posting whose deltas are all below 128 is one
C call (``accumulate``).
"""
from __future__ import annotations

from itertools import accumulate
from pickle import dumps

from whoosh.fields import TEXT
from whoosh.formats import Positions
from whoosh.system import pack_uint

from replycli.index import compiled
from replycli.index.analysis import fold, gram_postings, gram_terms, word_counts

_VAR: list[bytes] = []


def var_table() -> list[bytes]:
    """The varint bytes of every delta below 2**14 (one or two bytes each),
    built on first use: searches import this module but never encode."""
    if not _VAR:
        _VAR.extend(bytes((d,)) if d < 128 else bytes((d & 127 | 128, d >> 7)) for d in range(16384))
    return _VAR


def _varint(d: int) -> bytes:
    out = bytearray()
    while d >= 128:
        out.append(d & 127 | 128)
        d >>= 7
    out.append(d)
    return bytes(out)


def encode_positions(poslist) -> bytes:
    """Ascending positions -> their deltas (the first from 0) as varints."""
    var = _VAR or var_table()
    prev = 0
    parts = []
    for p in poslist:
        d = p - prev
        prev = p
        parts.append(var[d] if d < 16384 else _varint(d))
    return b"".join(parts)


def decode_positions(value: bytes) -> list[int]:
    """The inverse of :func:`encode_positions`."""
    if value.isascii():  # every delta < 128: one byte each
        return list(accumulate(value))
    out = []
    pos = acc = shift = 0
    for b in value:
        if b < 128:
            pos += acc | (b << shift)
            out.append(pos)
            acc = shift = 0
        else:
            acc |= (b & 127) << shift
            shift += 7
    return out


def position_count(value: bytes) -> int:
    """How many positions ``value`` holds (varints end on a byte < 128)."""
    if value.isascii():
        return len(value)
    return len(value) - sum(b >> 7 for b in value)


class VarintPositions(Positions):
    """Whoosh's ``Positions`` (frequency, weight, positions) with the
    positions as varint deltas instead of a count and a pickled list."""

    def encode(self, poslist):
        return encode_positions(poslist)

    def decode_positions(self, valuestring):
        return decode_positions(valuestring)

    def decode_frequency(self, valuestring):
        return position_count(valuestring)

    def decode_weight(self, valuestring):
        return position_count(valuestring) * self.field_boost


def _encode_positions(poslist: list[int]) -> bytes:
    """Byte for byte what ``whoosh.formats.Positions.encode`` writes (a count,
    then the pickled position deltas), without its per-call overhead. Used
    for a gram field whose format is Whoosh's own."""
    if len(poslist) == 1:
        return pack_uint(1) + dumps(poslist, 2)
    deltas = [poslist[0]] + [b - a for a, b in zip(poslist, poslist[1:])]
    return pack_uint(len(deltas)) + dumps(deltas, 2)


class GramField(TEXT):
    """Han bigrams with positions, stored as ``VarintPositions``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if type(self.format) is Positions:
            self.format = VarintPositions(field_boost=self.format.field_boost)

    def encoder(self):
        """The function that encodes one posting's positions."""
        fmt = self.format
        if type(fmt) is VarintPositions:
            return encode_positions
        if type(fmt) is Positions:
            return _encode_positions
        return fmt.encode

    def postings(self, value) -> dict[str, list[int]]:
        """term -> positions of ``value`` (what ``index`` encodes)."""
        return gram_postings(value)

    def terms(self, value) -> list:
        """The term at each position of ``value``, None where empty (what
        the ingest writer adds: ``CompactPool.add_terms``); in C when the
        compiled module was built."""
        grampool = compiled.grampool()
        return grampool.gram_terms(fold(value)) if grampool else gram_terms(value)

    def index(self, value, **kwargs):
        boost = self.format.field_boost
        encode = self.encoder()
        for term, poslist in gram_postings(value).items():
            n = len(poslist)
            yield term.encode("utf-8"), n, n * boost, encode(poslist)


class WordField(TEXT):
    def index(self, value, **kwargs):
        boost = self.format.field_boost
        for term, freq in word_counts(value).items():
            yield term.encode("utf-8"), freq, freq * boost, pack_uint(freq)
