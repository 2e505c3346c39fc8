"""The anatomy of a reply letter: who answered whom, about what, when, with what result.

Works on normalized text (full-width ASCII folded, so ``：`` is ``:``).
Every field comes from this document alone; a field the text does not
contain is ``None`` (or ``[]``), never a default or a guess.
"""
from __future__ import annotations

import re

from replycli.extract.numerals import chinese_date
from replycli.extract.wordlists import alternation, load

# Word lists (replycli/data/metadata_*.txt); rules see simplified characters
# (the script-fold layer in front of extraction folds traditional ones).
HEADER_KEYS = load("metadata_header_keys")
_ORG_END = tuple(sorted(load("metadata_org_endings"), key=len, reverse=True))
_ORG_END_RX = alternation("metadata_org_endings")


def _spaced(words) -> str:
    """An alternation of label words whose characters may be spread out (文  号)."""
    return "(?:" + "|".join(r"\s*".join(map(re.escape, w)) for w in sorted(words, key=len, reverse=True)) + ")"


_HEADER_LINE = re.compile(rf"^[\s\-•·\[]*{_spaced(HEADER_KEYS)}\s*\]?\s*[:|]?")
_TITLE_END = r"(?:答复|回复|复函|答复函|答复意见|会办意见|协办意见|办理意见|的函|答复的函)"
_TITLE = re.compile(rf"^(?:名称|标题)?:?\s*(?P<t>.{{0,60}}?(?:对|关于|于).{{2,120}}?{_TITLE_END}(?:\(.{{2,80}}\))?)\s*$")
_REPORT_TITLE = re.compile(r"^.{0,40}(?:建议|提案).{0,10}办理(?:工作)?(?:情况|结果)?(?:的)?报告$")
_SESSION = re.compile(r"会议")
_NUMBER_IN_TITLE = [
    re.compile(r"第\s*([0-9A-Za-z][0-9A-Za-z\-]*)\s*号"),
    re.compile(r"([0-9A-Za-z][0-9A-Za-z\-]*)\s*号\s*(?:代表|委员)?\s*(?:建议|提案|议案)"),
]
_NUMBER_IN_TEXT = re.compile(
    r"(?:第|编号|提案号|建议号)\s*:?\s*([0-9A-Za-z][0-9A-Za-z\-]*)\s*号?\s*(?:代表|委员)?\s*(?:建议|提案|议案)")
# "等8名" / "等五位" after the first name, and the body they sit in (等13位人大代表).
_SEVERAL = r"(?:等(?:\s*[\d一二三四五六七八九十]+\s*(?:名|位|人))?)?(?:人大|政协)?"
_ADDRESSEE = re.compile(
    rf"^(?:尊敬的)?(?P<names>[^\s:,。;;!?]{{2,40}}?){_SEVERAL}"
    r"(?P<role>委员|代表|同志|会员)?(?:们)?\s*(?P<colon>:)?$")
_ADDRESSEE_INLINE = re.compile(
    rf"(?:^|\s)(?:尊敬的)?(?P<names>[\u4e00-\u9fff、,]{{1,30}}?){_SEVERAL}"
    r"(?P<role>委员|代表)(?:们)?\s*:")
_PROPOSER_SUBJECT = re.compile(
    r"^(?P<p>[\u4e00-\u9fff]{2,12}?)(?:委员|代表)?(?:在|于)[^,。]{2,40}?(?:上|期间)?(?:所)?提出的")
