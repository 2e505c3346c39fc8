"""Linking across the archive: give each company and program one canonical
name, using the forms seen in every document and the user's dictionary.

Runs after each ingest over the catalog only (no re-reading of files), and on
its own with ``replycli relink`` after the dictionary file changes.

The national reference lists (banks, carriers, central enterprises in
``replycli/data/company_*.txt``) give every short form of such an enterprise
(工行, 工商银行) its registered name (中国工商银行), unless the user's
dictionary says otherwise.

Dictionary file (UTF-8 text, one company a line): the canonical name, then
its aliases, separated by whitespace or ``=``; ``#`` starts a comment::

    青川远航物流有限责任公司 = 青川远航物流 远航物流
"""
from __future__ import annotations

import json
import re
from pathlib import Path


def read_dictionary(path: Path | None) -> dict[str, str]:
    """alias -> canonical, from the user's dictionary file."""
    out: dict[str, str] = {}
    if not path or not Path(path).is_file():
        return out
    for line in Path(path).read_text(encoding="utf-8-sig").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        names = [n for n in re.split(r"[\s=,，、]+", line) if n]
        canonical = names[0]
        for n in names:
            out[n] = canonical
    return out


def _reference_name(name: str) -> str | None:
    """The registered name of a bank, carrier or central enterprise form."""
    from replycli.extract.companies import reference_names

    return reference_names().get(name)


PAGE_ROWS = 5000  # company rows read and updated at a time


def relink(catalog, dictionary: Path | None = None, full: bool = False) -> int:
    """Recompute ``canonical`` for every company row and the ``company`` of
    every amount; returns how many company rows changed.

    Only rows whose canonical name changes are written, and amounts are
    re-linked only in the documents touched, so a re-ingest of a few files
    costs little on a large archive (``full`` re-links every amount).

    Memory grows with the number of distinct company forms, not with the
    number of rows: the forms are gathered from one streamed pass, and the
    rows are then read and updated a page at a time.
    """
    import bisect

    from replycli import config

    user = read_dictionary(dictionary or config.dictionary_path())
    # Each distinct (name, aliases) once, in the order first seen.
    seen: dict[tuple[str, str], None] = dict.fromkeys((n, a) for n, a in catalog.company_names())
    # Every form seen -> the longest full name that uses it (the first seen among equals).
    owner: dict[str, str] = {}
    for name, aliases in sorted(seen, key=lambda k: -len(k[0])):
        for form in [name, *json.loads(aliases or "[]")]:
            owner.setdefault(form, name)
    forms = sorted(owner)

    def canonical(name: str, aliases: str) -> str:
        canon = user.get(name)
        if canon is None:
            for alias in json.loads(aliases or "[]"):
                if alias in user:
                    canon = user[alias]
                    break
        if canon is None:
            canon = _reference_name(name)
        if canon is None:
            canon = owner.get(name, name)
            # A short name (青川远航物流) seen alone in one reply belongs to the
            # full name another reply spells out.
            i = bisect.bisect_right(forms, name)
            longer = []
            while i < len(forms) and forms[i].startswith(name):
                longer.append(forms[i])
                i += 1
            if canon == name and longer:
                canon = owner[min(longer, key=len)]
        return canon

    memo = {key: canonical(*key) for key in seen}
    del seen
    changed = 0
    docs: set[int] = set()
    page = catalog.company_forms_page(limit=PAGE_ROWS)
    while page:
        updates = [(memo[(name, aliases)], doc, seq) for doc, seq, name, aliases, stored in page
                   if memo[(name, aliases)] != stored]
        catalog.set_canonical(updates)
        changed += len(updates)
        docs.update(u[1] for u in updates)
        page = catalog.company_forms_page(after=(page[-1][0], page[-1][1]), limit=PAGE_ROWS)
    catalog.link_amounts_to_companies(None if full else docs | set(getattr(catalog, "touched", ())))
    return changed
