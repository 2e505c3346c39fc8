"""Shared fixtures: real files, a real index, real CLI runs."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


class CLI:
    """Runs replycli in-process through typer's CliRunner, with our main()'s
    error handling and exit codes."""

    def __init__(self, index: Path):
        self.index = index

    def __call__(self, *args, index: bool = True, env=None):
        from replycli.cli import app as cli_app

        argv = [str(a) for a in args]
        if index and "--index" not in argv and argv and argv[0] not in ("--help", "--version"):
            argv += ["--index", str(self.index)]
        runner = CliRunner()
        with runner.isolation(env=env) as streams:
            rc = cli_app.main(argv)
            sys.stdout.flush()
            sys.stderr.flush()
        out, err = streams[0].getvalue(), streams[1].getvalue()
        return Result(rc, out.decode("utf-8"), err.decode("utf-8"))

    def jsonl(self, *args):
        r = self(*args, "--format", "jsonl")
        return r, [json.loads(line) for line in r.stdout.splitlines() if line.strip()]


class Result:
    def __init__(self, rc, stdout, stderr):
        self.rc, self.stdout, self.stderr = rc, stdout, stderr

    def __repr__(self):
        return f"Result(rc={self.rc}, stdout={self.stdout[:300]!r}, stderr={self.stderr[:300]!r})"


@pytest.fixture
def cli(tmp_path):
    return CLI(tmp_path / "index")


@pytest.fixture(scope="session")
def examples_index(tmp_path_factory):
    """The bundled examples, ingested once for the read-only tests."""
    from replycli.ingest.pipeline import ingest

    base = tmp_path_factory.mktemp("examples")
    corpus = base / "examples"
    shutil.copytree(EXAMPLES, corpus)
    index = base / "index"
    summary = ingest([corpus], index, workers=1)
    assert summary.indexed == len(list(corpus.glob("*.txt")))
    return index


@pytest.fixture
def ecli(examples_index):
    return CLI(examples_index)


def run_subprocess(*args, env=None, **kw):
    """replycli as a real process (for exit codes, pipes, signals)."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "replycli", *map(str, args)], capture_output=True,
                          text=True, env=full_env, **kw)


def shared_corpus():
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus is not present on this machine")
    return corpus
