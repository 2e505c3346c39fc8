"""Money amounts: every yuan amount with its value, kind, recipient and program.

A number is money when it ends in 元 (``200 万元``, ``二百万元``, ``1万元/户``),
or ends in 万/亿 right before a money noun (``100 万科技专项资金``). Counts
(``1.1 万户``, ``509 项``), percentages and words that merely contain 元
(``三元前驱体``, ``多元``) are not. Values are exact ``Decimal`` yuan.

Input is simplified Chinese with ASCII digits and punctuation folded (the
script-fold layer in front of extraction); ``，。`` may be full- or half-width.

Every step is linear in the text: sentence, clause and paragraph bounds are
found once and looked up by bisection, company mentions are looked up by
bisection, and every regex runs on a bounded window around the amount.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal
from functools import lru_cache

from replycli.extract.numerals import parse_number
from replycli.extract.wordlists import alternation, first_chars, load

_CN = "零〇○一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|[{_CN}]{{1,12}}(?:点[{_CN}]{{1,4}})?)"
_UNIT = r"(?:万亿|千万|百万|十万|万|亿)"
# A rate's unit after the slash: one character (户, 村, 亩, 年) or a two-character
# measure word; never the verb that follows (50万元/村给予补助 -> 村).
_PER_UNIT = r"(?:平方米|平米|立方米|公里|人次|个月|千瓦|[\u4e00-\u9fff])"
AMOUNT = re.compile(
    # Fails fast where no match can start (a first character of pre, a space or a numeral):
    # the same matches, the rest of the pattern tried at far fewer positions.
    rf"(?=[约近超逾达共合累总高不最\s\d{_CN}])"
    rf"(?P<pre>约|近|超过|超|逾|达到|达|共计|共|合计|累计|总计|高达|不低于|不超过|最高)?\s{{0,3}}"
    rf"(?P<num>{_NUM})\s*(?P<approx>余|多)?\s*"
    rf"(?:(?P<rangeunit>{_UNIT})?\s*(?:元)?\s*(?P<dash>[-~—–至到])\s*(?P<num2>{_NUM})\s*(?P<approx2>余|多)?\s*)?"
    rf"(?P<unit>{_UNIT})?\s*(?P<yuan>元)?"
    rf"(?:\s*/\s*(?P<per>{_PER_UNIT})|(?P<perword>每[\u4e00-\u9fff]{{1,2}}))?"
)
# 元素, 元件, 元宇宙, 元器件, 元旦, 元首, 元老, 一元化, 二元论, 公元前, 元帅, 元月, 元宵
_NOT_YUAN_WORD = "素件宇器旦首老化论前帅月宵"
_MONEY_AFTER = re.compile(r"^\s*(?:的|人民币)?[\u4e00-\u9fff“”\"]{0,8}?(?:资金|经费|补助|奖励|补贴|奖补|贷款|投资|拨款|基金|专项|扶持|支持)")
_COUNT_AFTER = re.compile(r"^\s*" + alternation("amount_count_units"))
_MONEY_BEFORE = re.compile(r"(?:投资|资金|补助|奖励|补贴|拨付|下达|安排|争取|获得|贷款|融资|营收|收入|产值|经费|金额|投入)[^,。;，；]{0,6}$")

_KIND_ORDER = ("tax", "loan", "investment", "grant", "other")
_KIND_RX = {k: re.compile(alternation(f"amount_kind_{k}")) for k in _KIND_ORDER}
# 再贴现资金, 贷款资金: a trailing 资金 belongs to the loan word.
_KIND_RX["loan"] = re.compile(alternation("amount_kind_loan") + "(?:资金)?")
# 缴纳各项税费: taxes paid are revenue (other), not relief.
_KIND_RX["other"] = re.compile("(?:缴纳|上缴|缴)[^,，。;；\\d]{0,6}?税(?:费|款|金|收)?|" + alternation("amount_kind_other"))
# A trailing 资金 belongs to the investment word (投入资金 is not a grant).
# 投入农村饮水安全资金: money put in, with its purpose between the verb and 资金.
_KIND_RX["investment"] = re.compile("投入[^,，。;；\\d]{1,10}?资金|" + alternation("amount_kind_investment") + "(?:资金)?")
# Verbs of an allocation: money passed down stays a grant even when it is spent on building.
_ALLOCATION = re.compile(r"下达|拨付|分配|下拨|划拨|补助|补贴|奖励|奖补|争取|获批|获得|转移支付|专项资金|扶持|以奖代补")
# 用于…建设/改造 after an amount that no allocation verb introduces: money spent on a project.
_BUILD_USE = re.compile(r"^[^,，。;；]{0,8}?用于[^。;；]{0,40}?(?:建设|改造|新建|改扩建|修建|提升工程)")

_HEADS = alternation("amount_entity_heads")
_END_VERBS = alternation("amount_recipient_end_verbs")
# A name never starts with the tail of a verb or a particle (给予 -> 予某某公司).
_BAD_NAME_START = frozenset(load("amount_name_bad_starts"))
_PLACE = r"(?:省|市|县|区|州|盟|旗|镇|乡|村|街道|社区)"
# A noun phrase that names an entity: ends in an entity head or a place suffix.
# The lookahead (the first characters of the heads and place suffixes) spares each
# step of the lazy name a try of every head: the same matches, in 40% of the time.
_ENTITY_NP = re.compile(rf"[\u4e00-\u9fff\dA-Za-z()（）“”]{{1,30}}?(?=[{first_chars('amount_entity_heads')[1:-1]}省市县区州盟旗镇乡村街社])"
                        rf"(?:{_HEADS}|{_PLACE})(?:[(（][^)）]{{1,8}}[)）])?")
_NOT_ENTITY = re.compile(r"^(?:全|我|本|该|此|各|其|这|省级|市级|县级|中央|财政|政府|资金|按照?|根据|依据|每)|(?:资金|经费|收入|产值|补助|奖励|支出|投资|贷款)")

_GROUP = re.compile(r"(?<![\u4e00-\u9fffA-Za-z])(?P<g>\d+\s*(?:个|户|家|名|所|项|批|位|座|村)[\u4e00-\u9fff]{1,16}?)(?=共|获|争取|累计|分别|各|申报|列入|入选|被|得到|\s|$)")
_PROGRAM = re.compile(
    r"(?P<p>(?:《[^》]{2,40}》|“[^”]{2,20}”|[\u4e00-\u9fff\d（）()“”]){2,40}?"
    # (the lookahead: the head words' first characters, tried before the words)
    r"(?=[专资基计工补经奖])(?:专项资金|资金|基金|计划|工程|专项|补助|补贴|经费|奖励|奖补))(?:\s*(?:支持|奖励|共|合计))?\s*$")
_PROGRAM_VERBS = re.compile(r"(?:获批|获得|争取到|争取|安排|下达|拨付|给予|申请|落实|兑现|发放|统筹|使用|投入|筹措|列入)")
_SENTENCE_END = "。;；!?！？\n"
_CLAUSE_END = _SENTENCE_END + ",，:："
# How far back (characters) the rules look for a clause or sentence: a
# sentence longer than this is read from this window only.
_WINDOW = 400
# Stops compiled once: _Bounds runs on every reply.
_SENTENCE_STOP = re.compile(f"[{re.escape(_SENTENCE_END)}]")
_CLAUSE_STOP = re.compile(f"[{re.escape(_CLAUSE_END)}]")
_LINE_BREAK = re.compile("\n")


class _Bounds:
    """Sentence, clause and paragraph bounds of a text, found once.

    ``around(kind, start, end)`` gives the span of that kind containing
    ``start:end`` by bisection over the precomputed boundary positions.
    """

    def __init__(self, text: str):
        self.n = len(text)
        self.stops = {
            "sentence": [m.start() for m in _SENTENCE_STOP.finditer(text)],
            "clause": [m.start() for m in _CLAUSE_STOP.finditer(text)],
            "paragraph": [m.start() for m in _LINE_BREAK.finditer(text)],
        }

    def around(self, kind: str, start: int, end: int) -> tuple[int, int]:
        pos = self.stops[kind]
        i = bisect_left(pos, start)
        s = pos[i - 1] + 1 if i else 0
        j = bisect_left(pos, end)
        e = pos[j] if j < len(pos) else self.n
        return s, e

    def clauses_before(self, start: int, floor: int, limit: int = 12):
        """Clause spans ending before ``start`` and starting at or after ``floor``, nearest first."""
        pos = self.stops["clause"]
        i = bisect_left(pos, start) - 1
        while i >= 0 and limit > 0:
            e = pos[i]
            s = pos[i - 1] + 1 if i else 0
            if e < floor:
                return
            yield max(s, floor), e
            i -= 1
            limit -= 1


_VERB_LEAD = re.compile(r"^(?:共|已|累计|先后|均|再|还)?" + _END_VERBS + r"|^(?:共|已|累计|先后|均|再|还)(?:为|向|给|对)")


# Pure string functions that the rules ask again and again about the same strings
# (twice per amount, and again for every amount of a clause): cached, the same answers.
@lru_cache(maxsize=1024)
def _strip_bad_start(name: str) -> str:
    """``name`` without the verb tail or particle it was cut after (予某某公司 -> 某某公司),
    and without a verb of giving read into it (共减免某某公司 -> 某某公司, 共为 -> "")."""
    name = _VERB_LEAD.sub("", name)
    i = 0
    while i < len(name) and name[i] in _BAD_NAME_START:
        i += 1
    return name[i:]


class _Mentions:
    """Company mentions ``(name, start, end)`` sorted by start, for range look-ups."""

    def __init__(self, companies):
        items = []
        for name, s, e in companies:
            # 予某某有限公司 (from 给予…): the mention starts after the verb's tail.
            cut = len(name) - len(_strip_bad_start(name))
            if len(name) - cut >= 2:
                items.append((s + cut, e, name[cut:]))
        self.items = sorted(items, key=lambda x: (x[0], x[1]))
        self.starts = [s for s, _e, _n in self.items]

    def within(self, lo: int, hi: int) -> list[tuple[int, int]]:
        out = []
        for s, e, _name in self.items[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]:
            if e <= hi:
                out.append((s, e))
        return out


def _value(num: str, unit: str | None) -> Decimal | None:
    n = parse_number(num)
    if n is None:
        return None
    factor = {"万亿": 10**12, "千万": 10**7, "百万": 10**6, "十万": 10**5, "万": 10**4, "亿": 10**8}.get(unit or "", 1)
    return n * factor


@lru_cache(maxsize=256)
def _kind_before(before: str) -> str | None:
    # Pure, and asked up to five times about the same clause (_amount_kind, _kind).
    best, best_pos = None, (-1, 0, False)
    for kind in _KIND_ORDER:
        for m in _KIND_RX[kind].finditer(before):
            # The word nearest the amount wins; on a tie the longer word (纳税 over 税,
            # 预算内投资 over 投资), then any kind over grant.
            pos = (m.end(), m.end() - m.start(), kind != "grant")
            if pos > best_pos:
                best, best_pos = kind, pos
    return best


_PROJECT_WORD = re.compile(r"工程|项目|改造|公路|道路|管网|设施")


def _kind(before: str, after: str, previous: str | None = None) -> str:
    best = _kind_before(before)
    if best is None:
        for kind in _KIND_ORDER:
            if _KIND_RX[kind].search(after[:12]):
                return kind
        if _PROJECT_WORD.search(before):
            return "investment"  # a project's cost: 甲镇污水处理工程3700万元
        # 其中甲市1200万元、乙市800万元: the parts of a total are of the total's kind.
        return previous or "other"
    return best


_ENDS_CLAUSE = re.compile(r"^\s*(?:[,，。;；)）]|$)")


def _is_money(m: re.Match, text: str) -> bool:
    num = m.group("num")
    if m.group("yuan"):
        nxt = text[m.end():m.end() + 1]
        if nxt and nxt in _NOT_YUAN_WORD and not m.group("unit"):
            return False
        if not num[0].isdigit():
            # 三元前驱体, 一元化: a lone Chinese digit before 元 is a word, not money
            if len(num) == 1 and not m.group("unit"):
                return False
        return True
    # (most numbers stop here: a bare number without 元 or a unit, a year, a count)
    if not m.group("unit") and "万" not in num and "亿" not in num:
        return False
    after = text[m.end():m.end() + 16]
    if _COUNT_AFTER.match(after):
        return False
    if _MONEY_AFTER.match(after):
        return True
    before = text[max(0, m.start() - 12):m.start()]
    return bool(_MONEY_BEFORE.search(before)) and bool(_ENDS_CLAUSE.match(after))


def _amount_matches(text: str):
    """The money matches of the text, in order."""
    for m in AMOUNT.finditer(text):
        if not m.group("num") or not _is_money(m, text):
            continue
        num = m.group("num")
        if num[0] in "十百千万亿" and len(num) == 1:
            continue
        value = _value(num, m.group("unit"))
        if value is None or value == 0:
            continue
        yield m, value


# 各获得…, 各下拨救灾资金…: one amount to each listed recipient (not 各类/各项/各级…资金).
_EACH = re.compile(r"各(?:获得|获|补助|奖励|支持|给予|安排|拨付)?\s*$"
                   r"|各(?![类项级种地部])(?:获得|补助|奖励|支持|给予|安排|拨付|下拨|下达|分配)[\u4e00-\u9fff]{0,8}?"
                   r"(?:资金|补助|奖励|补贴|经费|奖补)\s*$")
_EVERY = re.compile(r"每(?:家|户|个)(?:企业|项目)?(?:获得|补助|奖励)?\s*$")
# The patterns extract_amounts applies per amount, compiled once rather than
# looked up in re's cache on every call.
_RATE_PER = re.compile(r"每(?P<p>[年月户村人亩个家所台套吨])")
_BARE_FUND = re.compile(r"(?:项目|专项|补助|奖励|扶持)?资金|经费")
_PROGRAM_DESIGNATION = re.compile(r"(?:获批|列入|认定为|入选|纳入)\s*(?:\d{4}\s*年(?:度)?)?\s*(?P<p>[^,，。;；]{3,30})")
_PART_OPENER = re.compile(r"^\s*(?:其中|包括)")
_PART_OPENER_COLON = re.compile(r"^\s*(?:其中|包括)[:：]?")
_LIST_MODIFIER = re.compile(r"^[^、]*的(?=[^、的]{2,})")


def extract_amounts(text: str, companies=()) -> list[dict]:
    """Find amounts; ``companies`` are ``(name, start, end)`` mentions used
    for recipients."""
    out = []
    bounds = _Bounds(text)
    mentions = _Mentions(companies)
    found = list(_amount_matches(text))
    spans = [(m.start("num"), m.end()) for m, _v in found]
    last_in_sentence: dict[int, str] = {}  # sentence start -> kind of the last amount
    last_in_paragraph: dict[int, str] = {}  # paragraph start -> kind of the last amount
    last_recipient: dict[int, str] = {}  # sentence start -> recipient of the last amount that has one
    for idx, (m, value) in enumerate(found):
        num = m.group("num")
        unit = m.group("unit")
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
        approx = (m.group("pre") or "") + (m.group("approx") or "")
        # Drop a leading total word from the span (共/达 etc.), keep 约/近/超.
        if m.group("pre") in ("共", "共计", "合计", "累计", "总计", "达", "达到"):
            written = text[m.start("num"):end]
            start = m.start("num")
        ss, se = bounds.around("sentence", start, end)
        ss = max(ss, start - _WINDOW)
        cs, ce = bounds.around("clause", start, end)
        cs, ce = max(cs, start - _WINDOW), min(ce, end + _WINDOW)
        ps, _pe = bounds.around("paragraph", start, end)
        ps = max(ps, start - 4 * _WINDOW)
        sentence_before = text[ss:start]
        clause_before = text[cs:start]
        after = text[end:min(len(text), end + 80)]
        per = m.group("per") or ""
        if not per:
            pw = m.group("perword") or ""
            if pw:
                per = pw[1:]
            else:
                pm = None
                if "每" in clause_before:  # most clauses have no rate: no scan
                    for pm in _RATE_PER.finditer(clause_before):
                        pass  # the rate nearest the amount: 每人每月补助 500 元 -> 月
                if pm:
                    per = pm.group("p")
        kind = _amount_kind(clause_before, sentence_before, text[end:ce], after, last_in_sentence.get(ss),
                            last_in_paragraph.get(ps))
        last_in_sentence[ss] = last_in_paragraph[ps] = kind
        program = _program(clause_before)
        if "分别" in program:
            program = ""
        if _BARE_FUND.fullmatch(program or "") or not program:
            # 获批 2023 年省级示范基地,获批项目资金 50 万元: the designation names the program.
            dm = None
            for dm in _PROGRAM_DESIGNATION.finditer(text[ss:cs]):
                pass
            if dm:
                program = dm.group("p").strip()
        ctx = _Ctx(text, bounds, mentions, ss, cs, ps, start, end, clause_before, sentence_before, after, kind)
        tiers = _tier_recipient(ctx, spans, idx)
        recipients = [tiers] if tiers else _recipients(ctx)
        if not recipients and kind in ("grant", "loan", "investment"):
            # The paragraph's subject, named in an earlier clause or sentence:
            # 某某合作社入社满一年给予2万元,完成改制给予3万元 -> both to 某某合作社.
            topic = _earlier_topic(ctx) or _earlier_object(ctx)
            if not topic and ss in last_recipient and (not _PART_OPENER.match(clause_before)
                                                       or _SOURCE_PART.match(_PART_OPENER_COLON.sub("", clause_before))):
                # 为甲农场发放贴息贷款50万元,财政贴息2万元: the sentence's recipient carries on.
                topic = last_recipient[ss]
            if topic:
                recipients = [topic]
            else:
                # …支持某某生物科技有限公司发展。当年拨付扶持资金150万元: the enterprise of the paragraph.
                earlier = _names(text, mentions.within(max(ps, start - _WINDOW), ss))
                if earlier:
                    recipients = earlier[-1:]
        # 各 and 每 are rare before an amount: the patterns run only where one stands.
        each_window, every_window = text[max(ss, start - 16):start], text[max(ss, start - 8):start]
        each = ("各" in each_window and _EACH.search(each_window)) or ("每" in every_window and _EVERY.search(every_window))
        if each and len(recipients) == 1 and "、" in recipients[0]:
            # 安排甲镇、乙镇各50万元: one amount per listed recipient (受灾的甲镇、乙镇: without the modifier).
            recipients = [r for r in _LIST_MODIFIER.sub("", recipients[0]).split("、") if r]
        if each and len(recipients) > 1:
            targets = recipients
        else:
            targets = recipients[-1:] if recipients else [""]
        if targets[-1] and kind in ("grant", "loan", "investment", "tax"):
            last_recipient[ss] = targets[-1]
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


_LIST_TAIL = re.compile(r"、\s*[^,，、]{0,12}$")
_BARE_LIMIT = re.compile(r"\s*(?:最高|最多|上限|单笔|单户|每户|每家|每个|每人|每年|每村|累计|原则上)*\s*")
_STANDARD_AFTER = re.compile(r"^\s*(?:的)?(?:标准|比例|额度|上限)")
_SENTENCE_SPLIT = re.compile(r"[。;；]")


def _amount_kind(clause_before, sentence_before, clause_after, after, previous, previous_par=None) -> str:
    before = clause_before if clause_before.strip() else sentence_before
    part = _PART_OPENER.match(clause_before) or _LIST_TAIL.search(clause_before)
    if _kind_before(before) is None and not any(rx.search(clause_after[:12]) for rx in _KIND_RX.values()):
        # 按投资额的10%给予补助,最高不超过200万元: a bare limit takes the sentence's kind.
        if _BARE_LIMIT.fullmatch(before) and _kind_before(sentence_before):
            before = sentence_before
    label = _label(clause_before, sentence_before)
    if label is not None and _kind_before(before) is None and not any(rx.search(clause_after[:12]) for rx in _KIND_RX.values()):
        # A line of a list (乙镇150万元, 某某公司:80万元): the kind of the list's heading
        # (…分配情况如下:) or of the line before.
        heading = _kind_before(sentence_before)
        if heading or previous or previous_par:
            return heading or previous or previous_par
    if (_kind_before(before) is None and not any(rx.search(clause_after[:12]) for rx in _KIND_RX.values())
            and _STANDARD_AFTER.match(clause_after)):
        # 按照每村10万元的标准,对…给予扶持: a standard takes the kind of the rest of its sentence.
        rest = _SENTENCE_SPLIT.split(after)[0][:40]
        first = min(((m.start(), k) for k in _KIND_ORDER for m in [_KIND_RX[k].search(rest)] if m), default=None)
        if first:
            return first[1]
    kind = _kind(before, clause_after, previous if part else None)
    if kind == "grant" and not _ALLOCATION.search(before) and _BUILD_USE.match(after):
        return "investment"  # 安排资金300万元用于甲县污水管网改造
    return kind


_LABEL_LINE = re.compile(r"(?:^|[,，;；:：。])([^,，;；:：。]{2,30})[:：]\s*$")
_TRAILING_VERB = re.compile(r"(?:为|获|获得|共|达|计|约|近)$")


@lru_cache(maxsize=256)  # pure; asked by _amount_kind and again by _find_recipients
def _label(clause_before: str, sentence_before: str) -> str | None:
    """The entity a line of a list starts with, when nothing else stands before the
    amount: 乙镇150万元 -> 乙镇; 某某有限公司:80万元 -> 某某有限公司; None otherwise."""
    seg = clause_before.strip()
    if not seg:
        m = _LABEL_LINE.search(sentence_before)
        if m:
            seg = m.group(1)
    seg = _TRAILING_VERB.sub("", seg.strip()).strip()
    if not seg:
        return None
    ent = _entity(seg)
    # The whole segment is the name: 包括甲工程, 给予某某企业 are clauses, not labels.
    return ent if ent == seg and not _VERBISH.search(ent) else None


class _Ctx:
    __slots__ = ("text", "bounds", "mentions", "ss", "cs", "ps", "start", "end", "clause_before",
                 "sentence_before", "after", "kind")

    def __init__(self, text, bounds, mentions, ss, cs, ps, start, end, clause_before, sentence_before, after, kind=""):
        self.text, self.bounds, self.mentions = text, bounds, mentions
        self.ss, self.cs, self.ps, self.start, self.end = ss, cs, ps, start, end
        self.clause_before, self.sentence_before, self.after = clause_before, sentence_before, after
        self.kind = kind


_YEAR_LEAD = re.compile(r"^\d*\s*年(?:度)?")
_TOTAL_TAIL = re.compile(r"(?:共|合计|总计)$")
_QUOTED_NAME = re.compile(r"《([^》]{2,40})》|“([^”]{2,20})”")


@lru_cache(maxsize=256)  # pure; the amounts of one clause share it
def _program(clause_before: str) -> str:
    vm = None
    for vm in _PROGRAM_VERBS.finditer(clause_before):
        pass
    tail = clause_before[vm.end():] if vm else clause_before
    m = _PROGRAM.search(tail[-60:])
    if m:
        p = _YEAR_LEAD.sub("", m.group("p").strip())
        p = _TOTAL_TAIL.sub("", p)
        return p
    q = _QUOTED_NAME.findall(clause_before)
    if q:
        a, b = q[-1]
        return a or b
    return ""


_MONEY_WORD = re.compile(r"^(?:(?:省级|市级|县级|区级|中央|本级)?财政|省级|市级|县级|中央|工作|运营|运行|办公|启动|前期|管护|培训|日常)$|^(?:奖励|补助|补贴|资金|支持|经费|奖补|以奖代补|扶持|专项|工程款|进度款|款项|概算|预计|计划|该|额外|一次性|最高|不超过|金额|总额|额度|标准|每|固定资产|社会资本|民间资本)|"
                         r"(?:奖励|补助|资金|经费)$|^[^\u4e00-\u9fff\d“]")
# 市级工业发展…: a phrase headed by a level of government is a fund's name, not a recipient,
# unless it names an entity (省级示范企业).
_LEVEL_WORD = re.compile(rf"^(?:省级|市级|县级|区级|中央|本级|上级)(?!.*(?:{_HEADS})$)")
_OBJECT = re.compile(
    r"(?:支持|给予|安排|下达|分配|下拨|划拨|转移支付|拨付|补助|奖励|投入|为|向)(?:了)?(?P<r>[^,，。;；:：]{2,30}?)"
    r"(?<![\d.])(?=\d[\d.,\s]*(?:万|亿)?元|\d[\d.,\s]*(?:万|亿)(?![名户家人个所项])|[一二三四五六七八九十两]{1,4}[千百万亿]|(?:基础设施)?建设(?![\u4e00-\u9fff]{0,8}?(?:公司|集团|银行))|争取|专项|资金|经费|公益金|共计|合计|(?<!公)共(?=\s*[\d一二三四五六七八九十两])|$)")
# 对X给予(额外的|一次性)…: the object of 对 gets the money; also 对X按…(a rate).
_OBJECT_OF_DUI = re.compile(r"对(?P<r>[^,，。;；]{2,40}?)(?:(?:给予|安排|补助|奖励|支持)了?(?:额外的?|一次性|最高|不超过|每年|每户|每家|每个|每人|每村|每所|每项)?"
                            r"(?:奖励|补助|补贴|扶持|资金|支持|奖补|以奖代补|贴息|经费)*"
                            r"|(?:按照?|实行|执行)[^,，。;；]{0,12})\s*$")
# 将X(单笔)…额度提高至: the holder of a limit that is raised.
_LIMIT_OF = re.compile(r"将(?P<r>[^,，。;；]{2,40}?)(?:单笔|单户|每户|每家|的)?[^,，。;；]{0,6}?(?:额度|标准|上限)(?:提高|提升|调整|增加)(?:至|到)\s*$")
_PURPOSE = re.compile(
    r"^\s*(?:元|资金|的资金)?[^,，。;；]{0,6}?(?:用于|支持了?|作为|实施了?|建设|投入|[,，]\s*对|[,，]\s*用于|[,，]\s*支持)(?:支持|建设)?"
    r"(?P<r>[^,，。;；]{2,40}?(?:项目|工程)|[^,，。;；]{2,30}?)(?=建设|项目资金|资金|实行|的|\d+\s*[个所座家]|[,，。;；、]|$)")
# …万元,对X给予支持: the object named in the next clause.
# 投资1.2亿元的甲县某某产业园项目: the project the amount qualifies.
_OF_PROJECT = re.compile(r"^的(?P<r>[\u4e00-\u9fff\dA-Za-z“”()（）]{2,30}?(?:项目|工程))")
_NEXT_DUI = re.compile(r"^[^,，。;；]{0,8}?(?:[,，]\s*)?(?:用于)?对(?P<r>(?:(?!实行|实施|进行|开展|按照?|给予|予以)[^,，。;；]){2,40}?)"
                       r"(?:每户|每家|每个|每人|每村|分别|各)?(?:给予|进行|实施|予以|奖励|补助|补贴)")
# A place at the head of a purpose (甲县防汛设施建设 -> 甲县).
_REGION_HEAD = re.compile(r"^(?P<r>(?![全我本该各])[\u4e00-\u9fff]{1,6}?[省市县区州镇乡村])(?=[\u4e00-\u9fff]{0,8}?(?:防治|建设|发展|专项|资金|治理|公益金|债券|补助|奖补|衔接))")
# Administrative levels by suffix: a chain of places goes down the levels (甲市乙区丙镇).
_PLACE_LEVEL = {"省": 0, "自治区": 0, "市": 1, "州": 1, "盟": 1, "县": 2, "区": 2, "旗": 2,
                "镇": 3, "乡": 3, "街道": 3, "村": 4, "社区": 4}
_PLACE_CHUNK = re.compile(r"(?P<b>[\u4e00-\u9fff]{1,6}?)(?P<s>自治区|街道|社区|[省市州盟县区旗镇乡村])")
_NOT_PLACE = re.compile("^" + alternation("amount_not_places"))
_PLACE_SEP = re.compile(r"、|和|及")


_COMPANY_PREFIX = re.compile(r"[\u4e00-\u9fff()（）]{2,30}" + alternation("company_legal_suffixes"))
_HEAD_PREFIX = re.compile(rf"[\u4e00-\u9fff\dA-Za-z()（）]{{2,30}}(?:{_HEADS})")
# Words that say what kind of enterprise, not which one (中小, 民营, 科技型…).
_COLLECTIVE = re.compile(alternation("company_collective") + "+")


def _named_prefix(r: str) -> str | None:
    """The named entity a phrase starts with, before the purpose of the money:
    甲县某某中学食堂改造 -> 甲县某某中学; None when the words before the head only
    say what kind of entity it is (甲县中小企业发展 -> None: the county's fund)."""
    m = _HEAD_PREFIX.match(r)
    if not m:
        return None
    e = m.group(0)
    core = e[len(_place_prefix(e) or ""):]
    mod = core[:_HEAD_END.search(core).start()]
    if len(mod) < 2 or _COLLECTIVE.fullmatch(mod):
        return None
    return e


# 我县, 全市, 本区: the writer's own locality, a weaker recipient than one named after the amount.
_DEICTIC = re.compile(r"(?:我|本|全)(?:省|市|县|区|镇|乡)")


def _place_prefix(r: str, rest: int = 2) -> str | None:
    """The locality a phrase starts with, when something follows it:
    甲区城市更新 -> 甲区, 甲市乙区农机购置 -> 甲市乙区; None for 城市更新. At least
    ``rest`` characters must follow (0: the whole phrase may be the locality)."""
    pos, level, end = 0, -1, 0
    while True:
        m = _PLACE_CHUNK.match(r, pos)
        if not m or _NOT_PLACE.match(r, pos) or _PLACE_LEVEL[m.group("s")] <= level:
            sep = _PLACE_SEP.match(r[end:])
            if pos == end and end and sep and pos > 0:
                # 甲县、乙县农田水利: a list of places, each its own chain.
                pos, level = end + sep.end(), -1
                m = _PLACE_CHUNK.match(r, pos)
                if m and not _NOT_PLACE.match(r, pos):
                    level = _PLACE_LEVEL[m.group("s")]
                    pos = end = m.end()
                    continue
            break
        level = _PLACE_LEVEL[m.group("s")]
        pos = end = m.end()
    return r[:end] if end and len(r) - end >= rest else None


_COUNT_GROUP = re.compile(rf"(?<![\d.])(?P<g>\d+\s*(?:个|户|家|名|所|批|位|座)[\u4e00-\u9fff]{{0,12}}?(?:{_HEADS}|村))")
# 对成功在某板块上市(的)给予…: a condition, not an entity, unless it ends in one (…上市的企业).
_CONDITION = re.compile(rf"^(?:成功|在|实现|完成|首次|通过|获得|获评|被)(?!.*(?:{_HEADS})$)")
_HEAD_END = re.compile(rf"(?:{_HEADS})$")
_LEAD_WORDS = re.compile(r"^(?:[一二三四五六七八九十]是|共有(?=\d)|有(?=\d)|首先|其次|再次|最后|其中|包括|另外|此外|同时|全市|全省|全县|全区|目前|近年来|今年|去年|年度|本年度|全年|当年|年内|上半年|下半年|前三季度|我局|我委|我厅|已|共|累计|"
                         r"\d{4}\s*年(?:度)?|\d{4}年?\s*[-—至~]\s*\d{4}年|自\d{4}年至\d{4}年)+")
_SUBJECT_VERB = re.compile(r"(?:共|均|已|先后|分别|累计|成功|计划|预计)?(?:获批|获得|争取到|得到|申请到|投资|投入资金|投入|获)")
_STOPS_IN_CLAUSE = re.compile(r"[,，;；:：。“”\"]")


@lru_cache(maxsize=256)  # pure; the amounts of one sentence share it
def _last_subject(part: str) -> str | None:
    """The subject (2-30 characters, no stop) of the last verb of receiving or
    investing in ``part``: the text between the previous such verb, or the last
    stop, and this one."""
    found, prev = None, 0
    for v in _SUBJECT_VERB.finditer(part):
        seg = part[prev:v.start()]
        stops = list(_STOPS_IN_CLAUSE.finditer(seg))
        if stops:
            seg = seg[stops[-1].end():]
        if len(seg) >= 2:
            found = seg[-30:]
            prev = v.end()
    return found
_RECEIVER = re.compile(r"(?P<r>[^,，;；:：。“”\"]{2,24}?)(?:共|均|已|先后|累计|成功)?(?P<v>获批|获得|争取到|争取|得到|申请到|荣获|享受|获(?![奖悉得批取]))")
_DUI_CLAUSE = re.compile(r"(?:^|[,，])\s*对(?P<r>[^,，。;；]{2,30}?)[,，]")
# …拨付至甲县财政局: the recipient named after the amount.
_PAID_TO = re.compile(r"^[^,，。;；]{0,6}?(?:拨付|下达|分配|下拨|转拨|划拨)(?:至|到|给)?(?!到位|完毕|使用|下达|拨付)(?P<r>[^,，。;；]{2,30}?)(?=用于|[,，。;；]|$)")
# A phrase that starts with a verb or an adverb of effort is a predicate, not a subject.
_PREDICATE_START = "^" + alternation("amount_predicate_starts")
_PREDICATE_OPENER = re.compile(_PREDICATE_START)
_BAD_SUBJECT = re.compile(r"(?:政府|财政|我局|我委|中央|省级|市级|积极|主动|共计|合计)$|^(?:该|概算|预计|计划|项目|工程|总)|"
                          + _PREDICATE_START)
# A clause that is nothing but a project's name: 青川县物流园项目(一期)
_PROJECT_NAME = re.compile(r"(?P<p>[\u4e00-\u9fff\dA-Za-z“”]{4,40}?(?:项目|工程)(?:[(（][^)）]{1,8}[)）])?)")
# A clause that starts with a project as its subject: 甲镇灌溉渠道工程列入…, 某某项目已于…
_PROJECT_SUBJECT = re.compile(_PROJECT_NAME.pattern + r"(?=列入|纳入|已|于|由|位于|是|为|建成|完成|获批|通过|被|目前|总投资"
                                                      r"|占地|规划|计划|主要|总建筑面积|建筑面积|建设内容|地处)")
_BACK_REF = re.compile(r"^\s*(?:该|此|本)?(?:工程|项目)?(?:规划)?(?:拟|计划)?(?:总)?(?:概算|投资|预计)")


# …万元,重点支持甲县、乙县开展…; …万元,惠及农户1.2万户; …万元,为全县32所中小学安装…:
# the beneficiaries named in the next clause.
_BENEFIT = re.compile(r"^[^,，。;；]{0,8}?[,，]\s*(?:重点|主要|共|累计|直接|先后|全力)?"
                      r"(?P<v>惠及|覆盖|扶持|帮扶|帮助|支持|保障|救助|资助|为|向)(?P<r>[^,，。;；]{2,40})")
# A verb inside a phrase (two characters or more: 为 and 对 also sit inside names).
_PREDICATE_IN = re.compile(r"(?<=.{2})(?:" + "|".join(sorted(
    (re.escape(w) for w in load("amount_recipient_end_verbs") + load("amount_predicate_starts") if len(w) > 1),
    key=len, reverse=True)) + ")")
_ENTITY_PREFIX = re.compile(rf"(?P<r>[\u4e00-\u9fff\dA-Za-z、]{{1,30}}(?:{_HEADS}|{_PLACE}))")
# 农户1.2万户, 企业1800余家: a group written as noun and count.
_NOUN_COUNT = re.compile(r"[\u4e00-\u9fff]{2,10}?\d[\d.]*\s*(?:万|千)?(?:余|多)?\s*[户家个所名人村]")


_BUILD_START = re.compile(r"(?<=.{2})(?:建设|创建|争创|申报|打造)(?!银行)")
_COUNTED_NAME = re.compile(r"\d+\s*(?:个|户|家|名|所|批|位|座)[\u4e00-\u9fff]{2,12}")


def _beneficiary(phrase: str, verb: str) -> str | None:
    """The entity a clause of benefit names: the group it reaches (惠及农户1.2万户), a
    counted group (2800名创业人员), else the longest entity the phrase starts with."""
    head = phrase
    cut = _PREDICATE_IN.search(phrase)
    if cut:
        head = phrase[:cut.start()]
    # 甲县建设…示范县: the entity ends where building or applying starts.
    cut = _BUILD_START.search(head)
    if cut:
        head = head[:cut.start()]
    head = _tidy_lead(head)
    if _NOUN_COUNT.fullmatch(head):
        return head  # 惠及农户1.2万户, 保障困难群众2.1万人
    cg = _COUNTED_NAME.fullmatch(head)
    if cg:
        return head
    em = _ENTITY_PREFIX.match(head)
    if em:
        r = em.group("r")
        if all(_entity(x) for x in r.split("、")):
            return r
    cg = _COUNT_GROUP.match(head)
    if cg:
        return cg.group("g")
    return None


_REF_OPENER = re.compile(r"^(?:该|此|本|各|建设|重点|一批|你|您)")
_ALLOCATION_IN_NAME = re.compile(r"给予|安排|下达|拨付|争取|用于|获得")
_METHOD_OPENER = re.compile(r"^(?:按|根据|按照|其中|以)")
_PLAN_TAIL = re.compile(r"规划$")
_SIZE_TAIL = re.compile(r"\d[\d.,\s]*(?:平方米?|米|公里|千米|亩|座|个|处)$")
_DONE_TAIL = re.compile(r"(?:已经|已)?(?:顺利|全面)?(?:完成|完工|建成|竣工|投入使用|投用)$")
_LIST_OR_DIGIT = re.compile(r"[、\d]|等$")


def _earlier_project(ctx: _Ctx) -> str | None:
    """The project an amount clause refers back to: the nearest earlier clause
    of the paragraph that is only a project's name, else the object of a
    building verb in the two clauses before (skipping method clauses, 按…计算)."""
    text = ctx.text
    checked = 0
    for s, e in ctx.bounds.clauses_before(ctx.cs, ctx.ps):
        clause = _tidy_lead(text[s:e])
        pm = _PROJECT_NAME.fullmatch(clause) or _PROJECT_SUBJECT.match(clause)
        if pm and not _REF_OPENER.match(clause) and not _ALLOCATION_IN_NAME.search(pm.group("p")):
            return pm.group("p")
        if checked == 2 or not clause or _METHOD_OPENER.match(clause):
            continue
        checked += 1
        clause = _PLAN_TAIL.sub("", clause)
        clause = _SIZE_TAIL.sub("", clause).strip()
        cut = False
        # 甲镇文体中心顺利完成 -> 甲镇文体中心: the predicate of completion is not the name.
        clause = _DONE_TAIL.sub("", clause)
        for sep in ("建设", "新建", "修建", "实施", "的"):
            head, found, tail = clause.rpartition(sep)
            if found and len(tail) >= 3 and not (sep == "建设" and tail in ("项目", "工程")):
                clause = tail if sep not in ("新建", "修建") else sep + tail
                cut = True
        clause = _tidy(clause)
        if cut and 3 <= len(clause) <= 30 and not _LIST_OR_DIGIT.search(clause):
            return clause
    return None


@lru_cache(maxsize=1024)  # pure, and asked several times per amount about the same clause
def _tidy_lead(r: str) -> str:
    return _LEAD_WORDS.sub("", r.strip()).strip()


# _tidy's cuts, compiled once: it runs some twenty thousand times per thousand replies.
_TASK_LEAD = re.compile(r"^(?:进行|开展|推进|完成)")
_GIVING_VERB_ON = re.compile(r"(?<=.{2})" + _END_VERBS + ".*$")
_ADVERB_TAIL = re.compile(r"(?:需要|需|拟|计划|预计|总|共|累计|一次性|额外|最高|各|分别|均|再|另|还|每户|每家|每个|每人|每村)+$")
_MONEY_TAIL = re.compile(r"(?<=.{2})(?:授信|贷款|融资|担保|补助|补贴|奖励|奖补|以奖代补|贴息|扶持|专项|资金|经费)$")
_PAYER_TAIL = re.compile(r"(?<=.{2})(?<![自理经缘])由[\u4e00-\u9fff]{0,6}?(?:财政|政府|企业|公司|集团|社会资本|业主|单位|部门)$")
_INFRASTRUCTURE_PROJECT = re.compile(r"基础设施(?:建设)?(?:项目|工程)$")
_FACILITY_ON = re.compile(r"(?<=.{2})(?:的)?(?:基础|配套|公共服务|公共)设施.*$")
_FUND_LEVEL_ON = re.compile(rf"(?<=.{{2}})(?:省级|市级|县级|区级|中央|本级|上级)(?!.*(?:{_HEADS})$)(?!.*的).*$")
_YEAR_ON = re.compile(r"(?<=.{2})\d{4}\s*年.*$")


@lru_cache(maxsize=1024)  # pure; see _tidy_lead
def _tidy(r: str) -> str:
    r = _tidy_lead(r)
    r = _TASK_LEAD.sub("", r)
    # 向甲县拨付…, 为某某公司发放…: the recipient ends where the verb of giving starts.
    r = _GIVING_VERB_ON.sub("", r)
    r = _ADVERB_TAIL.sub("", r).strip()
    r = _MONEY_TAIL.sub("", r)
    # 甲县某某小学综合楼建设项目由县财政(投资): the agent that pays is not the recipient.
    r = _PAYER_TAIL.sub("", r)
    if not _HEAD_END.search(r):
        # 脱贫户发展特色产业 -> 脱贫户: an entity followed by its own predicate.
        pm = _PREDICATE_IN.search(r)
        if pm and (_entity(r[:pm.start()]) or _HEAD_END.search(r[:pm.start()])):
            r = r[:pm.start()]
    # 甲园区基础设施及项目 -> 甲园区: infrastructure is the purpose, not the recipient.
    if not _INFRASTRUCTURE_PROJECT.search(r):  # …基础设施建设项目 names a project
        r = _FACILITY_ON.sub("", r)
    # 我县中央预算内投资, 甲县省级…: the fund's level starts the money, not the recipient.
    r = _FUND_LEVEL_ON.sub("", r)
    # 甲县2023年度…补助: a recipient holds no year; the place before it is the recipient.
    r = _YEAR_ON.sub("", r)
    if _HEAD_END.search(r):
        return r  # 甲县某某村集体经济发展项目 names a project, not a place with a purpose
    cm = _COMPANY_PREFIX.match(r)
    if cm:
        return cm.group(0)  # 甲县城乡建设投资有限公司注入资本金: the enterprise, not its county
    m = _REGION_HEAD.match(r)
    return m.group("r") if m else r


_ENTITY_LEAD = re.compile(r"^(?:向|给|为|对|其中|包括)")
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1024)  # pure; see _tidy_lead
def _entity(r: str) -> str | None:
    """``r`` when it reads as an entity's name (ends in an entity head or a
    place suffix, is not a bare money or government word), else None."""
    r = _tidy_lead(r).strip("“”\"")
    r = _ENTITY_LEAD.sub("", r)
    if not (2 <= len(r) <= 30) or _NOT_ENTITY.search(r) or _DIGIT.search(r[-1]):
        return None
    return r if _ENTITY_NP.fullmatch(r) else None


