"""The Whoosh schema: one document per distinct reply text.

Bump ``SCHEMA_VERSION`` whenever a field, an analyzer, or the import path of
``replycli.index.analysis`` changes: an index built by another version is
refused with a message telling the user to re-ingest.
"""
from __future__ import annotations

SCHEMA_VERSION = 1


def build_schema():
    from whoosh import fields

    from replycli.index.analysis import GramAnalyzer, WordAnalyzer

    grams = GramAnalyzer()
    return fields.Schema(
        doc_id=fields.ID(stored=True, unique=True),
        path=fields.ID(stored=True),
        # Recall: Han bigrams with positions, so any substring is a phrase.
        title=fields.TEXT(analyzer=grams, phrase=True, stored=True, field_boost=3.0),
        body=fields.TEXT(analyzer=grams, phrase=True),
        # Ranking: jieba words, frequencies only (no positions needed).
        words=fields.TEXT(analyzer=WordAnalyzer(), phrase=False),
        # Metadata filters; names joined with "|" so a phrase never spans two.
        issuer=fields.TEXT(analyzer=grams, phrase=True, stored=True),
        proposer=fields.TEXT(analyzer=grams, phrase=True, stored=True),
        company=fields.TEXT(analyzer=grams, phrase=True),
        program=fields.TEXT(analyzer=grams, phrase=True),
        doc_number=fields.TEXT(analyzer=grams, phrase=True, stored=True),
        year=fields.NUMERIC(stored=True, signed=False),
        date=fields.ID(stored=True, sortable=True),
        kind=fields.ID(stored=True),
        result=fields.ID(stored=True),
        role=fields.ID(stored=True),
        amount=fields.NUMERIC(numtype=float, bits=64, stored=False),
        # The original text, for snippets (compressed by Whoosh).
        text=fields.STORED,
    )
