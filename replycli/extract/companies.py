"""Companies: full legal names, reference enterprises (banks, carriers, central
enterprises), short names that clearly name one enterprise, and the aliases
linking them within a document.

Rules receive simplified text (traditional characters, pinyin readings and
full-width ASCII are folded before extraction), so they hold simplified
forms only. Word lists live in ``replycli/data/company_*.txt``.

Shapes recognised (examples are invented):

* full names ending in a legal suffix: 青川远航物流有限责任公司, 甲市北辰集团;
* reference enterprises and their short forms: 中国工商银行 / 工商银行 / 工行,
  中国移动乙川分公司, 中国石化 / 中石化; 乙川县农村商业银行, 丙川村镇银行, 乙川银行;
* place + distinctive word + trade word: 青川北辰精工, 甲省远航物流;
* items of an enumeration headed by enterprises:
  引进青禾动力、明岚、北辰精工等10多家配套企业, 龙头企业如青禾科技、明岚等;
* short forms a reply declares: 甲有限公司(以下简称“甲公司”);
* abbreviations of a full name in the same reply: 青川远航公交公司 for
  青川远航公共交通有限公司, 明岚公司 for 临江明岚科技有限公司;
* plants named by a place or a proper name: 甲市电厂, 北辰水泥厂;
* names in apposition to a designation: 龙头企业青禾药业.

Words glued in front of a name are cut: listed stops (verbs, role nouns such
as 建设单位, openers such as 今年以来) and, by the segmenter's tags, a leading
function word or verb before a proper noun (据|甲市…, 帮扶|甲市…).

Fragments are rejected: bare trade or sector words (钢铁公司, 新能源汽车),
collective nouns (民营企业, 龙头企业, 规上企业), "…等公司" heads, clauses cut
mid-word in front of a company word, and names followed by the ending of a
non-enterprise (…股份转让中心, …农业农村局).
"""
from __future__ import annotations

import re
from functools import lru_cache

from replycli.extract.wordlists import alternation, first_chars, load

_H = "\u4e00-\u9fff"  # Han characters
_SUFFIX = alternation("company_legal_suffixes")
_SUFFIX_END = re.compile(_SUFFIX + "$")
_LIMITED = re.compile(r"有限(?:责任)?公司$")
# The lookahead before the suffix words lets each step of the lazy name test one
# character class instead of every suffix: the same matches, in 60% of the time.
_FULL = re.compile(rf"[{_H}()（）A-Za-z0-9]{{2,30}}?(?={first_chars('company_legal_suffixes')}){_SUFFIX}")
_SUFFIX_WORD = re.compile(_SUFFIX)  # the anchor of _FULL: it is scanned only near one
# A company of a group written after it: 甲市北辰集团远航公司.
_SUBSIDIARY = re.compile(rf"(?:(?![与和及等的在对向为是、])[{_H}]){{2,6}}?(?:分公司|公司)")
# A branch written after a full name: 甲市北辰股份有限公司乙县分公司.
_BRANCH_OF = re.compile(rf"(?:(?![与和及等的在对向为是、])[{_H}]){{2,6}}?(?:分公司|分厂|办事处|分行|支行|营业部)")

# Words that end the text to the left of a name, and dates (2020年甲市…).
_LEFT_STOP = re.compile(alternation("company_left_stops") + r"|\d{1,4}\s*[年月日号]")
_STOPS = frozenset(load("company_left_stops"))

_NOT_END = re.compile(alternation("company_not_endings") + "$")
_NOT_IN = re.compile(alternation("company_not_inside"))
# A name is not an enterprise when a non-enterprise ending follows within two
# characters: 甲市股份转让中心, 乙市农业农村局, 丙石油大学.
_NOT_AFTER = re.compile(
    rf"(?:(?![与和及在对向为由被将把同跟等的是、])[{_H}]){{0,2}}?(?:"
    + "|".join(re.escape(e) for e in sorted(load("company_not_endings"), key=len, reverse=True) if len(e) >= 2 or e == "局")
    + ")")

# After a full name (legal suffix) only an ending right behind it unmakes it:
# 甲市北辰公司研究院; a verb between (…有限公司共建实验室) does not.
_NOT_AFTER_NAME = re.compile("(?:" + "|".join(
    re.escape(e) for e in sorted(load("company_not_endings"), key=len, reverse=True) if len(e) >= 2) + ")")
# 股份 alone ends a name only where a word ends: 甲市北辰股份 but not 乙市股份转让中心.
_BARE_SHARES = re.compile(r"(?<!有限公司)(?<!集团)股份$")


def _ends_word(text: str, end: int) -> bool:
    return end >= len(text) or not ("\u4e00" <= text[end] <= "\u9fff") or text[end] in "与和及等的在对向为是被将已"


_COLLECTIVE = alternation("company_collective")
_TRADE = alternation("company_trade_words")
_GENERIC = re.compile(alternation("company_generic_words"))
# Heads that point back or quantify rather than name: 各公司, 该集团, 本公司.
_BAD_HEAD = re.compile(rf"^(?:{_COLLECTIVE}|[各本该此其这我全每]|\d)")
_COLLECTIVE_END = re.compile("(?:" + "|".join(
    re.escape(w) for w in load("company_collective") if w not in load("company_legal_suffixes") and w != "银行") + ")$")
