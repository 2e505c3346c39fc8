"""Programs: named policies, plans, funds, projects, strategies and schemes.

Rules read simplified characters (the script-fold layer runs first); ASCII
``"`` may stand for “”. Kinds of name, in the order they claim text:

* 《…》 titles of plans, schemes, 办法, 意见, 通知 — except the proposal being
  answered, reports, companies and media (``program_not_titles``);
* a document title written without 《》 but followed by its document number:
  甲省人民政府办公厅关于加快乙业发展的实施意见(甲政办发〔2021〕5号);
* national designations and strategies known by name (``program_national``,
  every entry with its source);
* named funds, plans, works, projects and strategies written without quotes,
  ending in a head word (``program_heads``) and taken with their full left
  edge up to the last verb, preposition or clause opener
  (``program_left_stops``): 争取甲县乙河综合治理工程 -> 甲县乙河综合治理工程;
  kept when the name carries a proper-name marker (a place or level, a year
  or number, a quotation, a route 甲至乙), is a fund with its own content, or
  is the object of a verb that takes projects (``program_take_verbs``: 争取,
  实施, 纳入…); not when it only counts, lists or refers back (该项目,
  一批项目, 甲、乙等项目, 省级专项资金, 实施乙类项目35个); a quotation with
  only a batch or level before its head word is the name (首批“甲乙”项目 -> 甲乙);
* quoted slogans used as names: numbered slogans (“三送一帮”, “双千”,
  “1+9”), quoted designations with a level (“省级甲业示范基地”), and a
  quotation followed by a program word (深化“一网通办”改革 -> 一网通办,
  ``program_quote_kinds``), but not quoted goals or principles (``program_quote_not``).

Everything is compiled once at import; the text is scanned a fixed number of
times, with a byte map of the text already claimed, so the cost is linear.
"""
from __future__ import annotations

import re

from replycli.extract.wordlists import alternation, first_chars, load

_Q_OPEN, _Q_CLOSE = "“\"‘", "”\"’"

# 《title》
_BOOK = re.compile(r"《(?P<p>[^《》\n]{2,100})》")
_NOT_TITLE = re.compile(alternation("program_not_titles") + r"\s*$")
# The proposal itself is introduced as 您提出的《…》 / 你们提出的《…》.
_PROPOSAL_LEAD = re.compile(r"(?:提出的|提交的|所提的?|所提出的)\s*$")
_ALIAS_LEAD = re.compile(r"简称\s*$")
_TRAILING_PAREN = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")

# A document title without 《》 followed by its number: …的实施意见(甲政办发〔2021〕5号)
# Found from the number backwards: the number is rare, and a title pattern
# tried at every position of the text was slow on long runs of 关于.
# (the lookahead rejects at once the positions where neither a space nor a bracket starts one)
_DOC_NUMBER = re.compile(r"(?=[\s(（])\s*[(（][^()（）\n]{0,12}[〔\[［【]\d{4}")
_DOC_TITLE = re.compile(
    r"(?P<issuer>[\u4e00-\u9fff0-9、“”\"]{0,40}?)(?P<about>关于[^\s，。；：,;:《》()（）]{4,60}?"
    + alternation("program_doc_kinds") + r")$")
_DOC_TITLE_REACH = 40 + 2 + 60 + 12  # issuer + 关于 + title + the longest document kind
# A title written without 《》 or number, right after a verb that issues or follows a document
# and ending at the clause's end: 出台了关于支持甲业发展的若干意见， / 落实国务院关于…的指导意见精神.
_DOC_BARE = re.compile(
    r"(?:印发|出台|制定|下发|贯彻落实|落实|按照|根据|依据|依照|执行|贯彻)了?(?P<t>[^\s，。；：,;:《》“”\"()（）]{4,60}?"
    + alternation("program_doc_kinds") + r")(?=[，。；,;]|精神|要求|部署|文件|规定|有关|$)")
# Without 关于 the title must name its place or level and be one noun phrase (甲市促进乙业若干措施).
_DOC_BARE_NOT = re.compile(r"您|你们|提出|各项|相关|有关|上述|该|此")
_DOC_BARE_PROPER = re.compile(r"[省市县州]|国务院|国家|自治区|中央")
# The issuer before 关于 starts after the last verb or preposition: 根据甲省人民政府关于… -> 甲省人民政府关于…
_DOC_LEFT = re.compile(r"^.*(?:" + alternation("program_left_stops")[3:-1] + r")")

# Named programs without 《》: a run of name characters ending in head words.
_NAME_CH = r"[\u4e00-\u9fff0-9A-Za-z“”\"‘’()（）+\-—、·]"
# A head word that goes on into another noun is not the end of a name (甲工程师, 乙战略支点, 丙项目部).
_HEADS = re.compile(r"(?=" + first_chars("program_heads") + r")(?:" + alternation("program_heads")
                    + r")+(?![资库师部办组处债]|支点|单位)")