def _names(text, pairs):
    out = []
    for s, e in sorted(pairs):
        name = text[s:e]
        if name not in out:
            out.append(name)
    return out


_LIST_SEP = re.compile(r"\s*(?:、|和|及|与|以及)\s*")
_TIER_LEAD = re.compile(r"^.*?(?:认定为|评为|评定为|认定|获评|被评为|列为|入选|获得|首次获得)")
_AMOUNTS_BETWEEN = re.compile(r"(?:[^、，,和及]*?元?\s*(?:[、，,和及]|以及)\s*)*")
_TIER_VERB = re.compile(r"^(?:奖励|补助|补贴|给予|支持|安排|下达|拨付|获得|获|为|达到?|是)*(?P<rest>.*)$")
_PREPOSITION_LEAD = re.compile(r"^(?:向|对|给|为)")
_CLAUSE_COMMA = re.compile(r"[,，:：]")
_DE_TAIL = re.compile(r"的$")
_MONEY_NOUN_TAIL = re.compile(r"(?:的)?(?:总投资|投资额?|资金|总额|金额|收入|支出|产值|营收|规模)(?:分别)?$")
_GIVING_VERB_LEAD = re.compile("^" + _END_VERBS)
_AMOUNT_GAP = re.compile(r"\s*(?:[、，,和及]|以及)\s*")


