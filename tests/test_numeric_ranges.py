"""Amount and year ranges must be exact (whoosh's unsigned ranges are not)."""
import random

from whoosh import index
from whoosh import query as Q

from replycli.index.schema import build_schema


def test_amount_and_year_ranges_are_exact(tmp_path):
    ix = index.create_in(str(tmp_path), build_schema())
    rnd = random.Random(3)
    docs = {}
    w = ix.writer()
    for i in range(200):
        amounts = sorted({rnd.randint(1, 10**12) for _ in range(3)})
        year = rnd.randint(2010, 2026)
        docs[str(i)] = (amounts, year)
        w.add_document(doc_id=str(i), amount=amounts, year=year, body="")
    w.commit()
    with ix.searcher() as s:
        for _ in range(60):
            a, b = sorted(rnd.randint(1, 10**12) for _ in range(2))
            for lo, hi in ((a, b), (a, None), (None, b)):
                got = {h["doc_id"] for h in s.search(Q.NumericRange("amount", lo, hi), limit=None)}
                want = {k for k, (v, _) in docs.items()
                        if any((lo is None or x >= lo) and (hi is None or x <= hi) for x in v)}
                assert got == want
            y1, y2 = sorted(rnd.randint(2010, 2026) for _ in range(2))
            got = {h["doc_id"] for h in s.search(Q.NumericRange("year", y1, y2), limit=None)}
            assert got == {k for k, (_, y) in docs.items() if y1 <= y <= y2}
