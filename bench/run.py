"""Benchmark: replycli against the naive baseline and ripgrep, in one run.

    make bench                      # N = 1,000 and 10,000
    make bench-100k                 # N = 100,000, on demand (see README for its time)
    python bench/run.py --sizes 1000 --skip-naive

For each N it measures, on a synthetic corpus (bench/corpus.py):
  * full ingest time, peak memory (all processes summed), index size (the
    Whoosh index and the SQLite catalog of extracted facts, apart);
  * re-ingest with nothing changed, and after changing 1 % of the files;
  * ingest with --workers 1 (the speed-up of the default --workers);
  * median, p90 and max wall time of a cold whole-process ``replycli search``
    (the default top 10), and of the same search for every hit
    (``--format jsonl --limit 0``);
and the same ingest/search figures for the naive baseline (Whoosh +
jieba.analyse.ChineseAnalyzer, one writer) and ``rg -l -F``, with ratios.
Ratios compare figures of one run, so a busy machine slows both sides; the
load average at the start and the end of each size is recorded.
Results are printed and written to bench/out/results.json.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
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


CPU = {"last": 0.0}  # CPU seconds (user + system) of the last timed() command


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def timed(cmd, **kw) -> tuple[float, int, subprocess.CompletedProcess]:
    """Wall time and peak summed RSS of a command; its CPU time (all its
    processes, which it waits for) goes to ``CPU["last"]``."""
    peak = [0]
    cpu0 = _children_cpu()
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
    CPU["last"] = _children_cpu() - cpu0
    done.set()
    t.join()
    return wall, peak[0], subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def cold_searches(cmd_for, rounds: int = 1) -> list[float]:
    times = []
    for _ in range(rounds):
        for q in QUERIES:
            t0 = time.perf_counter()
            subprocess.run(cmd_for(q), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append(time.perf_counter() - t0)
    return times


def p90(times: list[float]) -> float:
    s = sorted(times)
    return s[min(len(s) - 1, int(round(0.9 * (len(s) - 1))))]


def stats(prefix: str, times: list[float]) -> dict:
    return {f"{prefix}_median_s": statistics.median(times), f"{prefix}_p90_s": p90(times),
            f"{prefix}_max_s": max(times)}


def loadavg() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def pristine_corpus(n: int) -> Path:
    """The generated corpus of ``n`` replies, kept in bench/out between runs
    (generating 100,000 replies takes minutes; the runs copy it, since the
    re-ingest test edits files)."""
    path = OUT / f"corpus-{n}-seed42"
    done = OUT / f"corpus-{n}-seed42.complete"
    if not done.exists():
        shutil.rmtree(path, ignore_errors=True)
        Generator(seed=42).write(path, n)
        done.write_text("ok\n")
    return path


def bench_size(n: int, skip_naive: bool, workers: int, skip_workers1: bool = False, rounds: int = 1) -> dict:
    base = OUT / f"n{n}"
    shutil.rmtree(base, ignore_errors=True)
    corpus = base / "corpus"
    shutil.copytree(pristine_corpus(n), corpus)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in corpus.glob("*.txt"))
    replycli = [str(BIN / "replycli")]
    res: dict = {"n": n, "chars": chars, "corpus_mb": du(corpus) / 2**20, "workers": workers,
                 "load_start": loadavg(), "cpus": os.cpu_count()}

    idx = base / "index"
    wall, peak, p = timed(replycli + ["-q", "ingest", str(corpus), "--index", str(idx), "--workers", str(workers)])
    assert p.returncode == 0, p.stderr
    res.update(ingest_s=wall, ingest_cpu_s=CPU["last"], ingest_peak_mb=peak / 2**20, index_mb=du(idx) / 2**20,
               whoosh_mb=du(idx / "whoosh") / 2**20)
    res["catalog_mb"] = res["index_mb"] - res["whoosh_mb"]

    wall, _, p = timed(replycli + ["-q", "ingest", str(corpus), "--index", str(idx)])
    res["reingest_unchanged_s"] = wall
    changed = sorted(corpus.glob("*.txt"))[:: 100]
    for f in changed:
        with open(f, "a", encoding="utf-8") as fh:
            fh.write("补充说明：相关工作正在推进。\n")
    wall, _, p = timed(replycli + ["-q", "ingest", str(corpus), "--index", str(idx)])
    res["reingest_1pct_s"] = wall
    res["reingest_1pct_files"] = len(changed)

    def search(q, *extra):
        return replycli + ["search", q, "--index", str(idx), "--format", "jsonl", *extra]

    res.update(stats("search", cold_searches(search, rounds)))
    res.update(stats("all", cold_searches(lambda q: search(q, "--limit", "0"), rounds)))

    if not skip_workers1:
        idx1 = base / "index-w1"
        wall, _, p = timed(replycli + ["-q", "ingest", str(corpus), "--index", str(idx1), "--workers", "1"])
        res["ingest_workers1_s"] = wall
        res["ingest_workers1_cpu_s"] = CPU["last"]
        shutil.rmtree(idx1, ignore_errors=True)

    rg = shutil.which("rg") or (str(BIN / "rg") if (BIN / "rg").exists() else None)
    if rg:
        res.update(stats("rg", cold_searches(lambda q: [rg, "-l", "-F", q, str(corpus)], rounds)))

    if not skip_naive:
        nidx = base / "naive"
        wall, peak, p = timed([sys.executable, str(HERE / "naive.py"), "ingest", str(corpus), str(nidx)])
        assert p.returncode == 0, p.stderr
        res.update(naive_ingest_s=wall, naive_ingest_cpu_s=CPU["last"], naive_ingest_peak_mb=peak / 2**20,
                   naive_index_mb=du(nidx) / 2**20)
        naive = [sys.executable, str(HERE / "naive.py")]
        res.update(stats("naive_search", cold_searches(lambda q: naive + ["search", str(nidx), q], rounds)))
        res.update(stats("naive_all", cold_searches(lambda q: naive + ["search-all", str(nidx), q], rounds)))
    res["load_end"] = loadavg()
    return res


def report(results: list[dict]) -> str:
    lines = []
    for r in results:
        n = r["n"]
        lines.append(f"\nN = {n:,} replies ({r['chars'] / 1e6:.1f} M characters, {r['corpus_mb']:.0f} MB), "
                     f"--workers {r['workers']}, {r['cpus']} CPUs, load average {r['load_start']:.1f} → {r['load_end']:.1f}")
        lines.append(f"  {'':40s} {'replycli':>14s} {'naive':>14s} {'rg -l -F':>14s}")

        def row(label, ours, naive=None, rg=None, fmt="{:.2f}"):
            f = lambda v: fmt.format(v) if v is not None else "—"  # noqa: E731
            lines.append(f"  {label:40s} {f(ours):>14s} {f(naive):>14s} {f(rg):>14s}")

        def trio(prefix):
            if f"{prefix}_median_s" not in r:
                return None
            return f"{r[prefix + '_median_s']:.3f} [{r[prefix + '_p90_s']:.3f}]"

        row("ingest, s", r["ingest_s"], r.get("naive_ingest_s"))
        row("ingest throughput, docs/s", n / r["ingest_s"], n / r["naive_ingest_s"] if "naive_ingest_s" in r else None, fmt="{:.0f}")
        row("ingest CPU time (all processes), s", r.get("ingest_cpu_s"), r.get("naive_ingest_cpu_s"))
        row("ingest peak memory, MB", r["ingest_peak_mb"], r.get("naive_ingest_peak_mb"), fmt="{:.0f}")
        row("index size, MB (whoosh + catalog)", r["index_mb"], r.get("naive_index_mb"), fmt="{:.1f}")
        row("  of which Whoosh, MB", r["whoosh_mb"], r.get("naive_index_mb"), fmt="{:.1f}")
        row("  of which catalog (facts), MB", r["catalog_mb"], fmt="{:.1f}")
        row("cold search top 10, median [p90], s", trio("search"), trio("naive_search"), trio("rg"), fmt="{}")
        row("cold search all hits, median [p90], s", trio("all"), trio("naive_all"), trio("rg"), fmt="{}")
        row("cold search max (top 10 / all), s", f"{r['search_max_s']:.3f} / {r['all_max_s']:.3f}",
            f"{r['naive_search_max_s']:.3f} / {r['naive_all_max_s']:.3f}" if "naive_search_max_s" in r else None,
            f"{r['rg_max_s']:.3f}" if "rg_max_s" in r else None, fmt="{}")
        row("re-ingest, nothing changed, s", r["reingest_unchanged_s"])
        row(f"re-ingest, {r['reingest_1pct_files']} files changed, s", r["reingest_1pct_s"])
        if "ingest_workers1_s" in r:
            row("ingest with --workers 1, s", r["ingest_workers1_s"])
        lines.append("  ratios (same run):")
        if "naive_ingest_s" in r:
            lines.append(f"    ingest throughput vs naive          {r['naive_ingest_s'] / r['ingest_s']:.2f}x")
            if r.get("ingest_cpu_s"):
                lines.append(f"    ingest CPU per reply vs naive       {r['ingest_cpu_s'] / r['naive_ingest_cpu_s']:.2f}x "
                             f"(wall-clock ratio on an idle {r['cpus']}-CPU machine ≈ "
                             f"{r['naive_ingest_cpu_s'] / r['ingest_cpu_s'] * min(r['workers'], r['cpus']):.1f}x at best)")
            lines.append(f"    index size vs naive                 {r['index_mb'] / r['naive_index_mb']:.2f}x "
                         f"(Whoosh alone {r['whoosh_mb'] / r['naive_index_mb']:.2f}x)")
            lines.append(f"    cold search speed vs naive          {r['naive_search_median_s'] / r['search_median_s']:.2f}x faster")
        if "rg_median_s" in r:
            lines.append(f"    cold search top 10 vs rg -l -F      {r['search_median_s'] / r['rg_median_s']:.2f}x rg's time")
            lines.append(f"    cold search all hits vs rg -l -F    {r['all_median_s'] / r['rg_median_s']:.2f}x rg's time")
        lines.append(f"    re-ingest unchanged / full          {100 * r['reingest_unchanged_s'] / r['ingest_s']:.1f} %")
        lines.append(f"    re-ingest 1% changed / full         {100 * r['reingest_1pct_s'] / r['ingest_s']:.1f} %")
        if "ingest_workers1_s" in r:
            lines.append(f"    speed-up of --workers {r['workers']} vs 1         {r['ingest_workers1_s'] / r['ingest_s']:.2f}x")
    sizes = {r["n"]: r for r in results}
    for small, big in zip(sorted(sizes), sorted(sizes)[1:]):
        a, b = sizes[small], sizes[big]
        lines.append(f"\n  N = {small:,} → {big:,} ({big / small:.0f}x the replies): ingest {b['ingest_s'] / a['ingest_s']:.1f}x the time, "
                     f"cold search median {b['search_median_s'] / a['search_median_s']:.2f}x, "
                     f"peak memory {b['ingest_peak_mb']:.0f} MB")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--skip-naive", action="store_true", help="do not run the naive baseline (slow at 100,000)")
    ap.add_argument("--skip-workers1", action="store_true", help="do not time the --workers 1 ingest")
    ap.add_argument("--rounds", type=int, default=1, help="times each search query is run (more: steadier medians)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    results = []
    for n in [int(x) for x in a.sizes.split(",")]:
        t0 = time.perf_counter()
        results.append(bench_size(n, a.skip_naive, a.workers, a.skip_workers1, a.rounds))
        results[-1]["bench_s"] = time.perf_counter() - t0
        print(report(results[-1:]), flush=True)
        print(f"  (this size took {results[-1]['bench_s'] / 60:.1f} min to benchmark)", flush=True)
    if len(results) > 1:  # how the figures grow with N
        print("\n".join(line for line in report(results).splitlines() if line.startswith("  N = ")))
    (OUT / f"results-{'-'.join(str(r['n']) for r in results)}.json").write_text(json.dumps(results, indent=2))
    (OUT / "results.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