# …in the body's first sentence: "由你局主办的柯永年代表提出的《…》", "贺文斌委员领衔提出的…"
_PROPOSER_NAMED = re.compile(
    r"(?:^|[,,。的])(?P<p>[\u4e00-\u9fff]{2,4}?)(?:等\s*[\d一二三四五六七八九十]*\s*[名位人]?)?(?:委员|代表)"
    r"(?:在[^,。]{2,40}?(?:上|期间))?(?:所|领衔)?提出的")
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
_DOC_NUMBER_LINE = re.compile(r"^(?P<n>[\u4e00-\u9fff]{1,14}\s*[〔【\[][0-9〕】\]\s]{3,14}(?:号)?)$")
_DOC_NUMBER_HEADER = re.compile(r"(?:^|\s|\|)文\s*号\s*[:|]\s*\|?\s*(?P<n>[\u4e00-\u9fff]{1,14}\s*[〔【\[(][0-9〕】\])\s]{3,14}号?)")
_SIGNER = re.compile(r"签发人\s*[:]?\s*(?P<n>[\u4e00-\u9fff]{2,4})")
_SIGNER_BEFORE_LABEL = re.compile(
    rf"签发人\s*[:]?\s*(?P<n>[\u4e00-\u9fff]{{2,4}}?)(?=$|[^\u4e00-\u9fff]|{_spaced(HEADER_KEYS)})", re.M)
_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_DATE_ZH = re.compile(r"(?P<y>[〇○零0O一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,3})\s*月\s*(?P<d>[一二三四五六七八九十]{1,3})\s*日")
_DATE_COMPACT = re.compile(r"^(?P<y>20\d{2})(?P<md>\d{3,4})$")
_RESULT = [
    re.compile(r"办理结果(?:标注|类别|类型)?\s*[:]?\s*[(\[【]?\s*(?P<l>[ABCD]\d?\s*类?|[甲乙丙丁]\s*类)"),
    re.compile(r"(?:类别|结果类别|答复类别)\s*[:]?\s*[(\[【]?\s*(?P<l>[ABCD]\d?\s*类?|[甲乙丙丁]\s*类)"),
    re.compile(r"^\s*[(\[【]?(?P<l>[ABCD]\d?\s*类|[ABCD]|[ABCD]\d|[甲乙丙丁]类)[)\]】]?\s*$", re.M),
    # at the end of the document-number line, maybe with the 公开 mark after it
    re.compile(r"(?:号|\s)\s*(?P<l>[ABCD]\d?类|[甲乙丙丁]类)\s*(?:(?:不)?(?:同意)?公开)?\s*$", re.M),
]
_PUBLIC = [
    re.compile(r"(?:是否)?(?:同意)?公开\s*[:]?\s*[(\[【]\s*(?P<v>是|否)\s*[)\]】]"),
    re.compile(r"(?:信息公开|是否公开)\s*:\s*(?P<v>是|否)"),
    re.compile(r"[(（]此件(?P<v>公开|不公开|不予公开)(?:发布)?[)）]"),
    re.compile(r"公开(?:属性|类别|方式)\s*[:]?\s*(?P<v>主动公开|依申请公开|不予公开|不公开)"),
    re.compile(r"^\s*[(\[【]?(?P<v>公开|不公开|不予公开|同意公开|主动公开)[)\]】]?\s*$", re.M),
    re.compile(r"(?<=类)\s*(?P<v>同意公开|不同意公开|不予公开|不公开|公开)\s*$", re.M),
]
_CC = re.compile(r"抄\s*送\s*[:]\s*(?P<v>[^\n]+)")
_ROLE = re.compile(r"(?P<r>主办|协办|会办)(?:〔|\[|【|单位(?!\s*[:|])|意见|件|$)", re.M)
# "经甲局、乙局等协办单位共同研究": the others are the 协办 units, this letter is the lead's.
_OTHERS_ASSIST = re.compile(r"等(?:协办|会办)单位|会同[^。\n]{0,40}?(?:协办|会办)单位")
_CONTACT = re.compile(r"联系(?:人|单位)?(?:及电话)?\s*[:]\s*(?P<v>[^\n)]+)")
_OUTLINE = re.compile(r"^\s*(?P<h>[一二三四五六七八九十]{1,3}、[^\n]{1,60})$", re.M)


