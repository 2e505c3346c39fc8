"""The title line and what it says: kind, session, proposal number, the proposal's own title."""

from __future__ import annotations

import re

from replycli.extract.metadata.common import _NAV_LINK, _ORG_END, _is_field_line
from replycli.extract.wordlists import alternation

# …的答复, …答复函, …的会办意见; a ministry's published 答复摘要 too.
_TITLE_END = r"(?:答复|回复|复函|答复函|答复意见|会办意见|协办意见|办理意见|的函|答复的函)(?:摘要)?"
# (the lookaheads test the first characters of 对/关于/于 and of the title endings
# before the words, at each step of the lazy runs: the same matches, faster)
_TITLE = re.compile(rf"^(?:名称|标题)?:?\s*(?P<t>.{{0,60}}?(?=[对关于])(?:对|关于|于).{{2,120}}?(?=[答回复会协办的]){_TITLE_END}"
                    rf"(?:\(.{{2,80}}\))?)\s*$")
_REPORT_TITLE = re.compile(r"^.{0,40}(?:建议|提案).{0,10}办理(?:工作)?(?:情况|结果)?(?:的)?报告$")
_SESSION = re.compile(r"会议")
_NUMBER_IN_TITLE = [
    re.compile(r"第\s*([0-9A-Za-z][0-9A-Za-z\-]*)\s*号"),
    re.compile(r"([0-9A-Za-z][0-9A-Za-z\-]*)\s*号\s*(?:代表|委员)?\s*(?:建议|提案|议案)"),
]
_NUMBER_IN_TEXT = re.compile(
    r"(?:第|编号|提案号|建议号)\s*:?\s*([0-9A-Za-z][0-9A-Za-z\-]*)\s*号?\s*(?:代表|委员)?\s*(?:建议|提案|议案)")
_PROPOSAL_TITLE = [
    re.compile(r"提出的\s*(?:关于)?《(?P<t>[^》]{4,120})》"),
    re.compile(r"提出的\s*[“\"](?P<t>[^”\"]{4,120})[”\"]"),
    # 你们提出的关于…的建议(第12号)收悉 / …的建议,已交我们研究办理 / …的建议,由…交办
    re.compile(r"提出的\s*(?P<t>关于[^,。;:《》]{4,120}?(?:的)?(?:提案|建议|议案))"
               r"(?=\s*(?:\(第?\s*[0-9A-Za-z\-]+\s*号[^)]{0,6}\))?\s*(?:已|收悉|,|。|由))"),
    re.compile(r"(?:您|你们|贵\S{0,3})(?:在.{2,40}?上)?(?:所)?(?:提出|领衔提出)?的\s*《(?P<t>[^》]{4,120})》"),
]
# The number printed after the proposal's title: 《关于…的建议》(第12号) or 关于…的提案(第0012号).
_NUMBER_AFTER_TITLE = re.compile(
    r"(?:[》”\"]|建议|提案|议案)\s*\(\s*第?\s*([0-9A-Za-z][0-9A-Za-z\-]*)\s*号")
# A record table's number field: "第61号", "61".
_WORK_DONE = re.compile(r"办理(?:工作)?(?:情况|成效|结果)")
_DEPUTIES = re.compile(r"代表建议|人大代表")
_REPORT_WORDS = re.compile(r"办理(?:工作)?(?:情况|结果)?(?:的)?(?:报告|总结)")
_SESSION_AT = re.compile(r"在\s*(?P<s>[^\s,。:;]{2,40}?会议)\s*(?:上|期间)")
_SESSION_ANY = re.compile(r"(?P<s>[^\s,。:;、\"“]{0,10}?[一二三四五六七八九十]{1,3}届[^\s,。:;、]{0,10}?会议)")
_QUOTED_IN_TITLE = re.compile(r"《(?P<t>[^》]{4,120})》")
_BRACKETED_IN_TITLE = re.compile(r"\((?P<t>关于[^)]{4,120})\)$")
_QUOTED_PROPOSAL = re.compile(r"《(?P<t>关于[^》]{4,120}(?:建议|提案|议案))》")
_NUMBER_TAIL = re.compile(r"\s*\(第?\s*\d+\s*号.*$")
_NUMBER_VALUE = re.compile(r"^第?\s*(?P<n>[0-9A-Za-z][0-9A-Za-z\-]*)\s*号?$")
_CRUMB_SPLIT = re.compile(r"\s*(?:\||>>|>|»|——|:|正在阅读|当前位置)\s*|\s+[-–]\s+")
# Navigation and page-field words that web pages glue in front of a title.
# A column name may carry the level of government in front (市政协提案).
_CRUMB_LEFTOVER = re.compile(rf"^(?:[省市州县区]?{alternation('metadata_site_words')}\s*)+")


def _drop_nav_words(cell: str) -> str:
    """Drop a menu bar in front of a title ("网站首页 政务公开 互动交流 关于…"):
    short leading words that are neither the title's start nor an issuer's
    name, as long as what is left is still a title."""
    parts = cell.split()
    while len(parts) > 1:
        head = parts[0]
        furniture = _CRUMB_LEFTOVER.match(head)
        if furniture and furniture.end() == len(head):
            pass  # a run of known menu words (无障碍辅助浏览工具条网站首页)
        elif len(head) > 10 or "关于" in head or head.startswith("对") or head.endswith(_ORG_END):
            break
        rest = " ".join(parts[1:])
        if not _TITLE.match(rest):
            break
        parts = parts[1:]
    return " ".join(parts)


