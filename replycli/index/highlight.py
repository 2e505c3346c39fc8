"""Snippets: the query's strings found in the original text, in context.

Matching here mirrors the index: whitespace between characters is ignored,
full-width forms match their ASCII counterparts, the bracket shapes of a 文号
are one shape (〔〕 = [] = 【】 = （）), as are quotation marks and dashes, and a text in traditional characters or
with pinyin readings is matched through the same fold as the index
(``analysis.fold``, length-preserving), so a hit always has a snippet. The
windows are cut from the original, so a snippet shows the characters as
written, with the match highlighted.
"""
from __future__ import annotations

import re

OPEN, CLOSE = "«", "»"

# Shapes of one mark that a reader does not tell apart: the brackets a 文号 is
# written with (〔2023〕 = [2023] = 【2023】 = （2023）), quotation marks
# (“百企登峰” = "百企登峰" = 「百企登峰」), dashes (2021-2023 = 2021—2023), the
# middle dot of a transcribed name (阿不都·热合曼 = 阿不都•热合曼).
_SHAPES = ["〔［【（(〖[", "〕］】）)〗]", "“”\"＂「」『』„", "‘’'＇", "-‐‑‒–—―−－", "·•・‧∙"]
_SHAPE_CLASS = {ch: "[" + re.escape(group) + "]" for group in _SHAPES for ch in group}


def _char_class(ch: str) -> str:
    if ch.isspace():
        return ""
    if ch in _SHAPE_CLASS:
        return _SHAPE_CLASS[ch]
    alts = {re.escape(ch), re.escape(ch.lower()), re.escape(ch.upper())}
    o = ord(ch)
    if 0x21 <= o <= 0x7E:
        alts.add(re.escape(chr(o + 0xFEE0)))
    return "[" + "".join(sorted(alts)) + "]" if len(alts) > 1 else re.escape(ch)


def pattern_for(strings) -> re.Pattern | None:
    """One regex for the query's strings (already folded, as the parser
    returns them): each string with optional whitespace between characters."""
    parts = []
    for s in strings:
        chars = [_char_class(c) for c in s if not c.isspace()]
        if chars:
            parts.append(r"\s*".join(chars))
    if not parts:
        return None
    parts.sort(key=len, reverse=True)
    return re.compile("|".join(f"(?:{p})" for p in parts))


def searchable(text: str, pattern: re.Pattern | None) -> str:
    """The text to match ``pattern`` on: ``text`` itself when the pattern is
    found there (the common case, no folding), else its folded form (same
    length, so offsets point into ``text``)."""
    if pattern is None or not text or pattern.search(text):
        return text
    from replycli.index.analysis import fold

    return fold(text)


def snippets(text: str, pattern: re.Pattern | None, count: int = 2, width: int = 36) -> list[str]:
    """Up to ``count`` windows around matches, matches wrapped in «»; a window
    starts no earlier than the previous one ended."""
    if pattern is None:
        return [_clean(text[: width * 2])] if text else []
    import itertools

    src, found = text, pattern.finditer(text)
    first = next(found, None)
    if first is None and text:  # traditional characters or pinyin readings: match the folded text
        from replycli.index.analysis import fold

        src = fold(text)
        found = pattern.finditer(src)
        first = next(found, None)
    out = []
    last_end = -1
    for m in itertools.chain([first] if first else [], found):
        if m.start() < last_end:
            continue
        s = max(0, last_end, m.start() - width)  # no text shown twice
        e = min(len(text), m.end() + width)
        parts, at = [], s
        for x in pattern.finditer(src, s, e):
            if x.end() > x.start():
                parts += [text[at:x.start()], OPEN, text[x.start():x.end()], CLOSE]
                at = x.end()
        parts.append(text[at:e])
        out.append(("…" if s > 0 else "") + _clean("".join(parts)) + ("…" if e < len(text) else ""))
        last_end = e
        if len(out) >= count:
            break
    return out


_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff«»，。、；：？！“”（）《》"
_BREAK_IN_HAN = re.compile(rf"(?<=[{_HAN}])\s+(?=[{_HAN}])")
_SPACES = re.compile(r"\s+")


def _clean(s: str) -> str:
    """One line: breaks inside Chinese text vanish, other whitespace is one space."""
    if s.isprintable() and " " not in s:  # no whitespace at all (every other kind is unprintable)
        return s
    return _SPACES.sub(" ", _BREAK_IN_HAN.sub("", s)).strip()
