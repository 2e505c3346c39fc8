"""Programs: named policies, plans, funds, projects, strategies and schemes.

* 《…》 titles (plans, 方案, 目录, 办法, 意见), except the proposal being
  answered, media (《新闻联播》) and reports;
* quoted scheme names used as programs: “揭榜挂帅”项目, 深化“免申即享”改革,
  实施“藏粮于地、藏粮于技”战略;
* named funds, plans, projects and strategies written without quotes
  (数字辽宁智造强省专项资金, 省重点研发计划, 鸡街至石屏高速公路改扩建工程),
  kept only when the name carries a proper-name marker: a place, a year or
  a number, a quotation, or a national/provincial level;
* national programs, designations and strategies that are names although
  nothing in their wording says so (专精特新“小巨人”企业, 一带一路, 健康扶贫):
  a built-in list (``NATIONAL``).
"""
from __future__ import annotations

import re

_BOOK = re.compile(r"《(?P<p>[^《》\n]{2,80})》")
_QUOTED = re.compile(r"(?P<before>[\u4e00-\u9fff]{0,4})[“\"](?P<p>[^”\"\n]{2,16})[”\"](?P<after>[\u4e00-\u9fff]{0,6})")
_SCHEME_AFTER = re.compile(r"^(?:项目|计划|工程|改革|方式|政策|行动|示范|试点|专项|战略|制度|思路|举措|"
                           r"创新创业人才计划|人才计划|中小企业|企业|称号|名单|政策清单|模式)")
_SCHEME_BEFORE = re.compile(r"(?:实施|推行|落实|深化|推广|贯彻|践行|入选|获评|认定|争创|创建|开展|省|市|国家)$")
_PROGRAM_SUFFIX = re.compile(r"(?:专项资金|资金|基金|计划|工程|专项|示范|试点|行动|方案|目录|办法|政策|补贴|补助|名录|清单|"
                             r"战略|规划|项目|制度)$")
_MEDIA = re.compile(r"新闻联播|日报|晚报|时报|杂志|人民网|新华|焦点访谈")
# Unquoted named programs: a run of name characters ending in a program word.
_NAMED = re.compile(
    r"(?P<p>[\u4e00-\u9fff0-9A-Za-z“”\"()（）+\-—、]{2,34}?"
    r"(?:专项资金|补助资金|奖补资金|补贴资金|发展资金|引导资金|专项|规划纲要|规划|计划|工程|项目|战略|基金|示范|试点|奖补))"
    r"(?![\u4e00-\u9fff]{0,1}(?:资金|建设|库|的|办|处|组|部))")
_LEFT_STOP = re.compile(
    r"^.*(?:获批|获得|争取到|争取|安排|下达|拨付|实施了|实施|推进|完成|开展|列入|纳入|申报|支持|用于|通过|依托|按照|根据|"
    r"结合|围绕|落实|启动|编制|制定|印发|出台|新建|改建|修建|参与|承担|作为|属于|包括|其中|以及|将|把|对|为|在|从|的|了|和|与|及|是|"
    r"已|并|共|由|给予|加大|加快|积极|持续|全力|充分发挥|发挥|用好|设立|利用|统筹|整合|申请|谋划|储备|上报|向上)")
_PROPER = re.compile(r"[省市县区州镇乡村]|国家|中央|全国|全省|全市|\d|“|\"|十三五|十四五|十二五|[A-Z]")
_BAD_START = re.compile(r"^(?:我|该|本|各|上级|相关|有关|此|这|其|一批|部分|主要|重点|全部|新|年|万|亿|个|项|等|上述|以上|今年|明年|去年|近年|同时)")
_BAD_ANY = re.compile(r"[,，。;；:：]|\d+\s*(?:个|家|项|户|所|千米|公里)|资金支持|工作|情况|问题|建议|提案|目标|任务|要求|企业的|负责|荣获|开展|机制")


# Known by name across China; written without quotes or a program word.
NATIONAL = (
    "专精特新“小巨人”企业", "专精特新", "制造业单项冠军", "国家技术创新示范企业", "国家级企业技术中心",
    "一带一路", "长三角一体化", "京津冀协同发展", "粤港澳大湾区", "成渝地区双城经济圈", "黄河流域生态保护和高质量发展",
    "乡村振兴战略", "创新驱动发展战略", "制造强国战略", "网络强国战略", "数字中国", "健康中国",
    "我为群众办实事", "放管服", "天保工程", "新一轮退耕还林", "健康扶贫", "精准扶贫", "东西部协作",
    "国家中心城市", "一场两馆", "15分钟健身圈", "全民健身", "双减",
)


def _national_pattern(names) -> re.Pattern:
    alts = sorted(names, key=len, reverse=True)  # longest first: 专精特新“小巨人”企业 before 专精特新
    esc = [re.escape(n).replace("“", "[“\"]").replace("”", "[”\"]") for n in alts]
    return re.compile("|".join(esc))


_NATIONAL = _national_pattern(NATIONAL)


def _clean(p: str) -> str:
    p = p.strip(" 、—-")
    m = _LEFT_STOP.match(p)
    if m and m.end() < len(p) - 2:
        p = p[m.end():]
    return p.strip(" 、—-")


def extract_programs(text: str, proposal_title: str | None = None) -> list[dict]:
    found: dict[str, list[list[int]]] = {}

    def add(name: str, s: int, e: int):
        name = name.strip()
        if len(name) < 2:
            return
        found.setdefault(name, []).append([s, e])

    skip = (proposal_title or "").strip()
    national: list[tuple[int, int]] = []
    for m in _NATIONAL.finditer(text):
        name = m.group()
        if '"' in name:  # web excerpts write ASCII quotes: one canonical spelling
            name = name.replace('"', "“", 1).replace('"', "”", 1)
        add(name, m.start(), m.end())
        national.append((m.start(), m.end()))

    def in_national(s: int, e: int) -> bool:
        return any(a <= s and e <= b for a, b in national)

    for m in _BOOK.finditer(text):
        p = m.group("p").strip()
        if p == skip or p.endswith(("建议", "提案", "议案", "报告")) or _MEDIA.search(p):
            continue
        add(p, m.start("p"), m.end("p"))
    for m in _QUOTED.finditer(text):
        p = m.group("p").strip()
        if re.search(r"[,，。;；:：]", p):
            continue
        if in_national(m.start("p"), m.end("p")):
            continue  # “小巨人” inside 专精特新“小巨人”企业
        if _PROGRAM_SUFFIX.search(p) or _SCHEME_AFTER.match(m.group("after")) or (
                len(p) >= 4 and _SCHEME_BEFORE.search(m.group("before"))):
            add(p, m.start("p"), m.end("p"))
    for m in _NAMED.finditer(text):
        raw = m.group("p")
        p = _clean(raw)
        if len(p) < 5 or len(p) > 32 or _BAD_START.match(p) or _BAD_ANY.search(p):
            continue
        if not _PROPER.search(p[:-2]):
            continue
        if p.count("“") != p.count("”") or p.count("(") != p.count(")") or p.count("（") != p.count("）"):
            continue
        start = m.end("p") - len(p)
        if any(start >= s and m.end("p") <= e for spans in found.values() for s, e in spans):
            continue  # already inside a 《》 title or a quotation
        add(p, start, m.end("p"))
    return [{"name": n, "mentions": spans} for n, spans in found.items()]