def _tier_recipient(ctx: _Ctx, spans, idx) -> str | None:
    """Tiers paired with amounts by 分别: 对认定为国家级、省级、市级示范企业的分别奖励
    100万元、30万元、10万元 -> the k-th amount goes to the k-th tier
    (国家级示范企业, 省级示范企业, 市级示范企业)."""
    text, ss, start = ctx.text, ctx.ss, ctx.start
    before = text[ss:start]
    fb = before.rfind("分别")
    if fb < 0:
        return None
    # The amounts between 分别 and this one, separated by 、/和/及 only.
    k = 0
    lo = ss + fb
    first = None
    for j in range(idx - 1, -1, -1):
        s, e = spans[j]
        if s < lo:
            break
        first = s
        k += 1
    tail_start = first if first is not None else start
    between_amounts = text[tail_start:start]
    if first is not None and not _AMOUNTS_BETWEEN.fullmatch(between_amounts):
        return None
    head_part = text[lo + 2:tail_start]  # 分别[verb]
    count = k + 1 + _count_following(ctx, spans, idx)
    items = None
    verb = _TIER_VERB.match(head_part)
    rest = verb.group("rest") if verb else head_part
    # 分别向甲镇、乙镇拨付防汛资金…: the list ends where the verb of giving starts.
    rest = _PREPOSITION_LEAD.sub("", rest)
    rest = _GIVING_VERB_ON.sub("", rest)
    if rest.strip():
        # 分别给予甲县、乙县100万元、80万元: the list stands after 分别.
        items = _split_items(rest)
    if not items or len(items) != count:
        cl = text[max(ss, lo - 80):lo]
        # 对认定为国家级、省级示范企业的,分别给予…: the list may stand a clause before 分别.
        cl = ([c for c in _CLAUSE_COMMA.split(cl) if c.strip()] or [""])[-1]
        cl = _PREPOSITION_LEAD.sub("", _tidy_lead(cl))
        cl = _TIER_LEAD.sub("", cl)
        cl = _DE_TAIL.sub("", cl)
        # 甲项目和乙项目总投资分别为…: the money word after the list is not part of the last item.
        cl = _MONEY_NOUN_TAIL.sub("", cl)
        # 下达甲县、乙县水毁修复资金分别为…: the places, without the verb and the purpose.
        cl = _GIVING_VERB_LEAD.sub("", cl)
        places = _place_prefix(cl)
        if places and _PLACE_SEP.search(places):
            cl = places
        items = _split_items(cl)
    if not items or len(items) != count or k >= len(items):
        return None
    return items[k]


