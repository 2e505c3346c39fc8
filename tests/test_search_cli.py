"""Search through the real CLI on the bundled examples."""
import os
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_subprocess
from replycli.ingest.readers.text import read_text
from replycli.normalize import squeeze

# Our own query list for the examples: company names, programs, everyday
# words, one- and two-character queries and strings that cross jieba word
# boundaries (钢铁集团有, 万元。青川, 化中试) or a PDF line break (碳中和中试基地).
QUERIES = ["青川钢铁", "钢", "钢铁", "资金", "万元", "补助", "揭榜挂帅", "免申即享", "碳中和中试基地",
           "中试基地", "钢铁集团有", "化中试", "高标准农田", "转贷应急周转", "二百万元", "一千二百万元",
           "1,250万元", "2.92 亿元", "跨境电商", "海外仓", "白石村", "乡村教师支持计划", "税费",
           "农", "答复", "江屿", "青川华远新材料有限公司", "县政府办公室", "不存在的词语"]


def _truth(query):
    hits = set()
    for p in EXAMPLES.glob("*.txt"):
        if squeeze(query) in squeeze(read_text(p.read_bytes()).text):
            hits.add(p.name)
    return hits


@pytest.mark.parametrize("query", QUERIES)
def test_recall_and_precision_against_substring_truth(ecli, query):
    r, hits = ecli.jsonl("search", query, "--limit", "0")
    got = {os.path.basename(h["path"]) for h in hits}
    assert got == _truth(query), query
    assert r.rc == (0 if got else 1)


def test_jsonl_contract(ecli):
    r, hits = ecli.jsonl("search", "资金", "--limit", "0")
    assert len(hits) > 3
    for h in hits:
        assert {"path", "doc_id", "title", "score", "snippets"} <= set(h)
        assert os.path.isabs(h["path"]) and h["snippets"]
        assert any("«资金»" in s for s in h["snippets"])
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_limit(ecli):
    assert len(ecli.jsonl("search", "资金", "--limit", "2")[1]) == 2


def test_and_or_exclusion_phrase(ecli):
    both = {h["doc_id"] for h in ecli.jsonl("search", "钢铁 揭榜挂帅", "--limit", "0")[1]}
    steel = {h["doc_id"] for h in ecli.jsonl("search", "钢铁", "--limit", "0")[1]}
    jb = {h["doc_id"] for h in ecli.jsonl("search", "揭榜挂帅", "--limit", "0")[1]}
    assert both == steel & jb and both
    either = {h["doc_id"] for h in ecli.jsonl("search", "跨境电商 OR 高标准农田", "--limit", "0")[1]}
    assert len(either) == 2
    minus = {h["doc_id"] for h in ecli.jsonl("search", "资金 -钢铁", "--limit", "0")[1]}
    money = {h["doc_id"] for h in ecli.jsonl("search", "资金", "--limit", "0")[1]}
    assert minus == money - steel and minus
    # a quoted phrase with a space inside matches across the PDF page break
    assert len(ecli.jsonl("search", '"碳中和 中试基地"')[1]) == 1


def test_english_and_numbers(tmp_path, cli):
    d = tmp_path / "d"
    d.mkdir()
    (d / "x.txt").write_text("推荐抚顺新钢铁工业互联网平台（Elastic Power）和5G全连接工厂，2022年。", encoding="utf-8")
    cli("ingest", d)
    for q in ("Elastic", "elastic power", "5G全连接", "2022", "ＥＬＡＳＴＩＣ"):
        assert cli("search", q).rc == 0, q
    assert cli("search", "Elastix").rc == 1


def test_exit_codes(ecli):
    assert ecli("search", "青川").rc == 0
    assert ecli("search", "火星基地").rc == 1
    assert ecli("search", '"unbalanced').rc == 2
    assert ecli("search", "钢铁", "--sort", "sideways").rc == 2


def test_title_matches_rank_higher(tmp_path, cli):
    d = tmp_path / "t"
    d.mkdir()
    (d / "in-title.txt").write_text("对市政协十四届二次会议第 9 号提案的答复\n\n关于跨境电商的答复正文。", encoding="utf-8")
    (d / "in-body.txt").write_text("对市政协十四届二次会议第 8 号提案的答复\n\n正文提到跨境电商、跨境电商、跨境电商三次。", encoding="utf-8")
    cli("ingest", d)
    # no title field hit in either -> use the search for a title word
    hits = cli.jsonl("search", "9 号提案")[1]
    assert os.path.basename(hits[0]["path"]) == "in-title.txt"