# What is left of a name once its collective, trade, sector and legal words are
# removed; one character or none means no enterprise is named (国有控股公司).
_SECTOR_WORDS = re.compile(
    "|".join([_COLLECTIVE, _TRADE, alternation("company_sector_modifiers"), alternation("company_generic_words"),
              _SUFFIX, r"[省市县区镇乡级]"]))

_PROVINCES = frozenset(load("company_provinces"))
_MODIFIERS = re.compile(alternation("company_sector_modifiers"))


_CUT = None


def _cut_words(s: str) -> list[str]:
    """Dictionary words only (no HMM guesses): an unknown name is not glued to
    the preposition in front of it (由|乙|川 rather than 由乙川)."""
    global _CUT
    if _CUT is None:
        try:
            import rjieba

            _CUT = lambda t: rjieba.cut(t, False)  # noqa: E731
        except ImportError:  # the portable fallback the index also uses
            import jieba

            jieba.setLogLevel(60)
            _CUT = lambda t: jieba.lcut(t, HMM=False)  # noqa: E731
    return _CUT(s)


def _segment(s: str) -> set[int]:
    """Word boundaries (offsets) of ``s`` as the segmenter's dictionary cuts it."""
    out, at = {0}, 0
    for w in _cut_words(s):
        at += len(w)
        out.add(at)
    return out


# Part-of-speech tags of common words (nouns, verbs, adjectives, idioms); a
# proper noun (nr, ns, nt, nz) or an unknown word can be an enterprise's name.
_COMMON_TAGS = frozenset({"n", "v", "vn", "a", "an", "ad", "d", "l", "i", "vd"})


def _common_word(word: str) -> bool:
    """``word`` is one common dictionary word (出租车, 装修), by the segmenter's tags."""
    try:
        import rjieba
    except ImportError:  # no tagger on this platform: let the other rules decide
        return False
    tags = rjieba.tag(word)
    return len(tags) == 1 and tags[0][1] in _COMMON_TAGS


_NAME_WORDS = frozenset(load("company_name_words"))
_PLACE_START = re.compile(rf"[{_H}]{{2,3}}?(?:省|市|县|区|州)|" + alternation("company_provinces"))


# Pure (the segmenter's dictionary is fixed), and asked about the same candidates
# again and again (a name recurs in a reply): cached, the same answers.
@lru_cache(maxsize=1024)
def _trim_left(name: str) -> str:
    """Cut the words that precede a name (组织, 推荐, 与 ...).

    Only the part before the legal suffix is searched (有限公司 itself holds
    有). A one-character stop counts only where the segmenter reads it as a
    word (华为 keeps its 为); a stop that is also a name word (建设, 投资)
    counts only when a place name follows it (支持建设甲市远航物流有限公司),
    so 甲市城市建设投资有限公司 stays whole."""
    m = _SUFFIX_END.search(name)
    core_end = m.start() if m else len(name)
    cut = 0
    bounds = None
    for stop in _LEFT_STOP.finditer(name, 0, core_end):
        word = stop.group(0)
        if stop.end() > core_end - 1:
            continue
        if word in _NAME_WORDS and not _PLACE_START.match(name, stop.end()):
            continue
        if len(word) == 1 or word in ("以及", "及其"):
            if bounds is None:
                bounds = _segment(name)
            # the segmenter glues a preposition to a level word: 由市, 向县
            if stop.start() not in bounds or stop.end() not in bounds and name[stop.end()] not in "省市县区州":
                continue
        cut = stop.end()
    return _trim_function_word(name[cut:].lstrip("（(“\""))


# Tags of a word that cannot begin an enterprise's name: prepositions, time
# words, adverbs, conjunctions, pronouns, distinguishing words and verbs
# (据|甲市…, 目前|甲市…, 帮扶|甲市…, 现有|甲…).
_LEAD_TAGS = frozenset({"p", "t", "d", "c", "r", "b", "v", "vd", "f", "i", "l"})
_PROPER_TAGS = frozenset({"ns", "nr", "nz", "nt", "nrt", "nrfg"})


def _proper(word: str) -> bool:
    """The segmenter reads ``word`` as (part of) a proper noun: 北辰, 明岚."""
    try:
        import rjieba
    except ImportError:
        return False
    return any(t in _PROPER_TAGS or t in ("x", "j") for _, t in rjieba.tag(word))


def _trim_function_word(name: str) -> str:
    """Cut one leading function word or verb when a proper noun (a place or a
    name, by the segmenter's tags) follows it and a name of at least four
    characters is left: 据甲市北辰物流有限公司 -> 甲市北辰物流有限公司."""
    m = _SUFFIX_END.search(name)
    core = name[:m.start()] if m else name
    if len(core) < 5:
        return name
    try:
        import rjieba
    except ImportError:
        return name
    tags = rjieba.tag(core[:10])
    cut = 0
    for i, (w, t) in enumerate(tags):
        if t in _PROPER_TAGS:
            break
        # 并|安排, 今年|以来, 辖区|内: function words, verbs, and a noun of place
        if not (t in _LEAD_TAGS or i + 1 < len(tags) and t == "n" and tags[i + 1][1] == "f"):
            return name
        cut += len(w)
    else:
        return name
    if 0 < cut <= 5 and len(core) - cut >= 4 and not _REF_START.match(name):
        return name[cut:]
    return name


