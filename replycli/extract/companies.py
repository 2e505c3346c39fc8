"""Companies: full legal names, short names that clearly name one enterprise,
and the aliases linking them within a document.

Full names end in a legal suffix (有限公司, 集团, 股份 ...). Short names are a
place prefix + a trade word (抚顺特钢, 辽宁鸿邦装备) seen in an enterprise
context. Universities, institutes, associations, parks and government bodies
are never companies.
"""
from __future__ import annotations

import re

_SUFFIX = r"(?:股份有限公司|有限责任公司|集团有限公司|集团股份有限公司|有限公司|集团公司|集团|公司|股份)"
# Banks are companies; generic mentions (合作银行, 各银行) are not.
_BANK = re.compile(r"(?:国家开发银行|国开行|农发行|中国(?:工商|农业|建设|银行|邮政储蓄)银行|中国银行|工商银行|农业银行|建设银行|交通银行|"
                   r"招商银行|浦发银行|民生银行|兴业银行|光大银行|华夏银行|中信银行|邮储银行|[\u4e00-\u9fff]{2,4}(?:农商|农村商业|村镇)银行)")
# Words that end the text to the left of a name: verbs, prepositions, conjunctions.
_LEFT_STOP = re.compile(
    r"(?:组织|推荐|支持|帮助|鼓励|引导|依托|邀请|推动|指导|协调|会同|联合|包括|其中|如|以|与|和|及|、|由|对|为|向|在|经|"
    r"等|的|是|被|将|让|把|同|跟|助力|促成|促进|吸引|引进|培育|扶持|服务|带动|牵头|发挥|抓好|落实|督促|入选|获评|获批|认定|"
    r"列入|申报|争取|完成|实施|开展|建设|召开|举办|设立|成立|新增|形成|打造|龙头企业|企业|重点|优势|骨干|全市|全省|全县|共有|有|了|到|从|至|给|"
    r"投资|建成|落户|签约|达成|携手|合作|分别|先后|积极|主动|一是|二是|三是|四是|五是|六是|调研|走访|考察|参观|视察|看望|"
    r"推进|加快|支持|通过|利用|依靠|面向|针对|围绕|根据|按照|使|让|请|向|即|或|及其|以及|和|与|同|旗下|所属|"
    r"委托|属于|归属|交由|隶属|屬于|屬於|與|為|對|將|經|協調|組織|推薦|産權|產權)")
_SUFFIX_END = re.compile(_SUFFIX + "$")
_FULL = re.compile(rf"[\u4e00-\u9fff（）()A-Za-z0-9]{{2,30}}?{_SUFFIX}")
_NOT_COMPANY = re.compile(
    r"(?:大学|学院|研究院|研究所|研究中心|实验室|协会|联合会|商会|学会|园区|产业园|开发区|高新区|管委会|政府|局|厅|委员会|委|办公室|"
    r"医院|学校|中学|小学|幼儿园|人民银行|党委|工作组|联盟|平台|基地|中心|示范区|工业园|片区|社|站|所)$")
_BAD_FULL = re.compile(r"^(?:公司|集团|有限公司|股份|银行|厂|国有|民营|上市|龙头|子公司|分公司|本公司|该公司|总公司|市属|省属|各|新|老|我|本|该|此|其|这|全|\d)")
_GENERIC_CORE = re.compile(r"企业|产业|行业|领域|平台|项目|工程|我市|我省|我县|市级|省级|县级|区级|本级|国家级|大型|小型|中型|低空|科技型|合作")
_REGION = (r"(?:抚顺|辽宁|沈阳|大连|鞍山|本溪|丹东|锦州|营口|阜新|辽阳|铁岭|朝阳|盘锦|葫芦岛|吉林|长春|黑龙江|哈尔滨|"
           r"北京|天津|上海|重庆|河北|山西|内蒙古|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|四川|贵州|"
           r"云南|西藏|陕西|甘肃|青海|宁夏|新疆|香港|澳门|台湾|嘉兴|广州|深圳|苏州|杭州|南京|武汉|成都|西安|昆明|厦门|宁波|青岛|"
           r"(?![我本全该各此省市县区])[\u4e00-\u9fff]{2}(?=市|县|区))")
_TRADE = (r"(?:特钢|钢铁|化工|化学|装备|冶金|重工|环保|助剂|科技|电子|机械|石化|制药|药业|能源|电气|材料|汽车|食品|建材|纺织|实业|"
          r"矿业|水泥|电力|新材|精工|控股|物流|传媒|信息|软件|智能|进出口|美泰|伊科思|光电|半导体|生物|医药|农业|乳业|酒业|啤酒|铝业|"
          r"铜业|煤业|石油|燃气|热力|水务|航空|船舶|机床|轴承|仪表|电器|家电|纸业|塑业|橡胶|轮胎|玻璃|陶瓷|钢构|钢管|铸造|锻造)")
