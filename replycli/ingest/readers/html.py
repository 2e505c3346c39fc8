"""Saved government web pages (.html/.htm).

The charset comes from the BOM, else the ``<meta charset>`` or
``http-equiv`` declaration, else strict UTF-8, else GB18030. The main
content is extracted with trafilatura, which drops navigation, breadcrumbs
and footers. It keeps the paragraphs of a reply; the page header block
(索引号, 发布机构, 成文日期) that metadata extraction reads is kept as
well, as it sits in the content area on these sites.
"""
from __future__ import annotations

import re

from replycli.errors import ReadError
from replycli.ingest.readers import ReadResult

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def decode_html(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    m = _META_CHARSET.search(data[:4096])
    candidates = []
    if m:
        declared = m.group(1).decode("ascii").lower()
        # GBK and GB2312 pages routinely contain GB18030-only characters.
        candidates.append("gb18030" if declared in ("gbk", "gb2312", "gb_2312-80", "x-gbk") else declared)
    candidates += ["utf-8", "gb18030"]
    for enc in candidates:
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    raise ReadError("HTML page in an unknown encoding (not the declared charset, UTF-8 or GB18030)")


def read_html(data: bytes) -> ReadResult:
    html, encoding = decode_html(data)
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True,
                               deduplicate=False)
    if not text or not text.strip():
        # A page that is all table or all boilerplate: fall back to its text.
        from lxml import html as lxml_html

        try:
            tree = lxml_html.fromstring(html)
        except Exception as e:  # lxml's errors are many and undocumented
            raise ReadError(f"broken HTML: {e}") from None
        for bad in tree.xpath("//script|//style|//nav|//header|//footer"):
            bad.drop_tree()
        text = tree.text_content()
    if not text or not text.strip():
        raise ReadError("no text in the web page")
    return ReadResult(text, encoding, "html")
