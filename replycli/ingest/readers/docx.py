"""Word .docx: paragraphs and tables in reading order.

A .docx is a zip of XML; ``word/document.xml`` holds the body in reading
order, paragraphs (``w:p``) and tables (``w:tbl``) interleaved. Reading it
with the standard library keeps that order (python-docx lists tables apart
from paragraphs) and costs no dependency. Headers and footers (page numbers,
letterheads repeated on every page) are left out on purpose.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

from replycli.errors import ReadError
from replycli.ingest.readers import ReadResult

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph_text(p) -> str:
    out = []
    for node in p.iter():
        if node.tag == W + "t" and node.text:
            out.append(node.text)
        elif node.tag == W + "tab":
            out.append("\t")
        elif node.tag in (W + "br", W + "cr"):
            out.append("\n")
    return "".join(out)


def _table_lines(tbl) -> list[str]:
    lines = []
    for row in tbl.iter(W + "tr"):
        cells = []
        for cell in row.findall(W + "tc"):
            cells.append(" ".join(_paragraph_text(p) for p in cell.iter(W + "p")).strip())
        lines.append(" | ".join(cells))
    return lines


# The body of a reply is a few hundred KB of XML; a zip bomb inflates to
# gigabytes. Members are inflated in chunks and given up past this size.
MAX_INFLATED = 32 * 1024 * 1024


def read_member(z: zipfile.ZipFile, name: str, limit: int | None = None) -> bytes:
    """A member's bytes, refused when the archive declares more than
    ``limit`` bytes, and inflated in chunks with a running limit as well."""
    limit = MAX_INFLATED if limit is None else limit
    info = z.getinfo(name)
    if info.file_size > limit:
        raise ReadError(_too_big(name, info.file_size, limit))
    chunks, total = [], 0
    with z.open(info) as f:
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise ReadError(_too_big(name, total, limit, more=True))
            chunks.append(chunk)
    return b"".join(chunks)


def _too_big(name: str, size: int, limit: int, more: bool = False) -> str:
    return (f"broken .docx: {name} inflates to {'more than ' if more else ''}{size:,} bytes "
            f"(limit {limit:,}; a zip bomb?)")


def read_docx(path: Path, data: bytes) -> ReadResult:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = read_member(z, "word/document.xml")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, zlib.error) as e:
        raise ReadError(f"broken .docx: not a valid zip archive ({e})"[:200]) from None
    except KeyError:
        raise ReadError("not a Word document: the zip has no word/document.xml") from None
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as e:
        raise ReadError(f"broken .docx: document.xml is not valid XML ({e})") from None
    body = root.find(W + "body")
    if body is None:
        raise ReadError("broken .docx: no document body")
    lines: list[str] = []
    for child in body:
        if child.tag == W + "p":
            lines.append(_paragraph_text(child))
        elif child.tag == W + "tbl":
            lines.extend(_table_lines(child))
    text = "\n".join(lines).strip()
    if not text:
        raise ReadError("no text in the Word document")
    return ReadResult(text, None, "docx")
