"""Configuration precedence, help texts, table alignment, streaming exports."""
import csv
import json
import os
import sqlite3
import subprocess
import sys

import pytest

from conftest import run_subprocess
from replycli import config


def test_index_precedence_option_env_config_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REPLYCLI_INDEX", raising=False)
    monkeypatch.delenv("REPLYCLI_CONFIG", raising=False)
    assert str(config.index_dir()) == ".replycli"
    (tmp_path / "replycli.toml").write_text('index = "from-config"\nworkers = 3\n', encoding="utf-8")
    assert str(config.index_dir()) == "from-config" and config.workers() == 3
    monkeypatch.setenv("REPLYCLI_INDEX", "from-env")
    monkeypatch.setenv("REPLYCLI_WORKERS", "1")
    assert str(config.index_dir()) == "from-env" and config.workers() == 1
    assert str(config.index_dir("from-option")) == "from-option" and config.workers(2) == 2
    explicit = tmp_path / "other.toml"
    explicit.write_text('dictionary = "dict.txt"\n', encoding="utf-8")
    monkeypatch.setenv("REPLYCLI_CONFIG", str(explicit))
    assert str(config.dictionary_path()) == "dict.txt"


def test_bad_config_file_is_a_clear_error(tmp_path, cli):
    bad = tmp_path / "bad.toml"
    bad.write_text("index = [unclosed", encoding="utf-8")
    r = cli("stats", index=False, env={"REPLYCLI_CONFIG": str(bad), "REPLYCLI_INDEX": ""})
    assert r.rc == 2 and "bad.toml" in r.stderr


COMMANDS = ["ingest", "search", "show", "stats", "companies", "company", "programs", "program", "funding",
            "errors", "relink", "export documents", "export amounts", "export companies", "export programs",
            "export search"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(cli, command):
    r = cli(*command.split(), "--help", index=False)
    assert r.rc == 0 and "Example: replycli " + command.split()[0] in " ".join(r.stdout.split())


def test_top_level_help_lists_commands_and_completion(cli):
    r = cli("--help", index=False)
    assert r.rc == 0 and "--install-completion" in r.stdout
    for c in ("ingest", "search", "funding", "export"):
        assert c in r.stdout


def test_chinese_stays_aligned_in_tables(examples_index):
    from rich.cells import cell_len

    r = run_subprocess("companies", "--index", examples_index, env={"COLUMNS": "120"})
    lines = [l for l in r.stdout.splitlines() if l.strip() and l[0] in "┃│┏┡└"]
    assert len(lines) > 3 and len({cell_len(l) for l in lines}) == 1


def _synthetic_amounts(index, n):
    """A real index whose catalog holds ``n`` amount rows."""
    from replycli.index.store import create_or_open

    ix, cat = create_or_open(index)
    ix.close()
    amounts = [{"amount_yuan": str(i * 100), "text": f"{i} 百元", "kind": "grant", "recipient": f"企业{i}",
                "program": "专项资金", "per": "", "approx": "", "evidence": "证据", "start": i, "end": i + 3}
               for i in range(n)]
    cat.put_document({"doc_id": "d1", "path": "/tmp/x.txt", "text": "", "text_chars": 10, "amounts": amounts,
                      "companies": [], "programs": [],
                      "metadata": {"title": "t", "issuer": "青川市财政局", "date": "2024-01-02", "kind": "提案"}},
                     replace=False)
    cat.commit()
    cat.close()


def test_export_100k_rows_streams_and_round_trips(tmp_path):
    index = tmp_path / "big"
    _synthetic_amounts(index, 100_000)
    out = tmp_path / "amounts.csv"
    r = run_subprocess("export", "amounts", "--index", index, "--format", "csv", "--output", out)
    assert r.returncode == 0, r.stderr
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 100_000 and rows[-1]["amount_yuan"] == str(99_999 * 100)
    r = run_subprocess("export", "amounts", "--index", index, "--format", "jsonl")
    first = json.loads(r.stdout.split("\n", 1)[0])
    assert {k: str(v) if v is not None else "" for k, v in first.items()} == rows[0]


@pytest.fixture(scope="module")
def long_output_index(tmp_path_factory):
    """600 invented replies: every search or export below prints several
    times what a pipe holds (64 KB), so the writer is still writing when the
    reader goes."""
    from pathlib import Path

    from replycli.ingest.pipeline import ingest

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from corpus import Generator  # invented replies of the genre (bench/corpus.py)

    root = tmp_path_factory.mktemp("long")
    Generator(seed=9).write(root / "corpus", 600)
    ingest([root / "corpus"], root / "index", workers=1)
    return root / "index"


@pytest.mark.parametrize("args", [["search", "资金", "-n", "0"], ["search", "资金", "-n", "0", "--format", "jsonl"],
                                  ["export", "amounts", "--format", "csv"]])
def test_a_reader_that_stops_early_ends_the_command_quietly(long_output_index, args):
    """``replycli … | head``: when the pipe closes under a long output, no
    error message, exit 1 (as click programs do), on the fast search path and
    the typer commands alike."""
    p = subprocess.Popen([sys.executable, "-m", "replycli", *args, "--index", str(long_output_index)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout.readline()
    p.stdout.close()  # the reader is gone; most of the output is not written yet
    err = p.stderr.read().decode()
    assert p.wait(timeout=60) == 1 and err == "", err


def test_output_that_cannot_hold_chinese_is_a_one_line_error(examples_index):
    r = subprocess.run([sys.executable, "-m", "replycli", "search", "青川钢铁", "--index", str(examples_index)],
                       capture_output=True, env={**os.environ, "PYTHONIOENCODING": "latin-1"})
    err = r.stderr.decode()
    assert r.returncode == 2 and len(err.strip().splitlines()) == 1 and "PYTHONIOENCODING=utf-8" in err, err
