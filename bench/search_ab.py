#!/usr/bin/env python3
"""Cold-process search times of one or two replycli builds: the benchmark's
15 queries, top 10 and every hit (``--format jsonl --limit 0``).

    python bench/search_ab.py --a /path/to/old/replycli --index IDX_A \\
        [--b .venv/bin/replycli --b-index IDX_B] --rounds 5

Each query runs in a fresh process, A then B then A … (so load on a shared
machine falls on both), and the script prints the median and p90 of each
build and B/A. With ``--check`` it also compares the two builds' output
byte for byte (every query, both modes) before timing. ``--a-env`` /
``--b-env`` set ``PYTHONPATH`` for a build run from a worktree. Two indexes
built apart may number their documents apart, and hits of equal score come
in document order: the check says when that is the only difference.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus import QUERIES  # noqa: E402
from run import p90  # noqa: E402

MODES = {"top10": [], "all": ["--limit", "0"]}


def command(exe: str, index: str, query: str, mode: str) -> list[str]:
    return [exe, "search", query, "--index", index, "--format", "jsonl", *MODES[mode]]


def environment(pythonpath: str | None) -> dict:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    else:
        env.pop("PYTHONPATH", None)
    return env


def run_once(cmd, env) -> tuple[float, bytes]:
    t = time.perf_counter()
    out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env).stdout
    return time.perf_counter() - t, out


def same_up_to_ties(a: bytes, b: bytes) -> bool:
    """The same hits with the same scores in the same order of score, and
    the same lines but for their rank."""
    import json

    rows = [[json.loads(line) for line in out.splitlines()] for out in (a, b)]
    if [r["score"] for r in rows[0]] != [r["score"] for r in rows[1]]:
        return False
    unranked = [sorted(json.dumps({**r, "rank": None}, ensure_ascii=False) for r in rs) for rs in rows]
    return unranked[0] == unranked[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--a", required=True, help="a replycli executable")
    ap.add_argument("--index", required=True, help="the index A searches (and B, unless --b-index)")
    ap.add_argument("--a-env", help="PYTHONPATH for A")
    ap.add_argument("--b", help="a second replycli executable, timed alternately with A")
    ap.add_argument("--b-index", help="the index B searches (default: --index)")
    ap.add_argument("--b-env", help="PYTHONPATH for B")
    ap.add_argument("--rounds", type=int, default=3, help="times each query is run per build and mode")
    ap.add_argument("--modes", default="top10,all", help="comma-separated: top10, all")
    ap.add_argument("--check", action="store_true", help="first compare A's and B's output byte for byte")
    a = ap.parse_args()
    builds = [("A", a.a, a.index, environment(a.a_env))]
    if a.b:
        builds.append(("B", a.b, a.b_index or a.index, environment(a.b_env)))
    modes = [m for m in a.modes.split(",") if m]

    if a.check and len(builds) == 2:
        same = ties = differ = 0
        for mode in modes:
            for q in QUERIES:
                outs = [run_once(command(exe, idx, q, mode), env)[1] for _, exe, idx, env in builds]
                if outs[0] == outs[1]:
                    same += 1
                elif same_up_to_ties(*outs):
                    ties += 1
                else:
                    differ += 1
                    print(f"DIFFERS: {mode} {q}")
        print(f"output check: {same} identical, {ties} the same but for the order of equal scores "
              f"(two indexes built apart number their documents apart), {differ} differ")

    times = {(label, mode): [] for label, *_ in builds for mode in modes}
    for _ in range(a.rounds):
        for mode in modes:
            for q in QUERIES:
                for label, exe, idx, env in builds:
                    times[label, mode].append(run_once(command(exe, idx, q, mode), env)[0])
    for mode in modes:
        med = {}
        for label, exe, idx, _ in builds:
            t = times[label, mode]
            med[label] = statistics.median(t)
            print(f"{mode:6} {label} median {med[label]:.3f} s  p90 {p90(t):.3f}  max {max(t):.3f}  "
                  f"({len(t)} runs; {exe} on {idx})")
        if len(builds) == 2:
            print(f"{mode:6} B/A median {med['B'] / med['A']:.3f}")


if __name__ == "__main__":
    main()
