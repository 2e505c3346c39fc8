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
    # A trailing 资金 belongs to the investment word (投入资金 is not a grant).
    "investment": r"(?:总投资|投资|投入|概算|预计|签约金额|签约|完成投|计划投|造价)(?:资金)?",
    "grant": r"补助|补贴|奖励|奖补|专项资金|资金支持|扶持资金|扶持|下达|拨付|争取|获批|获得|经费|后补助|以奖代补|专项|"
             r"支持|安排|财政|公益金|转移支付|资金",
    "other": r"营业收入|收入|产值|GDP|销售|营收|利润|金额|价格|收费|工资|规模|总额|交易额|成交|增加值|出口|进口|票价|存款|余额|市值",
}
_KIND_RX = {k: re.compile(v) for k, v in KINDS.items()}
_GROUP = re.compile(r"(?<![\u4e00-\u9fffA-Za-z])(?P<g>\d+\s*(?:个|户|家|名|所|项|批|位|座|村)[\u4e00-\u9fff]{1,16}?)(?=共|获|争取|累计|分别|各|申报|列入|入选|被|得到|\s|$)")
_GIVE = re.compile(r"(?:给予|拨付给|下达给|奖励|补助|支持|向|为)(?P<r>[\u4e00-\u9fff“”]{2,18}?)(?:安排|拨付|下达|给予|补助|奖励|资金|经费|项目|\d)")
_SUBJECT = re.compile(r"(?P<r>[^,，;；:：。“”\"]{2,24}?)(?:共|均|已|先后|分别|累计|成功)?(?:获批|获得|争取到|争取|得到|申请到|获)")
_PROGRAM = re.compile(
    r"(?P<p>(?:《[^》]{2,40}》|“[^”]{2,20}”|[\u4e00-\u9fff\d（）()“”]){2,40}?"
    r"(?:专项资金|资金|基金|计划|工程|专项|补助|补贴|经费|奖励|奖补))(?:\s*(?:支持|奖励|共|合计))?\s*$")
_PROGRAM_VERBS = re.compile(r"(?:获批|获得|争取到|争取|安排|下达|拨付|给予|申请|落实|兑现|发放|统筹|使用|投入|筹措|列入)")
_SENTENCE_END = "。;;!?！？\n"
_CLAUSE_END = _SENTENCE_END + ",，:："


def _span_bounds(text: str, start: int, end: int, stops: str) -> tuple[int, int]:
    """The sentence (or clause) around ``start:end``: bounded by ``stops``."""
    s = max(text.rfind(c, 0, start) for c in stops) + 1
    e = min((i for i in (text.find(c, end) for c in stops) if i >= 0), default=len(text))
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
        if re.search(r"工程|项目|改造|公路|道路|管网|设施", before):
            return "investment"  # a project's cost: 备用水源工程3700万元
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
                pm = None
                for pm in re.finditer(r"每(?P<p>[年月户村人亩个家所台套吨])", clause_before):
                    pass  # the rate nearest the amount: 每人每月补助 500 元 -> 月
                if pm:
                    per = pm.group("p")
        kind = _kind(clause_before if clause_before.strip() else sentence_before, text[end:ce])
        program = _program(clause_before)
        if re.fullmatch(r"(?:项目|专项|补助|奖励|扶持)?资金|经费", program or "") or not program:
            # 获批 2022 年省级中试基地,获批项目资金 200 万元: the designation names the program.
            dm = None
            for dm in re.finditer(r"(?:获批|列入|认定为|入选|纳入)\s*(?:\d{4}\s*年(?:度)?)?\s*(?P<p>[^,，。;；]{3,30})",
                                  text[ss:cs]):
                pass
            if dm:
                program = dm.group("p").strip()
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
    m = _PROGRAM.search(tail)
    if m:
        p = re.sub(r"^\d*\s*年(?:度)?", "", m.group("p").strip())
        p = re.sub(r"(?:共|合计|总计)$", "", p)
        return p
    q = re.findall(r"《([^》]{2,40})》|“([^”]{2,20})”", clause_before)
    if q:
        a, b = q[-1]
        return a or b
    return ""


_MONEY_WORD = re.compile(r"^(?:奖励|补助|补贴|资金|支持|经费|奖补|扶持|专项资金|概算|预计|计划|该)|(?:奖励|补助|资金|经费)$|^[^\u4e00-\u9fff\d“]")
_OBJECT = re.compile(
    r"(?:支持|给予|安排|下达|转移支付|拨付|补助|奖励|投入|为|向)(?:了)?(?P<r>[^,，。;；:：]{2,30}?)"
    r"(?=\d[\d.,\s]*(?:万|亿|元)|[一二三四五六七八九十两]{1,4}[千百万亿]|(?:基础设施)?建设|争取|专项|资金|经费|公益金|共|合计|$)")
_OBJECT_OF_DUI = re.compile(r"对(?P<r>[^,，。;；]{2,40}?)(?:给予|安排|补助|奖励|支持)了?\s*$")
_PURPOSE = re.compile(
    r"^\s*(?:元|资金|的资金)?[^,，。;；]{0,6}?(?:用于|支持了?|作为|实施了?|[,，]\s*对|[,，]\s*用于|[,，]\s*支持)(?:支持)?"
    r"(?P<r>[^,，。;；]{2,40}?(?:项目|工程)|[^,，。;；]{2,30}?)(?=建设|项目资金|资金|实行|的|[,，。;；]|$)")
