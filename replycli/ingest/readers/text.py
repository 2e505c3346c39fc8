"""Plain text in the encodings Chinese offices use.

Decoded strictly, in this order: UTF-8 with BOM, UTF-16 with BOM, UTF-16
without a BOM (recognised by its NUL bytes), UTF-8, GB18030 (a superset of
GBK and GB2312). Never ``errors="replace"``: a file
we cannot decode exactly is reported, not indexed as mojibake.
"""
from __future__ import annotations

from replycli.errors import ReadError
from replycli.ingest.readers import ReadResult


def _plausible(text: str) -> bool:
    """GB18030 accepts many byte strings; real text is mostly common Han,
    ASCII and CJK punctuation, mojibake and junk are not."""
    if not text:
        return False
    good = 0
    for ch in text:
        o = ord(ch)
        if (0x20 <= o < 0x7F or ch in "\n\r\t" or 0x4E00 <= o <= 0x9FFF
                or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F):
            good += 1
    return good / len(text) >= 0.9


def read_text(data: bytes) -> ReadResult:
    if data.startswith(b"\xef\xbb\xbf"):
        return ReadResult(_strict(data, "utf-8-sig"), "utf-8-sig", "text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ReadResult(_strict(data, "utf-16"), "utf-16", "text")
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise ReadError("binary file, not text (contains NUL bytes)")
    try:
        return ReadResult(data.decode("utf-8"), "utf-8", "text")
    except UnicodeDecodeError as e:
        utf8_error = e
    if utf8_error.reason == "unexpected end of data" and utf8_error.start >= len(data) - 3:
        raise ReadError("truncated UTF-8 text (the file ends in the middle of a character)")
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as e:
        if e.reason.startswith("incomplete") and e.start >= len(data) - 3:
            raise ReadError("truncated GB18030 text (the file ends in the middle of a character)") from None
        raise ReadError("not text: neither UTF-8, UTF-16 nor GB18030 decodes it") from None
    if not _plausible(text):
        raise ReadError("not text: neither UTF-8, UTF-16 nor GB18030 decodes it to readable text")
    return ReadResult(text, "gb18030", "text")


def _utf16_without_bom(data: bytes) -> ReadResult | None:
    """UTF-16 saved without a BOM (some Windows tools): the NUL bytes sit on
    one side of each pair (the high byte of ASCII characters). Accepted only
    when it decodes strictly to readable text."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if even == odd:
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if "\x00" in text or not _plausible(text):
        return None
    return ReadResult(text, encoding, "text")


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise ReadError(f"invalid {encoding} text at byte {e.start}") from None