def _count_following(ctx, spans, idx) -> int:
    n = 0
    text = ctx.text
    prev_end = spans[idx][1]
    for j in range(idx + 1, min(len(spans), idx + 30)):  # a list, not the rest of the text
        s, e = spans[j]
        gap = text[prev_end:s]
        if not _AMOUNT_GAP.fullmatch(gap):
            break
        n += 1
        prev_end = e
    return n


def _split_items(s: str) -> list[str] | None:
    s = s.strip()
    parts = [p for p in _LIST_SEP.split(s) if p]
    if len(parts) < 2 or any(len(p) > 30 for p in parts):
        return None
    last = parts[-1]
    heads = parts[:-1]
    # A head shared by all tiers is written once, after the last tier:
    # 国家级、省级、市级示范企业 -> 国家级示范企业 ...
    shared = ""
    if all(len(p) <= 4 for p in heads) and len(last) > max(len(p) for p in heads):
        c = heads[0][-1]
        if all(p[-1] == c for p in heads) and c in last:
            shared = last[last.index(c) + 1:]
        elif all(len(p) == len(heads[0]) for p in heads):
            shared = last[len(heads[0]):]
    if shared and not any(p.endswith(shared) for p in heads):
        parts = [p + shared for p in heads] + [last]
    return parts