# Header fields we read, each under any of its usual labels (characters may be
# spread out: 发 布 机 构). "written" is the letter's own date, "made" a later
# date of the record (生成日期, 答复日期): a fallback only.
_HEADER_KEYS = {
    "issuer": _spaced(("发布机构", "发文机关", "发文单位")),
    "doc_number": _spaced(("发文字号", "文号")),
    "written": _spaced(("成文日期", "成文时间", "发文日期", "发文时间")),
    "made": _spaced(("生成日期", "答复日期")),
    "source": _spaced(("信息来源", "来源")),
    "author": _spaced(("作者",)),
    # 主办单位: X, or a record table's "承办单位: | 主办: | X | 协办: | Y"
    "lead": r"(?:主办单位|(?<![\u4e00-\u9fff])主办(?=\s*[:|]))",
    "public": r"(?:信息公开|是否公开)",
    # record tables: 提案人: X, 建议/提案提出者: | X |, 建议/提案号: | 29 |, 案由 | 关于…的建议
    "proposer": _spaced(("提案人", "提出者", "领衔代表", "领衔委员", "提案者")),
    "number": _spaced(("建议提案编号", "提案编号", "建议编号", "提案号", "建议号")),
    "proposal_title": _spaced(("建议提案标题", "提案标题", "建议标题", "题目", "案由")),
}
_HEADER_RX = {name: re.compile(rf"\[?\s*{key}\s*\]?[\s:|•]*") for name, key in _HEADER_KEYS.items()}
_VALUE_END = re.compile(r"\s{2,}|\||\n|\s(?=\S+\s*[:|])")
# The first line of the letter's body: header fields stand above it, and a
# "主办单位" or "来源" further down is the site's footer.
_BODY_LINE = re.compile(r"^[^\n]{0,400}?(?:收悉|答复如下|。)[^\n]*", re.M)
_ANY_KEY = re.compile(_spaced(HEADER_KEYS))


def _header(text: str) -> dict:
    """Key/value pairs of a web page's header block, in any of its layouts:
    ``[ 发布机构 ] | X |``, ``发布机构: X``, ``发布机构 X 发文日期 Y``, or a
    bulleted key with its value on the next line."""
    head = text[:2500]
    for body in _BODY_LINE.finditer(head):
        if body.end() - body.start() > 20 and "|" not in body.group():  # a table cell is not the body
            head = head[:body.end()]
            break
    out = {}
    for name, rx in _HEADER_RX.items():
        for m in rx.finditer(head):
            rest = head[m.end():m.end() + 130 if name == "proposal_title" else m.end() + 60]
            value = _VALUE_END.split(rest, maxsplit=1)[0].strip(" •:[];")
            if name in ("issuer", "source", "author", "lead", "doc_number"):
                value = re.split(r"\s", value)[0]
                k = _ANY_KEY.search(value, 1)  # the next label glued on: 市经信局文字大小
                if k:
                    value = value[:k.start()]
                if re.search(r"[,，。;；、“”]", value):
                    continue  # the word in a sentence ("…主办单位。局党组认真研究…"), not a label
            if not value or _ANY_KEY.match(value):
                continue
            out.setdefault(name, value)
            break
    return out


def _lines(text: str):
    """Lines with their start offsets."""
    pos = 0
    for line in text.split("\n"):
        yield line, pos
        pos += len(line) + 1


_CRUMB_SPLIT = re.compile(r"\s*(?:\||>>|>|»|——|:|正在阅读|当前位置)\s*|\s+[-–]\s+")
# Navigation and page-field words that web pages glue in front of a title.
# A column name may carry the level of government in front (市政协提案).
_CRUMB_LEFTOVER = re.compile(rf"^(?:[省市州县区]?{alternation('metadata_site_words')}\s*)+")
# A link to the previous or next article: the title it carries is another reply's.
_NAV_LINK = re.compile(rf"^\s*{alternation('metadata_nav_links')}")


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


_TITLE_KEY = re.compile(r"^[\s\-•·\[]*(?:名\s*称|标\s*题)")