# 计划 followed by a preposition is the verb "plans to": 甲村计划从乙河引水.
_PLAN_VERB = re.compile(r"计划$")
_PLAN_VERB_NEXT = re.compile(r"[从在将于把要拟用对向到]")
# A head followed by a count names a kind, not one program: 实施甲类建设项目35个.
_COUNTED = re.compile(r"\s*\d+\s*[个项处条座家所批]")
_HEADS_END = re.compile(r"(?:" + alternation("program_heads") + r")+$")
_RUN_TAIL = re.compile(_NAME_CH + r"{1,40}$")
# The lookahead (the stops' first characters) spares each position the backtracking
# .* tries a test of every stop word: the same cut, faster.
_LEFT_CUT = re.compile(
    r"^.*(?=[" + first_chars("program_left_stops")[1:-1] + r"\d一二三四五六七八九十(（])(?P<stop>"
    + alternation("program_left_stops")[3:-1]
    + r"|\d+(?:\.\d+)?\s*(?:万|亿|万亿)?元|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、]|[(（][一二三四五六七八九十\d]{1,3}[)）])", re.S)
_INNER_STOP = re.compile(alternation("program_inner_stops"))
# A verb that also occurs inside names ends it only before a place or level: 提高市级甲资金.
_LEFT_VERB_CUT = re.compile(
    r"^.*" + alternation("program_left_verbs")
    + r"(?=(?:我|全)?(?:[\u4e00-\u9fff]{0,3}[省市县州]|国家|中央|全国|自治区|上级|各级|\d|“|\"))", re.S)
# Counting or referring back (该项目, 一批项目, 第二批资金); a number that is not a year.
# ... and always when it opens the clause: ，推动甲乙示范带建设 -> 甲乙示范带.
_LEFT_VERB_OPEN = re.compile("^" + alternation("program_left_verbs"))
_ONLY_VERB = re.compile(alternation("program_left_verbs") + "$")
_BAD_START = re.compile(r"^(?:" + alternation("program_bad_starts")[3:-1]
                        + r"|第[一二三四五六七八九十\d]{1,3}批|\d(?!\d{3}(?:年|-|—)))")
# 我市/我县… is the writer's own place, not part of the name: 纳入我市甲规划 -> 甲规划.
_OWN_PLACE = re.compile(r"^(?:(?:我|全)[省市县区州镇乡]|上级|各级)")
# A task, a count or a list rather than a name (甲项目工作, 3个项目, 甲、乙等项目).
_BAD_ANY = re.compile(alternation("program_bad_words")
                      + r"|\d+\s*(?:个|家|项|户|所|千米|公里|亩|万|亿)|\d{5}|(?<![中高平对同])等")
# Words that contain a level character but are content (乡村, 城市, 市场): kept whole
# so that 乡村建设 is not read as 乡 + 村 + 建设.
_GENERIC = re.compile(r"(?P<keep>乡村|城乡|城市|城镇|市场|县域|市域|社区|园区|景区|山区|库区|矿区|新区|城区|街区|市民|村民)|"
                      + alternation("program_generic") + r"|[、和及与\s]|\d{4}年?")
# A name carries a proper-name marker: a place or level, a number or year, a
# quotation, a Five-Year-Plan tag, a Latin code (G240) or a route (甲至乙).
_PROPER = re.compile(r"[省县州镇乡]|(?<![城超都])市(?!场)|(?<![园片社小景辖山库矿城新营街专])区(?!域)|村(?!民|级|集体)|"
                     r"国家|中央|全国|\d|[“\"‘]|十[一二三四五]五|[A-Z]|[^\d一二三四五六七八九十]至.")
# Only a batch or a level before a quoted scheme: the quotation is the name
# (首批“甲乙丙丁”项目 -> 甲乙丙丁, 省“戊己”计划 -> 戊己).
_QUOTE_CORE = re.compile(r"^(?:首批|新一批|第[一二三四五六七八九十\d]{1,3}批|全国|国家级?|省级?|市级?|县级?|区级?)*"
                         r"[“\"‘](?P<q>[^“”\"‘’]{2,20})[”\"’]$")
# After a verb that takes a project as its object, no marker is needed: 争取甲乙建设项目.
_TAKE_VERB = re.compile(alternation("program_take_verbs") + "$")
_FUND_HEAD = re.compile(r"(?:资金|基金|公益金)$")
# (after the first name, or after its quotation's head word: “甲乙”行动和丙丁行动)
_COORDINATOR = re.compile(r"(?:[”\"’](?:" + alternation("program_heads") + r")?)?(?:以及|和|及|与)")
# A list of major projects is a category, whatever its level (省重大项目, 市级重大建设项目).
_CATEGORY = re.compile(r"(?:重大|重点)(?:建设)?项目$")

