"""Understanding a reply: metadata, companies, programs, amounts.

``understand(text)`` is pure (text in, plain data out) so it can run in
worker processes and be tested without an index. Rules read the text folded
by :mod:`replycli.script` (simplified characters, pinyin readings dropped);
every name, clause and offset they return is mapped back to ``text`` as
written, so a traditional-character reply reports 萬元, not 万元.
"""
from __future__ import annotations

# Metadata fields that are cut from the text (restored as written); the others
# are normalised values (kind 提案, role 主办, a date) and stay as they are.
_CUT_FIELDS = ("issuer", "doc_number", "signer", "title", "session", "proposal_number",
               "proposal_title", "result_label", "contact")
_CUT_LISTS = ("proposers", "cc", "outline")


def understand(text: str) -> dict:
    from replycli.extract.amounts import extract_amounts
    from replycli.extract.companies import extract_companies
    from replycli.extract.metadata import extract_metadata
    from replycli.extract.programs import extract_programs
    from replycli.script import Folded

    folded = Folded(text)
    rules_text = folded.text
    metadata = extract_metadata(rules_text)
    companies, mentions = extract_companies(rules_text)
    programs = extract_programs(rules_text, metadata.get("proposal_title"))
    amounts = extract_amounts(rules_text, mentions)
    facts = {"metadata": metadata, "companies": companies, "programs": programs, "amounts": amounts}
    if not folded.identity:
        _restore(facts, folded)
    return facts


def _span(folded, span):
    """A (start, end) of the folded text as offsets into the original."""
    s, e = span
    if e <= s:
        return [folded.source_offset(s)] * 2
    return [folded.source_offset(s), folded.source_offset(e - 1) + 1]


def _restore(facts: dict, folded) -> None:
    meta = facts["metadata"]
    for k in _CUT_FIELDS:
        if isinstance(meta.get(k), str):
            meta[k] = folded.restore(meta[k])
    for k in _CUT_LISTS:
        if isinstance(meta.get(k), list):
            meta[k] = [folded.restore(v) if isinstance(v, str) else v for v in meta[k]]
    for c in facts["companies"]:
        near = c["mentions"][0][0] if c.get("mentions") else 0
        c["name"] = folded.restore(c["name"], near)
        c["aliases"] = [folded.restore(a) for a in c.get("aliases", [])]
        if "mentions" in c:
            c["mentions"] = [_span(folded, m) for m in c["mentions"]]
    for p in facts["programs"]:
        near = p["mentions"][0][0] if p.get("mentions") else 0
        p["name"] = folded.restore(p["name"], near)
        if "mentions" in p:
            p["mentions"] = [_span(folded, m) for m in p["mentions"]]
    for a in facts["amounts"]:
        start = a.get("start") or 0
        for k in ("text", "recipient", "program", "per"):
            if a.get(k):
                a[k] = folded.restore(a[k], max(0, start - 200) if k != "text" else start)
        if a.get("evidence"):
            a["evidence"] = folded.restore(a["evidence"], max(0, start - len(a["evidence"])))
        if a.get("start") is not None and a.get("end") is not None:
            a["start"], a["end"] = _span(folded, (a["start"], a["end"]))
