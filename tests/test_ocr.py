"""Scanned replies: page images and image-only PDFs read with OCR.

The fixtures in tests/fixtures/scans/ are our own example replies rendered
to 200 dpi scans (skewed, blurred, dusty) by bench/scans.py. These tests
need the ``ocr`` extra, which ``make install`` (and so CI) installs.
"""
import json
import shutil
import subprocess
import sys

import pytest

from conftest import EXAMPLES, ROOT, CLI
from makefiles import write_pdf
from replycli.ocr import layout

SCANS = ROOT / "tests" / "fixtures" / "scans"
PDF = "kjj-2023-33-scan.pdf"      # examples/06, two image-only pages (1-bit)
PNG = "nyj-2023-118.png"          # examples/02, one grey page
TIFF = "gxj-2024-41.tif"          # examples/01, three pages (CCITT G4)
GARBAGE = "fgw-2022-77-garbage.pdf"  # examples/03, scan + invisible mojibake text layer


def _copy(tmp_path, *names, folder="scans"):
    d = tmp_path / folder
    d.mkdir(exist_ok=True)
    for n in names:
        shutil.copy(SCANS / n, d / n)
    return d


@pytest.fixture(scope="session")
def scan_index(tmp_path_factory):
    """Every fixture scan, ingested once (the OCR is the slow part)."""
    base = tmp_path_factory.mktemp("scans")
    corpus = _copy(base, PDF, PNG, TIFF, GARBAGE)
    cli = CLI(base / "index")
    r = cli("ingest", corpus, "--workers", "2")
    assert r.rc == 0, r
    return cli


def _docs(cli):
    r, rows = cli.jsonl("export", "documents")
    return {row["path"].rsplit("/", 1)[-1]: row for row in rows}


def _funding(cli, company, name=""):
    _, rows = cli.jsonl("funding", "--company", company)
    return sorted((r["amount_yuan"], r["company"], r["program"]) for r in rows if r["path"].endswith(name))


# -- reading order (no OCR needed) -----------------------------------------------

def _line(x0, y0, x1, y1, text, score=0.99):
    return [x0, y0, x1, y0, x1, y1, x0, y1, text, score]


def test_rows_top_to_bottom_and_boxes_left_to_right():
    page = {"width": 1000, "lines": [
        _line(100, 300, 900, 340, "第三行"),
        _line(100, 100, 400, 140, "第一行左"),
        _line(500, 102, 900, 142, "右"),
        _line(100, 200, 900, 240, "第二行"),
    ]}
    text, _, _ = layout.page_text(page)
    # Rows that run to the right edge continue on the next row.
    assert text == "第一行左右第二行第三行"
    # A row that stops short ends a paragraph; an indented row starts one;
    # a row that ends a sentence keeps its line break.
    page["lines"] += [_line(100, 400, 300, 440, "短行"), _line(100, 500, 900, 540, "下一段。"),
                      _line(100, 600, 900, 640, "又一行"), _line(180, 700, 900, 740, "缩进的新段")]
    assert layout.page_text(page)[0] == "第一行左右第二行第三行短行\n\n下一段。\n又一行\n\n缩进的新段"


def test_skewed_lines_stay_rows():
    # A page rotated by about a degree: each line's right end is 15 px lower.
    lines = [[100, 100 + 60 * k, 900, 115 + 60 * k, 900, 155 + 60 * k, 100, 140 + 60 * k, f"行{k}", 0.9]
             for k in range(6)]
    lines.append([500, 107, 900, 115, 900, 155, 500, 147, "中", 0.9])  # a second box of row 0
    lines[0][8] = "行0左"
    lines[0][2] = lines[0][4] = 450
    text, _, _ = layout.page_text({"width": 1000, "lines": lines})
    assert text == "行0左中" + "".join(f"行{k}" for k in range(1, 6))


def test_two_columns_read_column_by_column():
    lines = [_line(100, 50, 1900, 100, "跨栏标题")]
    for k in range(6):
        lines.append(_line(100, 200 + 60 * k, 950, 240 + 60 * k, f"左{k}"))
        lines.append(_line(1050, 200 + 60 * k, 1900, 240 + 60 * k, f"右{k}"))
    lines.append(_line(100, 700, 1900, 740, "跨栏结尾"))
    text, _, _ = layout.page_text({"width": 2000, "lines": lines})
    assert text.replace("\n", "") == "".join(
        ["跨栏标题", *[f"左{k}" for k in range(6)], *[f"右{k}" for k in range(6)], "跨栏结尾"])


def test_one_column_letter_with_a_signature_is_not_two_columns():
    lines = [_line(100, 100 + 60 * k, 1500, 140 + 60 * k, f"正文{k}") for k in range(8)]
    lines[0][0] = lines[0][6] = 180  # the paragraph's first line is indented
    lines += [_line(1100, 700, 1500, 740, "某市某局"), _line(1100, 760, 1500, 800, "2024年5月20日"),
              _line(100, 820, 700, 860, "抄送：市政府办公室")]
    text, _, _ = layout.page_text({"width": 1654, "lines": lines})
    assert text.splitlines() == ["".join(f"正文{k}" for k in range(8)), "", "某市某局", "", "2024年5月20日", "",
                                 "抄送：市政府办公室"]


