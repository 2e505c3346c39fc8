"""Peak memory of ``replycli export amounts`` for 10,000 and 100,000 rows.

    python bench/export_memory.py

Rows stream from SQLite to the output, so the peak should not grow with the
number of rows. Prints the peak RSS (the child's ru_maxrss) for each size.
"""
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from test_manners import _synthetic_amounts  # noqa: E402


def peak_export(index: Path, fmt: str, out: Path) -> tuple[float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    r = subprocess.run([sys.executable, "-m", "replycli", "export", "amounts", "--index", str(index),
                        "--format", fmt, "--output", str(out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(before, after) / 1024, out.stat().st_size


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for n in (10_000, 100_000):
            index = Path(tmp) / f"i{n}"
            _synthetic_amounts(index, n)
            for fmt in ("csv", "jsonl", "json"):
                # a fresh interpreter per measurement: ru_maxrss of children is a running max
                code = ("import sys; sys.path.insert(0, %r); from export_memory import peak_export; from pathlib import Path; "
                        "print('%%.1f %%d' %% peak_export(Path(%r), %r, Path(%r)))") % (
                    str(Path(__file__).parent), str(index), fmt, str(Path(tmp) / f"out{n}.{fmt}"))
                res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ))
                mb, size = res.stdout.split()
                print(f"{n:>7,} rows  {fmt:5s}  peak RSS {float(mb):6.1f} MB   output {int(size) / 2**20:6.1f} MB")


if __name__ == "__main__":
    main()
