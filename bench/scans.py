"""Scanned replies: the OCR test fixtures, and the shared corpus as scans.

    python bench/scans.py fixtures   # regenerate tests/fixtures/scans/ (committed)
    python bench/scans.py corpus     # ../shared/corpus/*.txt -> bench/out/scans/pdf/*.pdf
    python bench/scans.py speed --workers 1 [--limit N]   # cold ingest, pages per second
    python bench/scans.py speed --workers 2                # ... the index quality reads
    python bench/scans.py quality    # compare with the .txt originals

``corpus`` renders every shared reply to an image-only PDF (A4, 200 dpi,
grey JPEG pages with skew, blur and noise; see bench/render.py). ``speed``
ingests them into a fresh index (a cold cache) and times it. ``quality``
reports, against the .txt originals:

* search recall over ../shared/tools/queries.txt, truth from the .txt files
  (../shared/tools/search_recall.py with --index: the scans are also linked
  as NAME.txt, since the tools match rows by file name; the reader goes by
  content, so a PDF named .txt is read as a PDF);
* the Han-character error rate: edit distance over Han characters of the
  recognised text against the original, punctuation and whitespace aside;
* extraction scores (../shared/tools/score_extraction.py, same linking);
* the cache: a --force re-ingest recognises no page again;
* the seed reply's funding row for 抚顺新钢铁, from the scan and the .txt.

Results accumulate in bench/out/scans/results.json.

Needs the ocr extra and a CJK font (apt-get install fonts-noto-cjk).
Nothing of the shared corpus is written outside bench/out/ (git-ignored).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import render  # noqa: E402

SHARED = ROOT.parent / "shared"
FIXTURES = ROOT / "tests" / "fixtures" / "scans"
OUT = ROOT / "bench" / "out" / "scans"
EXE = ROOT / ".venv" / "bin" / "replycli"
PY = ROOT / ".venv" / "bin" / "python"


def _text(p: Path) -> str:
    from replycli.ingest.readers.text import read_text

    return read_text(p.read_bytes()).text


# -- fixtures -----------------------------------------------------------------

def fixtures() -> None:
    """The few small scans the tests read (1-bit pages compress to ~30 KB)."""
    FIXTURES.mkdir(parents=True, exist_ok=True)
    ex = ROOT / "examples"

    # An image-only PDF (two pages).
    pages = [render.bilevel(render.scanned(p, seed=60 + i))
             for i, p in enumerate(render.layout(_text(ex / "06-kjj-2023-33-pdf.txt"), lines_per_page=12))]
    render.save_pdf(pages, FIXTURES / "kjj-2023-33-scan.pdf")

    # A grey PNG page: skewed, blurred, dusty, but without sensor noise and
    # in 8 grey levels, so that it stays small.
    page = render.scanned(render.layout(_text(ex / "02-nyj-2023-118.txt"))[0], seed=20, noise=0)
    page.point(lambda v: v // 32 * 36).save(FIXTURES / "nyj-2023-118.png", optimize=True)

    # A multi-page TIFF (CCITT G4, as office scanners write them).
    pages = [render.bilevel(render.scanned(p, seed=10 + i))
             for i, p in enumerate(render.layout(_text(ex / "01-gxj-2024-41.txt"), lines_per_page=9))]
    pages[0].save(FIXTURES / "gxj-2024-41.tif", save_all=True, append_images=pages[1:], compression="group4",
                  dpi=(200, 200))

    # A PDF whose text layer is garbage: the scan image with an invisible
    # text layer of mojibake (UTF-8 read as cp1252), as a broken OCR tool or
    # font map leaves it.
    garbage_pdf(_text(ex / "03-fgw-2022-77.txt"), FIXTURES / "fgw-2022-77-garbage.pdf")
    for p in sorted(FIXTURES.iterdir()):
        print(f"{p.relative_to(ROOT)}  {p.stat().st_size:,} bytes")


def garbage_pdf(text: str, path: Path) -> Path:
    import io

    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    w_pt, h_pt = 595.28, 841.89
    c = canvas.Canvas(str(path), pagesize=(w_pt, h_pt))
    for i, page in enumerate(render.layout(text)):
        img = render.bilevel(render.scanned(page, seed=30 + i))
        buf = io.BytesIO()
        img.save(buf, "PNG")
        buf.seek(0)
        c.drawImage(ImageReader(buf), 0, 0, w_pt, h_pt)
        t = c.beginText(40, 800)
        t.setTextRenderMode(3)  # invisible, as OCR text layers are
        t.setFont("Helvetica", 10)
        for line in text.splitlines():
            t.textLine(line.encode("utf-8").decode("cp1252", "replace")[:120])
        c.drawText(t)
        c.showPage()
    c.save()
    return path


# -- the shared corpus as scans ----------------------------------------------------

def corpus(limit: int | None = None) -> list[Path]:
    src = sorted((SHARED / "corpus").glob("*.txt"))[:limit]
    pdf_dir, txt_dir = OUT / "pdf", OUT / "named-txt"
    for d in (pdf_dir, txt_dir):
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir(parents=True)
    out = []
    t0 = time.perf_counter()
    n_pages = 0
    for k, p in enumerate(src):
        pages = [render.scanned(pg, seed=1000 + 17 * k + i).convert("L")
                 for i, pg in enumerate(render.layout(_text(p)))]
        n_pages += len(pages)
        pdf = pdf_dir / (p.stem + ".pdf")
        # JPEG pages inside the PDF, as scanners write them.
        pages[0].save(pdf, "PDF", save_all=True, append_images=pages[1:], resolution=200, quality=80)
        os.link(pdf, txt_dir / p.name)  # the tools match rows to truth by file name
        out.append(pdf)
    print(f"rendered {len(out)} replies, {n_pages} pages, in {time.perf_counter() - t0:.1f} s -> {pdf_dir}")
    return out


# -- measurement ----------------------------------------------------------------

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]")


def han(text: str) -> str:
    return "".join(_HAN.findall(text))


def edit_distance(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _ingest(folder: Path, index: Path, workers: int, *extra) -> tuple[float, dict]:
    t0 = time.perf_counter()
    res = subprocess.run([str(EXE), "ingest", str(folder), "--index", str(index), "--workers", str(workers),
                          "--format", "json", *extra], capture_output=True, text=True)
    dt = time.perf_counter() - t0
    if res.returncode not in (0, 1):
        sys.exit(f"ingest failed: {res.stderr[-2000:]}")
    return dt, json.loads(res.stdout)


def _pages(index: Path) -> int:
    import sqlite3

    db = sqlite3.connect(index / "catalog.sqlite")
    n = 0
    for (meta,) in db.execute("SELECT meta FROM documents"):
        n += json.loads(meta).get("ocr_pages") or 0
    return n


def _cache_state(index: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in (index / "ocr-cache").rglob("*.json")}


def speed(workers: int, limit: int | None = None) -> dict:
    """Ingest the scans (the first ``limit``) into a fresh index, so with a
    cold cache, and time it."""
    src = OUT / "named-txt"
    if not src.is_dir():
        sys.exit("run: python bench/scans.py corpus")
    folder = src
    if limit:
        folder = OUT / f"first-{limit}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        for p in sorted(src.glob("*.txt"))[:limit]:
            os.link(p, folder / p.name)
    index = OUT / (f"index-w{workers}" + (f"-first{limit}" if limit else ""))
    shutil.rmtree(index, ignore_errors=True)
    load = os.getloadavg()[0]
    dt, summary = _ingest(folder, index, workers)
    pages = _pages(index)
    res = {"workers": workers, "files": len(list(folder.glob("*.txt"))), "pages": pages, "seconds": round(dt, 1),
           "pages_per_s": round(pages / dt, 3), "load_before": round(load, 2),
           "load_after": round(os.getloadavg()[0], 2), "indexed": summary["indexed"],
           "failures": summary["failures"], "index": str(index)}
    print(json.dumps(res, ensure_ascii=False), flush=True)
    _save(f"speed_w{workers}" + (f"_first{limit}" if limit else ""), res)
    return res


def quality(index: Path) -> dict:
    """On an index of all the scans: the cache on a --force re-ingest, the
    Han error rate, search recall and extraction against the .txt."""
    results: dict = {}
    before = _cache_state(index)
    dt, summary = _ingest(OUT / "named-txt", index, 2, "--force")
    after = _cache_state(index)
    again = sum(1 for k, v in after.items() if before.get(k) != v)
    results["force_reingest"] = {"seconds": round(dt, 1), "cached_pages": len(before),
                                 "pages_recognised_again": again, "indexed": summary["indexed"]}
    print(f"--force re-ingest: {dt:.1f} s, {len(before)} pages cached, {again} recognised again", flush=True)

    results["han_error_rate"] = han_error_rate(index)
    h = results["han_error_rate"]
    print(f"Han character error rate: {h['rate']:.4f} ({h['errors']} / {h['chars']}); "
          f"traditional read as simplified: {h['rate_t2s']:.4f}; worst {h['worst'][:3]}", flush=True)

    tools = SHARED / "tools"
    txt_index = OUT / "index-txt"
    shutil.rmtree(txt_index, ignore_errors=True)
    _ingest(SHARED / "corpus", txt_index, 2)
    for name, ix in (("txt", txt_index), ("scan", index)):
        r = subprocess.run([str(PY), str(tools / "search_recall.py"), "--corpus", str(SHARED / "corpus"),
                            "--queries", str(tools / "queries.txt"), "--replycli", str(EXE), "--index", str(ix)],
                           capture_output=True, text=True)
        lines = r.stdout.strip().splitlines()
        results[f"recall_{name}"] = lines[-1] if lines else r.stderr[-300:]
        results[f"recall_{name}_misses"] = [ln for ln in lines if "missed [" in ln and "missed []" not in ln][:30]
        print(f"recall {name}: {results[f'recall_{name}']}", flush=True)
        r = subprocess.run([str(PY), str(tools / "score_extraction.py"), "--corpus", str(SHARED / "corpus"),
                            "--gold", str(SHARED / "gold"), "--replycli", str(EXE), "--index", str(ix)],
                           capture_output=True, text=True)
        results[f"extraction_{name}"] = r.stdout.strip().splitlines()[-14:]
        print(f"extraction {name}:\n  " + "\n  ".join(results[f"extraction_{name}"]), flush=True)

    # The seed reply: the same funding row from the scan as from the .txt.
    rows = {}
    for name, ix in (("txt", txt_index), ("scan", index)):
        r = subprocess.run([str(EXE), "funding", "--company", "抚顺新钢铁", "--index", str(ix), "--format", "jsonl"],
                           capture_output=True, text=True)
        rows[name] = [{k: v for k, v in json.loads(ln).items() if k in ("amount_yuan", "kind", "recipient", "company",
                                                                     "program", "date", "issuer")}
                      for ln in r.stdout.splitlines() if ln.strip()]
    results["seed_funding"] = rows
    results["seed_funding_same"] = rows["txt"] == rows["scan"]
    print(f"seed reply funding --company 抚顺新钢铁: same row from the scan: {rows['txt'] == rows['scan']} {rows}",
          flush=True)
    _save("quality", results)
    return results


def _save(key: str, value) -> None:
    path = OUT / "results.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    data[key] = value
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def han_error_rate(index: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    from replycli.index.store import open_whoosh

    import opencc

    t2s = opencc.OpenCC("t2s").convert
    errors = chars = folded_errors = 0
    worst = []
    ix = open_whoosh(index)
    with ix.searcher() as s:
        for fields in s.all_stored_fields():
            name = Path(fields["path"]).name
            orig = han(_text(SHARED / "corpus" / name))
            got = han(fields.get("text", ""))
            d = edit_distance(orig, got)
            # The index and extraction compare in simplified characters
            # (replycli.script): the recogniser often reads 鎮 as 镇.
            folded_errors += edit_distance(han(t2s(orig)), han(t2s(got)))
            errors += d
            chars += len(orig)
            worst.append((d / max(1, len(orig)), name, d))
    ix.close()
    worst.sort(reverse=True)
    return {"rate": round(errors / max(1, chars), 5), "errors": errors, "chars": chars,
            "rate_t2s": round(folded_errors / max(1, chars), 5), "errors_t2s": folded_errors,
            "worst": [f"{n}: {d} ({r:.3f})" for r, n, d in worst[:8]]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["fixtures", "corpus", "speed", "quality"])
    ap.add_argument("--limit", type=int, help="corpus, speed: only the first N replies")
    ap.add_argument("--workers", type=int, default=2, help="speed: --workers for the ingest")
    ap.add_argument("--index", help="quality: an index of all the scans (from speed)")
    a = ap.parse_args()
    if a.what == "fixtures":
        fixtures()
    elif a.what == "corpus":
        corpus(a.limit)
    elif a.what == "speed":
        speed(a.workers, a.limit)
    else:
        quality(Path(a.index) if a.index else OUT / "index-w2")


if __name__ == "__main__":
    main()