def test_filters_and_fields(ecli):
    def names(*args):
        return sorted(os.path.basename(h["path"]) for h in ecli.jsonl("search", *args, "--limit", "0")[1])

    assert names("资金", "--issuer", "青川") == ["01-gxj-2024-41.txt", "06-kjj-2023-33-pdf.txt"]
    assert names("资金", "--year", "2023") == ["02-nyj-2023-118.txt", "06-kjj-2023-33-pdf.txt"]
    assert names("资金", "--year", "2021..2022") == ["03-fgw-2022-77.txt", "04-jtj-2022-19-gb18030.txt",
                                                   "05-jyj-2021-205.txt"]
    assert names("答复", "--kind", "建议") == ["02-nyj-2023-118.txt", "05-jyj-2021-205.txt", "07-web-excerpt.txt"]
    assert names("答复", "--result", "C") == ["04-jtj-2022-19-gb18030.txt"]
    assert names("答复", "--proposer", "王晓东") == ["01-gxj-2024-41.txt"]
    assert names("issuer:工业和信息化 year:2024") == ["01-gxj-2024-41.txt"]
    assert names("company:青川华远") == ["01-gxj-2024-41.txt", "06-kjj-2023-33-pdf.txt"]
    assert names("program:揭榜挂帅") == ["01-gxj-2024-41.txt"]
    assert names("amount:1亿..") == ["01-gxj-2024-41.txt", "03-fgw-2022-77.txt", "04-jtj-2022-19-gb18030.txt",
                                     "07-web-excerpt.txt"]
    assert names("钢铁 -kind:提案") == []


def test_sort_by_date(ecli):
    dates = [h["date"] for h in ecli.jsonl("search", "答复", "--sort", "date", "--limit", "0")[1]]
    assert dates == sorted(dates) and len(dates) == 7
    rdates = [h["date"] for h in ecli.jsonl("search", "答复", "--sort", "-date", "--limit", "0")[1]]
    assert rdates == sorted(dates, reverse=True)


def test_piped_table_has_no_ansi_and_highlights_nothing_in_colour(examples_index):
    r = run_subprocess("search", "青川钢铁", "--index", examples_index)
    assert r.returncode == 0
    assert "\x1b[" not in r.stdout and "青川" in r.stdout


def test_no_color_env(examples_index):
    r = run_subprocess("search", "青川钢铁", "--index", examples_index, env={"NO_COLOR": "1", "TERM": "xterm"})
    assert r.returncode == 0 and "\x1b[" not in r.stdout


def test_help_and_search_import_only_what_they_use(examples_index):
    code = ("import sys; from replycli.cli.app import main; rc = main(%r); "
            "bad = [m for m in ('whoosh', 'jieba', 'rjieba', 'sqlite3') if m in sys.modules]; "
            "print('LOADED', bad)")
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-c", code % (["--help"],)], capture_output=True, text=True)
    assert "LOADED []" in r.stdout
    r = subprocess.run([sys.executable, "-c", code % (["search", "钢铁", "--index", str(examples_index)],)],
                       capture_output=True, text=True)
    loaded = re.search(r"LOADED (.*)", r.stdout).group(1)
    assert "jieba" not in loaded and "rjieba" not in loaded


@pytest.mark.parametrize("batches", [0, 1, 2])
@pytest.mark.parametrize("query", ["资金", "专项资金", "万元 补助", "专项资金 OR 揭榜挂帅", "资金 -钢铁", "高标准农田"])
def test_top_n_with_lazy_phrase_checks_equals_full_ranking(examples_index, monkeypatch, query, batches):
    """Best-first, and after ``batches`` batches the exact ranking of every
    candidate (``searching.BATCHES``): the same top N as a full ranking."""
    from replycli.index import matching, searching
    from replycli.index.searching import search

    full = [(h.doc_id, h.score) for h in search(examples_index, query, limit=0)]
    monkeypatch.setattr(matching, "LAZY_MIN", 0)  # force the best-first path
    monkeypatch.setattr(searching, "BATCHES", batches)
    for n in (1, 2, 3):
        top = [(h.doc_id, h.score) for h in search(examples_index, query, limit=n)]
        assert top == full[:n], (query, n)


def test_lazy_path_rejects_documents_whose_bigrams_are_not_adjacent(tmp_path, cli, monkeypatch):
    """A document rich in 智能 and 工厂 but never 智能工厂 has the highest bound;
    the best-first check must drop it, also when the index has several
    segments (two ingests) and a batch spans them."""
    from replycli.index import matching
    from replycli.index.searching import search

    d = tmp_path / "d"
    d.mkdir()
    (d / "decoy.txt").write_text("智能制造，数字工厂。" * 20, encoding="utf-8")
    (d / "one.txt").write_text("建设智能工厂一座，另有数字工厂。", encoding="utf-8")
    cli("ingest", d)
    (d / "two.txt").write_text("智能工厂和智能工厂的改造，智能制造。", encoding="utf-8")
    cli("ingest", d)
    full = [(h.path, h.score) for h in search(cli.index, "智能工厂", limit=0)]
    assert sorted(os.path.basename(p) for p, _ in full) == ["one.txt", "two.txt"]
    monkeypatch.setattr(matching, "LAZY_MIN", 0)
    for n in (1, 2, 5):
        assert [(h.path, h.score) for h in search(cli.index, "智能工厂", limit=n)] == full[:n]
    assert cli("search", "智能工厂", "--limit", "1").rc == 0
    assert cli("search", "工厂智能").rc == 1