def _title_in(s: str) -> str | None:
    """The title inside one line, past breadcrumbs, labels and table bars."""
    cells = [c for c in _CRUMB_SPLIT.split(s) if c.strip()]
    for cell in reversed(cells):
        whole = cell.strip()
        cell = _drop_nav_words(whole)
        cell = _CRUMB_LEFTOVER.sub("", cell)
        if not _TITLE.match(cell):
            cell = whole  # the "furniture" was part of the title after all
        if len(cell) > 160:
            continue
        m = _TITLE.match(cell)
        if m:
            return cell[m.start("t"):m.end("t")].strip()
    return None


def _title(lines) -> tuple[str | None, int]:
    for i, (line, _) in enumerate(lines[:80]):
        s = line.strip()
        if not s or _NAV_LINK.match(s):
            continue  # "下一条: …的答复" names another reply
        t = _title_in(s)
        if t:
            return t, i
        # A title set over two or three short lines (the first may already
        # hold two, rejoined where it was broken inside a word); a header
        # field ("- 发布日期 2020-01-01") never starts or continues one.
        if len(s) <= 60 and not s.endswith((":", "。")) and not _is_field_line(s):
            joined = s
            for j in range(i + 1, min(i + 3, len(lines))):
                nxt = lines[j][0].strip()
                if not nxt or len(nxt) > 40 or _is_field_line(nxt):
                    break
                joined += nxt
                t = _title_in(joined)
                if t and ("答复" in nxt or "回复" in nxt or "复函" in nxt or "的函" in nxt):
                    return t, j
    for i, (line, _) in enumerate(lines[:40]):
        s = line.strip()
        if _REPORT_TITLE.match(s):
            return s, i
        if s.startswith("《") and s.endswith("》") and any(k in s for k in ("建议", "提案", "议案")):
            return s, i
    return None, -1


def _kind(title: str | None, addressee_role: str | None, proposal_title: str | None, text: str,
          addressed: bool = True):
    t = (title or "")
    if t and _REPORT_TITLE.match(t):
        return "other"
    if not t and not addressed and _WORK_DONE.search(text[:400]):
        return "other"
    if "提案" in t or "政协" in t:
        return "提案"
    if "建议" in t or "人大" in t or "议案" in t:
        return "建议"
    pt = proposal_title or ""
    if pt.endswith("提案"):
        return "提案"
    if addressee_role == "委员":
        return "提案"
    if addressee_role == "代表":
        return "建议"
    if pt.endswith(("建议", "议案")):
        return "建议"
    head = text[:1500]
    if "提案" in head and "建议" not in head:
        return "提案"
    if _DEPUTIES.search(head):
        return "建议"
    if _REPORT_WORDS.search(head):
        return "other"
    if "提案" in head:
        return "提案"
    if "建议" in head:
        return "建议"
    return None


def _session(title: str | None, text: str) -> str | None:
    def from_span(s: str):
        st = s
        m = _SESSION.search(st)
        if not m:
            return None
        end = m.end()
        start = max(st.rfind("关于", 0, m.start()) + 2 if "关于" in st[:m.start()] else 0,
                    st.rfind("对", 0, m.start()) + 1 if "对" in st[:m.start()] else 0,
                    st.rfind("答复", 0, m.start()) + 2 if "答复" in st[:m.start()] else 0)
        value = s[start:end].strip()
        if not re.search(r"届|次", value):
            return None
        return value or None

    if title:
        v = from_span(title)
        if v:
            return v
    m = _SESSION_AT.search(text[:3000])
    if m:
        return text[m.start("s"):m.end("s")]
    head = text[:3000]
    m = "届" in head and _SESSION_ANY.search(head)  # (a match needs 届: most replies skip the scan)
    if m:
        return text[m.start("s"):m.end("s")]
    return None


def _proposal_number(title: str | None, text: str, loose: bool = True) -> str | None:
    if title:
        t = title
        for rx in _NUMBER_IN_TITLE:
            m = rx.search(t)
            if m:
                return m.group(1)
    m = _NUMBER_IN_TEXT.search(text[:4000]) or (_NUMBER_AFTER_TITLE.search(text[:4000]) if loose else None)
    return m.group(1) if m else None


def _proposal_title(text: str, title: str | None, allow_loose: bool = True) -> str | None:
    head = text[:4000]
    for rx in _PROPOSAL_TITLE:
        m = rx.search(head)
        if m:
            return _clean_proposal_title(m.group("t"))
    if title:
        m = _QUOTED_IN_TITLE.search(title) or _BRACKETED_IN_TITLE.search(title)
        if m:
            return _clean_proposal_title(m.group("t"))
    if not allow_loose:
        return None  # a report, not a reply: a 《…建议》 in it is not the proposal answered
    m = _QUOTED_PROPOSAL.search(head)
    return _clean_proposal_title(m.group("t")) if m else None


def _clean_proposal_title(t: str) -> str:
    t = _NUMBER_TAIL.sub("", t.strip())
    return t.strip() or None


def title(lines) -> tuple[str | None, int]:
    """The title and the index of its (last) line, or (None, -1)."""
    return _title(lines)


def proposal_title(text: str, title: str | None, header: dict, loose: bool) -> str | None:
    """The proposal answered: a record's own field (案由, 题目), else the text's."""
    pt = header.get("proposal_title")
    if pt and re.search(r"(?:建议|提案|议案)$", pt) and not re.search(r"[|:]", pt):
        return _clean_proposal_title(pt)
    return _proposal_title(text, title, allow_loose=loose)


def proposal_number(title: str | None, text: str, header: dict, loose: bool) -> str | None:
    number = _proposal_number(title, text, loose)
    if not number and header.get("number"):
        m = _NUMBER_VALUE.match(header["number"])
        number = m.group("n") if m else None
    return number


def kind(title, addressee_role, proposal_title, text, addressed) -> str | None:
    return _kind(title, addressee_role, proposal_title, text, addressed)


def session(title: str | None, text: str) -> str | None:
    return _session(title, text)
