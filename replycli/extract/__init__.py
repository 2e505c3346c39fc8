"""Understanding a reply: metadata, companies, programs, amounts.

``understand(text)`` is pure (text in, plain data out) so it can run in
worker processes and be tested without an index.
"""
from __future__ import annotations


def understand(text: str) -> dict:
    from replycli.extract.amounts import extract_amounts
    from replycli.extract.companies import extract_companies
    from replycli.extract.metadata import extract_metadata
    from replycli.extract.programs import extract_programs

    metadata = extract_metadata(text)
    companies, mentions = extract_companies(text)
    programs = extract_programs(text, metadata.get("proposal_title"))
    amounts = extract_amounts(text, mentions)
    return {"metadata": metadata, "companies": companies, "programs": programs, "amounts": amounts}
