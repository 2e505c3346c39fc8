"""The command line: thin wrappers over the library (ingest, index, facts).

Heavy modules (whoosh, jieba, rich tables) are imported inside the commands
that use them, so ``replycli --help`` starts fast.
"""
from __future__ import annotations

import sys
from typing import Optional

import typer
from typer.core import TyperGroup

from replycli import __version__
from replycli.cli.options import AMOUNT_KINDS, KINDS, RESULTS, check_format as _format, choice as _choice, usage as _usage, year as _year
from replycli.cli.settings import GLOBAL_FLAGS, Settings, current


class _Group(TyperGroup):
    """Global flags (-q, --debug, --raw) work anywhere on the line, as in
    ``replycli ingest folder -q``, but not after ``--`` (``replycli search -- -q``
    searches for "-q"): they are moved in front of the command name here,
    where click parses the group's own options."""

    def parse_args(self, ctx, args):
        end = args.index("--") if "--" in args else len(args)
        flags = [a for a in args[:end] if a in GLOBAL_FLAGS]
        if flags:
            args = flags + [a for a in args[:end] if a not in GLOBAL_FLAGS] + args[end:]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_Group,
    name="replycli",
    help="Search and total the facts in Chinese government reply letters (答复 to 建议 and 提案).",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
export_app = typer.Typer(help="Export documents, companies, programs, amounts or search hits for scripts.",
                         no_args_is_help=True)
app.add_typer(export_app, name="export")

IndexOpt = typer.Option(None, "--index", "-i", help="Index folder [default: $REPLYCLI_INDEX, config, ./.replycli]")
FormatOpt = typer.Option("table", "--format", "-f", help="table, csv, tsv, jsonl, json, or paths (one a line)")
ExportFormatOpt = typer.Option("jsonl", "--format", "-f", help="csv, tsv, jsonl, json, or paths (one a line)")
OutputOpt = typer.Option(None, "--output", "-o", help="Write to FILE (atomically) instead of stdout")
EncodingOpt = typer.Option(None, "--encoding", help="utf-8, utf-8-sig or gb18030 [default: utf-8; utf-8-sig for CSV files]")
YearOpt = typer.Option(None, "--year", help="A year or a range: 2023, 2021..2023")
IssuerOpt = typer.Option(None, "--issuer", help="Issuing body contains this text, e.g. 工信")


def _version(value: bool):
    if value:
        print(f"replycli {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_options(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version"),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks on errors"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bars or summaries on stderr"),
    raw: bool = typer.Option(False, "--raw", help="CSV/TSV cells exactly as they are (no apostrophe "
                             "before a leading = + - @ that a spreadsheet would run as a formula)"),
):
    ctx.obj = Settings(debug=debug, quiet=quiet, raw=raw)


def _index(index):
    from replycli import config

    return config.index_dir(index)


def _done(n: int) -> None:
    """Exit 1 when nothing was found (ripgrep's manners)."""
    if n == 0:
        raise typer.Exit(1)