def test_confused_pairs_are_mended():
    assert layout.fix_pairs('青工信〔2024】7号，入选“揭榜挂帅"项目') == "青工信〔2024〕7号，入选“揭榜挂帅”项目"
    assert layout.fix_pairs("-、列人计划，4个产品人选《目录》，引进人才，投入人民币，人选确定，收人，接收人") == \
        "一、列入计划，4个产品入选《目录》，引进人才，投入人民币，人选确定，收入，接收人"
    assert layout.fix_pairs("·对市政协\n二、·科技丨发布") == "对市政协\n二、科技|发布"


def test_usable_text_layer():
    from replycli.ingest.readers.ocr import usable_text

    assert usable_text("对市政协第 41 号提案的答复")
    assert not usable_text("  \n - 2 - \n")
    mojibake = "对市政协第 41 号提案的答复，抚顺新钢铁获批资金".encode("utf-8").decode("cp1252", "replace")
    assert not usable_text(mojibake)
    assert not usable_text("\ue001\ue002\ue003\ue004 \ue005")


# -- real scans through the real CLI -----------------------------------------------

def test_scanned_pdf_gives_the_same_funding_rows_as_the_text(scan_index, cli):
    txt = cli.index.parent / "txt"
    txt.mkdir()
    shutil.copy(EXAMPLES / "06-kjj-2023-33-pdf.txt", txt)
    assert cli("ingest", txt).rc == 0
    assert _funding(scan_index, "青川华远", PDF) == _funding(cli, "青川华远") != []
    assert _funding(scan_index, "青川钢铁冶金", PDF) == _funding(cli, "青川钢铁冶金") != []
    doc = _docs(scan_index)[PDF]
    assert doc["reader"] == "ocr" and doc["ocr_confidence"] > 0.9
    assert doc["title"] == "对市政协十四届二次会议第33号提案的答复"
    assert doc["date"] == "2023-04-18" and doc["issuer"] == "青川市科学技术局"
    shown = json.loads(scan_index("show", PDF, "--format", "json").stdout)
    assert shown["reader"] == "ocr" and shown["ocr_pages"] == 2
    assert "来源" in scan_index("show", PDF, "--no-text").stdout


def test_png_page_is_read(scan_index):
    doc = _docs(scan_index)[PNG]
    assert doc["reader"] == "ocr" and doc["issuer"] == "临江县农业农村局" and doc["date"] == "2023-06-12"
    r, hits = scan_index.jsonl("search", "高标准农田")
    assert any(h["path"].endswith(PNG) for h in hits)


def test_multipage_tiff_is_one_document_in_page_order(scan_index):
    doc = _docs(scan_index)[TIFF]
    assert doc["ocr_confidence"] > 0.9
    text = json.loads(scan_index("show", TIFF, "--format", "json").stdout)
    assert text["ocr_pages"] == 3
    body = text["text"]
    # The first page's 文号, the last page's 抄送, in that order.
    assert body.index("青工信") < body.index("揭榜挂帅") < body.index("抄送")
    assert _funding(scan_index, "青川钢铁集团") == [
        ("2000000", "青川钢铁集团有限公司", "省绿色制造专项资金")]


def test_garbage_text_layer_is_recognised_instead(scan_index):
    from pypdf import PdfReader

    layer = PdfReader(SCANS / GARBAGE).pages[0].extract_text()
    assert "江屿" not in layer and "å" in layer  # the fixture's text layer is mojibake
    doc = _docs(scan_index)[GARBAGE]
    assert doc["reader"] == "ocr" and doc["issuer"] == "江屿市发展和改革委员会"
    assert any(r["amount_yuan"] == "50000000" for r in scan_index.jsonl("funding", "--min", "5000万")[1]
               if r["path"].endswith(GARBAGE))


def test_file_over_the_page_or_pixel_limit_is_reported_and_the_rest_goes_on(cli, tmp_path):
    d = _copy(tmp_path, TIFF)
    shutil.copy(EXAMPLES / "05-jyj-2021-205.txt", d)
    r = cli("ingest", d, "--format", "json", env={"REPLYCLI_OCR_MAX_PAGES": "2"})
    s = json.loads(r.stdout)
    assert r.rc == 2 and s["indexed"] == 1  # some files failed: exit 2
    [f] = s["failures"]
    assert f["path"].endswith(TIFF)
    assert f["reason"] == "3 pages to OCR, over the limit of 2 (set ocr_max_pages or REPLYCLI_OCR_MAX_PAGES to raise it)"
    r = cli("ingest", _copy(tmp_path, PNG, folder="png"), "--format", "json",
            env={"REPLYCLI_OCR_MAX_PIXELS": "1000000"})
    [f] = json.loads(r.stdout)["failures"]
    assert f["reason"].startswith("page 1 is 1653x2338 pixels, over the OCR limit of 1,000,000 (set ocr_max_pixels")


