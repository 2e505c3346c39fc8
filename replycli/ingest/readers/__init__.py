"""Readers turn a file's bytes into text. One module per format.

``read(path, data)`` picks a reader by content first (a .txt that is really a
PDF is read as a PDF) and by extension second, and returns a ``ReadResult``.
Every failure is a ``ReadError`` whose reason is one line for the user.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from replycli.errors import ReadError

# Extensions ingest picks up when walking a folder.
EXTENSIONS = {".txt", ".text", ".docx", ".pdf", ".html", ".htm", ".doc", ".wps",
              ".png", ".jpg", ".jpeg", ".tif", ".tiff"}  # page images: OCR (readers/ocr.py)


@dataclass
class ReadResult:
    text: str
    encoding: str | None
    reader: str
    ocr: dict | None = None  # recognised text: {"ocr_pages", "ocr_confidence"}


def sniff(data: bytes) -> str | None:
    """The format that the content says, or None for plain text."""
    head = data[:1024].lstrip()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    low = head[:512].lower()
    if low.startswith((b"<!doctype html", b"<html")) or b"<html" in low[:200]:
        return "html"
    return None


def read(path: Path, data: bytes) -> ReadResult:
    if not data:
        raise ReadError("empty file")
    kind = sniff(data)
    ext = path.suffix.lower()
    if kind is None:
        kind = {".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html",
                ".doc": "doc", ".wps": "doc", ".png": "image", ".jpg": "image", ".jpeg": "image",
                ".tif": "image", ".tiff": "image"}.get(ext, "text")
        if kind != "text":
            # The extension promises a binary format the content does not have.
            if kind in ("docx", "pdf", "doc", "image"):
                raise ReadError(f"not a valid {ext[1:]} file (content does not match the extension)")
    if kind == "text":
        from replycli.ingest.readers.text import read_text

        return read_text(data)
    if kind == "html":
        from replycli.ingest.readers.html import read_html

        return read_html(data)
    if kind == "docx":
        from replycli.ingest.readers.docx import read_docx

        return read_docx(path, data)
    if kind == "pdf":
        from replycli.ingest.readers.pdf import read_pdf

        return read_pdf(data, name=path.name)
    if kind == "image":
        from replycli.ingest.readers.ocr import read_image

        return read_image(data, name=path.name)
    from replycli.ingest.readers.doc import read_doc

    return read_doc(path, data)
