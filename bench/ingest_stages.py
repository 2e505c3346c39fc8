"""Where one process's ingest time goes, stage by stage, per reply.

    python bench/ingest_stages.py bench/out/corpus-10000-seed42 --files 2000

Runs the stages of ``process_file`` and of the segment writer on the first
``--files`` replies of a folder, in this process, timing each: reading and
normalising, folding, each extraction rule, the gram and word analysis, the
pool (postings held in memory), the stored fields, the segment write and the
catalog. A plain one-worker ingest of the same files runs first and gives the
total the stages should add up to (the difference is what the pipeline does
between them: planning, hashing, commits). Use it before optimising ingest:
it says which stage a change can win on, in milliseconds per reply.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path


def _timed(table: dict, name: str, fn):
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            table[name] += time.perf_counter() - t0
    return wrapper


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--files", type=int, default=2000)
    args = ap.parse_args(argv)
    files = sorted(p for p in Path(args.folder).rglob("*") if p.is_file())[: args.files]
    if not files:
        print(f"no files under {args.folder}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="replycli-stages-"))
    try:
        sample = work / "sample"
        sample.mkdir()
        for i, f in enumerate(files):
            shutil.copy(f, sample / f"{i:06d}{f.suffix}")

        from replycli.index.analysis import segmenter

        segmenter()  # the dictionary load is start-up, not per reply
        # The total: one worker, the whole pipeline.
        from replycli.ingest.pipeline import ingest

        t0 = time.perf_counter()
        ingest([sample], work / "total", workers=1)
        total = time.perf_counter() - t0

        # The stages: the same run with each stage's function timed.
        import replycli.catalog as catalog
        import replycli.extract.amounts as amounts
        import replycli.extract.companies as companies
        import replycli.extract.metadata as metadata
        import replycli.extract.programs as programs
        import replycli.index.fields as fields
        import replycli.index.writing as writing
        import replycli.ingest.readers as readers
        import replycli.normalize as normalize
        import replycli.script as script
        from whoosh.codec import whoosh3

        t = defaultdict(float)
        patches = [
            (readers, "read", "read the file"), (normalize, "normalize_text", "normalise the text"),
            (script.Folded, "__init__", "fold for the rules"),
            (metadata, "extract_metadata", "extract: metadata"), (companies, "extract_companies", "extract: companies"),
            (programs, "extract_programs", "extract: programs"), (amounts, "extract_amounts", "extract: amounts"),
            (fields.GramField, "terms", "analyse: grams"), (fields, "word_counts", "analyse: words"),
            (writing.CompactPool, "add_terms", "pool: gram postings"), (writing.CompactPool, "add_field", "pool: other postings"),
            (whoosh3.W3PerDocWriter, "add_field", "stored fields and lengths"),
            (whoosh3.W3PerDocWriter, "add_column_value", "columns"),
            (writing.CompactPool, "write", "write the segment"),
            (catalog.Catalog, "put_document", "catalog: facts"), (catalog.Catalog, "put_file", "catalog: files"),
        ]
        for owner, attr, label in patches:
            setattr(owner, attr, _timed(t, label, getattr(owner, attr)))
        ingest([sample], work / "stages", workers=1)
        n = len(files)
        print(f"{n} replies from {args.folder}; one worker, whole ingest {total:.2f} s = {1000 * total / n:.2f} ms a reply")
        print(f"{'stage':30} {'s':>7} {'ms/reply':>9} {'share':>6}")
        for label in [label for _, _, label in patches]:
            v = t[label]
            print(f"{label:30} {v:7.2f} {1000 * v / n:9.2f} {100 * v / total:5.1f}%")
        rest = total - sum(t.values())
        print(f"{'the rest (planning, hashing, commits)':30} {rest:7.2f} {1000 * rest / n:9.2f} {100 * rest / total:5.1f}%")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
