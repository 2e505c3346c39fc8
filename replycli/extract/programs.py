"""Programs: named policies, plans, funds, schemes and designations.

* 《…》 titles (plans, 方案, 目录, 办法), except the proposal being answered
  and media (《新闻联播》);
* quoted scheme names used as programs (“揭榜挂帅”项目, “免申即享”方式);
* named funds: …专项资金, …计划, …工程 with a proper-name head.
"""
from __future__ import annotations

import re

_BOOK = re.compile(r"《(?P<p>[^《》\n]{2,80})》")
_QUOTED = re.compile(r"[“\"](?P<p>[^”\"\n]{2,16})[”\"](?P<after>[\u4e00-\u9fff]{0,6})")
_SCHEME_AFTER = re.compile(r"^(?:项目|计划|工程|改革|方式|政策|行动|示范|试点|专项|创新创业人才计划|人才计划|中小企业|企业|发展|认定|称号|名单|政策清单)")
_PROGRAM_SUFFIX = re.compile(r"(?:专项资金|资金|基金|计划|工程|专项|示范|试点|行动|方案|目录|办法|政策|补贴|补助|名录|清单)$")
_NAMED_FUND = re.compile(r"(?P<p>(?:[\u4e00-\u9fff]{2,6}(?:省|市|县|区)?)?[\u4e00-\u9fff]{2,14}?专项资金)")
_MEDIA = re.compile(r"新闻联播|日报|晚报|时报|杂志|人民网|新华|焦点访谈")
_FUND_HEAD_STOP = re.compile(r"^(?:获批|获得|发挥|争取|安排|下达|用好|设立|积极|利用|统筹|整合|编制|加大|申报|申请|落实|使用|通过)+")


def extract_programs(text: str, proposal_title: str | None = None) -> list[dict]:
    found: dict[str, list[list[int]]] = {}

    def add(name: str, s: int, e: int):
        name = name.strip()
        if len(name) < 2:
            return
        found.setdefault(name, []).append([s, e])

    skip = (proposal_title or "").strip()
    for m in _BOOK.finditer(text):
        p = m.group("p").strip()
        if p == skip or p.endswith(("建议", "提案", "议案")) or _MEDIA.search(p):
            continue
        add(p, m.start("p"), m.end("p"))
    for m in _QUOTED.finditer(text):
        p = m.group("p").strip()
        if _PROGRAM_SUFFIX.search(p) or _SCHEME_AFTER.match(m.group("after")):
            if re.search(r"[,，。;；:]", p):
                continue
            add(p, m.start("p"), m.end("p"))
    for m in _NAMED_FUND.finditer(text):
        p = _FUND_HEAD_STOP.sub("", m.group("p"))
        if len(p) >= 6 and not any(p in q for q in found):
            add(p, m.end("p") - len(p), m.end("p"))
    # A name contained in a longer one found here is the same program only
    # when it is a prefix form (数字辽宁智造强省 vs …专项资金): keep both forms.
    return [{"name": n, "mentions": spans} for n, spans in found.items()]
