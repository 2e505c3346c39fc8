"""The baseline a tutorial would write: Whoosh + jieba's ChineseAnalyzer,
one writer, default settings. Used only by the benchmark for comparison.

    python bench/naive.py ingest FOLDER INDEX
    python bench/naive.py search INDEX QUERY
    python bench/naive.py search-all INDEX QUERY   # every hit's path (no highlights)
"""
import os
import sys
from pathlib import Path


def ingest(folder, index):
    from jieba.analyse import ChineseAnalyzer
    from whoosh import fields
    from whoosh.index import create_in

    schema = fields.Schema(path=fields.ID(stored=True, unique=True),
                           content=fields.TEXT(stored=True, analyzer=ChineseAnalyzer()))
    os.makedirs(index, exist_ok=True)
    ix = create_in(index, schema)
    writer = ix.writer()
    for p in sorted(Path(folder).rglob("*.txt")):
        writer.add_document(path=str(p), content=p.read_text(encoding="utf-8"))
    writer.commit()


def search(index, query, limit=10):
    """The top ``limit`` hits with Whoosh's highlights; ``limit=None``: every
    hit's path only (highlighting thousands of hits takes Whoosh minutes)."""
    from whoosh.highlight import ContextFragmenter
    from whoosh.index import open_dir
    from whoosh.qparser import QueryParser

    ix = open_dir(index)
    with ix.searcher() as s:
        q = QueryParser("content", ix.schema).parse(query)
        results = s.search(q, limit=limit)
        results.fragmenter = ContextFragmenter()
        for hit in results:
            print(hit["path"], hit.highlights("content") if limit else "")


if __name__ == "__main__":
    import logging

    logging.disable(logging.CRITICAL)
    cmd, *args = sys.argv[1:]
    {"ingest": ingest, "search": search, "search-all": lambda i, q: search(i, q, None)}[cmd](*args)