# The enterprise of one province, city or county: 县供水集团, 市城投公司, 省交通投资集团.
_LEVEL_GROUP = re.compile(rf"^[省市州县区][{_H}]{{2,4}}(?:集团|集团公司|公司)$")


def _sector_only(name: str) -> bool:
    """True when nothing distinctive is left: 钢铁公司, 新能源汽车, 民营企业."""
    return len(_SECTOR_WORDS.sub("", name)) <= 1 and not _LEVEL_GROUP.match(name)


_COUNTED = re.compile(r"[一二两三四五六七八九十百千几多数每这那该]家$")


@lru_cache(maxsize=1024)  # pure; see _trim_left
def _ok(name: str) -> bool:
    """A candidate names one enterprise (not a fragment, kind or body)."""
    if len(name) < 4 or _BAD_HEAD.match(name):
        return False
    core = _SUFFIX_END.sub("", name)
    # 推动集团, …经营的公司, …等公司, …扶持和公司, …设立合资公司, 两家公司
    if len(core) < 2 or core in _STOPS or _COLLECTIVE_END.search(core):
        return False
    if core[-1] in "的等和与及或对向在为把被将" and len(core) - 1 in _segment(core):
        return False  # a clause cut at 和 or 的 (华为 keeps its 为)
    if _COUNTED.search(core):
        return False
    # 有限公司 makes a registered name: 甲市建设工程有限公司, 乙工程局有限公司 stay.
    registered_form = _LIMITED.search(name)
    if not registered_form and (_GENERIC.search(core) or _NOT_END.search(core)):
        return False
    if name.endswith("公司") and len(core) < 2 and not name.endswith(("集团公司", "分公司")):
        return False
    if name.endswith("公司") and len(core) <= 3 and _common_word(core):
        return False  # 出租车公司, 装修公司: a kind of company, not a name
    if _NOT_END.search(name) or _NOT_IN.search(name):
        return False
    return not _sector_only(name)


# -- reference enterprises: banks, carriers, central enterprises ---------------

def _reference() -> dict[str, str]:
    """form -> registered name, from the national reference lists."""
    out: dict[str, str] = {}
    for listname in ("company_banks_carriers", "company_central_enterprises"):
        for line in load(listname):
            forms = line.split()
            for f in forms:
                out.setdefault(f, forms[0])
    return out


_REF = _reference()


def reference_names() -> dict[str, str]:
    """form -> registered name of the banks, carriers and central enterprises."""
    return _REF

# A branch written after the enterprise: 中国移动甲市分公司, 工商银行乙县支行.
_BRANCH = rf"(?:[{_H}]{{2,6}}?(?:分公司|分行|支行|办事处|营业部))?"
_REF_START = re.compile("|".join(re.escape(f) for f in sorted(_REF, key=len, reverse=True)))
_REF_RE = re.compile(
    "(?P<ref>" + "|".join(re.escape(f) for f in sorted(_REF, key=len, reverse=True)) + ")" + _BRANCH)
# Local banks: 乙川县农村商业银行, 丙川村镇银行, 丁川市农商行.
_LOCAL_BANK_WORDS = "农村商业银行|农村合作银行|农商银行|农商行|村镇银行|农村信用合作联社|农村信用合作社|农村信用社|信用联社|农信联社|农信社"
_LOCAL_BANK = re.compile(rf"(?P<n>[{_H}]{{2,6}}?(?P<bw>{_LOCAL_BANK_WORDS}))" + _BRANCH)
_LOCAL_BANK_WORD = re.compile(_LOCAL_BANK_WORDS)
# Two-character forms (工行, 中行) are also parts of other words (加工行业,
# 集中行动); they count only where the segmenter reads them as a word.


def _is_word(text: str, s: int, e: int) -> bool:
    ws = max(0, s - 10)
    bounds = _segment(text[ws:e + 10])
    return s - ws in bounds and e - ws in bounds and not any(s - ws < b < e - ws for b in bounds)


# A bank named by its place: 甲省银行, 乙市商业银行; found from its bank word,
# the place before it checked in Python.
# A body's name that a reference form only begins: within eight characters,
# without a stop between, an ending of at least three characters.
_BODY_AFTER = re.compile(
    rf"(?:(?![与和及在对向为由被将把同跟等的是、])[{_H}]){{0,8}}?(?:"
    + "|".join(re.escape(e) for e in load("company_not_endings") if len(e) >= 3) + ")")
_BANK_WORD = re.compile(r"(?:商业银行|银行)(?![间业])")
_BRANCH_RE = re.compile(_BRANCH)
_OWN_FORM = re.compile(_SUFFIX + "?" + _BRANCH)


