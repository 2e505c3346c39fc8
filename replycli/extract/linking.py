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


def relink(catalog, dictionary: Path | None = None, full: bool = False) -> int:
    """Recompute ``canonical`` for every company row and the ``company`` of
    every amount; returns how many company rows changed.

    Only rows whose canonical name changes are written, and amounts are
    re-linked only in the documents touched, so a re-ingest of a few files
    costs little on a large archive (``full`` re-links every amount).
    """
    import bisect

    from replycli import config

    from replycli.extract.companies import reference_names

    user = read_dictionary(dictionary or config.dictionary_path())
    rows = catalog.company_forms()
    aliases = {}  # rowid -> its aliases, parsed once
    for r in rows:
        aliases[r["rowid"]] = json.loads(r["aliases"]) if r["aliases"] else []
    # Every form seen -> the longest full name that uses it.
    owner: dict[str, str] = {}
    for r in sorted(rows, key=lambda r: -len(r["name"])):
        owner.setdefault(r["name"], r["name"])
        for form in aliases[r["rowid"]]:
            owner.setdefault(form, r["name"])
    forms = sorted(owner)
    registered = reference_names()
    updates = []
    for r in rows:
        name = r["name"]
        canon = user.get(name)
        if canon is None and user:
            for alias in aliases[r["rowid"]]:
                if alias in user:
                    canon = user[alias]
                    break
        if canon is None:
            canon = registered.get(name)
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
        if canon != r["canonical"]:
            updates.append((canon, r["rowid"], r["doc_id"]))
    catalog.set_canonical([u[:2] for u in updates])
    docs = None if full else {u[2] for u in updates} | set(getattr(catalog, "touched", ()))
    catalog.link_amounts_to_companies(docs)
    return len(updates)