def _stderr():
    from replycli.cli.output import console

    return console(stderr=True)


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files or folders (walked recursively)"),
    index: Optional[str] = IndexOpt,
    workers: Optional[int] = typer.Option(None, "--workers", "-w", help="Parallel readers [default: cores]"),
    force: bool = typer.Option(False, "--force", help="Re-read every file, changed or not"),
    prune: bool = typer.Option(True, "--prune/--no-prune", help="Remove documents whose files are gone"),
    rebuild: bool = typer.Option(False, "--rebuild", help="Delete the index and build it anew"),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", help="Skip files larger than this [default: 50 MB]"),
    fmt: str = typer.Option("table", "--format", "-f", help="Summary as table or json"),
    ocr: Optional[str] = typer.Option(None, "--ocr", help="OCR scans: auto (pages without a usable text layer, "
                                      "and page images), never, always [default: auto]"),
):
    """Read every reply file under PATHS, understand it and index it.

    Re-running picks up only new and changed files.

    Example: replycli ingest examples/ --index /tmp/idx
    """
    from replycli.ingest.pipeline import ingest as run

    show_progress = not current().quiet and sys.stderr.isatty() and not __import__("os").environ.get("NO_COLOR")
    progress_cb, progress = None, None
    if show_progress:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeRemainingColumn(), console=_stderr(), transient=True)
        task = progress.add_task("ingest", total=None)

        def progress_cb(advance, total, description):
            progress.update(task, advance=advance, total=total, description=description)

        progress.start()
    try:
        summary = run(paths, _index(index), workers=workers, force=force, prune=prune,
                      rebuild=rebuild, max_bytes=max_bytes, progress=progress_cb, ocr=ocr)
    finally:
        if progress:
            progress.stop()
    if fmt == "json":
        import json

        print(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
    elif not current().quiet:
        err = _stderr()
        for path, reason in summary.failed:
            err.print(f"failed: {path}: {reason}", markup=False, highlight=False)
        for path, reason in summary.warnings:
            err.print(f"warning: {path}: {reason}", markup=False, highlight=False)
        err.print(f"indexed {summary.indexed}, unchanged {summary.unchanged}, duplicates {summary.duplicates}, "
                  f"removed {summary.removed}, failed {len(summary.failed)} "
                  f"in {summary.seconds:.1f} s -> {summary.index}", markup=False, highlight=False)
        if summary.stale:
            err.print(f"{summary.stale} files are gone from disk but kept (--no-prune)", markup=False)
        fixed = summary.reconciled
        if fixed:
            err.print(f"reconciled the index with the catalog first (an interrupted ingest?): dropped "
                      f"{len(fixed.unknown)} unknown and {len(fixed.doubled)} doubled documents, "
                      f"read {len(fixed.doubled) + len(fixed.missing)} documents' files again",
                      markup=False, highlight=False)
        if summary.failed or summary.warnings:
            err.print(f"errors: {len(summary.failed)} files not indexed, {len(summary.warnings)} indexed "
                      "without facts; replycli errors lists them", markup=False, highlight=False)
    if summary.failed or summary.warnings:
        raise typer.Exit(2)  # an error occurred (ripgrep's convention; 1 is "nothing found")


@app.command()
def search(
    query: str = typer.Argument(..., help='Query: words, "phrases", OR, -exclusion, field:value'),
    index: Optional[str] = IndexOpt,
    limit: int = typer.Option(10, "--limit", "-n", help="How many hits; 0 for all"),
    fmt: Optional[str] = typer.Option(None, "--format", "-f",
                                      help="list (default), table, csv, tsv, jsonl, json, or paths (one a line)"),
    output: Optional[str] = OutputOpt,
    encoding: Optional[str] = EncodingOpt,
    sort: str = typer.Option("relevance", "--sort", help="relevance, date or -date"),
    issuer: Optional[str] = IssuerOpt,
    year: Optional[str] = YearOpt,
    kind: Optional[str] = typer.Option(None, "--kind", help="提案, 建议 or other"),
    result: Optional[str] = typer.Option(None, "--result", help="Result class: A, B, C or D"),
    proposer: Optional[str] = typer.Option(None, "--proposer", help="Proposer name contains this"),
):
    """Find every document containing the query, ranked, with snippets.

    Example: replycli search 青川钢铁 --year 2024 --format jsonl
    """
    from replycli.cli.search import run

    _done(run(query, index=index, limit=limit, fmt=fmt, output=output, encoding=encoding, sort=sort,
              issuer=issuer, year=year, kind=kind, result=result, proposer=proposer, raw=current().raw))


@app.command()
def show(
    doc: str = typer.Argument(..., help="Document id, path, file name or 发文字号"),
    index: Optional[str] = IndexOpt,
    fmt: str = FormatOpt,
    text: bool = typer.Option(True, "--text/--no-text", help="Include the full text"),
):
    """Show one reply: its metadata, outline, facts and text.

    Example: replycli show fushun-gxj-2023-52.txt
    """
    from replycli import facts

    d = facts.document(_index(index), doc)
    if d is None:
        _stderr().print(f"no document matches {doc!r}", markup=False)
        raise typer.Exit(1)
    if not text:
        d.pop("text", None)
    if fmt != "table":
        import json

        from replycli.cli.output import emit_record

        # CSV/TSV: one row per field; lists and facts as JSON in their cell.
        rows = [{"field": k, "value": v if isinstance(v, (str, int, float, bool)) or v is None
                 else json.dumps(v, ensure_ascii=False)} for k, v in d.items()]
        emit_record(d, _format(fmt), rows)
        return
    from replycli.cli.render import render_document

    render_document(d)


@app.command()
def stats(index: Optional[str] = IndexOpt, fmt: str = FormatOpt):
    """Count documents by issuer, year, kind and result class.

    Example: replycli stats --format json
    """
    from replycli import facts

    s = facts.stats(_index(index))
    if fmt != "table":
        from replycli.cli.output import emit_record

        # CSV/TSV: one row per count (group, value, documents).
        rows = [{"group": k, "value": "", "count": s[k]} for k in ("documents", "files", "failed", "amounts")]
        for group in ("by_issuer", "by_year", "by_kind", "by_result"):
            rows += [{"group": group, "value": r["value"], "count": r["documents"]} for r in s[group]]
        emit_record(s, _format(fmt), rows)
    else:
        from replycli.cli.render import render_stats

        render_stats(s)
    _done(s["documents"])


@app.command()
def companies(
    query: Optional[str] = typer.Argument(None, help="Only companies whose name contains this"),
    index: Optional[str] = IndexOpt, fmt: str = FormatOpt, output: Optional[str] = OutputOpt,
    encoding: Optional[str] = EncodingOpt,
):
    """The company table: canonical name, aliases, documents, totals by kind, years.

    Example: replycli companies 钢铁
    """
    from replycli import facts
    from replycli.cli.output import emit

    rows = facts.companies(_index(index), query)
    cols = ["company", "aliases", "documents", "grant", "tax", "loan", "investment", "other", "first_year", "last_year"]
    _done(emit(rows, cols, fmt, output=output, encoding=encoding, title="companies"))


@app.command()
def company(
    name: str = typer.Argument(..., help="Company name or alias"),
    index: Optional[str] = IndexOpt, fmt: str = FormatOpt,
):
    """A company's profile: every mention in context, its amounts, programs and years.

    Example: replycli company 青川钢铁
    """
    from replycli.profiles import company_profile

    p = company_profile(_index(index), name)
    if p is None:
        _stderr().print(f"no company matches {name!r}", markup=False)
        raise typer.Exit(1)
    if fmt != "table":
        from replycli.cli.output import emit_object

        emit_object(p, fmt)
        return
    from replycli.cli.render import render_profile

    render_profile(p, "company")


@app.command()
def programs(
    query: Optional[str] = typer.Argument(None, help="Only programs whose name contains this"),
    index: Optional[str] = IndexOpt, fmt: str = FormatOpt, output: Optional[str] = OutputOpt,
    encoding: Optional[str] = EncodingOpt,
):
    """The program table: name, documents, amounts and recipients under it.

    Example: replycli programs 专项资金
    """
    from replycli import facts
    from replycli.cli.output import emit

    rows = facts.programs(_index(index), query)
    cols = ["program", "documents", "mentions", "amounts", "total_yuan", "recipients"]
    _done(emit(rows, cols, fmt, output=output, encoding=encoding, title="programs"))


@app.command()
def program(
    name: str = typer.Argument(..., help="Program name (or part of it)"),
    index: Optional[str] = IndexOpt, fmt: str = FormatOpt,
):
    """A program's profile: mentions in context and who received money under it.

    Example: replycli program 揭榜挂帅
    """
    from replycli.profiles import program_profile

    p = program_profile(_index(index), name)
    if p is None:
        _stderr().print(f"no program matches {name!r}", markup=False)
        raise typer.Exit(1)
    if fmt != "table":
        from replycli.cli.output import emit_object

        emit_object(p, fmt)
        return
    from replycli.cli.render import render_profile

    render_profile(p, "program")


def _money(value: Optional[str], option: str):
    if value is None:
        return None
    from replycli.extract.numerals import parse_money

    v = parse_money(value)
    if v is None:
        raise _usage(f"{option}: expected an amount such as 100万, 2.5亿 or 300000, not {value!r}")
    return v


@app.command()
def funding(
    company: Optional[str] = typer.Option(None, "--company", help="Recipient company (name or alias)"),
    program: Optional[str] = typer.Option(None, "--program", help="Program name contains this"),
    kind: Optional[str] = typer.Option(None, "--kind", help="grant, tax, loan, investment or other"),
    min_: Optional[str] = typer.Option(None, "--min", help="At least this much: 100万, 2.5亿, 300000"),
    max_: Optional[str] = typer.Option(None, "--max", help="At most this much"),
    year: Optional[str] = YearOpt, issuer: Optional[str] = IssuerOpt,
    index: Optional[str] = IndexOpt, fmt: str = FormatOpt, output: Optional[str] = OutputOpt,
    encoding: Optional[str] = EncodingOpt,
):
    """List money amounts with recipient, program, document and date, and the total.

    Example: replycli funding --company 青川钢铁 --kind grant --min 100万
    """
    from replycli import facts
    from replycli.cli.output import emit

    _choice(kind, "--kind", AMOUNT_KINDS)
    args = dict(company=company, program=program, kind=kind, min_yuan=_money(min_, "--min"),
                max_yuan=_money(max_, "--max"), year=_year(year), issuer=issuer)
    if fmt == "table" and not output:
        rows = list(facts.amounts(_index(index), **args))
        tot = facts.total(rows)
        cols = ["amount_yuan", "text", "kind", "recipient", "program", "date", "path"]
        n = emit(rows, cols, fmt, title="funding", footer=f"{len(rows)} amounts, total {tot:,f} 元")
    else:
        n = emit(facts.amounts(_index(index), **args), facts.AMOUNT_COLUMNS, fmt, output=output, encoding=encoding)
    _done(n)


@app.command()
def errors(index: Optional[str] = IndexOpt, fmt: str = FormatOpt):
    """List the files that failed in the last ingest, and why.

    Example: replycli errors --format csv
    """
    from replycli import facts
    from replycli.cli.output import emit

    rows = facts.errors(_index(index))
    _done(emit(rows, ["path", "reason"], fmt, title="failed files"))


@app.command()
def relink(
    index: Optional[str] = IndexOpt,
    dictionary: Optional[str] = typer.Option(None, "--dict", help="Dictionary file [default: $REPLYCLI_DICT, config]"),
):
    """Re-link company names and aliases (after editing the dictionary), without re-ingesting.

    Example: replycli relink --dict companies.txt
    """
    from pathlib import Path

    from replycli.extract.linking import relink as run
    from replycli.index.store import open_catalog

    from replycli import config

    dict_path = Path(dictionary).expanduser() if dictionary else config.dictionary_path()
    if dict_path is not None and not dict_path.is_file():
        where = "--dict" if dictionary else "the dictionary setting (REPLYCLI_DICT or config)"
        raise _usage(f"{where}: no such dictionary file: {dict_path}")
    cat = open_catalog(_index(index), write=True)
    try:
        n = run(cat, dict_path, full=True)
        cat.commit()
    finally:
        cat.close()
    if not current().quiet:
        _stderr().print(f"re-linked {n} company mentions", markup=False)


@app.command()
def check(
    index: Optional[str] = IndexOpt,
    repair: bool = typer.Option(False, "--repair", help="Drop damaged segments and doubled documents, "
                                "and index again from the files what is missing"),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", help="Parallel readers for --repair"),
    fmt: str = typer.Option("table", "--format", "-f", help="Report as table or json"),
):
    """Verify that the Whoosh index, the catalog and the files agree (exit 2 on problems).

    Example: replycli check --repair
    """
    from replycli.ingest.check import check as run

    report = run(_index(index), repair=repair, workers=workers)
    after = run(_index(index)) if repair and report.problems else report
    if fmt == "json":
        import json

        print(json.dumps({**report.as_dict(), "ok": not after.problems,
                          "remaining": after.problems if after is not report else []},
                         ensure_ascii=False, indent=2))
    else:
        lines = [f"problem: {p}" for p in report.problems] + [f"repaired: {r}" for r in report.repaired]
        if after is not report:
            lines += [f"still: {p}" for p in after.problems]
        lines += [f"note: {n}" for n in report.notes]
        if not after.problems:
            lines.append(f"ok: {after.documents} documents; Whoosh, the catalog and the files agree")
        elif not repair:
            lines.append(f"run: replycli check --repair --index {report.index}")
        if after.problems or not current().quiet:  # --quiet: silent when all is well
            for line in lines:
                print(line)
    if after.problems:
        raise typer.Exit(2)


# -- export ------------------------------------------------------------------

@export_app.command("documents")
def export_documents(
    index: Optional[str] = IndexOpt, fmt: str = ExportFormatOpt, output: Optional[str] = OutputOpt,
    encoding: Optional[str] = EncodingOpt, year: Optional[str] = YearOpt, issuer: Optional[str] = IssuerOpt,
    kind: Optional[str] = typer.Option(None, "--kind"), result: Optional[str] = typer.Option(None, "--result"),
    proposer: Optional[str] = typer.Option(None, "--proposer"),
):
    """One row per document: path, doc_id and every metadata field.

    Example: replycli export documents --format csv --output documents.csv
    """
    from replycli import facts
    from replycli.cli.output import emit

    _choice(kind, "--kind", KINDS)
    _choice(result and result.upper(), "--result", RESULTS)
    rows = facts.documents(_index(index), year=_year(year), issuer=issuer, kind=kind, result=result,
                           proposer=proposer)
    _done(emit(rows, facts.DOCUMENT_COLUMNS, fmt, output=output, encoding=encoding))


@export_app.command("amounts")
def export_amounts(
    index: Optional[str] = IndexOpt, fmt: str = ExportFormatOpt, output: Optional[str] = OutputOpt,
    encoding: Optional[str] = EncodingOpt, year: Optional[str] = YearOpt, issuer: Optional[str] = IssuerOpt,
    company: Optional[str] = typer.Option(None, "--company"), program: Optional[str] = typer.Option(None, "--program"),
    kind: Optional[str] = typer.Option(None, "--kind"),
    min_: Optional[str] = typer.Option(None, "--min"), max_: Optional[str] = typer.Option(None, "--max"),
):
    """One row per amount, with its evidence and offsets.

    Example: replycli export amounts --kind grant --format csv -o grants.csv
    """
    from replycli import facts
    from replycli.cli.output import emit

    _choice(kind, "--kind", AMOUNT_KINDS)
    rows = facts.amounts(_index(index), company=company, program=program, kind=kind,
                         min_yuan=_money(min_, "--min"), max_yuan=_money(max_, "--max"), year=_year(year),
                         issuer=issuer)
    _done(emit(rows, facts.AMOUNT_COLUMNS, fmt, output=output, encoding=encoding))


@export_app.command("companies")
def export_companies(
    query: Optional[str] = typer.Argument(None), index: Optional[str] = IndexOpt, fmt: str = ExportFormatOpt,
    output: Optional[str] = OutputOpt, encoding: Optional[str] = EncodingOpt,
    year: Optional[str] = YearOpt, issuer: Optional[str] = IssuerOpt,
):
    """One row per company per document: name as written, canonical name, aliases.

    Example: replycli export companies --format jsonl
    """
    from replycli import facts
    from replycli.cli.output import emit

    _done(emit(facts.company_rows(_index(index), query, year=_year(year), issuer=issuer), facts.COMPANY_COLUMNS, fmt,
               output=output, encoding=encoding))


@export_app.command("programs")
def export_programs(
    query: Optional[str] = typer.Argument(None), index: Optional[str] = IndexOpt, fmt: str = ExportFormatOpt,
    output: Optional[str] = OutputOpt, encoding: Optional[str] = EncodingOpt,
    year: Optional[str] = YearOpt, issuer: Optional[str] = IssuerOpt,
):
    """One row per program per document.

    Example: replycli export programs --format csv
    """
    from replycli import facts
    from replycli.cli.output import emit

    _done(emit(facts.program_rows(_index(index), query, year=_year(year), issuer=issuer), facts.PROGRAM_COLUMNS, fmt,
               output=output, encoding=encoding))


@export_app.command("search")
def export_search(
    query: str = typer.Argument(...), index: Optional[str] = IndexOpt, fmt: str = ExportFormatOpt,
    output: Optional[str] = OutputOpt, encoding: Optional[str] = EncodingOpt,
    year: Optional[str] = YearOpt, issuer: Optional[str] = IssuerOpt,
    kind: Optional[str] = typer.Option(None, "--kind"), result: Optional[str] = typer.Option(None, "--result"),
):
    """Every search hit (no limit), for scripts.

    Example: replycli export search 揭榜挂帅 --format csv
    """
    from replycli.cli.output import emit
    from replycli.index.searching import filters_from, search as run

    _choice(kind, "--kind", KINDS)
    _choice(result and result.upper(), "--result", RESULTS)
    filters = filters_from(issuer=issuer, year=_year(year), kind=kind, result=result)
    hits = (h.as_dict() for h in run(_index(index), query, limit=0, filters=filters))
    _done(emit(hits, ["rank", "path", "doc_id", "title", "issuer", "date", "score", "snippets"], fmt,
               output=output, encoding=encoding))