def _spy_top_phrase(monkeypatch) -> list[bool]:
    """A list that records, for each call of ``Executor.top_phrase``, whether
    it ranked the string (False: it declined and the general path ran)."""
    from replycli.index import matching

    taken = []
    real = matching.Executor.top_phrase

    def spy(self, *args):
        out = real(self, *args)
        taken.append(out is not None)
        return out

    monkeypatch.setattr(matching.Executor, "top_phrase", spy)
    return taken


def test_block_bounded_top_n_equals_the_full_ranking(tmp_path, monkeypatch):
    """Plain strings are ranked for the top N from the posting blocks' bounds
    (``Executor.top_phrase``): on generated replies in several segments, for
    strings of 2 to 8 characters drawn from the text, the top N (ids and
    scores) is the head of the full ranking, and that path is the one taken."""
    import random
    import sys

    from replycli.index.searching import search
    from replycli.ingest.pipeline import ingest

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from corpus import Generator  # invented replies of the genre (bench/corpus.py)

    corpus = tmp_path / "corpus"
    Generator(seed=7).write(corpus, 240)
    files = sorted(corpus.glob("*.txt"))
    index = tmp_path / "index"
    hidden = tmp_path / "later"
    hidden.mkdir()
    for f in files[120:]:
        f.rename(hidden / f.name)
    ingest([corpus], index, workers=1)
    for f in hidden.iterdir():  # a second ingest: a second segment
        f.rename(corpus / f.name)
    ingest([corpus], index, workers=1)
    for f in files[::12]:  # changed files: their old versions are deleted documents
        with open(f, "a", encoding="utf-8") as fh:
            fh.write("补充说明：相关工作正在推进。\n")
    ingest([corpus], index, workers=1)

    taken = _spy_top_phrase(monkeypatch)
    rng = random.Random(3)
    texts = [f.read_text(encoding="utf-8") for f in files]
    queries = set()
    while len(queries) < 50:
        text = rng.choice(texts)
        size = rng.choice([2, 2, 3, 4, 5, 6, 8])
        i = rng.randrange(len(text) - size)
        piece = text[i:i + size]
        if all("\u4e00" <= ch <= "\u9fff" for ch in piece):
            queries.add(piece)
    squeezed = {f.name: squeeze(f.read_text(encoding="utf-8")) for f in files}
    for q in sorted(queries) + ["补充", "推进"]:
        hits = list(search(index, q, limit=0))
        # every file that holds the string, once, and no deleted old version
        assert sorted(os.path.basename(h.path) for h in hits) == sorted(n for n, t in squeezed.items() if q in t), q
        full = [(h.doc_id, h.score) for h in hits]
        for n in (1, 3, 10):
            assert [(h.doc_id, h.score) for h in search(index, q, limit=n)] == full[:n], (q, n)
    assert taken and all(taken)


def test_top_n_bound_by_an_interior_bigram_drops_documents_without_the_phrase(tmp_path, cli, monkeypatch):
    """A longer string's top N is bounded by its rarest bigram, often one
    inside it (能工 in 智能工厂). Documents that hold that bigram many times,
    but never the string (智能工人 … 工厂), have the highest bounds: they
    must be checked and dropped, and the top N stays the full ranking's."""
    from replycli.index.searching import search

    d = tmp_path / "d"
    d.mkdir()
    for k in range(6):
        (d / f"decoy{k}.txt").write_text("智能工人进入工厂。" * (8 + k), encoding="utf-8")
    for k in range(5):
        (d / f"real{k}.txt").write_text("建设智能工厂。" * (k + 1) + "其他工作按计划推进。" * 4,
                                        encoding="utf-8")
    assert cli("ingest", d).rc == 0
    taken = _spy_top_phrase(monkeypatch)
    full = [(h.path, h.score) for h in search(cli.index, "智能工厂", limit=0)]
    assert sorted(os.path.basename(p) for p, _ in full) == [f"real{k}.txt" for k in range(5)]
    for n in (1, 2, 4):
        assert [(h.path, h.score) for h in search(cli.index, "智能工厂", limit=n)] == full[:n]
    assert taken and all(taken)
    assert os.path.basename(full[0][0]) == "real4.txt"


def test_sort_by_date_with_documents_that_have_no_date(tmp_path, cli):
    """A reply without a date sorts first by date (last by -date), and the
    sort does not fail on the mix."""
    d = tmp_path / "d"
    d.mkdir()
    (d / "dated.txt").write_text("关于支持企业技术改造的答复\n2023年5月6日\n安排专项资金200万元。", encoding="utf-8")
    (d / "undated.txt").write_text("关于企业融资的答复\n落实专项资金若干。", encoding="utf-8")
    assert cli("ingest", d).rc == 0
    for sort, first in (("date", "undated.txt"), ("-date", "dated.txt")):
        r = cli("search", "专项资金", "--sort", sort, "--format", "paths")
        assert r.rc == 0, r
        assert [os.path.basename(p) for p in r.stdout.split()] == [first, ({"dated.txt", "undated.txt"} - {first}).pop()]
