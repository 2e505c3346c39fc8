#!/usr/bin/env python3
"""A/B ingest throughput of two replycli builds on the same generated corpus.

    python bench/ab_ingest.py --a /path/to/old/.venv/bin/replycli --b .venv/bin/replycli --n 1000 --rounds 5

Runs the two builds alternately (A, B, A, B …) so that load on a shared
machine falls on both, and prints the median wall time of each and B/A.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus import Generator  # noqa: E402


def ingest_seconds(replycli: str, corpus: Path, index: Path, workers: int) -> float:
    shutil.rmtree(index, ignore_errors=True)
    t = time.perf_counter()
    subprocess.run([replycli, "ingest", str(corpus), "--index", str(index), "--workers", str(workers), "-q"],
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--a", required=True, help="the baseline build's replycli")
    ap.add_argument("--b", required=True, help="the new build's replycli")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="replycli-ab-") as tmp:
        corpus = Path(tmp, "corpus")
        Generator(seed=42).write(corpus, a.n)
        times = {"A": [], "B": []}
        for _ in range(a.rounds):
            for label, exe in (("A", a.a), ("B", a.b)):
                times[label].append(ingest_seconds(exe, corpus, Path(tmp, "index"), a.workers))
        ma, mb = statistics.median(times["A"]), statistics.median(times["B"])
        print(f"N = {a.n}, --workers {a.workers}, {a.rounds} rounds alternating")
        print(f"A {a.a}: median {ma:.2f} s  {[round(x, 2) for x in times['A']]}")
        print(f"B {a.b}: median {mb:.2f} s  {[round(x, 2) for x in times['B']]}")
        print(f"B/A time {mb / ma:.3f}  (throughput change {ma / mb - 1:+.1%})")


if __name__ == "__main__":
    main()
