"""Money amounts: every yuan amount with its value, kind, recipient and program.

A number is money when it ends in 元 (``200 万元``, ``二百万元``, ``1万元/户``),
or ends in 万/亿 right before a money noun (``100 万科技专项资金``). Counts
(``1.1 万户``, ``509 项``), percentages and words that merely contain 元
(``三元前驱体``, ``多元``) are not. Values are exact ``Decimal`` yuan.
"""
from __future__ import annotations

import re
from decimal import Decimal

from replycli.extract.numerals import parse_number

_CN = "零〇○一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億"
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|[{_CN}]{{1,12}}(?:点[{_CN}]{{1,4}})?)"
_UNIT = r"(?:万亿|千万|百万|十万|万|亿)"
AMOUNT = re.compile(
    rf"(?P<pre>约|近|超过|超|逾|达到|达|共计|共|合计|累计|总计|高达|不低于|不超过|最高)?\s*"
    rf"(?P<num>{_NUM})\s*(?P<approx>余|多)?\s*"
    rf"(?:(?P<rangeunit>{_UNIT})?\s*(?:元)?\s*(?P<dash>[-~—–至到])\s*(?P<num2>{_NUM})\s*(?P<approx2>余|多)?\s*)?"
    rf"(?P<unit>{_UNIT})?\s*(?P<yuan>元)?"
    r"(?:\s*/\s*(?P<per>[\u4e00-\u9fff]{1,2})|(?P<perword>每[\u4e00-\u9fff]{1,2}))?"
)
_NOT_YUAN_WORD = "素件宇器旦首老化论前帅月宵"
_MONEY_AFTER = re.compile(r"^\s*(?:的|人民币)?[\u4e00-\u9fff“”\"]{0,8}?(?:资金|经费|补助|奖励|补贴|奖补|贷款|投资|拨款|基金|专项|扶持|支持)")
_COUNT_AFTER = re.compile(r"^\s*(?:户|人|项|家|个|次|吨|亩|名|元/|平方|公里|千瓦|台|套|株|头|只|辆|册|件|座|间|条|张|份|篇|天|年|字|余人|多人|余户|多户|余家|多家)")
_MONEY_BEFORE = re.compile(r"(?:投资|资金|补助|奖励|补贴|拨付|下达|安排|争取|获得|贷款|融资|营收|收入|产值|经费|金额|投入)[^,。;，；]{0,6}$")

KINDS = {
    "tax": r"税|减免|免征|减征|降费|退费|缓缴|社保费",
    "loan": r"贷款|授信|融资|信贷|担保|贷|债券|周转|转贷|放款|还款",
    "investment": r"总投资|投资|建设资金|社会资本|完成投|计划投",
    "grant": r"补助|补贴|奖励|奖补|专项资金|资金支持|扶持资金|扶持|下达|拨付|争取|获批|获得|经费|后补助|以奖代补|专项|资金|支持|安排",
    "other": r"营业收入|收入|产值|GDP|销售|签约|营收|利润|税收收入|金额|价格|费用|工资|规模|总额|交易额|成交|产值|增加值|出口|进口|票价|标准|预算|财政收入|存款|余额",
}
_KIND_RX = {k: re.compile(v) for k, v in KINDS.items()}
_GROUP = re.compile(r"(?P<g>\d+\s*(?:个|户|家|名|所|项|批|位|座|村)[\u4e00-\u9fff]{1,16}?)(?=共|获|争取|累计|分别|各|申报|列入|入选|被|得到|\s|$)")
_GIVE = re.compile(r"(?:给予|拨付给|下达给|奖励|补助|支持|向|为)(?P<r>[\u4e00-\u9fff“”]{2,18}?)(?:安排|拨付|下达|给予|补助|奖励|资金|经费|项目|\d)")
_SUBJECT = re.compile(r"(?P<r>[^,，;；:：。“”\"]{2,24}?)(?:共|均|已|先后|分别|累计|成功)?(?:获批|获得|争取到|争取|得到|申请到|获)")
_PROGRAM = re.compile(
    r"(?P<p>(?:《[^》]{2,40}》|“[^”]{2,20}”|[\u4e00-\u9fff\d（）()“”]){2,40}?"
    r"(?:专项资金|资金|基金|计划|工程|专项|补助|补贴|经费|奖励|奖补))(?:\s*(?:支持|奖励|共|合计))?\s*$")
_PROGRAM_VERBS = re.compile(r"(?:获批|获得|争取到|争取|安排|下达|拨付|给予|申请|落实|兑现|发放|统筹|使用|投入|筹措|列入)")
_SENTENCE_END = "。;;!?！？\n"
_CLAUSE_END = _SENTENCE_END + ",，:："


def _span_bounds(text: str, start: int, end: int, stops: str) -> tuple[int, int]:
    s = start
    while s > 0 and text[s - 1] not in stops:
        s -= 1
    e = end
    while e < len(text) and text[e] not in stops:
        e += 1
    return s, e


def _value(num: str, unit: str | None) -> Decimal | None:
    n = parse_number(num)
    if n is None:
        return None
    factor = {"万亿": 10**12, "千万": 10**7, "百万": 10**6, "十万": 10**5, "万": 10**4, "亿": 10**8}.get(unit or "", 1)
    return n * factor


def _kind(before: str, after: str) -> str:
    best, best_pos = None, -1
    for kind, rx in _KIND_RX.items():
        for m in rx.finditer(before):
            pos = m.end() + (0.5 if kind in ("tax", "loan", "investment", "other") else 0)
            if pos > best_pos:
                best, best_pos = kind, pos
    if best is None:
        for kind in ("tax", "loan", "investment", "grant", "other"):
            if _KIND_RX[kind].search(after[:12]):
                return kind
        return "other"
    return best


