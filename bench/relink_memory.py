"""Memory of the relink step (``replycli.extract.linking.relink``) on built indexes.

    python bench/relink_memory.py INDEX [INDEX ...]

For each index, a child process opens the catalog, relinks every company
and amount (``full``, as ``replycli relink`` does) and rolls back, so the
index is left as it was. Prints the Python peak (tracemalloc) and how far the
process's peak RSS rose during the relink. Run it on indexes of 1,000 and
10,000 replies: the peak should depend on the number of distinct company
names, not on the number of rows.
"""
import json
import subprocess
import sys
from pathlib import Path


def one(index: str) -> dict:
    import resource
    import time
    import tracemalloc

    from replycli.extract.linking import relink
    from replycli.index.store import open_catalog

    cat = open_catalog(Path(index), write=True)
    try:
        documents = cat.count_documents()
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        t = time.perf_counter()
        relink(cat, full=True)
        seconds = time.perf_counter() - t
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        cat.rollback()
    finally:
        cat.close()
    return {"index": index, "documents": documents, "python_peak_mb": round(peak / 2**20, 1),
            "rss_rise_mb": round((rss1 - rss0) / 1024, 1), "seconds": round(seconds, 2)}


def main():
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(one(sys.argv[2])))
        return
    for index in sys.argv[1:]:
        r = subprocess.run([sys.executable, __file__, "--one", index], capture_output=True, text=True, check=True)
        row = json.loads(r.stdout)
        print(f"{row['documents']:>7,} documents  python peak {row['python_peak_mb']:>7} MB  "
              f"RSS rise {row['rss_rise_mb']:>7} MB  {row['seconds']:>6} s  {row['index']}")


if __name__ == "__main__":
    main()
