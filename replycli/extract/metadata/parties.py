"""Who is addressed: proposers (or the lead bureau of a 协办/会办 letter) and this letter's role."""

from __future__ import annotations

import re

from replycli.extract.metadata.common import _HEADER_LINE
from replycli.extract.wordlists import load

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
_ROLE = re.compile(r"(?P<r>主办|协办|会办)(?:〔|\[|【|单位(?!\s*[:|])|意见|件|$)", re.M)
# "经甲局、乙局等协办单位共同研究": the others are the 协办 units, this letter is the lead's.
_OTHERS_ASSIST = re.compile(r"等(?:协办|会办)单位|会同[^。\n]{0,40}?(?:协办|会办)单位")


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


_OWN_ROLE = re.compile(
    r"我(?:局|委|厅|办|部|单位|中心)(?:为|是|作为)(?:本件|该件|该提案|该建议)?的?(?P<r>主办|协办|会办)")
# A bureau's name; a committee named after its level alone (…市委, …县委员会) is a
# party or group that proposes, not a bureau.
_GOV_BODY = re.compile(r"(?:局|(?<![省市州县区])委|办|厅|政府|办公室|(?<![省市州县区])委员会)$")


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


_NAME_VALUE = re.compile(r"^[\u4e00-\u9fff]{2,12}$")


def parties(lines, title_line: int, header: dict):
    """(proposers, the role word they are addressed with, the bureau a
    协办/会办 letter is addressed to or [])."""
    proposers, role_word = _addressee(lines, title_line)
    if not proposers and title_line > 0:  # the title printed again at the page's foot
        proposers, role_word = _addressee(lines[:title_line], -1)
    if not proposers and header.get("proposer"):  # a record table: 提案人: X
        proposers = [n for n in _names(header["proposer"]) if _NAME_VALUE.match(n)]
    # A letter to the lead bureau names the proposer in its first sentences.
    if proposers and all(_GOV_BODY.search(p) for p in proposers):
        start = next((i for i, (l, _) in enumerate(lines) if l.strip().startswith(proposers[0])), 0)
        for line, _ in lines[start + 1: start + 4]:
            m = _PROPOSER_SUBJECT.match(line.strip()) or _PROPOSER_NAMED.search(line.strip()[:120])
            if m:
                return [m.group("p")], role_word, proposers
    return proposers, role_word, []


def addressee_end(lines, title_line: int, proposers: list[str], default: int) -> int:
    """Offset of the addressee line: the head (results, 公开) lies above it."""
    for line, off in lines[title_line + 1: title_line + 40] if title_line >= 0 else lines[:40]:
        if proposers and line.strip().startswith(("尊敬的", proposers[0])):
            return off
    return default


def role(text: str, header: dict, issuer: str | None, proposers: list[str], addressed_to: list[str]):
    return _role(text, header, issuer, proposers, addressed_to)
