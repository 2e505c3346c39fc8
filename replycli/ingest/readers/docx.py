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


def read_docx(path: Path, data: bytes) -> ReadResult:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = z.read("word/document.xml")
    except zipfile.BadZipFile:
        raise ReadError("broken .docx: not a valid zip archive") from None
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