def _is_money(m: re.Match, text: str) -> bool:
    num = m.group("num")
    after = text[m.end():m.end() + 16]
    if m.group("yuan"):
        nxt = text[m.end():m.end() + 1]
        if nxt and nxt in _NOT_YUAN_WORD and not m.group("unit"):
            return False
        if not num[0].isdigit():
            # 三元前驱体, 一元化: a lone Chinese digit before 元 is a word, not money
            if len(num) == 1 and not m.group("unit"):
                return False
        return True
    if not m.group("unit") and not any(c in num for c in "万亿萬億"):
        return False
    if _COUNT_AFTER.match(after):
        return False
    if _MONEY_AFTER.match(after):
        return True
    before = text[max(0, m.start() - 12):m.start()]
    return bool(_MONEY_BEFORE.search(before)) and bool(re.match(r"^\s*(?:[,，。;；)）]|$)", after))


def extract_amounts(text: str, companies=()) -> list[dict]:
    """Find amounts; ``companies`` are ``(name, start, end)`` mentions used
    for recipients."""
    out = []
    for m in AMOUNT.finditer(text):
        if not m.group("num") or not _is_money(m, text):
            continue
        num = m.group("num")
        if num[0] in "十百千万亿" and len(num) == 1:
            continue
        unit = m.group("unit")
        value = _value(num, unit)
        if value is None or value == 0:
            continue
        if m.group("num2"):
            # A range (100-200万元): the low end, written in the high end's unit
            # unless the low end has its own.
            low_unit = m.group("rangeunit") or unit
            low = _value(num, low_unit)
            value = low if low is not None else value
        start = m.start("pre") if m.group("pre") else m.start("num")
        end = m.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        written = text[start:end]
        # Drop a leading approximation word from the span only if it is 共/达 etc.
        approx = (m.group("pre") or "") + (m.group("approx") or "")
        if m.group("pre") in ("共", "共计", "合计", "累计", "总计", "达", "达到"):
            written = text[m.start("num"):end]
            start = m.start("num")
        ss, se = _span_bounds(text, start, end, _SENTENCE_END)
        cs, ce = _span_bounds(text, start, end, _CLAUSE_END)
        sentence_before = text[ss:start]
        clause_before = text[cs:start]
        per = m.group("per") or ""
        if not per:
            pw = m.group("perword") or ""
            if pw:
                per = pw[1:]
            else:
                pm = re.search(r"每(?P<p>[年月户村人亩个家所台套吨]{1,2})", clause_before)
                if pm:
                    per = pm.group("p")
        kind = _kind(clause_before if clause_before.strip() else sentence_before, text[end:ce])
        program = _program(clause_before)
        recipients = _recipients(text, ss, start, clause_before, cs, companies)
        each = re.search(r"各(?:获得|获|补助|奖励|支持|给予|安排|拨付)?\s*$|每(?:家|户|个)(?:企业|项目)?(?:获得|补助|奖励)?\s*$",
                         text[max(ss, start - 8):start])
        if each and len(recipients) > 1:
            targets = recipients
        else:
            targets = recipients[-1:] if recipients else [""]
        for r in targets:
            out.append({
                "amount_yuan": str(value.normalize() if value == value.to_integral() else value),
                "text": written.strip(),
                "kind": kind,
                "recipient": r,
                "program": program,
                "per": per,
                "approx": approx,
                "evidence": text[cs:ce].strip(),
                "start": start,
                "end": end,
            })
    for a in out:
        v = Decimal(a["amount_yuan"])
        a["amount_yuan"] = format(v.quantize(Decimal(1)) if v == v.to_integral() else v, "f")
    return out


def _program(clause_before: str) -> str:
    vm = None
    for vm in _PROGRAM_VERBS.finditer(clause_before):
        pass
    tail = clause_before[vm.end():] if vm else clause_before
    tail = re.sub(r"^\s*\d{4}\s*年(?:度)?\s*", lambda x: x.group(0), tail)
    m = _PROGRAM.search(tail)
    if m:
        p = m.group("p").strip()
        p = re.sub(r"(?:共|合计|总计)$", "", p)
        return p
    q = re.findall(r"《([^》]{2,40})》|“([^”]{2,20})”", clause_before)
    if q:
        a, b = q[-1]
        return a or b
    return ""


def _recipients(text, ss, start, clause_before, cs, companies) -> list[str]:
    # 1. companies mentioned earlier in the same sentence
    in_sentence = [(s, name) for name, s, e in companies if ss <= s and e <= start]
    if in_sentence:
        in_sentence.sort()
        names = []
        for _, name in in_sentence:
            if name not in names:
                names.append(name)
        return names
    # 2. a counted group: "12 户企业", "4 个项目"
    before = text[ss:start]
    groups = list(_GROUP.finditer(before))
    if groups:
        g = groups[-1].group("g")
        return [re.sub(r"\s+", " ", g).strip()]
    # 3. the object of 给予/向/支持...
    gm = None
    for gm in _GIVE.finditer(clause_before):
        pass
    if gm:
        return [gm.group("r").strip("“”")]
    # 4. the subject of 获批/获得
    sm = None
    for sm in _SUBJECT.finditer(clause_before):
        pass
    if sm:
        r = sm.group("r").strip()
        r = re.sub(r"^(?:其中|全市|全省|全县|全区|目前|近年来|今年|去年|\d{4}\s*年(?:度)?|我市|我省|我县|我区)+", "", r).strip()
        if 2 <= len(r) <= 20 and not re.search(r"[省市县区]?(?:政府|财政)", r):
            return [r]
    return []
