"""Scanned replies: page images and PDF pages without a usable text layer.

``.png``, ``.jpg``/``.jpeg`` and ``.tif``/``.tiff`` files are page images (a
multi-page TIFF is one document). A PDF page is recognised when its text
layer is empty or garbage (``--ocr auto``, the default), or always
(``--ocr always``); ``--ocr never`` keeps the old behaviour. Pages are
rendered with pypdfium2 at 200 dpi and recognised by RapidOCR (see
``replycli.ocr``); the lines are put in reading order and joined the way the
PDF reader's lines are, so extraction sees the same text.

Without the ``ocr`` extra a scan is reported with the line that says what
to install; a PDF that has a usable text layer on other pages is read from
that text.
"""
from __future__ import annotations

import hashlib
import io
import re
import warnings

from replycli.errors import ReadError
from replycli.ingest.readers import ReadResult
from replycli.ocr import settings

IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# What a broken font mapping produces instead of Chinese: Latin-1 and Latin
# Extended letters (UTF-8 or GBK bytes read as cp1252), private-use glyph
# codes, replacement characters, control characters.
_GARBAGE = re.compile(r"[\u0080-\u024f\ue000-\uf8ff\ufffd\x00-\x08\x0b\x0c\x0e-\x1f]")


def usable_text(text: str) -> bool:
    """Is this page's text layer worth reading? Empty (no letter or Han
    character: nothing, or a page number) and garbage (a fifth or more
    mojibake) are not."""
    chars = [c for c in text if not c.isspace()]
    if not any(c.isalpha() for c in chars):
        return False
    garbage = len(_GARBAGE.findall(text))
    if garbage / len(chars) >= 0.2:
        return False
    # Chinese text set in a font without a Unicode map comes out as Latin
    # letters only: a long page with no Han character and mostly mojibake.
    return not (len(chars) > 40 and not _HAN.search(text) and garbage / len(chars) >= 0.05)


def pdf_pages_to_ocr(texts: list[str]) -> list[int]:
    mode = settings().mode
    if mode == "never":
        return []
    if mode == "always":
        return list(range(len(texts)))
    return [i for i, t in enumerate(texts) if not usable_text(t)]


def _file_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _result(texts: list[str], ocr_pages: list[dict], needed: list[int], empty: str) -> ReadResult:
    from replycli.normalize import drop_spaces_in_han
    from replycli.ocr.layout import page_text

    weight = chars = 0.0
    for i, page in zip(needed, ocr_pages):
        text, w, n = page_text(page)
        texts[i] = text
        weight += w
        chars += n
    text = drop_spaces_in_han("\n".join(t for t in texts if t))
    if not text.strip():
        raise ReadError(empty)
    info = {"ocr_pages": len(needed), "ocr_confidence": round(weight / chars, 3) if chars else None}
    return ReadResult(text, None, "ocr", ocr=info)


def read_pdf_with_ocr(data: bytes, pdf, texts: list[str], needed: list[int], name: str = "") -> ReadResult | None:
    """Recognise the ``needed`` pages of a PDF (``pdf`` is the pypdf reader,
    ``texts`` the text layer of each page). None when OCR is not installed
    and other pages have a usable text layer: the caller reads that."""
    from replycli.ocr.engine import MissingExtra
    from replycli.ocr.pages import check_limits, recognize_pages

    s = settings()
    scale = s.dpi / 72
    sizes = []
    for i in needed:
        box = pdf.pages[i].cropbox
        w, h = abs(float(box.width)) * scale, abs(float(box.height)) * scale
        sizes.append((round(w), round(h)))
    check_limits(sizes)
    doc = []

    def render(i: int):
        try:
            import pypdfium2 as pdfium
        except ImportError:
            raise MissingExtra() from None
        from replycli.ocr.engine import to_gray

        if not doc:
            doc.append(pdfium.PdfDocument(data))
        bitmap = doc[0][i].render(scale=scale, grayscale=True)
        return to_gray(bitmap.to_pil())

    try:
        pages = recognize_pages(_file_hash(data), needed, render, name=name, dpi=s.dpi)
    except MissingExtra as e:
        if any(usable_text(t) for i, t in enumerate(texts) if i not in needed) and s.mode == "auto":
            return None
        raise ReadError(f"no text layer (scanned?) and {e.reason}") from None
    except Exception as e:  # pdfium refuses a file pypdf could open
        if isinstance(e, ReadError):
            raise
        raise ReadError(f"cannot render PDF page for OCR: {type(e).__name__}: {e}"[:200]) from None
    finally:
        if doc:
            doc[0].close()
    texts = ["" if i in needed else t for i, t in enumerate(texts)]
    return _result(texts, pages, needed, "no text layer (scanned?) and OCR found no text in it")


def read_image(data: bytes, name: str = "") -> ReadResult:
    """A page image; every frame of a multi-page TIFF is a page."""
    from replycli.ocr.engine import MissingExtra
    from replycli.ocr.pages import check_limits, recognize_pages

    s = settings()
    if s.mode == "never":
        raise ReadError("page image: OCR is off (--ocr never)")
    try:
        from PIL import Image, ImageOps
    except ImportError:
        raise ReadError(f"cannot OCR this page image: {MissingExtra().reason}") from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data))
            frames = getattr(im, "n_frames", 1)
            sizes = []
            if frames <= s.max_pages:
                for k in range(frames):
                    im.seek(k)
                    sizes.append(im.size)
            else:
                sizes = [im.size] * frames
    except Image.DecompressionBombError:
        raise ReadError(f"image too large for OCR (over {Image.MAX_IMAGE_PIXELS * 2:,} pixels)") from None
    except (OSError, ValueError, SyntaxError) as e:
        raise ReadError(f"broken image: {type(e).__name__}: {e}"[:200]) from None
    check_limits(sizes)

    def render(k: int):
        from replycli.ocr.engine import to_gray

        try:
            im.seek(k)
            frame = ImageOps.exif_transpose(im) if k == 0 else im
            return to_gray(frame)
        except (OSError, ValueError, SyntaxError) as e:
            raise ReadError(f"broken image (page {k + 1}): {type(e).__name__}: {e}"[:200]) from None

    try:
        pages = recognize_pages(_file_hash(data), list(range(frames)), render, name=name)
    except MissingExtra as e:
        raise ReadError(f"cannot OCR this page image: {e.reason}") from None
    return _result([""] * frames, pages, list(range(frames)), "OCR found no text in this image")
