"""The typer-free search line (replycli.cli.search) against typer's: the
same output, exit code and messages for every line, and the lines it
declines go to typer."""
from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from replycli.cli.search import OPTIONS, parse_line


def _run(argv, fast):
    from replycli.cli.app import main

    runner = CliRunner()
    with runner.isolation() as streams:
        rc = main(list(argv), fast=fast)
        sys.stdout.flush()
        sys.stderr.flush()
    return rc, streams[0].getvalue().decode("utf-8"), streams[1].getvalue().decode("utf-8")


# Lines the fast parser reads itself.
TAKEN = [
    ["search", "资金"],
    ["search", "资金", "--format", "jsonl"],
    ["search", "资金", "--format", "json", "--limit", "0"],
    ["search", "资金", "-f", "csv", "-n", "3"],
    ["search", "资金", "--format=tsv", "--limit=2"],
    ["search", "资金", "--format", "paths", "--limit", "0"],
    ["search", "资金", "--format", "table"],
    ["search", "资金", "--format", "list", "--sort", "-date"],
    ["-q", "search", "资金", "--format", "jsonl", "--raw"],
    ["search", "--format", "jsonl", "资金"],
    ["search", "资金 钢铁", "--format", "jsonl", "--year", "2020..2030"],
    ["search", "资金", "--format", "jsonl", "--kind", "建议"],
    ["search", "资金", "--format", "jsonl", "--result", "a"],
    ["search", "资金", "--format", "jsonl", "--issuer", "工信"],
    ["search", "资金", "--format", "jsonl", "--proposer", "王"],
    ["search", "--format", "jsonl", "--", "-资金"],
    ["search", "没有这个词组合", "--format", "jsonl"],           # nothing found: exit 1
    ["search", "资金", "--format", "bogus"],                      # our own one-line errors
    ["search", "资金", "--sort", "sideways"],
    ["search", "资金", "--kind", "议案"],
    ["search", "资金", "--year", "2023..2021"],
    ["search", "", "--format", "jsonl"],
    ["search", "date:2023-13-45", "--format", "jsonl"],
]
# Lines it leaves to typer (help, typos, missing or odd values).
DECLINED = [
    ["search", "--help"],
    ["search", "资金", "-h"],
    ["search"],
    ["search", "资金", "钢铁"],
    ["search", "资金", "--limit"],
    ["search", "资金", "--limit", "-5"],
    ["search", "资金", "--limit", "x"],
    ["search", "资金", "-n5"],
    ["search", "资金", "--bogus", "1"],
    ["search", "-补"],
    ["search", "资金", "--format", "jsonl", "--format", "csv"],
    ["--version"],
    ["stats"],
]


def _with_index(argv, index):
    at = argv.index("search") + 1 if "search" in argv else len(argv)
    return argv[:at] + ["--index", str(index)] + argv[at:] if "search" in argv else argv


@pytest.mark.parametrize("argv", TAKEN, ids=" ".join)
def test_fast_line_is_read_and_prints_what_typer_prints(ecli, argv):
    line = _with_index(argv, ecli.index)
    assert parse_line(line) is not None
    assert _run(line, fast=True) == _run(line, fast=False)


@pytest.mark.parametrize("argv", DECLINED, ids=" ".join)
def test_other_lines_go_to_typer(ecli, argv):
    line = _with_index(argv, ecli.index)
    assert parse_line(line) is None
    assert _run(line, fast=True) == _run(line, fast=False)


def test_fast_parser_knows_every_option_of_the_typer_command():
    from replycli.cli.commands import app
    import typer.main

    command = typer.main.get_command(app).commands["search"]
    typer_opts = {opt for p in command.params if p.param_type_name == "option" for opt in p.opts}
    assert typer_opts - {"--help", "-h"} == set(OPTIONS)


def test_a_search_line_imports_neither_typer_nor_click(ecli):
    code = ("import sys\nfrom replycli.cli.app import main\n"
            "rc = main(['search', '资金', '--format', 'jsonl', '--index', sys.argv[1]])\n"
            "print('RC', rc, sorted(m for m in ('typer', 'click', 'rich') if m in sys.modules))\n")
    r = subprocess.run([sys.executable, "-c", code, str(ecli.index)], capture_output=True, text=True)
    assert r.stdout.strip().splitlines()[-1] == "RC 0 []", r.stdout[-500:] + r.stderr[-500:]
