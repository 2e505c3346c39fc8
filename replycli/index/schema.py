"""The Whoosh schema: one document per distinct reply text.

Bump ``SCHEMA_VERSION`` whenever a field, an analyzer, or the import path of
``replycli.index.analysis`` or ``replycli.index.fields`` changes (the index
pickles both), or what ``whoosh_fields`` puts in a field: an index built by
another version is refused with a message telling the user to re-ingest.
"""
from __future__ import annotations

SCHEMA_VERSION = 5  # 3: script-variant fold (traditional = simplified, pinyin readings dropped)
# 4: gram positions as varint deltas (fields.VarintPositions), compact posting blocks
# 5: smaller catalog (integer document keys, fact tables clustered by document, compressed meta)


def build_schema():
    from whoosh import fields

    from replycli.index.analysis import GramAnalyzer, WordAnalyzer
    from replycli.index.fields import GramField, WordField

    grams = GramAnalyzer()
    return fields.Schema(
        doc_id=fields.ID(stored=True, unique=True),
        path=fields.ID(stored=True),
        # Recall: Han bigrams with positions, so any substring is a phrase.
        title=GramField(analyzer=grams, phrase=True, stored=True, field_boost=3.0),
        body=GramField(analyzer=grams, phrase=True),
        # Ranking: jieba words of 3+ characters, frequencies only.
        words=WordField(analyzer=WordAnalyzer(), phrase=False),
        # Metadata filters; names joined with "|" so a phrase never spans two.
        issuer=GramField(analyzer=grams, phrase=True, stored=True),
        proposer=GramField(analyzer=grams, phrase=True, stored=True),
        company=GramField(analyzer=grams, phrase=True),
        program=GramField(analyzer=grams, phrase=True),
        doc_number=GramField(analyzer=grams, phrase=True, stored=True),
        # signed: whoosh-reloaded 2.7.5 answers unsigned ranges with an upper bound wrongly.
        year=fields.NUMERIC(stored=True, signed=True),
        date=fields.ID(stored=True, sortable=True),
        kind=fields.ID(stored=True),
        result=fields.ID(stored=True),
        role=fields.ID(stored=True),
        # Whole yuan; shift_step 16 writes 4 trie terms per amount instead of 16.
        amount=fields.NUMERIC(numtype=int, bits=64, signed=True, shift_step=16, stored=False),
        # The original text, for snippets (compressed by Whoosh).
        text=fields.STORED,
    )


def whoosh_fields(record: dict) -> dict:
    """The Whoosh fields of one understood reply (a record of
    ``replycli.ingest.process``). Changing what goes into a field changes the
    index: bump ``SCHEMA_VERSION`` with it."""
    meta = record["metadata"]
    names = []
    for c in record["companies"]:
        names += [c["name"], *c["aliases"]]
    date = meta.get("date") or ""
    fields = {
        "doc_id": record["doc_id"],
        "path": record["path"],
        "title": meta.get("title") or "",
        "body": record["text"],
        "words": record["text"],
        "issuer": meta.get("issuer") or "",
        "proposer": " | ".join(meta.get("proposers") or []),
        "company": " | ".join(names),
        "program": " | ".join(p["name"] for p in record["programs"]),
        "doc_number": meta.get("doc_number") or "",
        "date": date,
        "kind": meta.get("kind") or "",
        "result": meta.get("result_class") or "",
        "role": meta.get("role") or "",
        "text": record["original"],
    }
    if date:
        fields["year"] = int(date[:4])
    amounts = sorted({int(round(float(a["amount_yuan"]))) for a in record["amounts"]})
    if amounts:
        fields["amount"] = amounts
    return fields