# A policy named by its content right after a verb that applies it: 落实研发费用加计扣除政策.
_POLICY = re.compile(r"(?:落实|执行|享受|兑现|实施)好?(?P<p>[\u4e00-\u9fff]{4,16}?政策)(?!措施|体系|文件|汇编)")
_POLICY_NOT = re.compile(r"的|相关|有关|各项|各类|系列|这些|上述|该|此|国家|省市|政府")
_POLICY_GENERIC = re.compile(alternation("program_policy_generic") + "|" + alternation("program_generic"))

# Quotations: “…”, "…", ‘…’
_QUOTED = re.compile(r"[“\"‘](?P<p>[^“”\"‘’\n]{2,20})[”\"’](?P<after>[\u4e00-\u9fff]{0,4})")
_QUOTE_PUNCT = re.compile(r"[,，。;；:：!！?？]")
_FYP = re.compile(r"^十[一二三四五]五$")
# Numbered slogans: two numerals or more (一X一Y, 双X, 百千万, 1+N).
_NUMERAL = re.compile(r"[一二两三四五六七八九十百千万双]")
_NUMBER_PLUS = re.compile(r"^\d{1,2}\+\d{1,3}$")
_LEVEL = re.compile(r"国家|省级|市级|县级|全国|^第[一二三四五六七八九十\d]+[批届]|^[\u4e00-\u9fff]{2,}[省市县]")
_SCHEME_AFTER = re.compile(r"^[\u4e00-\u9fff]{0,2}?" + alternation("program_quote_kinds"))
_NOT_SLOGAN_AFTER = re.compile("^" + alternation("program_quote_not"))


def _national_pattern() -> re.Pattern:
    alts = sorted(load("program_national"), key=len, reverse=True)
    esc = [re.escape(n).replace("“", "[“\"]").replace("”", "[”\"]") for n in alts]
    return re.compile("|".join(esc))


_NATIONAL = _national_pattern()
# A national fund keeps the level that pays it: 中央车购税资金, 省级财政衔接推进…补助资金.
_NATIONAL_FUND_LEVEL = re.compile(r"(?:中央|省级|市级|县级|自治区)(?:财政)?$|财政$")


def _balanced(p: str) -> bool:
    return (p.count("(") == p.count(")") and p.count("（") == p.count("）")
            and p.count("“") == p.count("”") and p.count('"') % 2 == 0 and p.count("‘") == p.count("’"))


def _named(text: str, s: int, e: int, lo: int) -> tuple[str, int, int] | None:
    """The program name ending at ``e`` whose head words start at ``s`` (not before ``lo``), or None."""
    m = _RUN_TAIL.search(text, max(lo, s - 40), s)
    if not m:
        return None
    body = m.group()
    if _PLAN_VERB.search(text, s, e) and _PLAN_VERB_NEXT.match(text, e) or _COUNTED.match(text, e):
        return None
    raw = body
    cut = _LEFT_CUT.match(body)
    if cut and cut.end() == len(body) and _INNER_STOP.fullmatch(cut.group("stop")):
        # A stop right before the head can be part of the name
        # (甲乙结合示范带, 丙丁实施方案): cut at the stop before it instead.
        cut = _LEFT_CUT.match(body, 0, cut.start("stop"))
    if cut:
        body = body[cut.end():]
    for cutter in (_LEFT_VERB_CUT, _LEFT_VERB_OPEN):
        cut = cutter.match(body)
        if cut and _balanced(body[:cut.end()]):  # not inside a quotation ("甲提升"行动)
            body = body[cut.end():]
    taken_by_verb = _TAKE_VERB.search(raw[:len(raw) - len(body)])
    if _ONLY_VERB.match(body):
        return None  # 难以提高补助资金: a verb, not a name, before the head
    if "、" in body:  # a list of names: 甲工程、乙县丙工程 -> 乙县丙工程
        parts = body.split("、")
        last = max((i for i, part in enumerate(parts[:-1]) if _HEADS_END.search(part)), default=-1)
        body = "、".join(parts[last + 1:])
    body = _OWN_PLACE.sub("", body.lstrip("、—-)）+·"))
    while body and body[0] in _Q_CLOSE and not _balanced(body):
        body = body[1:]
    core = _QUOTE_CORE.match(body)
    if core and not _FYP.match(core.group("q")):
        start = s - len(body) + core.start("q")
        return core.group("q"), start, start + len(core.group("q"))
    name = body + text[s:e]
    if not body or body.endswith("、") or _CATEGORY.search(name) or len(name) < 4 or _BAD_START.match(name) or _BAD_ANY.search(name) or not _balanced(name):
        return None
    if len(_GENERIC.sub(lambda g: g.group("keep") or "", body).strip(_Q_OPEN + _Q_CLOSE + "()（）")) < 2:
        return None  # 省级专项资金, 重点建设项目: only qualifiers before the head
    # The second of two names joined by 和/及 shares the first one's standing: 开展甲行动和乙丙行动.
    coordinated = lo > 0 and _COORDINATOR.fullmatch(text, lo, s - len(body))
    if not _PROPER.search(body) and not _FUND_HEAD.search(name) and not (
            (taken_by_verb or coordinated) and len(body) >= 4 and "、" not in body):
        return None
    return name, e - len(name), e


