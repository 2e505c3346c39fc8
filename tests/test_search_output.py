"""What search shows: every hit with a highlighted snippet, paths for
scripts, and a list a person can read in an 80-column terminal."""
import re
from pathlib import Path

import pytest

from conftest import CLI, SHARED, run_subprocess

# 1-, 2- and many-character strings, punctuation inside and around a string,
# a 文号 in two bracket shapes, traditional characters, letters and digits.
QUERIES = ["钢", "农", "资金", "万元", "答复", "青川钢铁", "高标准农田", "转贷应急周转", "钢铁集团有",
           "1,250万元", "2.92 亿元", "白交函〔2022〕21号", "白交函[2022]21号", "“揭榜挂帅”", "现答复如下：",
           "“十四五”", "資金", "鋼鐵", "萬元", "高標準農田", "揭榜挂帅 OR 免申即享", "资金 -钢铁"]


def _assert_every_hit_highlighted(cli, queries):
    shown = 0
    for q in queries:
        r, hits = cli.jsonl("search", q, "--limit", "0")
        assert r.rc in (0, 1), (q, r)
        for h in hits:
            assert any("«" in s and "»" in s for s in h["snippets"]), (q, h["path"], h["snippets"])
        shown += len(hits)
    assert shown


def test_every_hit_on_the_examples_has_a_highlighted_snippet(ecli):
    _assert_every_hit_highlighted(ecli, QUERIES)
    for q in ("資金", "白交函〔2022〕21号", "“揭榜挂帅”", "1,250万元"):
        assert ecli("search", q).rc == 0, q


def test_every_hit_on_the_shared_corpus_has_a_highlighted_snippet(tmp_path):
    corpus, queries = SHARED / "corpus", SHARED / "tools" / "queries.txt"
    if not corpus.is_dir() or not queries.is_file():
        pytest.skip("../shared/corpus or ../shared/tools/queries.txt is not present on this machine")
    cli = CLI(tmp_path / "index")
    assert cli("ingest", corpus, "--quiet").rc in (0, 1)
    lines = [q.strip() for q in queries.read_text(encoding="utf-8").splitlines()]
    _assert_every_hit_highlighted(cli, [q for q in lines if q and not q.startswith("#")] + QUERIES)


def test_format_paths_is_one_path_a_line(ecli, examples_index):
    r, hits = ecli.jsonl("search", "资金", "--limit", "0")
    out = ecli("search", "资金", "--limit", "0", "--format", "paths")
    assert out.rc == 0
    assert out.stdout.splitlines() == [h["path"] for h in hits]
    assert all(Path(p).is_file() for p in out.stdout.splitlines())
    missing = run_subprocess("search", "火星基地", "--index", examples_index, "--format", "paths")
    assert missing.returncode == 1 and missing.stdout == ""
    # other commands with a path column too; a command without one says so
    amounts = ecli("funding", "--format", "paths")
    assert amounts.rc == 0 and len(amounts.stdout.splitlines()) == len(set(amounts.stdout.splitlines()))
    bad = ecli("companies", "--format", "paths")
    assert bad.rc == 2 and "paths" in bad.stderr


def _terminal(monkeypatch, width):
    from rich.console import Console

    from replycli.cli import output, render

    con = Console(force_terminal=True, width=width, record=True, color_system="standard")
    monkeypatch.setattr(render, "console", lambda stderr=False: con)
    monkeypatch.setattr(output, "console", lambda stderr=False: con)
    monkeypatch.setattr(output, "use_color", lambda: True)  # what a colour terminal answers
    return con


def _squeeze(s):
    return re.sub(r"\s+", "", s)


@pytest.mark.parametrize("query", ["资金", "青川钢铁", "白交函〔2022〕21号", "萬元"])
def test_search_reads_in_an_80_column_terminal(ecli, monkeypatch, query):
    _, hits = ecli.jsonl("search", query)
    con = _terminal(monkeypatch, 80)
    r = ecli("search", query)
    assert r.rc == 0
    screen = con.export_text(styles=True, clear=False)
    assert "\x1b[" in screen  # the match is highlighted on a terminal
    text = con.export_text()
    lines = text.splitlines()
    assert all(con.measure(line).maximum <= 80 for line in lines)
    assert "┃" not in text and "│" not in text  # a list, not a table
    flat = _squeeze(text)
    for h in hits:
        for value in (h["title"], h["issuer"], h["path"], h["date"]):
            assert _squeeze(value) in flat, (value, text)
        for s in h["snippets"]:
            assert _squeeze(s.replace("«", "").replace("»", "")) in flat, (s, text)
    # each hit: a line with its rank and title
    for h in hits:
        assert any(line.startswith(f"{h['rank']}.") and h["title"][:10] in line for line in lines), h["rank"]