def _references(text: str, places: frozenset = frozenset()):
    """``(name, start, end, registered)`` of banks, carriers, central enterprises."""
    for m in _REF_RE.finditer(text):
        ref = m.group("ref")
        if len(ref) == 2 and not _is_word(text, m.start(), m.end("ref")):
            continue
        if m.end() < len(text) and text[m.end()] == "业" or _NOT_AFTER.match(text, m.end()) \
                or _BODY_AFTER.match(text, m.end()):
            continue  # 中国银行业协会, 中国石油大学, 中国银行保险监督管理委员会
        if ref.endswith("集团") and m.start() and text[m.start() - 1] in "省市州县区":
            continue  # 县国投集团: a level's own group, not the central one
        yield m.group(0), m.start(), m.end(), _REF[ref]
    for m in _near(_LOCAL_BANK, _LOCAL_BANK_WORD, text, 6):
        name = _trim_left(m.group("n"))
        start = m.end("n") - len(name)
        prefix = name[:len(name) - len(m.group("bw"))]
        if len(prefix) >= 2 and not _BAD_HEAD.match(name) and prefix[0] not in "省市县区" and not _sector_only(prefix):
            yield text[start:m.end()], start, m.end(), None
    for m in _BANK_WORD.finditer(text):
        end = _BRANCH_RE.match(text, m.end()).end()
        if _NOT_AFTER.match(text, end):
            continue
        for k in (2, 3, 4):
            lvl = 1 if m.start() > k and text[m.start() - 1] in "省市" else 0
            s = m.start() - k - lvl
            p = text[max(0, s):s + k]
            if s >= 0 and (p in _PROVINCES or p in places or lvl and _left_boundary(text, s)):
                yield text[s:end], s, end, None
                break
        else:
            # place + a two-character name: 甲市北辰银行, 乙省明岚商业银行
            q = m.start() - 2
            mid = text[q:m.start()]
            if q < 1 or text[q - 1] not in "省市" or not _proper(mid) or _BAD_HEAD.match(mid) or _sector_only(mid + "银行"):
                continue
            for k in (2, 3):
                s = q - 1 - k
                if s >= 0 and (text[s:q - 1] in _PROVINCES or text[s:q - 1] in places) and _left_boundary(text, s):
                    yield text[s:end], s, end, None
                    break


# -- short names: place + distinctive word + trade word -------------------------

_PLACE_IN_TEXT = re.compile(rf"(?P<p>(?![我本全该各此省市县区])[{_H}]{{2}})(?:市|县)(?=[{_H}])")


# Where a place of _PLACE_IN_TEXT can end: its 市/县, with a character after it.
_PLACE_SUFFIX_AT = re.compile(rf"[市县](?=[{_H}])")


def _places(text: str) -> frozenset:
    """Places the document names (青川市 -> 青川)."""
    # The pattern is tried only two characters before each 市/县 (a few per reply)
    # rather than at every character; a place found there is skipped over, as
    # finditer would: the same places, in a quarter of the time.
    out, last_end = set(), 0
    for suffix in _PLACE_SUFFIX_AT.finditer(text):
        start = suffix.start() - 2
        if start < last_end:
            continue
        m = _PLACE_IN_TEXT.match(text, start)
        if m:
            out.add(m.group("p"))
            last_end = m.end()
    return frozenset(out)


def _is_place(p: str, places: frozenset) -> bool:
    return p in _PROVINCES or p in places


# Every place-like prefix followed by a short name and a trade word; the prefix
# is checked in Python against provinces and the places this document names,
# so the pattern is compiled once.
_SHORT_ANY = re.compile(
    rf"(?=(?P<n>(?P<place>[{_H}]{{2,3}}?)(?:省|市)?(?![市县区级])(?P<mid>[{_H}]{{1,4}}?){_TRADE}))")
_TRADE_ONLY = re.compile(_TRADE)
_TRADE_END = re.compile(_TRADE + "$")
_SHORT_CONTEXT = re.compile(alternation("company_context_words"))
# Heavy-industry short names without a place: 青禾重工, 明岚特钢.
_BARE_SHORT = re.compile(rf"(?<![{_H}])(?P<n>[{_H}]{{2,3}}(?:重工|特钢))(?=[^{_H}]|等|、|有限|在|的|获|被|列入|申报)")


_STOP_WORDS = tuple(_STOPS)  # str.endswith takes them all in one call
_DATE_END = re.compile(r"\d[年月日号]$")
# _short_names' test of a name's middle part, compiled once.
_NOT_NAME_MIDDLE = re.compile(r"[省市县区镇乡村个首第批些类]")
# Words that trigger _BARE_SHORT: a reply without them skips its scan.
_BARE_SHORT_WORDS = ("重工", "特钢")


def _left_boundary(text: str, s: int) -> bool:
    """A name starts a word: after a non-Han character, a stop word or a date."""
    if s == 0 or not ("\u4e00" <= text[s - 1] <= "\u9fff"):
        return not (text[s] in "年月日号" and s and text[s - 1].isdigit())
    left = text[max(0, s - 6):s]
    return left.endswith(_STOP_WORDS) or bool(_DATE_END.search(left))


def _word_ends(text: str, s: int, e: int) -> bool:
    """The segmenter ends a word at ``e`` (the name is not cut mid-word)."""
    return e - s in _segment(text[s:e + 6])