_VERBISH = re.compile(alternation("amount_giving_verbs"))


# 其中中央资金…、省级配套…: a part named by where the money comes from, not who gets it.
_SOURCE_PART = re.compile(r"^(?:中央|省级?|市级?|县级?|区级|上级|本级|地方|自筹|社会|银行|企业自筹|财政)"
                          r"(?:财政|预算内|配套|专项|补助|债券|资金|投资|资本|自筹)")


_LIST_ITEM_SEP = re.compile(r"[、:：;；]|其中|包括|分别为?")
_PROJECT_END = re.compile(r"(?:工程|项目|改造|建设|阶段)$")


def _list_item(ctx: _Ctx) -> str | None:
    """An entity listed right before its amount: 其中甲市1200万元、乙市800万元 -> 甲市."""
    parts = _LIST_ITEM_SEP.split(ctx.clause_before)
    if len(parts) < 2:
        return None
    seg = parts[-1].strip()
    if _VERBISH.search(seg) or _SOURCE_PART.match(seg):
        return None
    seg = _TRAILING_VERB.sub("", seg)
    ent = _entity(seg)
    if ent:
        return ent
    # A bare project name in a list: 、甲镇管网改造300万元
    bare = _tidy(seg)
    if 4 <= len(bare) <= 24 and bare == _tidy_lead(seg) and _PROJECT_END.search(bare) and not _KIND_RX["grant"].search(bare):
        return bare
    return None


