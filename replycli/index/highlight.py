"""Snippets: the query's strings found in the original text, in context.

Matching here mirrors the index: whitespace between characters is ignored
and full-width forms match their ASCII counterparts, so a hit always has a
snippet, even across a page break.
"""
from __future__ import annotations

import re

OPEN, CLOSE = "«", "»"


def _char_class(ch: str) -> str:
    if ch.isspace():
        return ""
    alts = {re.escape(ch), re.escape(ch.lower()), re.escape(ch.upper())}
    o = ord(ch)
    if 0x21 <= o <= 0x7E:
        alts.add(re.escape(chr(o + 0xFEE0)))
    return "[" + "".join(sorted(alts)) + "]" if len(alts) > 1 else re.escape(ch)


def pattern_for(strings) -> re.Pattern | None:
    parts = []
    for s in strings:
        chars = [_char_class(c) for c in s if not c.isspace()]
        if chars:
            parts.append(r"\s*".join(chars))
    if not parts:
        return None
    parts.sort(key=len, reverse=True)
    return re.compile("|".join(f"(?:{p})" for p in parts))


def snippets(text: str, pattern: re.Pattern | None, count: int = 2, width: int = 36) -> list[str]:
    """Up to ``count`` windows around matches, matches wrapped in «»."""
    if pattern is None:
        return [_clean(text[: width * 2])] if text else []
    out = []
    last_end = -1
    for m in pattern.finditer(text):
        if m.start() < last_end:
            continue
        s = max(0, m.start() - width)
        e = min(len(text), m.end() + width)
        window = text[s:e]
        marked = pattern.sub(lambda x: OPEN + x.group(0) + CLOSE, window)
        out.append(("…" if s > 0 else "") + _clean(marked) + ("…" if e < len(text) else ""))
        last_end = e
        if len(out) >= count:
            break
    return out


_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff«»，。、；：？！“”（）《》"
_BREAK_IN_HAN = re.compile(rf"(?<=[{_HAN}])\s+(?=[{_HAN}])")


def _clean(s: str) -> str:
    """One line: breaks inside Chinese text vanish, other whitespace is one space."""
    return re.sub(r"\s+", " ", _BREAK_IN_HAN.sub("", s)).strip()