_SHORT_CONTEXT = re.compile(r"推荐|组织|支持|帮助|获批|获得|申报|列入|入选|认定|企业|公司|集团|承担|联合|开展|建设|分享|以|如|等|、")
# Heavy-industry short names without a region prefix, e.g. 抚挖重工.
_BARE_SHORT = re.compile(r"(?<![\u4e00-\u9fff])(?P<n>[\u4e00-\u9fff]{2,3}(?:重工|特钢|集团))(?=[^\u4e00-\u9fff]|起重|产学研|等|、|有限|在|的|获|被|列入|申报)")
# Enumerations of enterprises: 引进亿纬动力、格林美、恩捷等10多家…企业
_ENUM = re.compile(r"(?P<list>(?:[\u4e00-\u9fff]{2,10}、)+[\u4e00-\u9fff]{2,8}|[\u4e00-\u9fff]{2,8})等\s*(?:\d+\s*多?\s*[家户])?"
                   r"[^,，。;；]{0,24}?(?:企业|龙头)")


def _trim_left(name: str) -> str:
    """Cut the words that precede a name (组织, 推荐, 与 ...). Only the part
    before the legal suffix is searched: 有限公司 itself contains 有."""
    m = _SUFFIX_END.search(name)
    core_end = m.start() if m else len(name)
    cut = 0
    for stop in _LEFT_STOP.finditer(name, 0, core_end):
        if stop.end() <= core_end - 1:
            cut = stop.end()
    return name[cut:].lstrip("（(“\"")


def _ok(name: str) -> bool:
    if len(name) < 4 or _BAD_FULL.match(name):
        return False
    core = _SUFFIX_END.sub("", name)
    if _GENERIC_CORE.search(core) or (name.endswith("公司") and len(core) < 3 and not name.endswith("集团公司")):
        return False
    if _NOT_COMPANY.search(core) or _NOT_COMPANY.search(name):
        return False
    if re.search(r"人民银行|政府|管委会|委员会|管理局", name):
        return False
    return len(core) >= 2


def _aliases_for(name: str, places: frozenset = frozenset()) -> list[str]:
    """Shorter forms of a full name that a reply uses after first mention."""
    out = []
    core = _SUFFIX_END.sub("", name)
    if core != name and len(core) >= 3:
        out.append(core)
    rest = None
    for n in (3, 2):
        head = core[:n]
        if _is_place(head, places) and len(core) - n >= 2:
            rest = core[n:].lstrip("省市县区")
            break
    if rest and len(rest) >= 2 and rest != core:
        # Only a distinctive remainder (新钢铁, not 钢铁) makes a safe alias.
        if not _TRADE_ONLY.fullmatch(rest):
            out.append(rest)
    return out


_PLACE = re.compile(r"(?<![\u4e00-\u9fff])(?P<p>(?![我本全该各此])[\u4e00-\u9fff]{2,3}?)(?:省|市|县|区)")
_PLACE_IN_TEXT = re.compile(r"(?P<p>(?![我本全该各此省市县区])[\u4e00-\u9fff]{2})(?:市|县)(?=[\u4e00-\u9fff])")


def _places(text: str) -> frozenset:
    """Places the document names (青川市 -> 青川)."""
    return frozenset(m.group("p") for m in _PLACE_IN_TEXT.finditer(text))


_REGION_NAMES = frozenset(re.findall(r"[\u4e00-\u9fff]+", _REGION.split("[\\u4e00")[0]))
# Every place-like prefix followed by a short name and a trade word; the
# prefix is checked in Python against the regions this document names, so
# the pattern is compiled once (a per-document pattern cost 13 ms to build).
_SHORT_ANY = re.compile(
    rf"(?=(?P<n>(?P<place>[\u4e00-\u9fff]{{2,3}}?)(?:市)?(?![市县区级])[\u4e00-\u9fff]{{1,4}}?{_TRADE})"
    r"(?![\u4e00-\u9fff]{0,2}(?:大学|学院|研究院|研究所|协会|联合会|产业|行业|园区|基地|集群|领域|企业技术中心)))")
_TRADE_ONLY = re.compile(_TRADE)
_TRADE_END = re.compile(_TRADE + "$")
_LIST = re.compile(r"(?:[\u4e00-\u9fff()（）]{2,30}、)+[\u4e00-\u9fff()（）]{2,30}")
_ENUM_BAD_END = re.compile(r"[省市县区镇村会线]$|等$|类$|业$|车$|品$|技术$|材料$|装备$")


def _is_place(p: str, places: frozenset) -> bool:
    return p in _REGION_NAMES or p in places