def _short_names(text: str, places: frozenset):
    """``(name, start, end)`` of place + name + trade word short names.

    Only positions up to eight characters before a trade word can start one,
    so the (lookahead) pattern is tried there alone."""
    starts = sorted({p for t in _TRADE_ONLY.finditer(text) for p in range(max(0, t.start() - 8), t.start() - 2)})
    known = _PROVINCES | places
    last_end = -1
    for p in starts:
        # A match's place is the two or three characters at p, and it is kept only
        # when it is a known place or is spelled out with 市/省 right after it: a start
        # where neither can hold is skipped without running the pattern.
        if not (text[p:p + 2] in known or text[p:p + 3] in known
                or text[p + 2:p + 3] in ("市", "省") or text[p + 3:p + 4] in ("市", "省")):
            continue
        m = _SHORT_ANY.match(text, p)
        if not m or m.start() < last_end:
            continue
        place, mid = m.group("place"), m.group("mid")
        spelled_out = text[m.end("place"):m.end("place") + 1] in ("市", "省") and place[0] not in "我本全该各此省市县区"
        if not (spelled_out and _left_boundary(text, m.start()) or _is_place(place, places)):
            continue
        # The middle part is a name, not another place or a count (甲省首家化工).
        if _NOT_NAME_MIDDLE.search(mid):
            continue
        if _NOT_AFTER.match(text, m.end("n")) or not _word_ends(text, m.start("n"), m.end("n")):
            continue  # 甲市农业农村局
        if not _MODIFIERS.sub("", mid) or _TRADE_ONLY.match(text, m.end("n")):
            continue  # 乙川新能源汽车产业园: a sector of the place
        yield m.group("n"), m.start("n"), m.end("n")
        last_end = m.end("n")


# -- plants: place or name + kind of plant (甲市电厂, 北辰水泥厂) -----------------

_PLANT = re.compile(rf"[{_H}]{{2,8}}?(?P<kind>{alternation('company_plant_kinds')})")
_PLANT_KIND = re.compile(alternation("company_plant_kinds"))


def _near(rx: re.Pattern, anchor: re.Pattern, text: str, reach: int, tail: int = 60):
    """``rx.finditer(text)`` for a pattern whose matches are at most ``reach``
    characters of name in front of an ``anchor`` word: only the windows around
    the anchors are scanned. The same matches, without trying a lazy name
    prefix at every character of a long reply."""
    windows: list[list[int]] = []
    for a in anchor.finditer(text):
        ws, we = max(0, a.start() - reach), a.end() + tail
        if windows and ws <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], we)
        else:
            windows.append([ws, we])
    last = 0
    for ws, we in windows:
        for m in rx.finditer(text, max(ws, last), we):
            last = m.end()
            yield m


def _plants(text: str):
    """``(name, start, end)`` of plants named by a place or a proper name; a
    kind of plant after common words alone (燃煤电厂, 污水处理厂) is not one."""
    for m in _near(_PLANT, _PLANT_KIND, text, 8):
        name = _trim_left(m.group(0))
        start = m.end() - len(name)
        prefix = name[:len(name) - len(m.group("kind"))]
        if len(prefix) < 2 or _BAD_HEAD.match(name) or _NOT_END.search(name) or _NOT_IN.search(name) \
                or _GENERIC.search(prefix) or len(_SECTOR_WORDS.sub("", prefix)) < 2:
            continue
        if _NOT_AFTER.match(text, m.end()) or not _left_boundary(text, start) and start == m.start():
            continue
        try:
            import rjieba
        except ImportError:
            continue
        tags = [t for _, t in rjieba.tag(prefix)]
        # a count or a position (一座, 沿岸) describes plants, it does not name one
        if not any(t in _PROPER_TAGS or t in ("x", "j") for t in tags) or any(t in ("m", "q", "mq", "f") for t in tags):
            continue
        yield name, start, m.end()


# -- enumerations ---------------------------------------------------------------

_ITEM = rf"(?:(?!等)[{_H}A-Za-z]){{2,12}}"
_COUNT = r"(?:\d+\s*(?:多|余)?\s*家|[一二两三四五六七八九十几数百]+(?:多|余)?家|一批)"
_HEAD = r"(?:企业(?!家)|公司|集团|龙头|厂商|厂家)"
# Between 等 and the head: words of the same noun phrase, no other count
# (甲、乙等20个项目申报…企业 is a list of projects).
_FILLER = r"(?:(?!\d+\s*[个项名人所条次座批]|领域|部门|地区|方面|单位|环节)[^,，。;；:：!?！？、])"
# 引进甲、乙、丙等10多家配套企业 / 以甲、乙等为龙头 / 甲、乙两家企业: the tail
# after the list, tried where it can start (等 or a count), and the list read
# backwards from there in a short window, so the text is not scanned item by item.
_ENUM_TAIL = re.compile(
    rf"等\s*(?P<cnt>{_COUNT})?(?P<fill>{_FILLER}{{0,16}}?)(?P<head>{_HEAD})"
    rf"|\s*(?P<cnt2>{_COUNT}){_FILLER}{{0,12}}?{_HEAD}")
