"""bench/ingest_stages.py: the per-stage profile of one process's ingest."""
import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_ingest_stages_accounts_for_the_whole_ingest(tmp_path):
    sys.path.insert(0, str(BENCH))
    from corpus import Generator  # invented replies of the genre (bench/corpus.py)

    Generator(seed=5).write(tmp_path / "corpus", 40)
    r = subprocess.run([sys.executable, str(BENCH / "ingest_stages.py"), str(tmp_path / "corpus"), "--files", "30"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.startswith("30 replies from ")
    rows = {m.group(1).strip(): float(m.group(3))
            for m in re.finditer(r"^(\D+?)\s+(\d+\.\d+)\s+(-?\d+\.\d+)\s+(-?\d+\.\d+)%$", r.stdout, re.M)}
    for stage in ("extract: companies", "extract: amounts", "analyse: grams", "pool: gram postings",
                  "write the segment", "catalog: facts"):
        assert rows[stage] > 0, (stage, r.stdout)
    # The stages and the rest add up to the measured whole (ms a reply).
    whole = float(re.search(r"= (\d+\.\d+) ms a reply", r.stdout).group(1))
    assert abs(sum(rows.values()) - whole) < 0.05 * whole + 0.05, r.stdout


def test_ingest_stages_says_when_the_folder_is_empty(tmp_path):
    r = subprocess.run([sys.executable, str(BENCH / "ingest_stages.py"), str(tmp_path)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "no files" in r.stderr