_REGION_HEAD = re.compile(r"^(?P<r>[\u4e00-\u9fff]{2,6}?[省市县区州镇乡村])(?=[\u4e00-\u9fff]{0,8}?(?:防治|体彩|建设|发展|专项|资金|治理|公益金))")
_LEAD_WORDS = re.compile(r"^(?:其中|包括|另外|此外|同时|全市|全省|全县|全区|目前|近年来|今年|去年|我局|我委|我厅|已|共|累计|"
                         r"\d{4}\s*年(?:度)?|\d{4}年\s*[-—至~]\s*\d{4}年|自\d{4}年至\d{4}年)+")
_SUBJECT_VERB = re.compile(r"(?P<r>[^,，;；:：。“”\"]{2,30}?)(?:共|均|已|先后|分别|累计|成功|计划|预计)?"
                           r"(?:获批|获得|争取到|得到|申请到|投资|投入资金|投入|获)")


def _earlier_project(text: str, cs: int) -> str | None:
    """The project an amount clause refers back to, from up to two clauses
    before it, skipping method clauses (按…计算)."""
    end = cs - 1
    for _ in range(2):
        if end <= 0:
            return None
        ps, _e = _span_bounds(text, end, end, _CLAUSE_END)
        clause = text[ps:end].strip()
        end = ps - 1
        if not clause or re.match(r"^(?:按|根据|按照|其中|以)", clause):
            continue
        clause = re.sub(r"规划$", "", clause)
        clause = re.sub(r"\d[\d.,\s]*(?:平方米?|米|公里|千米|亩|座|个|处)$", "", clause).strip()
        for sep in ("建设", "新建", "修建", "实施", "的", "中"):
            head, found, tail = clause.rpartition(sep)
            if found and len(tail) >= 3 and not (sep == "建设" and tail in ("项目", "工程")):
                clause = tail if sep not in ("新建", "修建") else sep + tail
        clause = _tidy(clause)
        if 3 <= len(clause) <= 30:
            return clause
        return None
    return None


def _tidy(r: str) -> str:
    r = _LEAD_WORDS.sub("", r.strip()).strip()
    r = re.sub(r"^(?:进行|开展|推进|完成)", "", r)
    r = re.sub(r"(?:需要|需|拟|计划|预计)$", "", r).strip()
    m = _REGION_HEAD.match(r)
    return m.group("r") if m else r


def _recipients(text, ss, start, clause_before, cs, companies) -> list[str]:
    end_of_amount = text.find("元", start)
    # Recipients are given as written; the catalog links them to canonical names.
    clause_companies = [(s, text[s:e]) for name, s, e in companies if cs <= s and e <= start]
    sentence_companies = [(s, text[s:e]) for name, s, e in companies if ss <= s and e <= start]

    def names(pairs):
        out = []
        for _, name in sorted(pairs):
            if name not in out:
                out.append(name)
        return out

    # "各获得": every company of the sentence gets the amount.
    if re.search(r"各(?:获得|获|补助|奖励|支持|给予|安排|拨付)?\s*$", text[max(ss, start - 8):start]):
        if len(names(sentence_companies)) > 1:
            return names(sentence_companies)
    if clause_companies:
        return names(clause_companies)[-1:]
    dm = _OBJECT_OF_DUI.search(clause_before)
    if dm:
        return [_tidy(dm.group("r"))]
    om = None
    for om in _OBJECT.finditer(clause_before):
        pass
    if om and om.end() >= len(clause_before) - 24:
        r = _tidy(om.group("r"))
        if len(r) >= 2 and not _MONEY_WORD.match(r):
            return [r.strip("“”\"")]
    after = text[start:start + 80]
    am = re.search(r"(?:万|亿)?元", after)
    if am:
        pm = _PURPOSE.match(after[am.end():])
        if pm:
            r = _tidy(pm.group("r"))
            if len(r) >= 2 and not _MONEY_WORD.match(r):
                return [r]
    groups = list(_GROUP.finditer(clause_before)) or list(_GROUP.finditer(text[ss:start]))
    if groups:
        return [re.sub(r"\s+", " ", groups[-1].group("g")).strip()]
    if sentence_companies:
        return names(sentence_companies)[-1:]
    # 该项目拟投资…/工程概算预计…: the project is named in an earlier clause.
    if re.match(r"^\s*(?:该)?(?:工程|项目)?(?:规划)?(?:拟|计划)?(?:总)?(?:概算|投资|预计)", clause_before):
        prev = _earlier_project(text, cs)
        if prev:
            return [prev]
    sm = None
    for sm in _SUBJECT_VERB.finditer(clause_before):
        pass
    if sm:
        r = _tidy(sm.group("r"))
        if (2 <= len(r) <= 24 and not re.search(r"(?:政府|财政|我局|我委|中央|省级|市级)$", r)
                and not re.match(r"^(?:该|概算|预计|计划)", r)):
            return [r]
    # A bare project name right before the amount: 、建城区管网改造300万元
    bare = _tidy(re.split(r"[、]", clause_before)[-1])
    if 4 <= len(bare) <= 24 and re.search(r"(?:工程|项目|改造|建设|阶段)$", bare) and not _KIND_RX["grant"].search(bare):
        return [bare]
    return []
