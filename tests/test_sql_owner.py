"""The catalog is the only module that speaks SQL (issue 12): a change to the
tables is made in one place, and every other module asks it questions."""
from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "replycli"
_SQL = re.compile(r"\b(?:SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE)\b|\.execute(?:many|script)?\(|\.db\b")


def test_sql_only_in_the_catalog():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "catalog.py" and path.parent == PACKAGE:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _SQL.search(line):
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{n}: {line.strip()}")
    assert not offenders, "SQL outside replycli/catalog.py:\n" + "\n".join(offenders)


def test_the_check_itself_sees_sql(tmp_path):
    assert _SQL.search('cat.db.execute("SELECT doc_id FROM files")')
    assert not _SQL.search("selected = select(rows)")
