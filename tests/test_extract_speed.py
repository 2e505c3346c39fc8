"""The extraction speed-ups are pure refactors: each faster pattern or shortcut
gives what the plain form gives, on random text built from the characters and
words the rules care about. The plain forms are written out here as they were
before the speed-up. Fixed seeds, so a failure reproduces."""
import random
import re

import pytest

from replycli import normalize
from replycli.extract import amounts, companies, programs
from replycli.extract.wordlists import alternation, load

_H = "\u4e00-\u9fff"
WORDS = (
    list("甲乙丙丁青川北辰钢铁科技、，。；：（）()“”的和及等为对向在市省县区镇乡村我本全各每\n 1234") + ["有限公司", "集团", "股份有限公司", "分公司", "公司", "企业"]
    + list(load("company_collective")[:20]) + list(load("company_trade_words")[:20]) + list(load("amount_entity_heads")[:20])
    + list(load("program_left_stops")[:30]) + ["专项资金", "资金", "项目", "计划", "工程", "补助", "奖补", "基金"]
    + ["20", "3.5", "二", "十", "家", "多家", "一批", "万元", "〔2023〕", "(", "（", "〔", "【", "[", "\t", "\u3000"]
    + ["甲省", "乙市", "青川市", "北辰县", "广东", "浙江", "重工", "特钢"]
)


def random_texts(seed: int, n: int = 300):
    rng = random.Random(seed)
    return ["".join(rng.choice(WORDS) for _ in range(rng.randint(1, 80))) for _ in range(n)]


def scan(rx: re.Pattern, text: str):
    return [(m.span(), m.groupdict()) for m in rx.finditer(text)]


PLAIN = {
    "companies._FULL": (companies._FULL, re.compile(rf"[{_H}()（）A-Za-z0-9]{{2,30}}?{companies._SUFFIX}")),
    "companies._APPOSED": (companies._APPOSED, re.compile(
        rf"(?:{companies._COLLECTIVE}|我[市县区省]|本地)(?:企业|公司)(?P<n>[{_H}]{{2,8}}?{companies._TRADE}"
        rf"(?:[、和及][{_H}]{{2,8}}?{companies._TRADE})*)(?![{_H}]{{0,1}}(?:{companies._TRADE}))")),
    "companies._ENUM_ANCHOR": (companies._ENUM_ANCHOR, re.compile(rf"等|(?<=[{_H}A-Za-z])(?={companies._COUNT})")),
    "amounts._ENTITY_NP": (amounts._ENTITY_NP, re.compile(
        rf"[\u4e00-\u9fff\dA-Za-z()（）“”]{{1,30}}?(?:{amounts._HEADS}|{amounts._PLACE})(?:[(（][^)）]{{1,8}}[)）])?")),
    "amounts._PROGRAM": (amounts._PROGRAM, re.compile(
        r"(?P<p>(?:《[^》]{2,40}》|“[^”]{2,20}”|[\u4e00-\u9fff\d（）()“”]){2,40}?"
        r"(?:专项资金|资金|基金|计划|工程|专项|补助|补贴|经费|奖励|奖补))(?:\s*(?:支持|奖励|共|合计))?\s*$")),
    "programs._DOC_NUMBER": (programs._DOC_NUMBER, re.compile(r"\s*[(（][^()（）\n]{0,12}[〔\[［【]\d{4}")),
    "programs._LEFT_CUT": (programs._LEFT_CUT, re.compile(
        r"^.*(?P<stop>" + alternation("program_left_stops")[3:-1]
        + r"|\d+(?:\.\d+)?\s*(?:万|亿|万亿)?元|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、]|[(（][一二三四五六七八九十\d]{1,3}[)）])", re.S)),
    "normalize.broken_line": (
        re.compile(normalize._PATTERNS["broken_line"]),
        re.compile(rf"(?<=[{normalize._CJK}])[ \t\u3000]*\n[\s\u3000]*(?=[{normalize._CJK}])")),
}


@pytest.mark.parametrize("name", sorted(PLAIN))
@pytest.mark.parametrize("seed", range(3))
def test_lookahead_patterns_find_what_the_plain_ones_find(name, seed):
    fast, plain = PLAIN[name]
    for text in random_texts(seed):
        assert scan(fast, text) == scan(plain, text)
        for i in range(0, len(text), 7):  # match/search from a position, as the rules call them
            for how in ("match", "search"):
                fm, pm = getattr(fast, how)(text, i), getattr(plain, how)(text, i)
                assert (fm and (fm.span(), fm.groupdict())) == (pm and (pm.span(), pm.groupdict()))


@pytest.mark.parametrize("seed", range(3))
def test_fold_replaces_like_translate(seed):
    rng = random.Random(seed)
    chars = [chr(c) for c in range(0xFF00, 0xFF70)] + ["\u3000", "a", "中", " ", "，", "\u2000", "\n"]
    for _ in range(3000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 40)))
        assert normalize.fold(text) == text.translate(normalize._FOLD_TABLE)
    plain = "没有全角字符的文本"
    assert normalize.fold(plain) is plain  # the fold caches key on the very object


