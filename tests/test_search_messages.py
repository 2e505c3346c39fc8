"""A query that cannot mean anything is a one-line error with exit 2, never a
silent "nothing found" (issue 13, Messages)."""
from __future__ import annotations

import pytest

BAD = [
    ("", "empty query"),
    ("   ", "empty query"),
    ("资金 -", "lone '-'"),
    ("date:2023-13-45", "date:"),
    ("amount:1亿..0", "range is empty"),
    ("year:2023..2021", "range is empty"),
    ("bogus:钢铁", "unknown field 'bogus:'"),
    ("amount:1e309", "amount:"),
]


@pytest.mark.parametrize("query,says", BAD)
def test_meaningless_query_is_an_error(ecli, query, says):
    r = ecli("search", query)
    assert r.rc == 2, r
    assert says in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr


@pytest.mark.parametrize("args,says", [
    (["--limit", "-5"], "--limit"),
    (["--kind", "bogus"], "--kind"),
    (["--result", "Z"], "--result"),
    (["--year", "abc"], "--year"),
])
def test_bad_search_option_is_an_error(ecli, args, says):
    r = ecli("search", "资金", *args)
    assert r.rc == 2 and says in r.stderr, r


def test_quoted_field_like_text_and_valid_ranges_still_work(ecli):
    assert ecli("search", '"bogus:钢铁"').rc == 1  # searched as text: not there
    assert ecli("search", "资金 date:2022..2024").rc == 0
    assert ecli("search", "资金 amount:100万..").rc == 0
