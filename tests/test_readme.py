"""Every ``console`` example in README.md runs, with the exit code and the
output the README shows. ``python tests/test_readme.py --fill`` rewrites the
README's outputs from real runs (at most MAX_LINES lines each)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
MAX_LINES = 12
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def examples():
    """[(command, expected_rc, expected_lines)] in README order."""
    out = []
    for block in BLOCK.findall(README.read_text(encoding="utf-8")):
        cmd = None
        for line in block.splitlines():
            if line.startswith("$ "):
                if cmd is not None:
                    out.append(cmd)
                text = line[2:]
                m = re.search(r"\s+#\s*exit\s+(\d+)\s*$", text)
                rc = int(m.group(1)) if m else 0
                cmd = (re.sub(r"\s+#.*$", "", text), rc, [])
            elif cmd is not None:
                cmd[2].append(line)
        if cmd is not None:
            out.append(cmd)
    return out


def _norm(line: str) -> str:
    return " ".join(line.split())


class Shell:
    def __init__(self, workdir: Path):
        self.cwd = workdir
        self.env = dict(os.environ, COLUMNS="100", NO_COLOR="1")
        self.env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + self.env.get("PATH", "")
        self.env.pop("REPLYCLI_INDEX", None)

    def run(self, command: str):
        m = re.match(r"export (\w+)=(\S+)$", command)
        if m:
            self.env[m.group(1)] = m.group(2)
            return 0, ""
        res = subprocess.run(["bash", "-c", command], cwd=self.cwd, env=self.env, capture_output=True,
                             text=True, timeout=120)
        return res.returncode, res.stdout


def _workdir(tmp: Path) -> Path:
    shutil.copytree(ROOT / "examples", tmp / "examples")
    return tmp


def test_readme_examples(tmp_path):
    shell = Shell(_workdir(tmp_path))
    ran = 0
    for command, rc, expected in examples():
        got_rc, out = shell.run(command)
        assert got_rc == rc, (command, got_rc, out[-500:])
        have = {_norm(x) for x in out.splitlines()}
        for line in expected:
            if line.strip() and '"seconds":' not in line:  # timings vary
                assert _norm(line) in have, (command, line, out[:2000])
        ran += 1
    assert ran >= 10


def fill():
    import tempfile

    text = README.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        shell = Shell(_workdir(Path(tmp)))

        def block(m):
            lines = []
            for line in m.group(1).splitlines():
                if line.startswith("$ "):
                    cmd = re.sub(r"\s+#.*$", "", line[2:])
                    _, out = shell.run(cmd)
                    lines.append(line)
                    lines += out.splitlines()[:MAX_LINES]
            return "```console\n" + "\n".join(lines) + "\n```"

        text = BLOCK.sub(block, text)
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__" and "--fill" in sys.argv:
    fill()
