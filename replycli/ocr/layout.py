"""Reading order: recognised line boxes to the text a PDF text layer gives.

Boxes are levelled by their median slope, grouped into rows (boxes whose
vertical centres are within half a line height), and rows are read top to
bottom, boxes in a row left to right. A page set in two columns (an empty
vertical band near the middle, with a filled column of text on each side)
is read column by column between the lines that span both.

The geometry says more than a text layer's line breaks: a row that runs to
the column's right edge continues on the next row (joined, unless it ends a
sentence, or the next row is indented or starts a numbered section), a row
that stops short
ends a paragraph (a blank line follows, as in the replies' text files). What
is left is what ``normalize.rejoin_lines`` sees in a text PDF. Boxes far apart
on one row are separated by a space, and spaces between Chinese characters
are dropped as the PDF reader drops them.

Pure Python: no part of the OCR extra is needed here.
"""
from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass


@dataclass
class Box:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    score: float

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def h(self) -> float:
        return self.y1 - self.y0


def _boxes(lines: list) -> list[Box]:
    """Axis-aligned boxes in a frame rotated by the boxes' median slope."""
    slopes = []
    for ln in lines:
        x0, y0, x1, y1 = ln[0], ln[1], ln[2], ln[3]
        if x1 - x0 > 100:
            slopes.append(math.atan2(y1 - y0, x1 - x0))
    a = -statistics.median(slopes) if slopes else 0.0
    ca, sa = math.cos(a), math.sin(a)
    out = []
    for ln in lines:
        pts = [(ln[k], ln[k + 1]) for k in range(0, 8, 2)]
        xs = [x * ca - y * sa for x, y in pts]
        ys = [x * sa + y * ca for x, y in pts]
        text = str(ln[8]).strip()
        if text:
            out.append(Box(min(xs), min(ys), max(xs), max(ys), text, float(ln[9])))
    return out


def _rows(boxes: list[Box]) -> list[list[Box]]:
    if not boxes:
        return []
    line_h = statistics.median(b.h for b in boxes)
    rows: list[list[Box]] = []
    for b in sorted(boxes, key=lambda b: b.cy):
        if rows:
            row = rows[-1]
            cy = statistics.mean(x.cy for x in row)
            if abs(b.cy - cy) < 0.5 * line_h:
                row.append(b)
                continue
        rows.append([b])
    return [sorted(r, key=lambda b: b.x0) for r in rows]


def _gutter(boxes: list[Box], width: float) -> tuple[float, float] | None:
    """The empty vertical band between two columns, or None for one column."""
    if len(boxes) < 8 or width <= 0:
        return None
    narrow = [b for b in boxes if b.x1 - b.x0 < 0.55 * width]
    cover = [0] * 200
    for b in narrow:
        for k in range(max(0, int(b.x0 / width * 200)), min(200, int(math.ceil(b.x1 / width * 200)))):
            cover[k] += 1
    best = None
    k = 60
    while k < 140:  # a gutter lies in the middle 40 % of the page
        if cover[k] == 0:
            j = k
            while j < 140 and cover[j] == 0:
                j += 1
            if best is None or j - k > best[1] - best[0]:
                best = (k, j)
            k = j
        k += 1
    if best is None or best[1] - best[0] < 2:
        return None
    g0, g1 = best[0] * width / 200, best[1] * width / 200
    left = [b for b in narrow if b.x1 <= g0]
    right = [b for b in narrow if b.x0 >= g1]
    if len(left) < 4 or len(right) < 4:
        return None
    # Each column is filled: most of its lines reach the gutter (left) or
    # start at one margin (right), and the columns sit side by side.
    reach = sum(1 for b in left if b.x1 >= g0 - 0.12 * width) / len(left)
    margin = min(b.x0 for b in right)
    start = sum(1 for b in right if b.x0 <= margin + 0.05 * width) / len(right)
    overlap = min(max(b.y1 for b in left), max(b.y1 for b in right)) - max(
        min(b.y0 for b in left), min(b.y0 for b in right))
    if reach < 0.5 or start < 0.5 or overlap <= 0:
        return None
    return g0, g1


def _row_text(row: list[Box]) -> str:
    parts = [row[0].text]
    for prev, b in zip(row, row[1:]):
        gap = b.x0 - prev.x1
        parts.append((" " if gap > 0.6 * max(prev.h, b.h) else "") + b.text)
    return "".join(parts)