@pytest.mark.parametrize("seed", range(3))
def test_short_name_starts_skipped_could_not_yield(seed):
    """_short_names skips a start unless a known place or a place spelled out with
    市/省 stands there; at every start it skips, the plain rule rejects too."""
    for text in random_texts(seed):
        places = companies._places(text)
        known = companies._PROVINCES | places
        for p in range(len(text)):
            if (text[p:p + 2] in known or text[p:p + 3] in known
                    or text[p + 2:p + 3] in ("市", "省") or text[p + 3:p + 4] in ("市", "省")):
                continue
            m = companies._SHORT_ANY.match(text, p)
            if m:
                place = m.group("place")
                spelled_out = text[m.end("place"):m.end("place") + 1] in ("市", "省")
                assert not spelled_out and not companies._is_place(place, places)


def test_cached_rules_answer_as_the_uncached_ones():
    texts = random_texts(7, 200)
    for fn in (amounts._tidy_lead, amounts._tidy, amounts._entity, amounts._strip_bad_start, amounts._program,
               amounts._last_subject, companies._trim_left, companies._ok):
        for t in texts:
            assert fn(t) == fn.__wrapped__(t) == fn(t)
    for a, b in zip(texts, texts[1:]):
        assert amounts._label(a, b) == amounts._label.__wrapped__(a, b)


@pytest.mark.parametrize("seed", range(3))
def test_places_found_from_their_suffix_equal_the_full_scan(seed):
    for text in random_texts(seed) + ["青川市北辰县甲市", "市县青川市", "我市乙县丙市丁", "甲乙丙市市县县"]:
        plain = frozenset(m.group("p") for m in companies._PLACE_IN_TEXT.finditer(text))
        assert companies._places(text) == plain


META_WORDS = (
    list("[]|:： \n\t文号主办单位公开是否同意信息来源作者提案人建议题目案由收悉。答复如下，关于对于的函回复意见届会议年月日")
    + ["发布机构", "发文字号", "成文日期", "主办", "是否公开", "(是)", "【否】", "2023年5月6日", "二〇二三年", "甲市人民政府",
       "局", "委员会", "办公室", "答复函", "会办意见", "(第12号)", "名称:", "标题", "关于", "的答复", "人民政府",
       " 2023年5月6日\n", "甲市工业和信息化局 2024年1月2日", "甲市人民政府", "生成日期", "提案编号", "领衔代表", "答 复 日 期"]
)


def meta_texts(seed: int, n: int = 300):
    rng = random.Random(seed)
    return ["".join(rng.choice(META_WORDS) for _ in range(rng.randint(1, 60))) for _ in range(n)]


def _metadata_plain():
    from replycli.extract.metadata import header, signature, title
    from replycli.extract.metadata.common import _ORG_END_RX

    pairs = {f"header._HEADER_RX[{name}]": (header._HEADER_RX[name], re.compile(rf"\[?\s*{key}\s*\]?[\s:|•]*"))
             for name, key in header._HEADER_KEYS.items()}
    pairs["header._PUBLIC[0]"] = (header._PUBLIC[0], re.compile(
        r"(?:是否)?(?:同意)?公开\s*[:]?\s*[(\[【]\s*(?P<v>是|否)\s*[)\]】]"))
    pairs["header._BODY_LINE"] = (header._BODY_LINE, re.compile(r"^[^\n]{0,400}?(?:收悉|答复如下|。)[^\n]*", re.M))
    pairs["signature._SIGNATURE_TAIL"] = (signature._SIGNATURE_TAIL, re.compile(
        rf"(?P<org>[\u4e00-\u9fff]{{2,30}}{_ORG_END_RX})\s+(?P<date>(?:19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)"
        r"\s*\|?\s*$", re.M))
    pairs["title._TITLE"] = (title._TITLE, re.compile(
        rf"^(?:名称|标题)?:?\s*(?P<t>.{{0,60}}?(?:对|关于|于).{{2,120}}?{title._TITLE_END}(?:\(.{{2,80}}\))?)\s*$"))
    return pairs


METADATA_PLAIN = _metadata_plain()


@pytest.mark.parametrize("name", sorted(METADATA_PLAIN))
@pytest.mark.parametrize("seed", range(3))
def test_metadata_lookahead_patterns_find_what_the_plain_ones_find(name, seed):
    fast, plain = METADATA_PLAIN[name]
    for text in meta_texts(seed):
        assert scan(fast, text) == scan(plain, text)
        for line in text.split("\n"):
            fm, pm = fast.match(line), plain.match(line)
            assert (fm and (fm.span(), fm.groupdict())) == (pm and (pm.span(), pm.groupdict()))


def test_header_labels_are_the_words_they_were():
    from replycli.extract.metadata import header
    from replycli.extract.metadata.common import _spaced

    for name, words in header._HEADER_WORDS.items():
        if name not in header._HEADER_PATTERNS:
            assert header._HEADER_KEYS[name] == _spaced(words)
    assert list(header._HEADER_KEYS) == ["issuer", "doc_number", "written", "made", "source", "author", "lead",
                                         "public", "proposer", "number", "proposal_title"]
