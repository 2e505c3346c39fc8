"""A/B wall time of the catalog's read commands on two builds and their indexes.

    python bench/ab_reads.py --a SRC_A INDEX_A --b SRC_B INDEX_B --rounds 5

SRC is the source folder put first on PYTHONPATH (a checkout or worktree),
INDEX the index that build made (a catalog change needs its own index).
Runs A and B alternately, so load on a shared machine falls on both, and
prints the median of each command and B/A. Output goes to /dev/null.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

COMMANDS = [
    ["export", "amounts", "--format", "jsonl"],
    ["funding", "--company", "白桦中联环保"],
    ["funding", "--kind", "grant", "--min", "100万", "--format", "jsonl"],
    ["companies", "--format", "json"],
]


def seconds(src: str, index: str, command: list[str]) -> float:
    env = {**os.environ, "PYTHONPATH": src, "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "200"}
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "replycli", "-q", *command, "--index", index], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--a", nargs=2, required=True, metavar=("SRC", "INDEX"))
    ap.add_argument("--b", nargs=2, required=True, metavar=("SRC", "INDEX"))
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args()
    for command in COMMANDS:
        times: dict[str, list[float]] = {"a": [], "b": []}
        for _ in range(a.rounds):
            for side in ("a", "b"):
                times[side].append(seconds(*getattr(a, side), command))
        ma, mb = statistics.median(times["a"]), statistics.median(times["b"])
        print(f"{' '.join(command):32} A {ma:6.2f} s  B {mb:6.2f} s  B/A {mb / ma:5.2f}", flush=True)


if __name__ == "__main__":
    main()
