"""Word lists kept as data files under ``replycli/data/``.

Every list is a UTF-8 text file with a header of ``#`` lines that says what
the list is and where its entries come from; then one entry per line.
Blank lines and ``#`` comments (also after an entry) are ignored. Rules turn
a list into a regular-expression alternation with :func:`alternation`, longest
entries first so that 农村商业银行 wins over 银行.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


@lru_cache(maxsize=None)
def load(name: str) -> tuple[str, ...]:
    """The entries of ``replycli/data/NAME.txt``, in file order, without duplicates."""
    seen: dict[str, None] = {}
    with open(DATA / f"{name}.txt", encoding="utf-8") as f:
        for line in f:
            entry = line.split("#", 1)[0].strip()
            if entry:
                seen.setdefault(entry, None)
    return tuple(seen)


def alternation(name: str) -> str:
    """A non-capturing regex group matching any entry of the list."""
    entries = sorted(load(name), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(e) for e in entries) + ")"


def first_chars(name: str) -> str:
    """A regex character class of the first characters of the list's entries:
    as a lookahead before a repeated :func:`alternation`, it rejects at once
    the positions where no entry can start (the same matches, faster)."""
    return "[" + "".join(re.escape(c) for c in sorted({e[0] for e in load(name)})) + "]"
