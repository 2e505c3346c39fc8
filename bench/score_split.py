#!/usr/bin/env python3
"""Score extraction on a development part and a held-out part of the shared corpus.

Rules are developed on two thirds of ``../shared/corpus`` and checked on the
third kept out of sight (every third file in name order), so that an
improvement is believed only when the held-out part agrees.

    .venv/bin/python bench/score_split.py                 # dev, held-out, all
    .venv/bin/python bench/score_split.py --part dev --show-misses

Run it with a Python that has ``opencc`` (the project's venv): the shared
scorer folds traditional characters with it.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def split(corpus: Path) -> dict[str, list[Path]]:
    files = sorted(p for p in corpus.glob("*.txt"))
    held = [p for i, p in enumerate(files) if i % 3 == 2]
    dev = [p for i, p in enumerate(files) if i % 3 != 2]
    return {"dev": dev, "held-out": held, "all": files}


def score(files: list[Path], gold: Path, replycli: str, show_misses: bool) -> str:
    with tempfile.TemporaryDirectory(prefix="replycli-split-") as tmp:
        corpus_dir, gold_dir = Path(tmp, "corpus"), Path(tmp, "gold")
        corpus_dir.mkdir()
        gold_dir.mkdir()
        for p in files:
            os.symlink(p, corpus_dir / p.name)
            g = gold / (p.stem + ".json")
            if g.exists():
                os.symlink(g, gold_dir / g.name)
        cmd = [sys.executable, str(SHARED / "tools" / "score_extraction.py"), "--corpus", str(corpus_dir),
               "--gold", str(gold_dir), "--replycli", replycli]
        if show_misses:
            cmd.append("--show-misses")
        return subprocess.run(cmd, capture_output=True, text=True).stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", choices=["dev", "held-out", "all"], action="append",
                    help="which part(s) to score (default: all three)")
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--gold", type=Path, default=SHARED / "gold")
    ap.add_argument("--replycli", default=str(ROOT / ".venv" / "bin" / "replycli"))
    ap.add_argument("--show-misses", action="store_true")
    a = ap.parse_args()
    if not a.corpus.is_dir():
        sys.exit(f"no shared corpus at {a.corpus}")
    parts = split(a.corpus)
    for name in a.part or ["dev", "held-out", "all"]:
        out = score(parts[name], a.gold, a.replycli, a.show_misses)
        if a.show_misses:
            print(f"===== {name} ({len(parts[name])} files) =====")
            print(out)
        else:
            last = out.strip().splitlines()[-1] if out.strip() else "(no output)"
            print(f"{name:9s} ({len(parts[name]):2d} files)  {last}")


if __name__ == "__main__":
    main()