def _is_field_line(s: str) -> bool:
    """A header field line other than the title's own (名称/标题)."""
    return bool(_HEADER_LINE.match(s)) and not _TITLE_KEY.match(s)


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
    if not t and not addressed and re.search(r"办理(?:工作)?(?:情况|成效|结果)", text[:400]):
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
    if re.search(r"代表建议|人大代表", head):
        return "建议"
    if re.search(r"办理(?:工作)?(?:情况|结果)?(?:的)?(?:报告|总结)", head):
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
    m = re.search(r"在\s*(?P<s>[^\s,。:;]{2,40}?会议)\s*(?:上|期间)", text[:3000])
    if m:
        return text[m.start("s"):m.end("s")]
    m = re.search(r"(?P<s>[^\s,。:;、\"“]{0,10}?[一二三四五六七八九十]+届[^\s,。:;、]{0,10}?会议)", text[:3000])
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


def _split_names(names: str) -> list[str]:
    names = names.strip()
    if names.startswith("尊敬的"):
        names = names[3:]
    return [p.strip() for p in re.split(r"[、,，和及]", names) if p.strip()]


# Words of web-page furniture and salutations that sit where a name would
# ("分享到：", "字体：", "各位：") and are never a proposer.
_NOT_NAMES = frozenset(load("metadata_not_names"))


def _names(names: str) -> list[str]:
    return [n for n in _split_names(names) if n not in _NOT_NAMES]


def _addressee(lines, after: int):
    """The addressee line: names and the 委员/代表 role it gives them."""
    start = max(after + 1, 0)
    for line, _ in lines[start:start + 40]:
        m = _ADDRESSEE_INLINE.search(line[:200])
        if m and not any(k in m.group("names") for k in ("签发人", "号")) and _names(m.group("names")):
            return _names(m.group("names")), m.group("role")
        s = line.strip()
        if not s or len(s) > 45:
            continue
        if _HEADER_LINE.match(s) or s.startswith(("对", "关于", "您", "你")):
            continue
        m = _ADDRESSEE.match(s)
        if not m:
            continue
        colon = bool(m.group("colon"))
        role = m.group("role")
        if not colon and not s.startswith("尊敬的"):
            continue
        names = m.group("names").strip()
        if not role and re.search(r"\d|[|]|首页|位置|公开|分类|日期", names):
            continue
        if not _names(names):
            continue
        return _names(names), role
    return [], None


def _proposal_title(text: str, title: str | None, allow_loose: bool = True) -> str | None:
    head = text[:4000]
    for rx in _PROPOSAL_TITLE:
        m = rx.search(head)
        if m:
            return _clean_proposal_title(m.group("t"))
    if title:
        m = re.search(r"《(?P<t>[^》]{4,120})》", title) or re.search(r"\((?P<t>关于[^)]{4,120})\)$", title)
        if m:
            return _clean_proposal_title(m.group("t"))
    if not allow_loose:
        return None  # a report, not a reply: a 《…建议》 in it is not the proposal answered
    m = re.search(r"《(?P<t>关于[^》]{4,120}(?:建议|提案|议案))》", head)
    return _clean_proposal_title(m.group("t")) if m else None


def _clean_proposal_title(t: str) -> str:
    t = re.sub(r"\s*\(第?\s*\d+\s*号.*$", "", t.strip())
    return t.strip() or None


def _doc_number(lines, text: str) -> str | None:
    m = _DOC_NUMBER_HEADER.search(text[:3000])
    if m:
        return m.group("n").strip()
    for line, _ in lines[:60]:
        s = line.strip()
        m = _DOC_NUMBER_LINE.match(s)
        if m:
            return m.group("n")
    return None


def _iso(y, m, d) -> str | None:
    try:
        y, m, d = int(y), int(m), int(d)
    except (TypeError, ValueError):
        return None
    if not (1 <= m <= 12 and 1 <= d <= 31 and 1950 <= y <= 2100):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


_DIGIT_ZERO = str.maketrans("0O", "〇〇")


def _zh_date(m: re.Match) -> str | None:
    """二〇〇七年五月十四日, also with digit zeros in the year (二00七)."""
    return chinese_date(m["y"].translate(_DIGIT_ZERO), m["m"], m["d"])


