"""Every file format a user has: .docx, .pdf, .html, .doc/.wps; bad ones."""
import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, shared_corpus
from makefiles import write_docx, write_html, write_pdf
from replycli.errors import ReadError
from replycli.ingest.readers import read
from replycli.ingest.readers.text import read_text
from replycli.normalize import squeeze

REPLY = (EXAMPLES / "01-gxj-2024-41.txt").read_text(encoding="utf-8")


def test_docx_paragraphs_and_tables_in_reading_order(tmp_path):
    p = write_docx(tmp_path / "r.docx", ["对市政协第1号提案的答复", "张三委员：", "表后的段落。"],
                   table=[["企业", "金额"], ["青川钢铁集团有限公司", "200 万元"]], table_at=2)
    r = read(p, p.read_bytes())
    assert r.reader == "docx"
    lines = r.text.splitlines()
    assert lines[2] == "企业 | 金额" and lines[3] == "青川钢铁集团有限公司 | 200 万元"
    assert lines.index("表后的段落。") > 3


def test_pdf_text_layer_with_broken_lines(tmp_path):
    p = write_pdf(tmp_path / "r.pdf", REPLY)
    r = read(p, p.read_bytes())
    assert r.reader == "pdf"
    assert squeeze(r.text) == squeeze(REPLY)


def test_scanned_pdf_is_reported_not_indexed(tmp_path):
    from reportlab.pdfgen import canvas

    p = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(p))
    c.rect(50, 50, 400, 600, fill=1)  # a page with a picture and no text
    c.showPage()
    c.save()
    with pytest.raises(ReadError, match=r"no text layer \(scanned\?\)"):
        read(p, p.read_bytes())


def test_html_charset_from_meta_and_boilerplate_dropped(tmp_path):
    p = write_html(tmp_path / "r.html", REPLY, encoding="gb18030", declare="gbk")
    r = read(p, p.read_bytes())
    assert r.reader == "html" and r.encoding == "gb18030"
    assert "青川钢铁集团有限公司" in r.text
    for junk in ("网站地图", "ICP备案号", "互动交流"):
        assert junk not in r.text


def test_content_decides_over_extension(tmp_path):
    pdf = write_pdf(tmp_path / "a.pdf", "抚顺新钢铁获批资金 200 万元")
    renamed = tmp_path / "really-a-pdf.txt"
    shutil.copy(pdf, renamed)
    assert read(renamed, renamed.read_bytes()).reader == "pdf"


def test_broken_docx_and_pdf(tmp_path):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(ReadError, match="broken .docx"):
        read(bad, bad.read_bytes())
    good = write_pdf(tmp_path / "g.pdf", "抚顺新钢铁")
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(good.read_bytes()[:300])
    with pytest.raises(ReadError):
        read(cut, cut.read_bytes())


def test_doc_and_wps_without_converters_name_the_package(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(ReadError, match="antiword"):
        read(doc, doc.read_bytes())


@pytest.mark.skipif(not shutil.which("antiword") and not shutil.which("soffice"), reason="antiword/soffice not installed")
def test_doc_with_a_converter(tmp_path):
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("needs LibreOffice to make a .doc")
    import subprocess

    src = write_docx(tmp_path / "x.docx", ["抚顺新钢铁获批资金 200 万元。"])
    subprocess.run([soffice, "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(src)],
                   capture_output=True, env=dict(os.environ, HOME=str(tmp_path)), timeout=120)
    doc = tmp_path / "x.doc"
    assert "抚顺新钢铁" in read(doc, doc.read_bytes()).text


def test_ingest_every_format_through_the_cli(cli, tmp_path):
    d = tmp_path / "mixed"
    d.mkdir()
    write_docx(d / "a.docx", REPLY.splitlines())
    write_pdf(d / "b.pdf", REPLY.replace("青川钢铁", "江屿钢铁"))
    write_html(d / "c.html", REPLY.replace("青川钢铁", "松原钢铁"))
    (d / "d.txt").write_text(REPLY.replace("青川钢铁", "白桦钢铁"), encoding="utf-8")
    r = cli("ingest", d, "--format", "json")
    s = json.loads(r.stdout)
    assert s["indexed"] == 4 and s["failed"] == 0, s
    for q, name in (("青川钢铁", "a.docx"), ("江屿钢铁", "b.pdf"), ("松原钢铁", "c.html"), ("白桦钢铁", "d.txt")):
        hits = cli.jsonl("search", q)[1]
        assert [os.path.basename(h["path"]) for h in hits] == [name], q
    docs = {os.path.basename(x["path"]): x for x in cli.jsonl("export", "documents")[1]}
    assert all(d["doc_number"] == "青工信〔2024〕7号" for d in docs.values())


def test_converted_shared_corpus_has_the_same_recall(tmp_path):
    """The shared replies as .docx, .pdf and .html find exactly what the .txt find."""
    corpus = shared_corpus()
    from replycli.index.searching import search
    from replycli.ingest.pipeline import ingest

    queries = [q.strip() for q in (corpus.parent / "tools" / "queries.txt").read_text(encoding="utf-8").splitlines()
               if q.strip() and not q.startswith("#")]
    texts = {p.stem: read_text(p.read_bytes()).text for p in sorted(corpus.glob("*.txt"))}
    from replycli.script import fold_chars

    # Substring truth as a reader sees it: traditional = simplified, pinyin readings dropped.
    folded = {stem: squeeze(fold_chars(t)) for stem, t in texts.items()}
    truth = {q: {stem for stem, t in folded.items() if squeeze(fold_chars(q, exact=True)) in t} for q in queries}
    for fmt, writer in (("docx", lambda p, t: write_docx(p, t.splitlines())), ("pdf", write_pdf), ("html", write_html)):
        folder = tmp_path / fmt
        folder.mkdir()
        for stem, t in texts.items():
            writer(folder / f"{stem}.{fmt}", t)
        index = tmp_path / f"index-{fmt}"
        summary = ingest([folder], index, workers=2)
        assert summary.indexed == len(texts) and not summary.failed, (fmt, summary.failed)
        for q in queries:
            got = {Path(h.path).stem for h in search(index, q, limit=0)}
            assert got == truth[q], (fmt, q, sorted(truth[q] - got), sorted(got - truth[q]))
