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
