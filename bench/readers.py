"""PDF text extraction: pypdf against pdfminer.six, for speed and correct Chinese.

    python bench/readers.py            # uses ../shared/corpus if present, else examples/

Each reply is written to a PDF with reportlab's STSong-Light CID font (lines
wrap mid-word, as real PDFs do); each library extracts it, and the text is
compared with the original after removing whitespace (the way search truth is
defined). Prints total time and how many files came back exactly.
"""
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from makefiles import write_pdf  # noqa: E402

from replycli.ingest.readers.pdf import read_pdf  # noqa: E402
from replycli.ingest.readers.text import read_text  # noqa: E402
from replycli.normalize import squeeze  # noqa: E402


def pdfminer_text(data: bytes) -> str:
    import io

    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def main():
    shared = ROOT.parent / "shared" / "corpus"
    sources = sorted(shared.glob("*.txt")) if shared.is_dir() else sorted((ROOT / "examples").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = []
        for p in sources:
            text = read_text(p.read_bytes()).text
            pdf = write_pdf(Path(tmp) / (p.stem + ".pdf"), text)
            pdfs.append((text, pdf.read_bytes()))
        for name, fn in (("pypdf (replycli)", lambda d: read_pdf(d).text), ("pdfminer.six", pdfminer_text)):
            times, exact = [], 0
            for text, data in pdfs:
                t0 = time.perf_counter()
                out = fn(data)
                times.append(time.perf_counter() - t0)
                exact += squeeze(out) == squeeze(text)
            print(f"{name:18s} {len(pdfs)} files  total {sum(times):6.2f} s  median {1000 * statistics.median(times):6.1f} ms"
                  f"  exact text {exact}/{len(pdfs)}")


if __name__ == "__main__":
    main()
