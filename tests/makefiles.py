"""Build real .docx, .pdf and .html files from text, for reader tests and
for converting a corpus (no file of these formats is committed)."""
from __future__ import annotations

import html
import zipfile
from pathlib import Path

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _p(text: str) -> str:
    # Split each paragraph over two runs, as Word does, to test run joining.
    half = len(text) // 2
    runs = "".join(f'<w:r><w:t xml:space="preserve">{html.escape(t)}</w:t></w:r>' for t in (text[:half], text[half:]) if t)
    return f"<w:p>{runs}</w:p>"


def write_docx(path: Path, paragraphs: list[str], table: list[list[str]] | None = None, table_at: int = 0) -> Path:
    body = [_p(t) for t in paragraphs]
    if table:
        rows = "".join("<w:tr>" + "".join(f"<w:tc>{_p(c)}</w:tc>" for c in row) + "</w:tr>" for row in table)
        body.insert(table_at, f"<w:tbl>{rows}</w:tbl>")
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}">'
           f'<w:body>{"".join(body)}</w:body></w:document>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", doc)
    return path


def write_pdf(path: Path, text: str, chars_per_line: int = 34) -> Path:
    """A PDF with an embedded-CID Chinese font; long lines wrap mid-word, as
    real PDF text does."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    try:
        pdfmetrics.getFont("STSong-Light")
    except KeyError:
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 11)
    y = 800
    for para in text.split("\n"):
        chunks = [para[i:i + chars_per_line] for i in range(0, len(para), chars_per_line)] or [""]
        for chunk in chunks:
            if y < 50:
                c.showPage()
                c.setFont("STSong-Light", 11)
                y = 800
            c.drawString(40, y, chunk)
            y -= 16
    c.showPage()
    c.save()
    return path


def write_html(path: Path, text: str, encoding: str = "utf-8", declare: str | None = None) -> Path:
    """A government-site page: navigation, breadcrumbs, the reply, a footer."""
    paras = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
    page = f"""<!DOCTYPE html><html><head><meta charset="{declare or encoding}"><title>建议提案办理</title></head>
<body><div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/hd">互动交流</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 建议提案</div>
<div class="article"><div class="content">{paras}</div></div>
<div class="footer">主办单位：某市人民政府办公室 网站标识码 1234567890 ICP备案号 京ICP备00000000号 联系我们 网站地图</div>
</body></html>"""
    path.write_bytes(page.encode(encoding))
    return path
