"""The anatomy of a reply letter: who answered whom, about what, when, with what result.

Works on normalized text (full-width ASCII folded, so ``：`` is ``:``).
Every field comes from this document alone; a field the text does not
contain is ``None`` (or ``[]``), never a default or a guess.

Split by part of the letter: ``header`` (page header fields, document
number, signer, result class, 公开), ``title`` (title, kind, session, proposal
number and title), ``parties`` (proposers, the lead bureau of a 协办/会办
letter, role) and ``signature`` (issuing body, date, 抄送, contact, outline);
``common`` holds word lists, label shapes and dates.
"""
from __future__ import annotations

from replycli.extract.metadata import header as _h
from replycli.extract.metadata import parties as _p
from replycli.extract.metadata import signature as _s
from replycli.extract.metadata import title as _t
from replycli.extract.metadata.common import _NAV_LINE, _lines, _value_date

__all__ = ["extract_metadata"]


def extract_metadata(text: str) -> dict:
    text = _NAV_LINE.sub("", text)  # links to the previous/next reply
    lines = list(_lines(text))
    header = _h.read_header(text)
    title, title_line = _t.title(lines)
    proposers, role_word, addressed_to = _p.parties(lines, title_line, header)
    head_end = lines[title_line + 1][1] if 0 <= title_line < len(lines) - 1 else min(len(text), 800)
    head_end = max(head_end, _p.addressee_end(lines, title_line, proposers, head_end))
    loose = bool(title or proposers)  # a reply, not a report
    proposal_title = _t.proposal_title(text, title, header, loose)
    sig_issuer, sig_date = _s.signature_block(lines, text)
    date = sig_date or _value_date(header.get("written")) or _value_date(header.get("made"))
    issuer = sig_issuer or _s.issuer_fallback(header, title)
    result_class, result_label, public = _h.result_and_public(text, head_end)
    return {
        "issuer": issuer,
        "doc_number": _h.doc_number(header, lines, text),
        "signer": _h.signer(text),
        "title": title,
        "kind": _t.kind(title, role_word, proposal_title, text, bool(proposers)),
        "session": _t.session(title, text),
        "proposal_number": _t.proposal_number(title, text, header, loose),
        "proposers": proposers,
        "proposal_title": proposal_title,
        "date": date,
        "result_class": result_class,
        "result_label": result_label,
        "public": public,
        "cc": _s.cc(text),
        "role": _p.role(text, header, issuer, proposers, addressed_to),
        "contact": _s.contact(text),
        "outline": _s.outline(text),
    }