_SUPPORT_CLAUSE = re.compile(r"^(?:重点|积极|大力)?(?P<v>支持|帮助|扶持|指导|为)(?P<r>[^,，。;；]{2,40})")


_PUT_INTO = re.compile(r"(?:将|把)(?P<r>[^,，。;；]{2,30}?)(?:纳入|列入|作为|确定为|申报为|列为)")


def _earlier_object(ctx: _Ctx) -> str | None:
    """The entity an earlier clause of the sentence supports: 支持甲县建设…示范县,
    下达资金2000万元 -> 甲县."""
    for s, e in ctx.bounds.clauses_before(ctx.cs, ctx.ss, limit=3):
        clause = _tidy_lead(ctx.text[s:e])
        m = _SUPPORT_CLAUSE.match(clause)
        if m:
            return _beneficiary(m.group("r"), m.group("v"))
        # 已将乙县某某幼儿园改扩建项目纳入预算,安排资金…: the thing put in the budget or list.
        m = _PUT_INTO.search(clause)
        if m:
            r = _tidy(m.group("r"))
            if _entity(r) or _HEAD_END.search(r):
                return r
    return None


def _earlier_topic(ctx: _Ctx) -> str | None:
    """The subject of the nearest earlier clause of the paragraph that starts with an entity."""
    for s, e in ctx.bounds.clauses_before(ctx.cs, ctx.ps):
        t = _topic(ctx.text[s:e])
        if t:
            return t
    return None