_ISO_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[-年./]\s*(?P<m>\d{1,2})\s*[-月./]\s*(?P<d>\d{1,2})")


def _value_date(v: str | None) -> str | None:
    """A header value's date: 2023-08-30, 2023年08月30日, 二〇二三年八月三十日."""
    if not v:
        return None
    m = _ISO_DATE.match(v.strip())
    if m:
        return _iso(m["y"], m["m"], m["d"])
    m = _DATE_ZH.match(v.strip())
    return _zh_date(m) if m else None


def _line_date(s: str) -> str | None:
    s = s.strip()
    if len(s) > 40:
        return None
    m = _DATE.search(s)
    if m and m.end() >= len(s) - 1:
        return _iso(m["y"], m["m"], m["d"])
    m = _DATE_ZH.search(s)
    if m and m.end() >= len(s) - 1:
        return _zh_date(m)
    m = _DATE_COMPACT.match(s)
    if m:
        md = m["md"]
        for cut in (1, 2):
            v = _iso(m["y"], md[:cut], md[cut:])
            if v:
                return v
    return None


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


def _result(text: str, head_end: int):
    head = text[:head_end]
    for rx in _RESULT:
        m = rx.search(head)
        if m:
            label = re.sub(r"\s+", "", m.group("l"))
            cls = {"甲": "A", "乙": "B", "丙": "C", "丁": "D"}.get(label[0], label[0])
            return cls, label
    return None, None


def _public(text: str, head_end: int):
    head = text[:head_end]
    for rx in _PUBLIC:
        m = rx.search(head)
        if m:
            v = m.group("v")
            return v in ("是", "公开", "同意公开", "主动公开")
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


_SIGNATURE_TAIL = re.compile(
    rf"(?P<org>[\u4e00-\u9fff]{{2,30}}{_ORG_END_RX})\s+(?P<date>(?:19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)\s*\|?\s*$",
    re.M)
# A page that runs the closing into one line: "…谢谢! 2024年5月6日 联系人:… 抄送:…".
_DATE_BEFORE_FIELDS = re.compile(
    r"(?:^|[。!!\s])\s*(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*(?:联系|抄送|承办|经办)")
_DOC_NUMBER_INLINE = re.compile(r"(?:^|[|\s])(?P<n>[\u4e00-\u9fff]{1,14}〔\d{4}〕\d+号)(?=\s|——|$|签发人|\|)", re.M)
_OWN_ROLE = re.compile(r"我(?:局|委|厅|办|部|单位|中心)(?:为|是|作为)(?:本件|该件|该提案|该建议)?的?(?P<r>主办|协办|会办)")
_GOV_BODY = re.compile(r"(?:局|(?<![省市州县区])委|办|厅|政府|办公室|委员会)$")


def _role(text: str, header: dict, issuer: str | None, proposers: list[str], addressed_to: list[str]):
    head = text[:3000]
    m = _OWN_ROLE.search(head)
    if m:
        return m.group("r")
    if _OTHERS_ASSIST.search(head):
        return "主办"
    m = _ROLE.search(head)
    if m:
        return m.group("r")
    if header.get("lead") and issuer and header["lead"] == issuer:
        return "主办"
    # 协办/会办 letters are addressed to the lead bureau, not to the proposer.
    if addressed_to or (proposers and all(_GOV_BODY.search(p) for p in proposers)):
        return "协办"
    return None


_NAV_LINE = re.compile(rf"^[ \t]*{alternation('metadata_nav_links')}[^\n]*", re.M)
_NUMBER_VALUE = re.compile(r"^第?\s*(?P<n>[0-9A-Za-z][0-9A-Za-z\-]*)\s*号?$")
_NAME_VALUE = re.compile(r"^[\u4e00-\u9fff]{2,12}$")


