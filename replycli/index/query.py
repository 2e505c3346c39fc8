"""The query language, parsed into Whoosh queries.

    青川钢铁                every document containing that string
    钢铁 补助               both (terms are ANDed)
    "中试 基地"             a quoted phrase (whitespace inside is ignored,
                            as in the text)
    揭榜挂帅 OR 免申即享    either
    资金 -补贴              exclusion
    issuer:工信 year:2023   metadata fields (see FIELDS)
    year:2021..2023         ranges; amount:100万..1亿 in yuan with units

A term matches as one contiguous string, across its punctuation:
``replycli.index.matching`` turns it into bigrams at consecutive positions
of the ``body`` field (see ``analysis``), a run of punctuation being one
empty position, so recall never depends on how jieba would segment it, and
``政协主办〔2023〕3号`` is one string, not three ANDed pieces. Query strings
are folded like the text (``replycli.script``): traditional characters and
pinyin readings find their simplified forms and the other way round.
"""
from __future__ import annotations

import re

from replycli.errors import QuerySyntaxError

# field name in the query -> (index field, how to match)
FIELDS = {
    "issuer": ("issuer", "grams"), "proposer": ("proposer", "grams"),
    "company": ("company", "grams"), "program": ("program", "grams"),
    "doc_number": ("doc_number", "grams"), "title": ("title", "grams"),
    "year": ("year", "int"), "date": ("date", "date"), "amount": ("amount", "money"),
    "kind": ("kind", "id"), "result": ("result", "id"), "role": ("role", "id"),
}
_TOKEN = re.compile(r'\s*(?:(?P<neg>-)?(?:(?P<field>[a-z_]+):)?(?:"(?P<phrase>[^"]*)"|(?P<word>[^\s"]+)))')


# Plain classes, not dataclasses: importing dataclasses (and inspect) costs
# ~7 ms of every cold search.
class Clause:
    __slots__ = ("text", "field", "negative")

    def __init__(self, text: str, field: str | None = None, negative: bool = False):
        self.text, self.field, self.negative = text, field, negative

    def __eq__(self, other):
        return isinstance(other, Clause) and (self.text, self.field, self.negative) == (
            other.text, other.field, other.negative)

    def __repr__(self):
        return f"Clause(text={self.text!r}, field={self.field!r}, negative={self.negative!r})"


class ParsedQuery:
    __slots__ = ("groups", "negatives")

    def __init__(self, groups: list[list[Clause]] | None = None, negatives: list[Clause] | None = None):
        self.groups = groups if groups is not None else []  # AND of ORs
        self.negatives = negatives if negatives is not None else []

    def positive_texts(self) -> list[str]:
        """The free-text strings, for highlighting."""
        return [c.text for g in self.groups for c in g if c.field is None]


