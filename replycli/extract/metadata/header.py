"""The letter's head: a web page's header fields, document number, signer, 办理结果 class and 公开 mark."""

from __future__ import annotations

import re

from replycli.extract.metadata.common import HEADER_KEYS, _spaced

_DOC_NUMBER_LINE = re.compile(r"^(?P<n>[\u4e00-\u9fff]{1,14}\s*[〔【\[][0-9〕】\]\s]{3,14}(?:号)?)$")
_DOC_NUMBER_HEADER = re.compile(r"(?:^|\s|\|)文\s*号\s*[:|]\s*\|?\s*(?P<n>[\u4e00-\u9fff]{1,14}\s*[〔【\[(][0-9〕】\])\s]{3,14}号?)")
_SIGNER = re.compile(r"签发人\s*[:]?\s*(?P<n>[\u4e00-\u9fff]{2,4})")
_SIGNER_BEFORE_LABEL = re.compile(
    rf"签发人\s*[:]?\s*(?P<n>[\u4e00-\u9fff]{{2,4}}?)(?=$|[^\u4e00-\u9fff]|{_spaced(HEADER_KEYS)})", re.M)
_RESULT = [
    re.compile(r"办理结果(?:标注|类别|类型)?\s*[:]?\s*[(\[【]?\s*(?P<l>[ABCD]\d?\s*类?|[甲乙丙丁]\s*类)"),
    re.compile(r"(?:类别|结果类别|答复类别)\s*[:]?\s*[(\[【]?\s*(?P<l>[ABCD]\d?\s*类?|[甲乙丙丁]\s*类)"),
    re.compile(r"^\s*[(\[【]?(?P<l>[ABCD]\d?\s*类|[ABCD]|[ABCD]\d|[甲乙丙丁]类)[)\]】]?\s*$", re.M),
    # at the end of the document-number line, maybe with the 公开 mark after it
    re.compile(r"(?:号|\s)\s*(?P<l>[ABCD]\d?类|[甲乙丙丁]类)\s*(?:(?:不)?(?:同意)?公开)?\s*$", re.M),
]
_PUBLIC = [
    # (the lookahead: 是否, 同意 or 公开 starts a match; other positions are rejected at once)
    re.compile(r"(?=[是同公])(?:是否)?(?:同意)?公开\s*[:]?\s*[(\[【]\s*(?P<v>是|否)\s*[)\]】]"),
    re.compile(r"(?:信息公开|是否公开)\s*:\s*(?P<v>是|否)"),
    re.compile(r"[(（]此件(?P<v>公开|不公开|不予公开)(?:发布)?[)）]"),
    re.compile(r"公开(?:属性|类别|方式)\s*[:]?\s*(?P<v>主动公开|依申请公开|不予公开|不公开)"),
    re.compile(r"^\s*[(\[【]?(?P<v>公开|不公开|不予公开|同意公开|主动公开)[)\]】]?\s*$", re.M),
    re.compile(r"(?<=类)\s*(?P<v>同意公开|不同意公开|不予公开|不公开|公开)\s*$", re.M),
]
# Header fields we read, each under any of its usual labels (characters may be
# spread out: 发 布 机 构). "written" is the letter's own date, "made" a later
# date of the record (生成日期, 答复日期): a fallback only.
_HEADER_WORDS = {
    "issuer": ("发布机构", "发文机关", "发文单位"),
    "doc_number": ("发文字号", "文号"),
    "written": ("成文日期", "成文时间", "发文日期", "发文时间"),
    "made": ("生成日期", "答复日期"),
    "source": ("信息来源", "来源"),
    "author": ("作者",),
    # 主办单位: X, or a record table's "承办单位: | 主办: | X | 协办: | Y"
    "lead": ("主办单位", "主办"),
    "public": ("信息公开", "是否公开"),
    # record tables: 提案人: X, 建议/提案提出者: | X |, 建议/提案号: | 29 |, 案由 | 关于…的建议
    "proposer": ("提案人", "提出者", "领衔代表", "领衔委员", "提案者"),
    "number": ("建议提案编号", "提案编号", "建议编号", "提案号", "建议号"),
    "proposal_title": ("建议提案标题", "提案标题", "建议标题", "题目", "案由"),
}
# Labels read more strictly than their spread-out words: 主办 alone only before : or |
# and not inside a word; 信息公开/是否公开 only written together.
_HEADER_PATTERNS = {
    "lead": r"(?:主办单位|(?<![\u4e00-\u9fff])主办(?=\s*[:|]))",
    "public": r"(?:信息公开|是否公开)",
}
_HEADER_KEYS = {name: _HEADER_PATTERNS.get(name) or _spaced(words) for name, words in _HEADER_WORDS.items()}
# A label starts with "[", a space or its words' first character: the lookahead
# rejects every other position of the head at once (the same matches, faster).
_HEADER_RX = {name: re.compile(rf"(?=[\[\s{''.join(sorted({w[0] for w in _HEADER_WORDS[name]}))}])"
                               rf"\[?\s*{key}\s*\]?[\s:|•]*")
              for name, key in _HEADER_KEYS.items()}
_VALUE_END = re.compile(r"\s{2,}|\||\n|\s(?=\S+\s*[:|])")
# The first line of the letter's body: header fields stand above it, and a
# "主办单位" or "来源" further down is the site's footer.
# (the lookahead spares each step of the lazy line a try of the three words)
_BODY_LINE = re.compile(r"^[^\n]{0,400}?(?=[收答。])(?:收悉|答复如下|。)[^\n]*", re.M)
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


_DOC_NUMBER_INLINE = re.compile(r"(?:^|[|\s])(?P<n>[\u4e00-\u9fff]{1,14}〔\d{4}〕\d+号)(?=\s|——|$|签发人|\|)", re.M)


def read_header(text: str) -> dict:
    """The page's header fields (see ``_HEADER_KEYS``)."""
    return _header(text)


def doc_number(header: dict, lines, text: str) -> str | None:
    """发文字号: the header's, else a line of its own, else one inside a line."""
    n = header.get("doc_number")
    if n and re.search(r"〔|\[|【|\d", n):
        return n
    n = _doc_number(lines, text)
    if n:
        return n
    m = _DOC_NUMBER_INLINE.search(text[:3000])
    return m.group("n") if m else None


def signer(text: str) -> str | None:
    m = _SIGNER_BEFORE_LABEL.search(text[:3000]) or _SIGNER.search(text[:3000])
    return m.group("n") if m else None


def result_and_public(text: str, head_end: int):
    """(result_class, result_label, public) from the head; 公开 also further down."""
    result_class, result_label = _result(text, head_end)
    public = _public(text, head_end)
    if public is None:
        public = _public(text, len(text))
    return result_class, result_label, public
