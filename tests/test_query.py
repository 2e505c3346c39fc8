import pytest

from replycli.errors import QuerySyntaxError
from replycli.index.analysis import gram_tokens
from replycli.index.matching import phrase_slots
from replycli.index.query import parse


def test_gram_tokens_one_per_han_position():
    toks = list(gram_tokens("钢铁厂"))
    assert [(t, p) for t, p, *_ in toks] == [("钢铁", 0), ("铁厂", 1), ("厂", 2)]


def test_whitespace_is_transparent_punctuation_is_a_gap():
    assert [t for t, *_ in gram_tokens("中试\n\n基地")] == ["中试", "试基", "基地", "地"]
    toks = list(gram_tokens("钢，铁"))
    assert [t for t, *_ in toks] == ["钢", "铁"]
    assert toks[1][1] - toks[0][1] == 2  # a gap: no phrase across the comma


def test_letters_and_digits_are_words():
    assert [t for t, *_ in gram_tokens("5G钢铁 Elastic Power")] == ["5g", "钢铁", "铁", "elastic", "power"]


def test_phrase_slots_cover_each_character_once():
    def slots(text):
        return [[(off, sl.text, sl.prefix) for off, sl in seg] for seg in phrase_slots(text)]

    assert slots("钢") == [[(0, "钢", True)]]
    assert slots("钢铁") == [[(0, "钢铁", False)]]
    # 5 characters need the bigrams at 0, 2 and 3, not all four
    assert slots("抚顺新钢铁") == [[(0, "抚顺", False), (2, "新钢", False), (3, "钢铁", False)]]
    assert slots("5G钢") == [[(0, "5g", False), (1, "钢", True)]]
    # punctuation is one empty position: the whole string is one phrase, and
    # a run that ends at punctuation ends there in the text too (unigram 铁)
    assert slots("钢铁，集团") == [[(0, "钢铁", False), (1, "铁", False), (3, "集团", False)]]
    assert slots("政协主办〔2023〕3号") == [[(0, "政协", False), (2, "主办", False), (3, "办", False),
                                           (5, "2023", False), (7, "3", False), (8, "号", True)]]
    # a lone character after punctuation is still a prefix
    assert slots("主办〔号")[0][-1] == (3, "号", True)
    assert slots("〔，〕") == []


def test_query_strings_are_folded_like_the_text():
    p = parse("鄉(xiāng)鎮(zhèn) 萬元 瞭解")
    texts = [g[0].text for g in p.groups]
    assert texts[0].replace(" ", "") == "乡镇"
    assert texts[1:] == ["万元", "了解"]  # 瞭解 -> 了解 though 瞭 alone is unchanged
    # a simplified text is not converted phrase by phrase: 瞭解 as written matches too
    assert [c.text for c in p.groups[2]] == ["了解", "瞭解"]
    assert [c.text for c in parse("-瞭解").negatives] == ["了解", "瞭解"]


def test_parse_or_exclusion_fields():
    p = parse('钢铁 "中试 基地" 揭榜挂帅 OR 免申即享 -补贴 issuer:工信 year:2021..2023')
    assert [[c.text for c in g] for g in p.groups] == [["钢铁"], ["中试 基地"], ["揭榜挂帅", "免申即享"],
                                                       ["工信"], ["2021..2023"]]
    assert [c.text for c in p.negatives] == ["补贴"]


@pytest.mark.parametrize("bad", ['"unclosed', "OR 钢铁", "钢铁 OR"])
def test_bad_queries(bad):
    with pytest.raises(QuerySyntaxError):
        parse(bad)
