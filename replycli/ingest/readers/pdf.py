"""PDF with a text layer, through pypdf (BSD, pure Python).

Measured here (bench/readers.py): pypdf and pdfminer.six both extract the
Chinese of a CID-font PDF exactly; pypdf was 6x faster. pypdf inserts
spaces between CJK characters in some files, so whitespace between two Han
characters on one line is removed; lines broken inside a word are rejoined
later by ``normalize``. Pages whose text layer is empty or garbage are
scans: they are recognised by OCR (``readers/ocr.py``, ``--ocr``), or the
file is reported, never indexed as an empty document.
"""
from __future__ import annotations

import io
import logging

from replycli.errors import ReadError
from replycli.normalize import drop_spaces_in_han
from replycli.ingest.readers import ReadResult



def read_pdf(data: bytes, name: str = "") -> ReadResult:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # warnings about odd files are not errors
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise ReadError("encrypted PDF (needs a password)") from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise ReadError(f"broken PDF: {type(e).__name__}: {e}"[:200]) from None
    from replycli.ingest.readers.ocr import pdf_pages_to_ocr, read_pdf_with_ocr, usable_text

    to_ocr = pdf_pages_to_ocr(pages)
    if to_ocr:
        result = read_pdf_with_ocr(data, reader, pages, to_ocr, name=name)
        if result is not None:
            return result
        pages = [t if usable_text(t) else "" for t in pages]  # OCR not installed: the usable pages
    text = "\n".join(pages)
    if not text.strip():
        raise ReadError("no text layer (scanned?) and OCR is off (--ocr never)")
    text = drop_spaces_in_han(text)
    return ReadResult(text, None, "pdf")
