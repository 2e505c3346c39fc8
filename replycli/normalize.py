"""Text normalization shared by ingest, analysis, extraction and highlighting.

Two jobs, kept apart:

* ``fold`` maps full-width ASCII (``，`` is left alone, ``Ａ１`` becomes ``A1``)
  and the ideographic space to their ASCII forms, one character for one
  character, so offsets into the folded text are offsets into the original.
* ``rejoin_lines`` removes line breaks that fall inside Chinese text, the way
  PDF-to-text output breaks a word across lines (``中试\\n\\n基地``).
"""
from __future__ import annotations

import re
from functools import cache

# Full-width ASCII block U+FF01..U+FF5E maps to U+0021..U+007E; U+3000 is the
# ideographic space.
_FOLD_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD_TABLE[0x3000] = 0x20


_FOLDABLE = re.compile("[\uff01-\uff5e\u3000]")
_FOLDED = {chr(cp): chr(to) for cp, to in _FOLD_TABLE.items()}


def fold(text: str) -> str:
    """Fold full-width ASCII to ASCII, character for character (length kept)."""
    # Most texts were folded already (normalize_text): a scan is ~20x cheaper
    # than a translate, and the text itself comes back (the fold caches key on it).
    found = _FOLDABLE.findall(text)
    if not found:
        return text
    # A reply holds a handful of distinct full-width characters: one C-speed
    # replace each is ~5x faster than translate's dict lookup per character,
    # with the same result (what they become is ASCII, never folded again).
    for ch in set(found):
        text = text.replace(ch, _FOLDED[ch])
    return text


def is_cjk(ch: str) -> bool:
    """True for Han ideographs (and 〇), the characters we index as n-grams."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x2FA1F
        or o == 0x3007
    )


_CJK = r"\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A line break (with any blank lines and indentation around it) between two
# Chinese characters, or between a Chinese character and a digit/letter that
# continues the same phrase, is a layout artefact, not a paragraph end, unless
# the next line starts a new numbered section or the previous line ends a
# sentence. Sentence ends are punctuation, so they never match here.
#
# The patterns are compiled on first use: search imports this module for
# ``fold`` and ``is_cjk`` only, and compiling these CJK classes costs ~10 ms.
_PATTERNS = {
    # (the first lookahead skips at once the positions where no break starts)
    "broken_line": rf"(?=[ \t\u3000\n])(?<=[{_CJK}])[ \t\u3000]*\n[\s\u3000]*(?=[{_CJK}])",
    # Numbered section starts we never glue onto the previous line.
    "section_start": r"[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[章节条]",
    "title_like": r"(?:答复|回复|复函|意见|的函|建议|提案|议案|报告|通知|文件)$",
    "addressee_like": r"^(?:[^\n]{1,30}[:：]\s*$|\s*尊敬的)",
    "label_line": r"(?:来源|时间|日期|作者|机构)\s*[:：]",
    # Spaces a PDF text layer or an OCR engine puts between Chinese characters
    # (and their punctuation) on one line: 中 试 基 地 reads 中试基地.
    "space_in_han": rf"(?<=[{_CJK}，。、；：？！“”（）《》])[ \t\u3000]+(?=[{_CJK}，。、；：？！“”（）《》])",
}


@cache
def _rx(name: str) -> re.Pattern:
    return re.compile(_PATTERNS[name])


def rejoin_lines(text: str) -> str:
    """Join lines broken inside Chinese text; keep real paragraph breaks.

    A break is a layout artefact when the line before it is a long line of
    running text (PDF lines run to the page width) that is not a title, and
    the line after it is not a heading, an addressee or a signature.
    """

    def join(m: re.Match) -> str:
        nxt_end = text.find("\n", m.end())
        nxt = text[m.end(): nxt_end if nxt_end >= 0 else len(text)]
        if _rx("section_start").match(nxt) or _rx("addressee_like").match(nxt):
            return m.group(0)
        prev_line = text[text.rfind("\n", 0, m.start()) + 1: m.start()].strip()
        if (len(prev_line) < 24 or _rx("title_like").search(prev_line) or _rx("section_start").match(prev_line)
                or "|" in prev_line or _rx("label_line").search(prev_line)):
            return m.group(0)
        return ""

    return _rx("broken_line").sub(join, text)


def normalize_text(text: str) -> str:
    """The text we index and extract from: folded, with broken lines rejoined,
    line endings unified and trailing spaces removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = fold(text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return rejoin_lines(text).strip()


def drop_spaces_in_han(text: str) -> str:
    return _rx("space_in_han").sub("", text)


def squeeze(text: str) -> str:
    """Whitespace removed and folded: the form search truth is defined on."""
    return re.sub(r"\s+", "", fold(text))
