"""Benchmark: replycli against the naive baseline and ripgrep, in one run.

    make bench                      # N = 1,000 and 10,000
    python bench/run.py --sizes 1000 --skip-naive

For each N it measures, on a synthetic corpus (bench/corpus.py):
  * full ingest time, peak memory (all processes summed), index size;
  * re-ingest with nothing changed, and after changing 1 % of the files;
  * ingest with --workers 1 (the speed-up of the default --workers);
  * median and max wall time of a cold whole-process ``replycli search``;
and the same ingest/search figures for the naive baseline (Whoosh +
jieba.analyse.ChineseAnalyzer, one writer) and ``rg -l -F``, with ratios.
Results are printed and written to bench/out/results.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus import QUERIES, Generator  # noqa: E402

OUT = HERE / "out"
BIN = Path(sys.executable).parent


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(d))
            except (OSError, ValueError, IndexError):
                pass
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def timed(cmd, **kw) -> tuple[float, int, subprocess.CompletedProcess]:
    """Wall time and peak summed RSS of a command."""
    peak = [0]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            done.wait(0.1)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    done.set()
    t.join()
    return wall, peak[0], subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def cold_searches(cmd_for) -> list[float]:
    times = []
    for q in QUERIES:
        t0 = time.perf_counter()
        subprocess.run(cmd_for(q), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return times


def bench_size(n: int, skip_naive: bool, workers: int) -> dict:
    base = OUT / f"n{n}"
    shutil.rmtree(base, ignore_errors=True)
    corpus = base / "corpus"
    Generator(seed=42).write(corpus, n)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in corpus.glob("*.txt"))
    replycli = [str(BIN / "replycli")]
    res: dict = {"n": n, "chars": chars, "workers": workers}

    idx = base / "index"
    wall, peak, p = timed(replycli + ["-q", "ingest", str(corpus), "--index", str(idx), "--workers", str(workers)])
    assert p.returncode == 0, p.stderr
    res.update(ingest_s=wall, ingest_peak_mb=peak / 2**20, index_mb=du(idx) / 2**20)

    wall, _, p = timed(replycli + ["-q", "ingest", str(corpus), "--index", str(idx)])
    res["reingest_unchanged_s"] = wall
    changed = sorted(corpus.glob("*.txt"))[:: 100]
    for f in changed:
        with open(f, "a", encoding="utf-8") as fh:
            fh.write("补充说明：相关工作正在推进。\n")
    wall, _, p = timed(replycli + ["-q", "ingest", str(corpus), "--index", str(idx)])
    res["reingest_1pct_s"] = wall
    res["reingest_1pct_files"] = len(changed)

    times = cold_searches(lambda q: replycli + ["search", q, "--index", str(idx), "--format", "jsonl"])
    res.update(search_median_s=statistics.median(times), search_max_s=max(times))

    idx1 = base / "index-w1"
    wall, _, p = timed(replycli + ["-q", "ingest", str(corpus), "--index", str(idx1), "--workers", "1"])
    res["ingest_workers1_s"] = wall

    rg = shutil.which("rg") or (str(BIN / "rg") if (BIN / "rg").exists() else None)
    if rg:
        times = cold_searches(lambda q: [rg, "-l", "-F", q, str(corpus)])
        res.update(rg_median_s=statistics.median(times), rg_max_s=max(times))

    if not skip_naive:
        nidx = base / "naive"
        wall, peak, p = timed([sys.executable, str(HERE / "naive.py"), "ingest", str(corpus), str(nidx)])
        assert p.returncode == 0, p.stderr
        res.update(naive_ingest_s=wall, naive_ingest_peak_mb=peak / 2**20, naive_index_mb=du(nidx) / 2**20)
        times = cold_searches(lambda q: [sys.executable, str(HERE / "naive.py"), "search", str(nidx), q])
        res.update(naive_search_median_s=statistics.median(times), naive_search_max_s=max(times))
    shutil.rmtree(idx1, ignore_errors=True)
    return res


def report(results: list[dict]) -> str:
    lines = []
    for r in results:
        n = r["n"]
        lines.append(f"\nN = {n:,} replies ({r['chars'] / 1e6:.1f} M characters), --workers {r['workers']}")
        lines.append(f"  {'':34s} {'replycli':>10s} {'naive':>10s} {'rg -l -F':>10s}")
        def row(label, ours, naive=None, rg=None, fmt="{:.2f}"):
            f = lambda v: fmt.format(v) if v is not None else "—"
            lines.append(f"  {label:34s} {f(ours):>10s} {f(naive):>10s} {f(rg):>10s}")
        row("ingest, s", r["ingest_s"], r.get("naive_ingest_s"))
        row("ingest throughput, docs/s", n / r["ingest_s"], n / r["naive_ingest_s"] if "naive_ingest_s" in r else None, fmt="{:.0f}")
        row("ingest peak memory, MB", r["ingest_peak_mb"], r.get("naive_ingest_peak_mb"), fmt="{:.0f}")
        row("index size, MB", r["index_mb"], r.get("naive_index_mb"), fmt="{:.1f}")
        row("cold search median, s", r["search_median_s"], r.get("naive_search_median_s"), r.get("rg_median_s"), fmt="{:.3f}")
        row("cold search max, s", r["search_max_s"], r.get("naive_search_max_s"), r.get("rg_max_s"), fmt="{:.3f}")
        row("re-ingest, nothing changed, s", r["reingest_unchanged_s"], fmt="{:.2f}")
        row(f"re-ingest, {r['reingest_1pct_files']} files changed, s", r["reingest_1pct_s"], fmt="{:.2f}")
        row("ingest with --workers 1, s", r["ingest_workers1_s"])
        lines.append("  ratios:")
        if "naive_ingest_s" in r:
            lines.append(f"    ingest throughput vs naive      {r['naive_ingest_s'] / r['ingest_s']:.2f}x")
            lines.append(f"    cold search speed vs naive      {r['naive_search_median_s'] / r['search_median_s']:.2f}x faster")
        if "rg_median_s" in r:
            lines.append(f"    cold search vs rg -l -F         {r['search_median_s'] / r['rg_median_s']:.2f}x rg's time")
        lines.append(f"    re-ingest unchanged / full      {100 * r['reingest_unchanged_s'] / r['ingest_s']:.1f} %")
        lines.append(f"    re-ingest 1% changed / full     {100 * r['reingest_1pct_s'] / r['ingest_s']:.1f} %")
        lines.append(f"    speed-up of --workers {r['workers']} vs 1     {r['ingest_workers1_s'] / r['ingest_s']:.2f}x")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--skip-naive", action="store_true")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    results = []
    for n in [int(x) for x in a.sizes.split(",")]:
        results.append(bench_size(n, a.skip_naive, a.workers))
        print(report(results[-1:]), flush=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
