"""Property-based tests (Hypothesis, a bounded and derandomised number of
examples, so CI is reproducible): no exception on any input, and the offset
and round-trip properties the rest of replycli relies on."""
from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from replycli.extract.numerals import chinese_to_decimal, parse_money, parse_number
from replycli.normalize import normalize_text, rejoin_lines, squeeze
from replycli.script import Folded, fold_chars, traditional_chars

BOUNDED = settings(max_examples=100, deadline=None, derandomize=True)

NUMERAL_CHARS = "0123456789,.，点零〇○一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿億e-+ 元"
numeral_text = st.text(alphabet=NUMERAL_CHARS, max_size=24)
any_text = st.text(max_size=40)


@BOUNDED
@given(st.one_of(numeral_text, any_text))
def test_parse_number_never_raises(s):
    for f in (parse_number, chinese_to_decimal, parse_money):
        v = f(s)
        assert v is None or isinstance(v, Decimal)


@BOUNDED
@given(st.integers(min_value=0, max_value=10**15))
def test_arabic_numbers_round_trip(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@BOUNDED
@given(st.text(alphabet="零一二三四五六七八九", min_size=1, max_size=12))
def test_digit_by_digit_numerals(s):
    assert parse_number(s) == int("".join(str("零一二三四五六七八九".index(c)) for c in s))


# -- the line rejoiner ------------------------------------------------------------

HAN = "钢铁集团有限公司资金补助答复建议提案一二三、第章：:（）()"
layout_text = st.text(alphabet=HAN + "ab12 \t\u3000\n\r，。", max_size=200)


def _no_space(t: str) -> str:
    return re.sub(r"\s", "", t)


@BOUNDED
@given(st.one_of(layout_text, any_text))
def test_rejoin_lines_only_removes_line_breaks(t):
    out = rejoin_lines(t)
    assert _no_space(out) == _no_space(t)
    assert out.count("\n") <= t.count("\n")


@BOUNDED
@given(st.one_of(layout_text, any_text))
def test_normalize_keeps_every_character(t):
    assert squeeze(normalize_text(t)) == squeeze(t)


# -- the script-variant fold ---------------------------------------------------------

_TRAD = "".join(traditional_chars()[:400])
script_text = st.text(alphabet=_TRAD + "钢铁集团资金乾隆(zhōng)（guó）ab 1。\n", max_size=80)


@BOUNDED
@given(st.one_of(script_text, any_text))
def test_fold_chars_keeps_length(t):
    assert len(fold_chars(t)) == len(t)


@BOUNDED
@given(st.one_of(script_text, any_text), st.data())
def test_restore_returns_a_substring_of_the_original(t, data):
    folded = Folded(t)
    n = len(folded.text)
    i = data.draw(st.integers(0, n))
    j = data.draw(st.integers(i, n))
    sub = folded.text[i:j]
    assert folded.restore(sub) in t
    assert folded.original(i, j) in t


QUERY_CHARS = '资金钢铁萬元〔〕[]()（）“”"- :.ORyearamountdate2023万亿号、，。'
query_text = st.text(alphabet=QUERY_CHARS, max_size=30)


@BOUNDED
@given(st.one_of(query_text, any_text))
def test_query_parser_answers_or_explains(q):
    """Any query string parses, or is refused with a one-line QuerySyntaxError;
    every field clause it yields turns into a Whoosh query the same way."""
    from replycli.errors import QuerySyntaxError
    from replycli.index.query import FIELDS, field_query, parse

    try:
        parsed = parse(q)
    except QuerySyntaxError as e:
        assert "\n" not in str(e)
        return
    for clause in [c for g in parsed.groups for c in g] + parsed.negatives:
        assert clause.text.strip()
        if clause.field and FIELDS[clause.field][1] != "grams":
            try:
                field_query(clause)
            except QuerySyntaxError as e:
                assert "\n" not in str(e)


@BOUNDED
@given(st.text(alphabet="0123456789一二三四五六七八九十百千万亿元.,，约近共计余多 资金补助/户", max_size=40))
def test_amount_extraction_never_raises_and_values_are_positive(s):
    from replycli.extract.amounts import extract_amounts

    for a in extract_amounts(s):
        assert Decimal(a["amount_yuan"]) >= 0
        assert a["kind"] in ("grant", "tax", "loan", "investment", "other")
