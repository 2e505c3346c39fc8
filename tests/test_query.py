import pytest

from replycli.errors import QuerySyntaxError
from replycli.index.analysis import gram_tokens
from replycli.index.query import gram_query, parse


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


def test_query_shapes():
    from whoosh import query as Q

    assert isinstance(gram_query("body", "钢"), Q.Prefix)
    assert isinstance(gram_query("body", "钢铁"), Q.Term)
    q = gram_query("body", "抚顺新钢铁")
    assert isinstance(q, Q.Phrase) and q.words == ["抚顺", "顺新", "新钢", "钢铁"]


def test_parse_or_exclusion_fields():
    p = parse('钢铁 "中试 基地" 揭榜挂帅 OR 免申即享 -补贴 issuer:工信 year:2021..2023')
    assert [[c.text for c in g] for g in p.groups] == [["钢铁"], ["中试 基地"], ["揭榜挂帅", "免申即享"],
                                                       ["工信"], ["2021..2023"]]
    assert [c.text for c in p.negatives] == ["补贴"]


@pytest.mark.parametrize("bad", ['"unclosed', "OR 钢铁", "钢铁 OR"])
def test_bad_queries(bad):
    with pytest.raises(QuerySyntaxError):
        parse(bad)