# The lookahead lets the scan skip at once the positions where neither 等 nor a
# count can start (the same matches, in half the time).
_ENUM_ANCHOR = re.compile(rf"(?=[等\d一二两三四五六七八九十几数百])(?:等|(?<=[{_H}A-Za-z])(?={_COUNT}))")
_ENUM_LIST = re.compile(rf"(?:{_ITEM}、)*{_ITEM}$")
# 龙头企业如甲、乙、丙等 / 重点企业包括甲、乙和丙。
_ENUM_AFTER = re.compile(
    rf"{_HEAD}(?:如|像|包括|例如|比如)(?P<list>{_ITEM}(?:、{_ITEM})+)(?=等|[,，。;；])")
# 乙川北辰是一家专业从事精密铸造的高新技术企业 / …成立于2010年的民营企业
_IS_A = re.compile(rf"(?P<n>[{_H}A-Za-z]{{2,14}})(?:是一家|系一家|为一家)[^。；;!?！？,，]{{0,40}}?(?:企业|公司|集团)(?!家)")
_IS_A_WORD = re.compile("是一家|系一家|为一家")
# A name in apposition to a designation: 龙头企业青禾药业带动…, 我县企业甲市北辰精工…
# The first-character lookahead rejects at once the positions where no designation
# starts: the same matches, a quarter of the scan time.
_APPOSED = re.compile(
    "(?=[" + first_chars("company_collective")[1:-1] + "我本])"
    rf"(?:{_COLLECTIVE}|我[市县区省]|本地)(?:企业|公司)(?P<n>[{_H}]{{2,8}}?{_TRADE}(?:[、和及][{_H}]{{2,8}}?{_TRADE})*)(?![{_H}]{{0,1}}(?:{_TRADE}))")
# 以甲、乙为龙头 / 以甲为链主
_ENUM_LEAD = re.compile(rf"以(?P<list>{_ITEM}(?:、{_ITEM})*)(?:等)?(?:企业)?为(?:龙头|链主|核心企业)")
_DECLARED = re.compile(rf"[(（]\s*(?:以下简称|以下称|下称|简称)\s*[“\"‘']?(?P<a>[{_H}A-Za-z0-9]{{2,12}}?)[”\"’']?\s*[)）]")
_LIST = re.compile(r"(?:[\u4e00-\u9fff()（）]{2,30}、)+[\u4e00-\u9fff()（）]{2,30}")
_ENUM_COMMA = re.compile("、")  # the anchor of _LIST: its first one is at most 30 characters in


# A designation given to firms right before the head: …等“小巨人”企业, …等龙头企业.
_DESIGNATED = re.compile(_COLLECTIVE + r"[”\"’']?$")


_NOT_ITEM_FORM = re.compile(r"[省市县区镇乡村]$|等$|类$|^[\u4e00-\u9fff]{1,2}业$")
_AND_WORD = re.compile("[和及]")


def _enum_item_ok(name: str, places: frozenset) -> bool:
    """An enumerated item names an enterprise: not a place, a sector, a
    collective noun or a non-enterprise body."""
    if not 2 <= len(name) <= 10 or _BAD_HEAD.match(name) or _NOT_END.search(name) or _GENERIC.search(name):
        return False
    if _NOT_ITEM_FORM.search(name) or _is_place(name, places) or name in _STOPS:
        return False
    return not _sector_only(name)


def _enumerated(text: str, places: frozenset):
    """Items of enumerations that name enterprises. When the list is counted
    in enterprises (等10多家…企业, 两家企业), said to be 龙头, or follows 企业如,
    every item that passes is a name; in a bare 甲、乙等企业 the items may be
    sectors (光伏、风电等企业), so only a distinctive word + trade word counts."""
    for m in _ENUM_AFTER.finditer(text):
        yield from _items(m.group("list"), m.start("list"), True, places)
    for m in _near(_IS_A, _IS_A_WORD, text, 14):
        name = _trim_left(m.group("n"))
        start = m.end("n") - len(name)
        if _left_boundary(text, start) and _enum_item_ok(name, places):
            yield name, start, m.end("n")
    for m in _APPOSED.finditer(text):
        name = _AND_WORD.sub("、", m.group("n"))
        if _word_ends(text, m.start("n"), m.end("n")) and not _NOT_AFTER.match(text, m.end("n")):
            yield from _items(name, m.start("n"), False, places)
    # 以…为龙头 also leads abstract nouns (以创新为龙头): distinctive word + trade word only.
    for m in _ENUM_LEAD.finditer(text):
        yield from _items(m.group("list"), m.start("list"), False, places)
    for a in _ENUM_ANCHOR.finditer(text):
        tail = _ENUM_TAIL.match(text, a.start())
        if not tail:
            continue
        ws = max(0, a.start() - 120)
        lst = _ENUM_LIST.search(text, ws, a.start())
        if not lst:
            continue
        strong = (bool(tail.group("cnt") or tail.group("cnt2")) or tail.group("head") == "龙头"
                  or bool(tail.group("fill") and _DESIGNATED.search(tail.group("fill"))))
        yield from _items(lst.group(0), lst.start(), strong, places)


def _items(listed: str, offset: int, strong: bool, places: frozenset):
    for item in listed.split("、"):
        start = offset
        offset += len(item) + 1
        name = _trim_left(item)
        start += len(item) - len(name)
        if _enum_item_ok(name, places) and (strong or _TRADE_END.search(name)
                                            and len(_SECTOR_WORDS.sub("", name)) >= 2):
            yield name, start, start + len(name)