_PLACE_SUBJECT_VERB = re.compile(r"(?:先后|已|共|累计|成功|均)?(?:被|获|荣获|入选|列入|纳入|成为|通过|是|作为|属于)")


_SUBJECT_HEAD = re.compile(rf"(?P<r>[\u4e00-\u9fff\dA-Za-z()（）“”]{{2,24}}?(?:{_HEADS})+)(?![\u4e00-\u9fff]{{0,2}}(?:{_HEADS}))")
_GOVERNMENT_WORD = re.compile(r"政府|党委|[省市县区]委|重视|我局|部门")
_BUILD_BEFORE_PROJECT = re.compile(r"建设(?=项目|工程)")
_EFFORT_ADVERB = re.compile(r"^(?:充分|积极|大力|进一步|持续|不断)(?=.)")
_NOT_SUBJECT_OPENER = re.compile(r"^(?:全|我|本|该|此|各|其|这|对|向|给|为|将|把|在|按|由|通过|支持|鼓励|引导|推动|加快|你|您|贵)")


def _topic(clause: str) -> str | None:
    """The entity a clause starts with, as a subject: 甲镇卫生院先后配置了… ->
    甲镇卫生院; 某某合作社入社满一年… -> 某某合作社."""
    cb = _tidy_lead(clause)
    m = _SUBJECT_HEAD.match(cb)
    if not m:
        # 甲村被评为示范村, 甲市乙区获…: a locality as the subject of a passive or of receiving.
        place = _place_prefix(cb)
        if place and _PLACE_SUBJECT_VERB.match(cb, len(place)):
            return place
        return None
    r = m.group("r")
    if (len(r) > 18 or "了" in r or _GOVERNMENT_WORD.search(r)
            or _VERBISH.search(_BUILD_BEFORE_PROJECT.sub("", r))
            or _PREDICATE_OPENER.match(_EFFORT_ADVERB.sub("", r))):
        return None
    if _NOT_SUBJECT_OPENER.match(r) or len(r) < 3:
        return None
    return r


def _recipients(ctx: _Ctx) -> list[str]:
    """The recipients the rules find, without conditions (成功上市), numbers, units and bare money words."""
    found = (_strip_bad_start(r) for r in _find_recipients(ctx))
    return [r for r in found if len(r) >= 2 and not _CONDITION.match(r) and not _BARE.fullmatch(r)
            and not _is_lender(r, ctx.clause_before)]


_LENDER = re.compile(r"(?:银行|支行|分行|信用社|农商行|担保公司|金融机构)$")


def _is_lender(r: str, clause_before: str) -> bool:
    """协调银行授信2亿元: the bank that lends is not the recipient (向金融机构发放…: it is)."""
    return bool(_LENDER.search(r)) and re.search(
        r"(?<![向为给对])" + re.escape(r) + r"\s*(?:授信|发放|放贷|提供|贷款|出借)", clause_before) is not None


_BARE = re.compile(rf".*\d\s*(?:万|亿)?元(?!.*(?:{_HEADS})$).*|[\d.,%\s万亿元个户家人、，;；]+|(?:省级|市级|县级|中央|本级)?(?:财政|政府|资金|经费|专项|项目|工程|固定资产|社会资本|民间资本)")


_BUILT_AFTER = re.compile(rf"^\s*(?:用于)?(?:建设|新建|兴建|打造|实施|建成)的?"
                          rf"(?P<r>[^,，。;；]{{2,30}}?(?:项目|工程)|[^,，。;；]{{2,30}}?(?:{_HEADS})(?=[,，。;；]|$))")
_RECEIVED_BEFORE = re.compile(r"获得|获批|争取到|得到|申请到|荣获")
_GIVER_AFTER = re.compile(r"\s*(?:已|共|累计|先后|积极|主动|分别|还|也)?(?:向|为|给|对)")


_CLAUSE_SPLIT = re.compile(r"[,，。;；]")


def _after_recipient(after: str) -> str | None:
    """The recipient named after the amount: paid to it, the project it qualifies, the
    object of a following 对, the purpose it is used for, the beneficiaries of the next clause."""
    pt = _PAID_TO.match(after)
    if pt:
        r = _tidy(pt.group("r"))
        if len(r) >= 2:
            return r
    om = _OF_PROJECT.match(after)
    if om:
        return om.group("r")
    nd = _NEXT_DUI.match(after)
    if nd:
        r = _tidy(nd.group("r"))
        if len(r) >= 2 and not _MONEY_WORD.match(r):
            return r
    pm = _PURPOSE.match(after)
    if pm:
        r = _tidy(pm.group("r"))
        if after[pm.end("r"):pm.end("r") + 1] in ("、", "和", "及"):
            # 用于支持甲镇、乙镇农村人居环境整治: the whole list of places.
            places = _place_prefix(_CLAUSE_SPLIT.split(after[pm.start("r"):])[0])
            if places and len(places) > len(r):
                r = places
        if len(r) >= 2 and not _MONEY_WORD.match(r):
            return r
    bm = _BENEFIT.match(after)
    if bm:
        r = _beneficiary(bm.group("r"), bm.group("v"))
        if r:
            return r
    return None


_BACK_REF_NP = re.compile(rf"^(?:该|此|这个|这家|这所)(?P<h>{_HEADS}|{_PLACE}|[院校园])")
# What a short back reference can point to: 该院 -> …医院/卫生院/学院, 该园区 -> …产业园.
_REF_FORMS = {"院": "医院|卫生院|学院|研究院|法院", "校": "学校|小学|中学|大学|学院",
              "园": "园区|产业园|工业园|科技园|示范园|园", "园区": "园区|产业园|工业园|科技园|示范园|园"}
_ENTERPRISE_REF = ("企业", "公司", "集团")
_COMPANY_IN = re.compile(r"[\u4e00-\u9fff()（）]{2,24}?" + alternation("company_legal_suffixes"))
# Words a name cannot run across when it is read backwards from its head.
_NAME_LEFT_STOP = re.compile(r"^.*(?:关于|支持|推动|促进|加快|帮助|指导|协调|针对|为|对|向|在|将|把|的|和|与|及|是|了|由|从|到)")


@lru_cache(maxsize=None)
def _subject_of_sentence(forms: str) -> re.Pattern:
    """A name ending in one of ``forms`` that opens a sentence or clause as its subject
    (one pattern per head, compiled once)."""
    return re.compile(rf"(?:^|[。;；,，!?！？\n])\s*(?P<n>[\u4e00-\u9fff\dA-Za-z()（）]{{2,24}}?(?:{forms}))"
                      r"(?=是|位于|成立|作为|由|于|已|现|主要|地处|属于|获|被|[,，])")


_DEICTIC_OPENER = re.compile(r"(?:该|此|这|本|各|全|我|你|您)")
_POINTING_OPENER = re.compile(r"(?:该|此|这|本|各|全|我)")
_PLACE_RX = re.compile(_PLACE)
_NOT_NAME_CHAR = re.compile(r"[^\u4e00-\u9fff\dA-Za-z()（）]")


def _resolve_back_ref(ctx: _Ctx, r: str) -> str | None:
    """该园区, 此项目, 该村, 该院 (also before a purpose: 该村道路硬化): the entity named
    earlier in the paragraph (甲县某某产业园是…。…投入该园区… -> 甲县某某产业园)."""
    m = _BACK_REF_NP.match(r)
    if not m:
        return None
    head = m.group("h")
    lo = max(ctx.ps, ctx.start - _WINDOW)
    window = ctx.text[lo:ctx.cs]
    if head in _ENTERPRISE_REF:
        names = _names(ctx.text, ctx.mentions.within(lo, ctx.cs))
        found = names[-1:] or [c.group(0) for c in _COMPANY_IN.finditer(window)][-1:]
        return _tidy_lead(found[0]) if found else None
    forms = _REF_FORMS.get(head, re.escape(head))
    # The subject of an earlier sentence or clause first (甲县某某产业园是…, 某某合作社成立于…).
    subject = None
    for sm in _subject_of_sentence(forms).finditer(window):
        n = _tidy_lead(sm.group("n"))
        if len(n) > len(head) and not _DEICTIC_OPENER.match(n):
            subject = n
    if subject:
        return subject
    is_place = _PLACE_RX.fullmatch(head) is not None
    i = len(window)
    while True:
        i = window.rfind(head, 0, i)
        if i < 0:
            return None
        seg = _NOT_NAME_CHAR.split(window[max(0, i - 24):i])[-1]
        seg = _NAME_LEFT_STOP.sub("", seg)
        if len(seg) >= (1 if is_place else 2) and not _POINTING_OPENER.match(seg):
            return seg + head