def _paragraphs(rows: list[list[Box]], width: float = 0) -> list[tuple[list[Box], bool, bool]]:
    """Each row with whether it ends a paragraph (it stops short of the
    column's right edge by more than a character: a title, an
    addressee, a heading, a paragraph's last line) and whether it starts at
    the column's left edge (a paragraph's first line is indented, a
    signature is set to the right). The right edge is the furthest any row
    reaches, and on a one-column page at least where the left margin,
    mirrored, puts it (a page of short lines has no full row to show it)."""
    if not rows:
        return []
    starts = sorted(r[0].x0 for r in rows)
    left = starts[int(0.2 * (len(starts) - 1))]
    line_h = statistics.median(b.h for r in rows for b in r)
    right = max(r[-1].x1 for r in rows)
    if width:
        right = max(right, width - left - 2 * line_h)
    out = []
    for r in rows:
        h = statistics.median(b.h for b in r)
        # A right-aligned row (a signature, a date) ends its paragraph too.
        end = r[-1].x1 < right - 1.0 * h or r[0].x0 > left + 3.5 * h
        out.append((r, end, r[0].x0 < left + 1.0 * h))
    return out


def order(boxes: list[Box], width: float) -> list[tuple[list[Box], bool, bool]]:
    """Rows in reading order, each with whether it ends a paragraph and
    whether it starts at the left edge of its column."""
    gutter = _gutter(boxes, width)
    if gutter is None:
        return _paragraphs(_rows(boxes), width)
    g0, g1 = gutter
    out: list[tuple[list[Box], bool, bool]] = []
    left: list[Box] = []
    right: list[Box] = []
    for row in _rows(boxes):
        spans = any(b.x0 < g0 and b.x1 > g1 for b in row)
        if spans:
            out += _paragraphs(_rows(left)) + _paragraphs(_rows(right))
            left, right = [], []
            out.append((row, True, False))
            continue
        for b in row:
            (left if b.x1 <= (g0 + g1) / 2 else right).append(b)
    return out + _paragraphs(_rows(left)) + _paragraphs(_rows(right))


# Pairs the recogniser mixes up: a Chinese opening quote closed by an ASCII
# one, and the year brackets of a 发文字号 (〔2024】7号).
_PAIRS = [
    (re.compile(r'“([^“”"\n]{1,40})"'), r"“\1”"),
    (re.compile(r'"([^“”"\n]{1,40})”'), r"“\1”"),
    (re.compile(r"[〔【\[［(（]\s*((?:19|20)\d\d)\s*[〕】\]］)）](?=\s*第?\s*\d{1,5}\s*号)"), r"〔\1〕"),
]


_SENTENCE_END = set("。！？：；!?:;")
# The addressee line (王治林代表：, 赵红梅等3名代表：) begins a paragraph.
_ADDRESSEE = re.compile(r"^.{1,20}(?:委员|代表|同志|先生|女士|主任|主席|老师)[^：:]{0,8}[:：]$")
_SECTION = re.compile(r"[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[章节条]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]")


# 入 read as 人 (the recogniser's commonest slip on these letters): in a
# word that exists only with 入 (列入, 纳入, 投入 …), unless 人 begins the next
# word (引进人才, 收人民…); 入选 before a list or by a count (4个产品入选《…》).
_RU = re.compile(r"(?:(?<=[列纳投深融输嵌步迈编转进])|(?<!接收)(?<=收))人(?![民员才口们士事力身性类文格工家心群数次均])")
_RU_XUAN = re.compile(r"人选(?=[《“\"「首国省市全])|(?<=[个项家批被功获荣])人选")
_RU_WORDS = re.compile(r"人(?=[围库])")


def fix_pairs(text: str) -> str:
    """Mend what the recogniser confuses: quote and bracket pairs, the
    section number 一、 read as a dash, 入 read as 人."""
    text = re.sub(r"(?m)^[-—–－]、", "一、", text)
    # Specks of dust read as a dot before a row or after 、, and 丨 (a radical
    # no letter uses) for a rule or a bar.
    text = re.sub(r"(?m)^[·•`'‘’](?=\S)|(?<=、)[·•]", "", text).replace("丨", "|")
    text = _RU.sub("入", text)
    text = _RU_XUAN.sub("入选", text)
    text = _RU_WORDS.sub("入", text)
    for pattern, repl in _PAIRS:
        text = pattern.sub(repl, text)
    return text


def page_text(page: dict) -> tuple[str, float, int]:
    """``(text, sum of line confidences weighted by characters, characters)``
    of a recognised page (see ``engine.recognize``)."""
    from replycli.normalize import drop_spaces_in_han

    boxes = _boxes(page.get("lines") or [])
    rows = order(boxes, float(page.get("width") or 0))
    lines = []
    for k, (r, end, _) in enumerate(rows):
        text = _row_text(r)
        nxt = _row_text(rows[k + 1][0]) if k + 1 < len(rows) else ""
        if end or not nxt or not rows[k + 1][2] or _ADDRESSEE.match(nxt):
            sep = "\n\n"  # a paragraph ends: a blank line, as in the replies' text files
        elif text[-1] in _SENTENCE_END or _SECTION.match(nxt):
            sep = "\n"
        else:
            sep = ""  # a full row continues on the next: the break is the layout's
        lines.append(text + sep)
    weight = sum(b.score * len(b.text) for b in boxes)
    chars = sum(len(b.text) for b in boxes)
    return fix_pairs(drop_spaces_in_han("".join(lines).strip())), weight, chars