# -- linking --------------------------------------------------------------------

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
        # Only a distinctive remainder makes a safe alias: 青川华远钢铁 -> 华远钢铁, but 青川钢铁 -> not 钢铁.
        if not _TRADE_ONLY.fullmatch(rest) and not _sector_only(rest):
            out.append(rest)
    return out


_PLACE_HEAD = re.compile(rf"^[{_H}]{{2,3}}?(?:省|市|县|区)")


@lru_cache(maxsize=4096)
def _core_and_body(name: str) -> tuple[str, str]:
    """``name`` without its legal suffix, and that without its place: the linking
    loop asks for them about every pair of names, so once per name is cached."""
    core = _SUFFIX_END.sub("", name)
    return core, _PLACE_HEAD.sub("", core)


def _abbreviates(short: str, long: str) -> bool:
    """``short`` is an abbreviation of ``long``: its characters appear in order
    and it starts like the name part of ``long`` (甲市远航公交公司 for
    甲市远航公共交通有限公司, or 远航公交公司 alone)."""
    s = _core_and_body(short)[0]
    core, body = _core_and_body(long)
    # 明岚公司 for 临江明岚科技有限公司: a two-character name right after the
    # place (spelled out or not) of a longer name, with a company word.
    if len(s) == 2 and short == s + "公司" and "集团" not in long and len(core) >= 6 \
            and (body.startswith(s) or core[2:4] == s):
        return True
    if len(s) < 3 or len(s) >= len(core) or not (core.startswith(s[:2]) or body.startswith(s[:2])):
        return False
    it = iter(core)
    return all(ch in it for ch in s)


