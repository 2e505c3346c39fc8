"""Shared pieces of the metadata rules: word lists, label shapes, dates, lines."""

from __future__ import annotations

import re

from replycli.extract.numerals import chinese_date
from replycli.extract.wordlists import alternation, load

# Word lists (replycli/data/metadata_*.txt); rules see simplified characters
# (the script-fold layer in front of extraction folds traditional ones).
HEADER_KEYS = load("metadata_header_keys")
_ORG_END = tuple(sorted(load("metadata_org_endings"), key=len, reverse=True))
_ORG_END_RX = alternation("metadata_org_endings")


def _spaced(words) -> str:
    """An alternation of label words whose characters may be spread out (文  号)."""
    return "(?:" + "|".join(r"\s*".join(map(re.escape, w)) for w in sorted(words, key=len, reverse=True)) + ")"


_HEADER_LINE = re.compile(rf"^[\s\-•·\[]*{_spaced(HEADER_KEYS)}\s*\]?\s*[:|]?")
_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
# 二〇〇七年五月十四日, also with digit zeros in the year (二00七).
_DATE_ZH = re.compile(r"(?P<y>[〇○零0O一二三四五六七八九]{4})\s*年\s*"
                      r"(?P<m>[一二三四五六七八九十]{1,3})\s*月\s*(?P<d>[一二三四五六七八九十]{1,3})\s*日")
_DATE_COMPACT = re.compile(r"^(?P<y>20\d{2})(?P<md>\d{3,4})$")


def _lines(text: str):
    """Lines with their start offsets."""
    pos = 0
    for line in text.split("\n"):
        yield line, pos
        pos += len(line) + 1


# A link to the previous or next article: the title it carries is another reply's.
_NAV_LINK = re.compile(rf"^\s*{alternation('metadata_nav_links')}")
_TITLE_KEY = re.compile(r"^[\s\-•·\[]*(?:名\s*称|标\s*题)")


def _is_field_line(s: str) -> bool:
    """A header field line other than the title's own (名称/标题)."""
    return bool(_HEADER_LINE.match(s)) and not _TITLE_KEY.match(s)


def _iso(y, m, d) -> str | None:
    try:
        y, m, d = int(y), int(m), int(d)
    except (TypeError, ValueError):
        return None
    if not (1 <= m <= 12 and 1 <= d <= 31 and 1950 <= y <= 2100):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


_DIGIT_ZERO = str.maketrans("0O", "〇〇")


def _zh_date(m: re.Match) -> str | None:
    """二〇〇七年五月十四日, also with digit zeros in the year (二00七)."""
    return chinese_date(m["y"].translate(_DIGIT_ZERO), m["m"], m["d"])


_ISO_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[-年./]\s*(?P<m>\d{1,2})\s*[-月./]\s*(?P<d>\d{1,2})")


def _value_date(v: str | None) -> str | None:
    """A header value's date: 2023-08-30, 2023年08月30日, 二〇二三年八月三十日."""
    if not v:
        return None
    m = _ISO_DATE.match(v.strip())
    if m:
        return _iso(m["y"], m["m"], m["d"])
    m = _DATE_ZH.match(v.strip())
    return _zh_date(m) if m else None


def _line_date(s: str) -> str | None:
    s = s.strip()
    if len(s) > 40:
        return None
    m = _DATE.search(s)
    if m and m.end() >= len(s) - 1:
        return _iso(m["y"], m["m"], m["d"])
    m = _DATE_ZH.search(s)
    if m and m.end() >= len(s) - 1:
        return _zh_date(m)
    m = _DATE_COMPACT.match(s)
    if m:
        md = m["md"]
        for cut in (1, 2):
            v = _iso(m["y"], md[:cut], md[cut:])
            if v:
                return v
    return None


_NAV_LINE = re.compile(rf"^[ \t]*{alternation('metadata_nav_links')}[^\n]*", re.M)