def extract_programs(text: str, proposal_title: str | None = None) -> list[dict]:
    found: dict[str, list[list[int]]] = {}
    keys: dict[str, str] = {}  # a title without its trailing (年份) -> the name first found
    taken = bytearray(len(text) + 1)  # 1 where a name already claims the text

    def inside(s: int, e: int) -> bool:
        return taken.find(0, s, e) < 0

    def add(name: str, s: int, e: int, key: str | None = None):
        name = name.strip()
        if len(name) < 2:
            return
        key = key or name
        name = keys.setdefault(key, name)
        found.setdefault(name, []).append([s, e])
        taken[s:e] = b"\x01" * (e - s)

    skip = re.sub(r"\s+", "", proposal_title or "")
    for m in _BOOK.finditer(text):
        p = m.group("p").strip()
        if len(p) < 5 or re.sub(r"\s+", "", p) == skip or _NOT_TITLE.search(p):
            continue
        lead = text[max(0, m.start() - 8):m.start()]
        if _PROPOSAL_LEAD.search(lead) or _ALIAS_LEAD.search(lead):
            continue
        add(p, m.start("p"), m.end("p"), _TRAILING_PAREN.sub("", p))
    for n in _DOC_NUMBER.finditer(text):
        ws = max(0, n.start() - _DOC_TITLE_REACH)
        m = _DOC_TITLE.search(text, ws, n.start())
        if m is None:
            continue
        issuer = m.group("issuer")
        cut = _DOC_LEFT.match(issuer)
        if cut:
            issuer = issuer[cut.end():]
        p = issuer + m.group("about")
        s = m.end("about") - len(p)
        if not inside(s, m.end("about")):
            add(p, s, m.end("about"))
    for m in _DOC_BARE.finditer(text):
        p, s, e = m.group("t"), m.start("t"), m.end("t")
        if inside(s, e) or taken.find(1, s, e) >= 0 or _DOC_BARE_NOT.search(p):
            continue
        if "关于" not in p and ("的" in p or not _DOC_BARE_PROPER.search(p)):
            continue
        add(p, s, e)
    for m in _NATIONAL.finditer(text):
        if inside(m.start(), m.end()):
            continue
        name, start = m.group(), m.start()
        level = _FUND_HEAD.search(name) and _NATIONAL_FUND_LEVEL.search(text, max(0, start - 6), start)
        if level and not taken[level.start()]:
            name, start = text[level.start():m.end()], level.start()
        if '"' in name:  # web excerpts write ASCII quotes: one canonical spelling
            name = name.replace('"', "“", 1).replace('"', "”", 1)
        add(name, start, m.end())
    for m in _HEADS.finditer(text):
        if inside(m.start(), m.end()):
            continue
        lo = taken.rfind(1, 0, m.start()) + 1  # a name does not reach into the one before it
        hit = _named(text, m.start(), m.end(), lo)
        if hit and not inside(hit[1], hit[2]):
            add(*hit)
    for m in _POLICY.finditer(text):
        p, s, e = m.group("p"), m.start("p"), m.end("p")
        if taken.find(1, s, e) >= 0 or _POLICY_NOT.search(p) or len(_POLICY_GENERIC.sub("", p[:-2])) < 4:
            continue
        add(p, s, e)
    for m in _QUOTED.finditer(text):
        p, after = m.group("p").strip(), m.group("after")
        s, e = m.start("p"), m.end("p")
        if inside(s, e) or _QUOTE_PUNCT.search(p) or _FYP.match(p) or _NOT_SLOGAN_AFTER.match(after):
            continue
        if p.startswith("关于") or _BAD_ANY.search(p):
            continue
        slogan = len(_NUMERAL.findall(p)) >= 2 or _NUMBER_PLUS.match(p) or (len(p) == 4 and _NUMERAL.match(p))
        if slogan or _LEVEL.search(p) or _SCHEME_AFTER.match(after) or _HEADS_END.search(p):
            add(p, s, e)
    return [{"name": n, "mentions": spans} for n, spans in found.items()]