def test_missing_extra_is_one_line_saying_what_to_install(cli, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # import fails as if not installed
    d = _copy(tmp_path, PDF, PNG)
    shutil.copy(EXAMPLES / "05-jyj-2021-205.txt", d)
    r = cli("ingest", d, "--format", "json")
    s = json.loads(r.stdout)
    assert r.rc == 2 and s["indexed"] == 1  # some files failed: exit 2
    reasons = {f["path"].rsplit("/", 1)[-1]: f["reason"] for f in s["failures"]}
    assert reasons == {
        PDF: "no text layer (scanned?) and OCR is not installed: pip install 'replycli[ocr]'",
        PNG: "cannot OCR this page image: OCR is not installed: pip install 'replycli[ocr]'",
    }


def test_ocr_never_and_always(cli, tmp_path):
    d = _copy(tmp_path, PDF, PNG)
    r = cli("ingest", d, "--ocr", "never", "--format", "json")
    reasons = sorted(f["reason"] for f in json.loads(r.stdout)["failures"])
    assert reasons == ["no text layer (scanned?) and OCR is off (--ocr never)", "page image: OCR is off (--ocr never)"]
    assert cli("ingest", d, "--ocr", "sometimes").rc == 2
    text_pdf = tmp_path / "text" / "reply.pdf"
    text_pdf.parent.mkdir()
    write_pdf(text_pdf, "对县政协十届三次会议第 19 号提案的答复\n抚顺新钢铁获批资金 200 万元。")
    other = CLI(tmp_path / "idx2")
    assert other("ingest", text_pdf.parent, "--ocr", "always").rc == 0
    assert _docs(other)["reply.pdf"]["reader"] == "ocr"
    assert other("search", "抚顺新钢铁").rc == 0


def test_second_ingest_with_force_recognises_nothing(cli, tmp_path, monkeypatch):
    from replycli.ocr import engine

    calls = []
    real = engine.recognize
    monkeypatch.setattr(engine, "recognize", lambda gray: calls.append(1) or real(gray))
    d = _copy(tmp_path, PNG)
    assert cli("ingest", d).rc == 0
    assert len(calls) == 1
    before = cli("show", PNG, "--format", "json").stdout
    for again in (["--force"], ["--rebuild"]):
        assert cli("ingest", d, *again).rc == 0
    assert len(calls) == 1  # every page came from the cache
    assert cli("show", PNG, "--format", "json").stdout == before


def test_help_and_search_import_no_ocr_module(ecli):
    code = ("import sys\nfrom replycli.cli import app\n"
            "for argv in (['--help'], ['search', '资金', '--index', sys.argv[1]]):\n"
            "    try:\n        app.main(argv)\n    except SystemExit:\n        pass\n"
            "heavy = [m for m in ('rapidocr_onnxruntime', 'onnxruntime', 'cv2', 'numpy', 'PIL', 'pypdfium2',"
            " 'replycli.ocr.engine') if m in sys.modules]\n"
            "print('HEAVY', heavy)\n")
    r = subprocess.run([sys.executable, "-c", code, str(ecli.index)], capture_output=True, text=True)
    assert "HEAVY []" in r.stdout, r.stdout[-500:] + r.stderr[-500:]


def test_pages_are_spread_over_threads_in_order_with_page_progress(tmp_path, monkeypatch):
    import threading

    from replycli.ingest.readers import read
    from replycli.ocr import engine, ocr_run

    threads = set()
    both = threading.Barrier(2)  # the first two pages must be recognised at the same time

    pages = []

    def fake(gray):
        threads.add(threading.get_ident())
        pages.append(gray.shape)
        if len(pages) <= 2:
            both.wait(timeout=30)
        return {"width": 1000, "height": 1000, "angle": 0, "lines": [_line(100, 100, 900, 140, "第页。", 0.5)]}

    monkeypatch.setattr(engine, "recognize", fake)
    calls = []
    with ocr_run(tmp_path / "index", workers=2, progress=lambda *a: calls.append(a)):
        r = read(SCANS / TIFF, (SCANS / TIFF).read_bytes())
    assert r.reader == "ocr" and r.ocr == {"ocr_pages": 3, "ocr_confidence": 0.5}
    assert r.text == "第页。\n第页。\n第页。"
    assert calls == [(1, 3, TIFF), (2, 3, TIFF), (3, 3, TIFF)]
    assert len(threads) == 2 and threading.get_ident() not in threads and not both.broken


def test_without_the_extra_a_pdf_keeps_its_text_pages(tmp_path, monkeypatch):
    """A text PDF with one scanned page (a signed last page, say) is still read
    from its text layer when OCR is not installed."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from replycli.ingest.readers import read

    try:
        pdfmetrics.getFont("STSong-Light")
    except KeyError:
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    p = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(p))
    c.setFont("STSong-Light", 11)
    c.drawString(40, 800, "对县政协十届三次会议第 19 号提案的答复，抚顺新钢铁获批资金 200 万元。")
    c.showPage()
    c.drawImage(str(SCANS / PNG), 0, 0, 595, 842)
    c.showPage()
    c.save()
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    r = read(p, p.read_bytes())
    assert r.reader == "pdf" and "抚顺新钢铁" in r.text and "临江县" not in r.text