def parse(query: str) -> ParsedQuery:
    from replycli.normalize import fold
    from replycli.script import blank_readings, fold_chars

    query = fold(query).strip()
    if not query:
        raise QuerySyntaxError("empty query: give a word or phrase to search for")
    out = ParsedQuery()
    pos = 0
    pending_or = False
    while pos < len(query):
        m = _TOKEN.match(query, pos)
        if not m or m.end() == pos:
            if query[pos:].strip().startswith('"'):
                raise QuerySyntaxError(f"unbalanced quote in query: {query!r}")
            break
        pos = m.end()
        text = m.group("phrase") if m.group("phrase") is not None else m.group("word")
        fname = m.group("field")
        if fname and fname not in FIELDS:
            raise QuerySyntaxError(
                f"unknown field {fname + ':'!r} (fields: {', '.join(sorted(FIELDS))}); "
                f'to search for the text itself, quote it: "{fname}:{text}"')
        if text == "-" and m.group("phrase") is None:
            raise QuerySyntaxError("a lone '-' excludes nothing: write the term right after it, as in -补贴")
        if fname is None and m.group("phrase") is None and text == "OR" and not m.group("neg"):
            if not out.groups:
                raise QuerySyntaxError("OR needs a term on both sides")
            pending_or = True
            continue
        # Traditional characters and pinyin readings read as the index reads
        # them; exactly (OpenCC converts some phrases whose characters are
        # unchanged alone, 瞭解 -> 了解), which costs OpenCC only for Han text.
        # A document is converted only when it holds a character traditional
        # on its own, so where the exact form differs from the per-character
        # one (瞭解 in a simplified text), either form matches.
        exact = fold_chars(text, exact=True)
        if not exact.strip():
            continue
        # The per-character fold of a document is either the exact form or
        # the text unconverted; searching both costs less than loading the
        # table that would say which.
        forms = dict.fromkeys([exact, blank_readings(text)])
        clauses = [Clause(text=t, field=fname, negative=bool(m.group("neg"))) for t in forms]
        if clauses[0].negative:
            out.negatives.extend(clauses)
        elif pending_or:
            out.groups[-1].extend(clauses)
            pending_or = False
        else:
            out.groups.append(clauses)
    if pending_or:
        raise QuerySyntaxError("OR needs a term on both sides")
    if query.strip() and not out.groups and not out.negatives:
        raise QuerySyntaxError(f"nothing to search for in {query!r}")
    return out


def field_query(clause: Clause):
    """A Whoosh query for a field clause that is not a grams field (those are
    matched by ``replycli.index.matching``)."""
    from whoosh import query as Q

    fieldname, how = FIELDS[clause.field]
    value = clause.text.strip()
    if how == "id":
        aliases = {"proposal": "提案", "suggestion": "建议"}
        return Q.Term(fieldname, aliases.get(value.lower(), value.upper() if fieldname == "result" else value))
    lo, sep, hi = value.partition("..")
    if how == "int":
        try:
            lo_v = int(lo) if lo else None
            hi_v = int(hi) if hi else None
        except ValueError:
            raise QuerySyntaxError(f"{clause.field}: expected a year or a range like 2021..2023, got {value!r}") from None
        if not sep:
            return Q.Term(fieldname, lo_v)
        _check_range(clause.field, value, lo_v, hi_v)
        return Q.NumericRange(fieldname, lo_v, hi_v)
    if how == "money":
        from replycli.extract.numerals import parse_money

        lo_v = parse_money(lo) if lo else None
        hi_v = parse_money(hi) if hi else None
        if (lo and lo_v is None) or (hi and hi_v is None) or any(
                v is not None and not (v.is_finite() and abs(v) < _MAX_YUAN) for v in (lo_v, hi_v)):
            raise QuerySyntaxError(f"amount: expected amounts like 100万..1亿, got {value!r}")
        if not sep:
            hi_v = lo_v
        _check_range(clause.field, value, lo_v, hi_v)
        return Q.NumericRange(fieldname, int(lo_v) if lo_v is not None else None,
                              int(hi_v) if hi_v is not None else None)
    # date: a prefix (2023, 2023-05) or a range of ISO dates
    for part in (lo, hi) if sep else (value,):
        if part and not _valid_date(part):
            raise QuerySyntaxError(f"date: expected 2023, 2023-05 or 2023-05-20 (or a range a..b), got {part!r}")
    if not sep:
        return Q.Prefix(fieldname, value)
    _check_range(clause.field, value, lo or None, hi or None)
    return Q.TermRange(fieldname, lo or None, (hi + "\uffff") if hi else None)


# Amounts are indexed as signed 64-bit whole yuan.
_MAX_YUAN = 2 ** 63


def _check_range(name: str, value: str, lo, hi) -> None:
    if lo is not None and hi is not None and lo > hi:
        raise QuerySyntaxError(f"{name}:{value}: the range is empty (its start is after its end)")


def _valid_date(text: str) -> bool:
    """2023, 2023-05 or 2023-05-20, a real month and day."""
    import datetime

    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text)
    if not m:
        return False
    y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        datetime.date(y, mo, d)
    except ValueError:
        return False
    return True