def test_search_uses_the_width_it_has(ecli, monkeypatch):
    narrow = _terminal(monkeypatch, 80)
    ecli("search", "资金", "--limit", "3")
    con = _terminal(monkeypatch, 160)
    ecli("search", "资金", "--limit", "3")
    wide = con.export_text().splitlines()
    assert max(len(line) for line in wide) > 80
    assert len(wide) < len(narrow.export_text().splitlines())


def test_table_on_request_and_piped_list_stays_plain(ecli, examples_index, monkeypatch):
    con = _terminal(monkeypatch, 100)
    assert ecli("search", "青川钢铁", "--format", "table").rc == 0
    assert "┃" in con.export_text()
    r = run_subprocess("search", "青川钢铁", "--index", examples_index)
    assert r.returncode == 0 and "\x1b[" not in r.stdout
    first = r.stdout.splitlines()
    assert first[0].startswith("1.") and any(line.strip().startswith("…") for line in first)


def test_profile_mentions_are_a_list(ecli, monkeypatch):
    con = _terminal(monkeypatch, 80)
    assert ecli("company", "青川华远").rc == 0
    text = con.export_text()
    assert "mentions (2)" in text
    flat = _squeeze(text)
    r = ecli("company", "青川华远", "--format", "json")
    import json

    for m in json.loads(r.stdout)["mentions"]:
        assert _squeeze(m["snippet"].replace("«", "").replace("»", "")) in flat


def test_search_loads_opencc_only_for_queries_it_can_change_and_no_table_for_a_list(examples_index):
    import subprocess
    import sys

    code = ("import sys, io, contextlib; from replycli.cli.app import main\n"
            "with contextlib.redirect_stdout(io.StringIO()): main(%r)\n"
            "print('LOADED', [m for m in ('opencc', 'rich.table', 'jieba', 'rjieba') if m in sys.modules])")

    def loaded(*args):
        r = subprocess.run([sys.executable, "-c", code % (["search", *args, "--index", str(examples_index)],)],
                           capture_output=True, text=True)
        return re.search(r"LOADED (.*)", r.stdout).group(1)

    assert loaded("2023", "--format", "paths") == "[]"
    assert loaded("钢铁") == "[]"  # simplified text: OpenCC would give it back unchanged
    assert loaded("鋼鐵") == "['opencc']"  # traditional characters
    assert loaded("瞭解") == "['opencc']"  # a phrase OpenCC converts as a whole


def _rich_piped(hits) -> str:
    """``render.render_hits`` on a console that is not a terminal (what a
    pipe, a file or NO_COLOR gets)."""
    import io

    from rich.console import Console

    from replycli.cli.render import render_hits

    buf = io.StringIO()
    render_hits(iter(hits), Console(file=buf, no_color=True, force_terminal=False, soft_wrap=True, highlight=False))
    return buf.getvalue()


def _plain(hits) -> str:
    import io

    from replycli.cli.output import write_hits_plain

    buf = io.StringIO()
    write_hits_plain(iter(hits), buf)
    return buf.getvalue()


def test_piped_list_is_what_rich_prints_for_real_hits(ecli):
    """Piped, the list is written without rich; it is the same text, character
    for character, that rich printed for the same hits."""
    for q in QUERIES:
        _, hits = ecli.jsonl("search", q, "--limit", "0")
        assert _plain(hits) == _rich_piped(hits), q


_ODD = "钢铁资金«»ab 1,.;()[]{}〔〕、\t\r\n\x07\x08\x0b\x0c\x1b\x00\u200b\u0301😀ｗ[bold]x[/]\\"


def test_piped_list_is_what_rich_prints_for_odd_text():
    """Control codes (rich drops bell, backspace, VT, FF and CR), tabs next to
    wide characters (rich expands them by terminal cells), markup-like text,
    empty titles and missing ranks: the plain writer matches rich on all."""
    from hypothesis import given, settings, strategies as st

    text = st.text(alphabet=_ODD, max_size=30)
    hit = st.fixed_dictionaries({
        "rank": st.one_of(st.none(), st.integers(1, 30)), "title": text, "date": st.one_of(st.just(""), text),
        "issuer": text, "path": st.one_of(st.just("/abs/回复.txt"), text.map(lambda t: "rel/" + t)),
        "snippets": st.lists(text, max_size=3)})

    @settings(max_examples=400, deadline=None)
    @given(st.lists(hit, max_size=3))
    def check(hits):
        assert _plain(hits) == _rich_piped(hits)

    check()


def test_a_piped_search_does_not_load_rich(examples_index):
    import subprocess
    import sys

    code = ("import sys, io, contextlib; from replycli.cli.app import main\n"
            "buf = io.StringIO()\n"
            "with contextlib.redirect_stdout(buf): rc = main(['search', '钢铁', '--index', sys.argv[1]])\n"
            "print('RC', rc, 'rich' in sys.modules, buf.getvalue().startswith('1.'))")
    r = subprocess.run([sys.executable, "-c", code, str(examples_index)], capture_output=True, text=True)
    assert r.stdout.strip().splitlines()[-1] == "RC 0 False True", r.stdout[-500:] + r.stderr[-500:]
