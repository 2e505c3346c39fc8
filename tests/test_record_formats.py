"""Every command honours every --format it accepts (issue 12): `stats` and
`show` as CSV/TSV rows, not JSON or a table."""
from __future__ import annotations

import csv
import io
import json


def test_stats_csv_is_rows_that_agree_with_json(ecli):
    r = ecli("stats", "--format", "csv")
    assert r.rc == 0 and not r.stdout.lstrip().startswith("{"), r
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert set(rows[0]) == {"group", "value", "count"}
    as_json = json.loads(ecli("stats", "--format", "json").stdout)
    totals = {x["group"]: int(x["count"]) for x in rows if not x["value"]}
    assert totals["documents"] == as_json["documents"] and totals["amounts"] == as_json["amounts"]
    by_year = {x["value"]: int(x["count"]) for x in rows if x["group"] == "by_year"}
    assert by_year == {str(y["value"]): y["documents"] for y in as_json["by_year"]}
    tsv = ecli("stats", "--format", "tsv").stdout.splitlines()
    assert tsv[0].split("\t") == ["group", "value", "count"]


def test_show_csv_is_field_value_rows(ecli):
    r = ecli("show", "01-gxj-2024-41.txt", "--format", "csv", "--no-text")
    assert r.rc == 0, r
    rows = {x["field"]: x["value"] for x in csv.DictReader(io.StringIO(r.stdout))}
    assert rows["issuer"] == "青川市工业和信息化局"
    assert json.loads(rows["cc"]) == ["市政府办公室", "市政协提案委"]
    paths = ecli("show", "01-gxj-2024-41.txt", "--format", "paths").stdout.splitlines()
    assert len(paths) == 1 and paths[0].endswith("01-gxj-2024-41.txt")


def test_unknown_format_is_an_error(ecli):
    for cmd in (["stats"], ["show", "01-gxj-2024-41.txt"]):
        r = ecli(*cmd, "--format", "xml")
        assert r.rc == 2 and "unknown format" in r.stderr, r


def test_global_flags_live_on_the_context_not_in_module_state(ecli):
    """A flag given to one command does not leak into the next (no module state)."""
    import replycli.cli.app as app_module
    from replycli.cli.settings import Settings, current

    assert not hasattr(app_module, "STATE")
    r = ecli("--quiet", "--raw", "stats", "--format", "json")
    assert r.rc == 0 and r.stderr == ""
    assert current() == Settings()  # after the command: defaults again
    r = ecli("search", "资金", "--format", "jsonl", "-q")  # a flag after the command still counts
    assert r.rc == 0 and r.stderr == ""
