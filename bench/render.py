"""Render a reply's text to page images that look like a scanner's output.

Used by ``bench/scans.py`` (fixtures and the measurement corpus). A4 at
200 dpi, the official letter layout (GB/T 9704: 三号 body, 28 characters a
line, a red 版头), then what a scanner adds: a slight rotation, blur, paper
grey and noise, a few specks. Deterministic from a seed.

Needs Pillow and numpy (the ``ocr`` extra) and a CJK font (``apt-get install
fonts-noto-cjk``); CI never runs this: the fixtures it writes are committed.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

A4_MM = (210, 297)
FONTS = [
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
]
_HEADER = re.compile(r"文件$|^.{2,20}(?:局|委员会|厅|政府)$")


def font_path() -> str:
    for f in FONTS:
        if Path(f).exists():
            return f
    raise SystemExit("no CJK font: apt-get install -y fonts-noto-cjk (or fonts-wqy-zenhei)")


def _wrap(text: str, font, width: int) -> list[str]:
    lines, cur = [], ""
    for ch in text:
        if font.getlength(cur + ch) > width and cur:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    return lines + [cur] if cur else lines or [""]


def layout(text: str, dpi: int = 200, lines_per_page: int | None = None, columns: int = 1):
    """Clean pages (mode "L", white background) of ``text``: one paragraph per
    line of the text, wrapped to the text width, a red header line if the
    first lines have one."""
    from PIL import Image, ImageDraw, ImageFont

    mm = dpi / 25.4
    w, h = int(A4_MM[0] * mm), int(A4_MM[1] * mm)
    left, right, top, bottom = int(28 * mm), int(26 * mm), int(37 * mm), int(35 * mm)
    body_pt = 16 if columns == 1 else 12
    size = round(body_pt / 72 * dpi)
    fpath = font_path()
    body = ImageFont.truetype(fpath, size)
    big = ImageFont.truetype(fpath, round(size * 1.6))
    pitch = int(size * 1.75)
    gutter = int(10 * mm)
    colw = (w - left - right - (columns - 1) * gutter) // columns
    max_lines = lines_per_page or (h - top - bottom) // pitch

    # (text, font, fill, centred) per printed line
    printed = []
    for i, para in enumerate(text.replace("\r\n", "\n").split("\n")):
        para = para.strip()
        if not para:
            continue
        if i < 8 and _HEADER.search(para) and len(para) <= 16 and columns == 1:
            printed.append((para, big, 90, True))  # the red 版头 (grey once scanned)
            continue
        indent = "\u3000\u3000" if len(para) > 20 else ""
        for line in _wrap(indent + para, body, colw):
            printed.append((line, body, 20, False))

    pages = []
    per_page = max_lines * columns
    for start in range(0, len(printed), per_page):
        img = Image.new("L", (w, h), 255)
        d = ImageDraw.Draw(img)
        for k, (line, font, fill, centred) in enumerate(printed[start:start + per_page]):
            col, row = divmod(k, max_lines)
            x0 = left + col * (colw + gutter)
            x = x0 + (colw - font.getlength(line)) / 2 if centred else x0
            d.text((x, top + row * pitch), line, font=font, fill=fill)
        pages.append(img)
    return pages


def scanned(page, seed: int, angle: float | None = None, noise: float = 10.0):
    """What a scanner makes of a clean page: rotation, blur, grey paper,
    noise and specks. Returns mode "L"."""
    import numpy as np
    from PIL import Image, ImageFilter

    rnd = random.Random(seed)
    if angle is None:
        angle = rnd.uniform(-1.0, 1.0)
    img = page.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(0.7))
    a = np.asarray(img, dtype=np.float32)
    a = 28 + a * (236 - 28) / 255  # ink is never black, paper never white
    rng = np.random.default_rng(seed)
    a += rng.normal(0, noise, a.shape)
    for _ in range(rnd.randint(30, 80)):  # dust
        y, x = rnd.randrange(a.shape[0]), rnd.randrange(a.shape[1])
        r = rnd.randint(1, 3)
        a[max(0, y - r):y + r, max(0, x - r):x + r] = rnd.uniform(40, 120)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")


def bilevel(img, threshold: int = 140):
    """A 1-bit scan (fax-style): small files, still realistic."""
    return img.point(lambda v: 255 if v > threshold else 0).convert("1")


def save_pdf(pages, path: Path, dpi: int = 200) -> Path:
    """An image-only PDF: one image per page, no text layer."""
    first, *rest = pages
    first.save(path, "PDF", save_all=True, append_images=rest, resolution=dpi)
    return path
