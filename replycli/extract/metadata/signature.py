"""The signature block and the letter's foot: issuing body, date, 抄送, contact, outline."""

from __future__ import annotations

import re

from replycli.extract.metadata.common import _DATE, _DATE_ZH, _ORG_END, _ORG_END_RX, _iso, _line_date
from replycli.extract.wordlists import first_chars

_CC = re.compile(r"抄\s*送\s*[:]\s*(?P<v>[^\n]+)")
_CONTACT = re.compile(r"联系(?:人|单位)?(?:及电话)?\s*[:]\s*(?P<v>[^\n)]+)")
_OUTLINE = re.compile(r"^\s*(?P<h>[一二三四五六七八九十]{1,3}、[^\n]{1,60})$", re.M)
_ORG_THEN_FIELDS = re.compile(rf"^(?P<org>[\u4e00-\u9fff]{{2,30}}?{_ORG_END_RX})(?:\s+联系|\s*$)")


def _signature(lines):
    """(issuer, date) from the signature block: a date line near the end,
    usually with the issuing body on the line above."""
    for i in range(len(lines) - 1, -1, -1):
        s = lines[i][0].strip()
        date = _line_date(s)
        if not date:
            continue
        issuer = None
        m = _DATE.search(s) or _DATE_ZH.search(s)
        before = s[:m.start()].strip() if m else ""
        before = before.split()[-1] if before else ""
        if before and before.endswith(_ORG_END) and len(before) <= 40 and not re.search(r"[,，。;；:：]", before):
            issuer = before
        else:
            for j in range(i - 1, max(i - 4, -1), -1):
                prev = lines[j][0].strip()
                if not prev:
                    continue
                first = re.split(r"\s{2,}", prev)[0]  # a joint reply signed side by side
                if len(first) <= 40 and first.endswith(_ORG_END) and not re.search(r"[,。;:]", first):
                    issuer = first
                break
        if issuer is None:
            # the body's name under the date, before its contact fields
            nxt = next((l.strip() for l, _ in lines[i + 1:i + 4] if l.strip()), "")
            m = _ORG_THEN_FIELDS.match(nxt)
            if m:
                issuer = m.group("org")
        return issuer, date
    return None, None


_TITLE_ORG = re.compile(rf"^(?:\d{{4}}年度?)?(?P<org>[\u4e00-\u9fff]{{2,30}}?{_ORG_END_RX})\s*(?:关于|对)")


def _issuer_fallback(header: dict, title: str | None) -> str | None:
    if header.get("issuer"):
        return header["issuer"]
    author = header.get("author")  # 作者: a body's name, not 佚名 or a person
    if author and author.endswith(_ORG_END) and len(author) <= 20:
        return author
    if title:
        m = _TITLE_ORG.match(title)
        if m:
            return m.group("org")
    if header.get("lead"):
        return header["lead"]
    src = header.get("source")
    if src and src.endswith(_ORG_END) and len(src) <= 20:
        return src
    return None


def _cc(text: str) -> list[str]:
    m = _CC.search(text)
    if not m:
        return []
    # Copy counts ("(2份)", sometimes with its "(" lost) and table bars are
    # not part of a name; a run of spaces separates two recipients.
    v = re.sub(r"\(?\s*\d+\s*份\s*\)?", " ", m.group("v").replace("|", " "))
    parts = re.split(r"[、,，;；]|\s{2,}", v)
    return [p.strip(" 。.") for p in parts if p.strip(" 。.")]


# (the lookahead tests the endings' first characters before each of them, at every
# length the greedy name backtracks to: the same matches, faster)
_SIGNATURE_TAIL = re.compile(
    rf"(?P<org>[\u4e00-\u9fff]{{2,30}}(?={first_chars('metadata_org_endings')}){_ORG_END_RX})\s+(?P<date>(?:19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)\s*\|?\s*$",
    re.M)
# A page that runs the closing into one line: "…谢谢! 2024年5月6日 联系人:… 抄送:…".
_DATE_BEFORE_FIELDS = re.compile(
    r"(?:^|[。!!\s])\s*(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*(?:联系|抄送|承办|经办)")


def _last(rx: re.Pattern, s: str):
    m = None
    for m in rx.finditer(s):
        pass
    return m


def signature_block(lines, text: str):
    """(issuer, date) of the signature: a date line with the body above or
    below it, else a body and date closing the last line, else a date run
    into the contact fields."""
    issuer, date = _signature(lines)
    if not date:
        m = _last(_SIGNATURE_TAIL, text[-400:])
        if m:
            issuer = issuer or m.group("org").split()[-1]
            d = _DATE.search(m.group("date"))
            date = _iso(d["y"], d["m"], d["d"])
    if not date:
        m = _last(_DATE_BEFORE_FIELDS, text[-600:])
        if m:
            d = _DATE.search(m.group("date"))
            date = _iso(d["y"], d["m"], d["d"])
    return issuer, date


def issuer_fallback(header: dict, title: str | None) -> str | None:
    return _issuer_fallback(header, title)


def cc(text: str) -> list[str]:
    return _cc(text)


def contact(text: str) -> str | None:
    m = _CONTACT.search(text)
    return m.group("v").strip() if m else None


def outline(text: str) -> list[str]:
    return [m.group("h").strip() for m in _OUTLINE.finditer(text)]
