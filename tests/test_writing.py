"""The compact segment writer: a document that fails leaves nothing behind."""
import pytest


def test_failed_document_leaves_no_postings(tmp_path, monkeypatch):
    from replycli.index import fields
    from replycli.index.searching import search
    from replycli.index.store import create_or_open
    from replycli.index.writing import segment_writer

    ix, catalog = create_or_open(tmp_path / "ix")
    catalog.close()
    original = fields.WordField.index

    def fail_on_marker(self, value, **kwargs):
        if "爆炸" in value:
            raise RuntimeError("analysis failed")
        return original(self, value, **kwargs)

    monkeypatch.setattr(fields.WordField, "index", fail_on_marker)

    def doc(i, text):
        return dict(doc_id=f"d{i}", path=f"p{i}.txt", title="", body=text, words=text, text=text)

    w = segment_writer(ix, lock=True)
    with pytest.raises(RuntimeError):
        w.add_document(**doc(1, "甲乙丙丁爆炸"))  # "body" is analysed before "words" fails
    w.add_document(**doc(2, "戊己庚辛"))
    w.commit()
    assert [h.path for h in search(tmp_path / "ix", "戊己")] == ["p2.txt"]
    assert list(search(tmp_path / "ix", "甲乙")) == []


@pytest.mark.parametrize("kwargs", [dict(numtype=int, bits=64, signed=True, shift_step=16),
                                    dict(signed=True), dict(numtype=int, bits=32, signed=False, shift_step=0),
                                    dict(numtype=float, shift_step=8)])
def test_numeric_items_equal_whoosh(kwargs):
    """The writer's trie terms of a number field are Whoosh's own."""
    import random

    from whoosh import fields

    from replycli.index.writing import numeric_items

    field = fields.NUMERIC(**kwargs)
    rnd = random.Random(1)
    if field.numtype is float:
        values = [0.0, 0.5, -3.25, [1e300, -1e-300], 2024]
    else:
        low, high = int(field.min_value), int(field.max_value)
        values = [0, 1, low, high, 2024, [3, 2_920_000_000 % high, 7], [rnd.randint(low, high) for _ in range(20)]]
        with pytest.raises(ValueError):
            numeric_items(field, high + 1)
    for value in [*values, (), "12", None]:
        assert numeric_items(field, value) == list(field.index(value)), value