def _short_names(text: str, places: frozenset):
    """``(name, start, end)`` of place + name + trade word short names.

    Only positions up to eight characters before a trade word can start one,
    so the (lookahead) pattern is tried there alone."""
    starts = sorted({p for t in _TRADE_ONLY.finditer(text) for p in range(max(0, t.start() - 8), t.start() - 2)})
    matches = (m for m in (_SHORT_ANY.match(text, p) for p in starts) if m)
    last_end = -1
    for m in matches:
        place = m.group("place")
        spelled_out = text[m.end("place"):m.end("place") + 1] in ("市", "县", "区") and place[0] not in "我本全该各此省市县区"
        if m.start() < last_end or not (spelled_out or _is_place(place, places)):
            continue
        yield m.group("n"), m.start("n"), m.end("n")
        last_end = m.end("n")


def extract_companies(text: str) -> tuple[list[dict], list[tuple[str, int, int]]]:
    """Return ``(companies, mentions)``: one entry per company with its
    fullest form and aliases; mentions as ``(canonical, start, end)``."""
    found: dict[str, list[tuple[int, int]]] = {}
    for m in _FULL.finditer(text):
        raw = m.group(0)
        name = _trim_left(raw)
        start = m.end() - len(name)
        if _ok(name):
            found.setdefault(name, []).append((start, m.end()))
    places = _places(text)
    shorts = list(_short_names(text, places))
    shorts += [(m.group("n"), m.start("n"), m.end("n")) for m in _BARE_SHORT.finditer(text)]
    for raw, raw_start, end in shorts:
        name = _trim_left(raw)
        start = end - len(name)
        ctx = text[max(0, start - 10):end + 30]
        if len(name) >= 4 and _SHORT_CONTEXT.search(ctx) and _ok(name + "公司"):
            if not any(start >= s and end <= e for spans in found.values() for s, e in spans):
                found.setdefault(name, []).append((start, end))
    for m in _BANK.finditer(text):
        found.setdefault(m.group(0), []).append((m.start(), m.end()))
    for m in _ENUM.finditer(text):
        items = m.group("list").split("、")
        offset = m.start("list")
        for item in items:
            start = offset
            offset += len(item) + 1
            name = _trim_left(item)
            start += len(item) - len(name)
            if (2 <= len(name) <= 8 and not _NOT_COMPANY.search(name) and not _GENERIC_CORE.search(name)
                    and not _ENUM_BAD_END.search(name)
                    and not any(start >= s and start < e for spans in found.values() for s, e in spans)):
                found.setdefault(name, []).append((start, start + len(name)))
    # Items listed beside a known company that end in a trade word: 甲有限公司、乙精工
    for m in _LIST.finditer(text):
        items, offset, spans = m.group(0).split("、"), m.start(), []
        for item in items:
            spans.append((offset, offset + len(item)))
            offset += len(item) + 1
        known = [any(s <= a and b <= e for a, b in (sp for v in found.values() for sp in v)) for s, e in spans]
        if not any(known):
            continue
        for (s, e), is_known in zip(spans, known):
            name = _trim_left(text[s:e])
            ns = e - len(name)
            if not is_known and _TRADE_END.search(name) and 4 <= len(name) <= 10 and _ok(name + "公司"):
                found.setdefault(name, []).append((ns, e))
    # Link forms: a name contained in a longer name (or its alias) is that company.
    names = sorted(found, key=len, reverse=True)
    canonical: dict[str, str] = {}
    for n in names:
        target = next((c for c in names if len(c) > len(n) and c in canonical.values()
                       and (n in c or n in _aliases_for(c))), None)
        canonical[n] = target or n
    companies: dict[str, dict] = {}
    mentions = []
    for n in names:
        c = canonical[n]
        entry = companies.setdefault(c, {"name": c, "aliases": [], "mentions": []})
        if n != c and n not in entry["aliases"]:
            entry["aliases"].append(n)
    # Aliases a full name implies (抚顺新钢铁, 新钢铁) are mentions too.
    taken = [span for spans in found.values() for span in spans]
    for c, entry in companies.items():
        for alias in _aliases_for(c, places):
            at = text.find(alias)
            while at >= 0:
                end = at + len(alias)
                if not any(at >= s and end <= e for s, e in taken):
                    taken.append((at, end))
                    found.setdefault(alias, []).append((at, end))
                    canonical[alias] = c
                    if alias not in entry["aliases"]:
                        entry["aliases"].append(alias)
                at = text.find(alias, at + 1)
    for n, spans in found.items():
        c = canonical.get(n, n)
        for s, e in spans:
            mentions.append((c, s, e))
            companies[c]["mentions"].append([s, e])
    mentions.sort(key=lambda x: x[1])
    for entry in companies.values():
        entry["mentions"].sort()
    return sorted(companies.values(), key=lambda c: c["mentions"][0][0]), mentions
