"""Reading and printing every hit fast, with the same result: the stored
fields read from the mapped column equal Whoosh's, in every kind of
segment, and paths print as ``os.path.relpath`` makes them."""
from __future__ import annotations

import json
import os

import pytest

from replycli.cli.output import display_path


def _stored_both_ways(index):
    from whoosh import index as windex

    from replycli.index.store import HitReader

    ix = windex.open_dir(str(index / "whoosh"), indexname="replies")
    try:
        with ix.searcher() as s:
            reader = HitReader(s)
            docs = [d for d in range(s.doc_count_all()) if not s.reader().is_deleted(d)]
            return [(s.stored_fields(d), reader.stored(d)) for d in docs]
    finally:
        ix.close()


def test_hits_read_the_stored_fields_whoosh_reads(cli):
    # A fresh index (separate segment files), then one more segment written
    # by Whoosh's own writer (a compound file, read into memory by Whoosh).
    from conftest import EXAMPLES

    assert cli("-q", "ingest", EXAMPLES).rc == 0
    pairs = _stored_both_ways(cli.index)
    assert len(pairs) == 7 and all(w == h and h["text"] for w, h in pairs)

    from whoosh import index as windex

    ix = windex.open_dir(str(cli.index / "whoosh"), indexname="replies")
    w = ix.writer()
    w.add_document(doc_id="extra", path="/x/extra.txt", title="对第 1 号建议的答复", body="钢铁资金",
                   text="钢铁资金\n补助")
    w.commit()
    ix.close()
    assert list((cli.index / "whoosh").glob("*.seg"))  # the compound segment
    pairs = _stored_both_ways(cli.index)
    assert len(pairs) == 8 and all(w == h for w, h in pairs)
    assert {"doc_id": "extra", "path": "/x/extra.txt", "title": "对第 1 号建议的答复",
            "text": "钢铁资金\n补助"} in [h for _, h in pairs]


def test_search_for_every_hit_prints_what_it_read(ecli):
    r, hits = ecli.jsonl("search", "资金", "--limit", "0")
    assert r.rc == 0 and len(hits) >= 5
    for line, hit in zip(r.stdout.splitlines(), hits):
        assert line == json.dumps(hit, ensure_ascii=False)
        assert hit["doc_id"] and hit["title"] and any("«资金»" in s for s in hit["snippets"])


PATHS = ["{cwd}/x.txt", "{cwd}", "{cwd}/a/b.txt", "{cwd}/..foo", "{cwd}//a//b.txt", "{cwd}/./a.txt",
         "{cwd}/a/../b.txt", "{cwd}/", "{cwd}/a/..", "{up}", "{up}/other/x.txt", "/", "/x.txt", "relative/x.txt"]


@pytest.mark.parametrize("where", ["deep", "root"])
def test_display_path_is_relpath_under_the_current_folder(tmp_path, monkeypatch, where):
    cwd = tmp_path / "a" / "b" if where == "deep" else tmp_path
    cwd.mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(cwd)
    for template in PATHS:
        path = template.format(cwd=str(cwd), up=str(cwd.parent))
        rel = os.path.relpath(path) if os.path.isabs(path) else path
        expected = path if not os.path.isabs(path) or rel.startswith("..") else rel
        assert display_path(path) == expected, path
        assert display_path(path) == expected, path  # and again, from what it remembered