def extract_metadata(text: str) -> dict:
    text = _NAV_LINE.sub("", text)  # links to the previous/next reply
    lines = list(_lines(text))
    header = _header(text)
    title, title_line = _title(lines)
    proposers, role_word = _addressee(lines, title_line)
    if not proposers and title_line > 0:  # the title printed again at the page's foot
        proposers, role_word = _addressee(lines[:title_line], -1)
    if not proposers and header.get("proposer"):  # a record table: 提案人: X
        proposers = [n for n in _names(header["proposer"]) if _NAME_VALUE.match(n)]
    addressed_to = []
    # A reply sent to the lead department names the proposer in the body.
    if proposers and all(_GOV_BODY.search(p) for p in proposers):
        body_start = next((i for i, (l, _) in enumerate(lines) if l.strip().startswith(proposers[0])), 0)
        for line, _ in lines[body_start + 1: body_start + 4]:
            m = _PROPOSER_SUBJECT.match(line.strip()) or _PROPOSER_NAMED.search(line.strip()[:120])
            if m:
                addressed_to = proposers
                proposers = [m.group("p")]
                break
    head_end = lines[title_line + 1][1] if 0 <= title_line < len(lines) - 1 else min(len(text), 800)
    # The header area ends at the addressee line; results and 公开 live above it.
    addressee_end = head_end
    for line, off in lines[title_line + 1: title_line + 40] if title_line >= 0 else lines[:40]:
        if proposers and line.strip().startswith(("尊敬的", proposers[0])):
            addressee_end = off
            break
    loose = bool(title or proposers)  # a reply, not a report
    proposal_title = _proposal_title(text, title, allow_loose=loose)
    pt = header.get("proposal_title")
    if pt and re.search(r"(?:建议|提案|议案)$", pt) and not re.search(r"[|:]", pt):
        proposal_title = _clean_proposal_title(pt)  # the record's own field
    sig_issuer, sig_date = _signature(lines)
    if not sig_date:
        m = None
        for m in _SIGNATURE_TAIL.finditer(text[-400:]):
            pass
        if m:
            sig_issuer = sig_issuer or m.group("org").split()[-1]
            d = _DATE.search(m.group("date"))
            sig_date = _iso(d["y"], d["m"], d["d"])
    if not sig_date:
        m = None
        for m in _DATE_BEFORE_FIELDS.finditer(text[-600:]):
            pass
        if m:
            d = _DATE.search(m.group("date"))
            sig_date = _iso(d["y"], d["m"], d["d"])
    date = sig_date
    date = date or _value_date(header.get("written")) or _value_date(header.get("made"))
    issuer = sig_issuer or _issuer_fallback(header, title)
    doc_number = header.get("doc_number")
    if doc_number and not re.search(r"〔|\[|【|\d", doc_number):
        doc_number = None
    if not doc_number:
        doc_number = _doc_number(lines, text)
    if not doc_number:
        m = _DOC_NUMBER_INLINE.search(text[:3000])
        doc_number = m.group("n") if m else None
    result_class, result_label = _result(text, max(addressee_end, head_end))
    public = _public(text, max(addressee_end, head_end))
    if public is None:
        public = _public(text, len(text))
    signer = _SIGNER_BEFORE_LABEL.search(text[:3000]) or _SIGNER.search(text[:3000])
    number = _proposal_number(title, text, loose)
    if not number and header.get("number"):
        m = _NUMBER_VALUE.match(header["number"])
        number = m.group("n") if m else None
    contact = _CONTACT.search(text)
    return {
        "issuer": issuer,
        "doc_number": doc_number,
        "signer": signer.group("n") if signer else None,
        "title": title,
        "kind": _kind(title, role_word, proposal_title, text, bool(proposers)),
        "session": _session(title, text),
        "proposal_number": number,
        "proposers": proposers,
        "proposal_title": proposal_title,
        "date": date,
        "result_class": result_class,
        "result_label": result_label,
        "public": public,
        "cc": _cc(text),
        "role": _role(text, header, issuer, proposers, addressed_to),
        "contact": contact.group("v").strip() if contact else None,
        "outline": [m.group("h").strip() for m in _OUTLINE.finditer(text)],
    }