class _Spans:
    """The spans already taken by a name, bucketed by position so that an
    overlap test looks at a few neighbours, not every span of the text (a
    list scan made a long reply quadratic)."""

    _B = 64

    def __init__(self):
        self._buckets: dict[int, list[tuple[int, int]]] = {}

    def add(self, s: int, e: int) -> None:
        for b in range(s // self._B, max(s, e - 1) // self._B + 1):
            self._buckets.setdefault(b, []).append((s, e))

    def overlapping(self, s: int, e: int) -> list[tuple[int, int]]:
        out = []
        for b in range(s // self._B, max(s, e - 1) // self._B + 1):
            for span in self._buckets.get(b, ()):
                if span[0] < e and s < span[1] and span not in out:
                    out.append(span)
        return out


def extract_companies(text: str) -> tuple[list[dict], list[tuple[str, int, int]]]:
    """Return ``(companies, mentions)``: one entry per company with its
    fullest form and aliases; mentions as ``(canonical, start, end)``."""
    found: dict[str, list[tuple[int, int]]] = {}
    registered: dict[str, str] = {}  # form -> registered name of a reference enterprise
    declared: dict[str, str] = {}  # short form -> the full name it was declared for
    taken = _Spans()

    def free(s: int, e: int) -> bool:
        return not taken.overlapping(s, e)

    def add(name: str, s: int, e: int) -> None:
        found.setdefault(name, []).append((s, e))
        taken.add(s, e)

    places = _places(text)
    refs = list(_references(text, places))
    for name, s, e, reg in refs:
        if free(s, e):
            add(name, s, e)
            if reg:
                registered[name] = reg
    for m in _near(_FULL, _SUFFIX_WORD, text, 30):
        end = m.end()
        sub = (_SUBSIDIARY if m.group(0).endswith("集团") else _BRANCH_OF).match(text, end)
        end = sub.end() if sub else end
        name = _trim_left(text[m.start():end])
        start = end - len(name)
        # A reference form inside, not at the start, either ends the text in
        # front (协调工行向甲公司 -> 甲公司) or heads the name of one of its
        # companies (中国建筑第八工程局有限公司).
        before = [(s, e) for s, e in taken.overlapping(start, end) if start < s and e < end - 1]
        if before:
            s0, e0 = max(before, key=lambda sp: sp[1])
            if _LEFT_STOP.match(text, e0):
                name = _trim_left(text[e0:end])
            else:
                name = text[s0:end]
            start = end - len(name)
        if (not _ok(name) or _NOT_AFTER_NAME.match(text, end) or _BARE_SHARES.search(name) and not _ends_word(text, end)
                or end < len(text) and text[end] in "化制式型"):  # 公司化管理, 集团化发展
            continue
        over = taken.overlapping(start, end)
        if not over:
            add(name, start, end)
        elif all(start == s and e <= end for s, e in over) and (start, end) not in over:
            # A full name that starts with a reference form: 中国工商银行股份有限公司.
            # Its companies (中国建筑第八工程局有限公司) are companies of their own.
            heads = {n: registered[n] for n, spans in found.items() if n in registered for sp in spans if sp in over}
            if len(set(heads.values())) == 1 and all(_OWN_FORM.fullmatch(name[len(h):]) for h in heads):
                registered[name] = next(iter(heads.values()))
            else:  # the reference form is only the head of this name here
                for n in list(found):
                    found[n] = [sp for sp in found[n] if sp not in over]
                    if not found[n]:
                        del found[n]
            add(name, start, end)
    for name, s, e in _plants(text):
        if free(s, e):
            add(name, s, e)
    shorts = list(_short_names(text, places))
    if any(w in text for w in _BARE_SHORT_WORDS):
        shorts += [(m.group("n"), m.start("n"), m.end("n")) for m in _BARE_SHORT.finditer(text)]
    for raw, raw_start, end in shorts:
        name = _trim_left(raw)
        start = end - len(name)
        ctx = text[max(0, start - 10):end + 30]
        if len(name) >= 4 and _SHORT_CONTEXT.search(ctx) and _ok(name + "公司") and free(start, end):
            add(name, start, end)
    for name, s, e in _enumerated(text, places):
        if free(s, e):
            add(name, s, e)
    # Items listed beside a known company that end in a trade word: 甲有限公司、乙精工
    for m in _near(_LIST, _ENUM_COMMA, text, 30):
        items, offset, spans = m.group(0).split("、"), m.start(), []
        for item in items:
            spans.append((offset, offset + len(item)))
            offset += len(item) + 1
        known = [not free(s, e) for s, e in spans]
        if not any(known):
            continue
        for (s, e), is_known in zip(spans, known):
            name = _trim_left(text[s:e])
            ns = e - len(name)
            if not is_known and _TRADE_END.search(name) and 4 <= len(name) <= 10 and _ok(name + "公司"):
                add(name, ns, e)
    # A short form the reply declares: 甲有限公司(以下简称“甲公司”).
    for m in _DECLARED.finditer(text):
        full = next((n for n, spans in found.items() for s, e in spans if e == m.start()), None)
        short = m.group("a")
        if full and short != full and len(short) >= 2:
            for n in list(found):  # the declaration itself, read as a name
                found[n] = [(s, e) for s, e in found[n] if n == full or not (s < m.end() and m.start() < e)]
                if not found[n]:
                    del found[n]
            declared[short] = full
            at = text.find(short, m.end())
            spans = [(m.start("a"), m.end("a"))]
            while at >= 0:
                spans.append((at, at + len(short)))
                at = text.find(short, at + len(short))
            found[short] = spans
    # Link forms: forms of one reference enterprise; a name contained in a
    # longer name (or its alias) or abbreviating it is that company.
    names = sorted(found, key=len, reverse=True)
    # A branch written with its parent's full name (甲有限公司乙分公司) is an
    # enterprise of its own when the parent is named too; the parent's forms
    # link to the parent.
    named = set(names)
    branches = {c for c in names for k in range(4, len(c) - 2)
                if c[:k] in named and _SUFFIX_END.search(c[:k]) and _BRANCH_RE.fullmatch(c[k:])}
    canonical: dict[str, str] = {}
    aliases_of: dict[str, list[str]] = {}  # name -> _aliases_for(name): asked once per pair of names

    def aliases(c: str) -> list[str]:
        found_aliases = aliases_of.get(c)
        if found_aliases is None:
            found_aliases = aliases_of[c] = _aliases_for(c)
        return found_aliases

    # names is sorted longest first: the names longer than one of length L are the
    # names before the first of length L, so the searches below look at those only.
    first_of_length: dict[int, int] = {}
    for i, c in enumerate(names):
        first_of_length.setdefault(len(c), i)
    for n in names:
        reg = registered.get(n)
        longer = names[:first_of_length[len(n)]]
        # _abbreviates(n, c) needs the first two characters of n's core inside c: the
        # cheap substring test spares most calls.
        core_head = _core_and_body(n)[0][:2]
        if n in declared:
            target = declared[n]
        elif reg:
            # a branch (工行乙县支行) is not another branch (中国工商银行甲市分行)
            target = next((c for c in longer if canonical.get(c) == c
                           and registered.get(c) == reg and (n in _REF or n in c)), None)
        else:
            target = next((c for c in longer if canonical.get(c) == c and not registered.get(c)
                           and c not in branches and (n in c or n in aliases(c) or core_head in c and _abbreviates(n, c))),
                          None)
        canonical[n] = target or n
    companies: dict[str, dict] = {}
    for n in names:
        c = canonical[n]
        entry = companies.setdefault(c, {"name": c, "aliases": [], "mentions": []})
        if n != c and n not in entry["aliases"]:
            entry["aliases"].append(n)
    # Aliases a full name implies (甲市远航物流, 远航物流) are mentions too.
    for c, entry in list(companies.items()):
        if registered.get(c):
            continue
        for alias in _aliases_for(c, places):
            at = text.find(alias)
            while at >= 0:
                end = at + len(alias)
                if not any(at >= s and end <= e for s, e in taken.overlapping(at, end)):
                    taken.add(at, end)
                    found.setdefault(alias, []).append((at, end))
                    canonical[alias] = c
                    if alias not in entry["aliases"]:
                        entry["aliases"].append(alias)
                at = text.find(alias, at + 1)
    mentions = []
    for n, spans in found.items():
        c = canonical.get(n, n)
        for s, e in spans:
            mentions.append((c, s, e))
            companies[c]["mentions"].append([s, e])
    mentions.sort(key=lambda x: x[1])
    for entry in companies.values():
        entry["mentions"].sort()
    return sorted(companies.values(), key=lambda c: c["mentions"][0][0]), mentions