_DESIGNATED = re.compile(r"^被?(?:认定为|评为|评定为|确定为|列为|命名为|认定|获评)(?P<x>.{2,}?)的?$")


_DE_HEAD_END = re.compile(rf"的(?:{_HEADS})$")


def _dui_clause_object(ctx: _Ctx) -> str | None:
    """The object of a clause of its own, 对X, earlier in the sentence."""
    dm = None
    for dm in _DUI_CLAUSE.finditer(ctx.sentence_before[-160:]):
        pass
    # A clause is no object, unless it describes an entity (对获得国家科学技术奖的单位,…).
    if dm and (not _VERBISH.search(dm.group("r")) or _DE_HEAD_END.search(dm.group("r"))):
        r = _tidy(dm.group("r"))
        # 对被认定为国家级技能大师工作室的,给予…: the designation names the recipients.
        r = _DESIGNATED.sub(r"\g<x>", r)
        if len(r) >= 2 and not _MONEY_WORD.match(r) and not _CONDITION.match(r):
            return r
    return None


# _find_recipients' patterns, compiled once: it runs for nearly every amount.
_BEFORE_BRACKET = re.compile(r"(?:^|[、,，:：;；(（)）])(?P<r>[^,，。;；、:：()（）]{2,30})[(（]\s*$")
_PLACE_END = re.compile(_PLACE + "$")
_HEADED_LINE = re.compile(r"\s*(?P<r>[^,，。;；:：]{2,20})[:：]")
_SPACES = re.compile(r"\s+")
_YUAN_AMOUNT = re.compile(r"\d\s*(?:万|亿)?元")


def _find_recipients(ctx: _Ctx) -> list[str]:
    text, ss, cs, start = ctx.text, ctx.ss, ctx.cs, ctx.start
    clause_before = ctx.clause_before
    # Recipients are given as written; the catalog links them to canonical names.
    # 某某银行甲县支行向甲公司发放贷款: the giver (a mention right before 向/为/给) gets nothing.
    clause_companies = [(s, e) for s, e in ctx.mentions.within(cs, start) if not _GIVER_AFTER.match(text, e)]
    sentence_companies = ctx.mentions.within(ss, start)

    # "各获得": every company of the sentence gets the amount.
    each_window = text[max(ss, start - 16):start]
    if "各" in each_window and _EACH.search(each_window):
        if len(_names(text, sentence_companies)) > 1:
            return _names(text, sentence_companies)
    if ctx.kind == "investment":
        # 某某集团拟在甲县投资20亿元建设某某产业园: the project built, not the investor.
        bm = _BUILT_AFTER.match(ctx.after)
        if bm:
            return [bm.group("r")]
    if clause_companies:
        return _names(text, clause_companies)[-1:]
    item = _list_item(ctx) or _label(clause_before, ctx.sentence_before)
    if item:
        return [item]
    # 分配甲县(800万元)、乙县(600万元): the entity right before the bracket.
    pm = _BEFORE_BRACKET.search(clause_before)
    if pm:
        r = _tidy(pm.group("r"))
        if _entity(r) or _HEAD_END.search(r):
            return [r]
    tail = clause_before[-80:]  # the patterns below end at the amount: their match fits in this tail
    for rx in (_OBJECT_OF_DUI, _LIMIT_OF):
        dm = rx.search(tail)
        if dm:
            r = _tidy(dm.group("r"))
            if len(r) >= 2 and not _MONEY_WORD.match(r) and not _CONDITION.match(r):
                return [r]
    om = None
    for m in _OBJECT.finditer(tail):
        # 下达甲县农村公路建设补助资金: 补助 before 资金 is part of the fund's name, not a
        # second verb; the last object that is not a bare money word counts.
        if om is None or not _MONEY_WORD.match(_tidy(m.group("r"))):
            om = m
    if om and _RECEIVED_BEFORE.search(tail[:om.start()]):
        # 甲学院获得中央财政支持实训基地建设资金: 支持 names the fund; the subject receives.
        rm = _RECEIVER.match(_tidy_lead(clause_before))
        r = _tidy(rm.group("r")) if rm else ""
        if 2 <= len(r) <= 24 and not _BAD_SUBJECT.search(r) and _entity(r):
            return [r]
    if om and om.end() >= len(tail) - 24:
        r = _tidy(om.group("r"))
        r = _resolve_back_ref(ctx, r) or r
        if not _HEAD_END.search(r):
            # 给予某某有限公司固定资产投资…: the enterprise before the purpose of the money;
            # 下拨甲区城市更新补助资金: the place before it.
            cm = _COMPANY_PREFIX.match(r)
            r = cm.group(0) if cm else (_named_prefix(r) or _place_prefix(r) or r)
        if len(r) >= 2 and not _MONEY_WORD.match(r) and not _LEVEL_WORD.match(r) and not _DEICTIC.fullmatch(r):
            r = r.strip("“”\"")
            if _HEAD_END.search(r) or _PLACE_END.search(r) or ctx.mentions.within(cs, start):
                return [r]
            # 安排工业和信息化专项资金…,支持企业技术改造项目312个: a phrase that names no
            # entity yields to a recipient named after the amount; a short one (传习) to the
            # object of a 对 clause before it (对X的传承人,每人每年给予传习补助…).
            return [_after_recipient(ctx.after) or (_dui_clause_object(ctx) if len(r) <= 4 else None) or r]
    # 甲村获得…资金80万元,用于修建道路: the subject that receives comes before the purpose.
    rm = _RECEIVER.match(_tidy_lead(clause_before))
    if rm:
        r = _tidy(rm.group("r"))
        r = _resolve_back_ref(ctx, r) or r
        if 2 <= len(r) <= 24 and not _BAD_SUBJECT.search(r) and (rm.group("v") != "争取" or _entity(r)):
            return [r]
    # …对符合条件的企业,按…给予补助,最高200万元: a clause of its own names the object.
    r = _dui_clause_object(ctx)
    if r:
        return [r]
    earlier = ctx.sentence_before[:len(ctx.sentence_before) - len(clause_before)][-120:]
    sr = _last_subject(earlier)
    if sr:
        r = _entity(_tidy(sr))
        if r and not _BAD_SUBJECT.search(r):
            return [r]
    # 乙县:下达资金600万元,支持建设…: a line headed by an entity and a colon is about it.
    hm = _HEADED_LINE.match(ctx.sentence_before)
    if hm and (_entity(hm.group("r")) == hm.group("r") or _place_prefix(hm.group("r"), 0) == hm.group("r")):
        return [hm.group("r")]
    named_after = _after_recipient(ctx.after)
    if named_after:
        return [named_after]
    groups = list(_GROUP.finditer(clause_before[-160:])) or list(_GROUP.finditer(ctx.sentence_before[-160:]))
    if not groups:
        # 支持23家企业实施技术改造,补助资金…; 评选出15个示范村,每村…: a counted group of entities.
        groups = list(_COUNT_GROUP.finditer(ctx.sentence_before[-160:]))
    if groups:
        return [_SPACES.sub(" ", groups[-1].group("g")).strip()]
    if sentence_companies:
        return _names(text, sentence_companies)[-1:]
    # 该项目拟投资…/工程概算预计…/项目总投资…: the project is named earlier in the paragraph.
    if _BACK_REF.match(clause_before):
        prev = _earlier_project(ctx)
        if prev:
            return [prev]
    for part in (clause_before[-120:], ctx.sentence_before[:-len(clause_before) or None][-120:]):
        sr = _last_subject(part)
        if sr:
            r = _tidy(sr)
            if 2 <= len(r) <= 24 and not _BAD_SUBJECT.search(r):
                return [r]
    # The clause's own subject, unless an earlier amount of the clause stands between.
    own = clause_before if not _YUAN_AMOUNT.search(clause_before) else clause_before.split("、")[-1]
    topic = _topic(own)
    if topic:
        return [topic]
    # A bare project name right before the amount: 、甲镇管网改造300万元
    seg = clause_before.split("、")[-1]
    bare = _tidy(seg)
    if 4 <= len(bare) <= 24 and bare == _tidy_lead(seg) and _PROJECT_END.search(bare) and not _KIND_RX["grant"].search(bare):
        return [bare]
    return []
