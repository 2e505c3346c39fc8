"""The search command: its body, and a parser for its common lines that
needs neither typer nor click.

A cold ``replycli search`` should cost little more than the search itself
(ripgrep's manners). Importing typer and click and building the command tree
takes ~60 ms, a third of a cold top-10 search, so ``replycli.cli.app.main``
first offers the line to ``parse_line``. It accepts only lines it can read
exactly as click would (the search command, its options in the ``--opt
value``/``--opt=value``/``-o value`` forms, the global flags, one query) and
returns None for anything else (help, a typo, a missing value, a repeated
option...), which then goes through typer as before, with typer's messages.
Both paths call ``run`` below; tests/test_search_fastpath.py runs the same
lines through both and compares the output.
"""
from __future__ import annotations

import sys

# Option name → parameter, for the search command (keep in step with the
# typer command in replycli.cli.commands; a test compares the two).
OPTIONS = {
    "--index": "index", "-i": "index",
    "--limit": "limit", "-n": "limit",
    "--format": "fmt", "-f": "fmt",
    "--output": "output", "-o": "output",
    "--encoding": "encoding",
    "--sort": "sort",
    "--issuer": "issuer",
    "--year": "year",
    "--kind": "kind",
    "--result": "result",
    "--proposer": "proposer",
}
FLAGS = {"-q": "quiet", "--quiet": "quiet", "--debug": "debug", "--raw": "raw"}


def parse_line(argv: list[str]) -> dict | None:
    """``argv`` as keyword arguments of ``run`` (plus ``raw``), or None when
    the line is not one this parser reads exactly as click would."""
    end = argv.index("--") if "--" in argv else len(argv)
    head, tail = argv[:end], argv[end + 1:]
    flags = {FLAGS[a] for a in head if a in FLAGS}
    head = [a for a in head if a not in FLAGS]
    if not head or head[0] != "search":
        return None
    params: dict = {}
    positional: list[str] = []
    i = 1
    while i < len(head):
        token = head[i]
        if token.startswith("-") and token != "-":
            name, eq, value = token.partition("=")
            if name not in OPTIONS or (eq and not name.startswith("--")):
                return None  # --help, an unknown option, -n5: typer says what is wrong
            if not eq:
                if i + 1 >= len(head):
                    return None  # a missing value
                value = head[i + 1]
                i += 1
            key = OPTIONS[name]
            if key in params:
                return None  # repeated: typer's rules decide
            # click takes the next token as the value even when it starts with -
            params[key] = value
        else:
            positional.append(token)
        i += 1
    positional += tail
    if len(positional) != 1:
        return None
    if "limit" in params:
        if not params["limit"].isdigit() or not params["limit"].isascii():
            return None
        params["limit"] = int(params["limit"])
    params["query"] = positional[0]
    params["raw"] = "raw" in flags
    return params


def run(query: str, *, index=None, limit: int = 10, fmt: str | None = None, output: str | None = None,
        encoding: str | None = None, sort: str = "relevance", issuer=None, year=None, kind=None,
        result=None, proposer=None, raw: bool = False) -> int:
    """The search command: print the hits; return how many were printed."""
    from replycli import config
    from replycli.cli.options import KINDS, RESULTS, choice, usage, year as check_year
    from replycli.cli.output import FORMATS, emit
    from replycli.index.searching import filters_from, search

    if sort not in ("relevance", "date", "-date"):
        raise usage(f"--sort must be relevance, date or -date, not {sort!r}")
    if fmt not in (None, "list", *FORMATS):
        raise usage(f"unknown format {fmt!r}; use one of list, {', '.join(FORMATS)}")
    if limit < 0:
        raise usage(f"--limit must be 0 (all hits) or more, not {limit}")
    choice(kind, "--kind", KINDS)
    choice(result.upper() if result else None, "--result", RESULTS)
    filters = filters_from(issuer=issuer, year=check_year(year), kind=kind, result=result, proposer=proposer)
    index_dir = config.index_dir(index)
    if fmt == "list" or (fmt is None and not output):
        hits = (h.as_dict() for h in search(index_dir, query, limit=limit, sort=sort, filters=filters))
        from replycli.cli.output import open_output, use_color, write_hits_plain

        if not output:
            if use_color():  # a terminal: rich, in colour, folded at its width
                from replycli.cli.render import render_hits

                return render_hits(hits)
            return write_hits_plain(hits, sys.stdout)  # what rich prints piped, without loading it
        with open_output(output, encoding, "list") as out:  # plain text, one line per snippet
            return write_hits_plain(hits, out)
    hits = (h.as_dict() for h in search(index_dir, query, limit=limit, sort=sort, filters=filters,
                                        snippet_count=0 if fmt == "paths" else 2))
    columns = ["rank", "path", "doc_id", "title", "issuer", "date", "score", "snippets"]
    return emit(hits, columns, fmt or "table", output=output, encoding=encoding, title=f"search: {query}",
                table_columns=["rank", "title", "issuer", "date", "path", "snippets"], raw=raw)


def main_fast(argv: list[str]) -> int | None:
    """Run a search line without typer; None when the line needs the full parser."""
    params = parse_line(argv)
    if params is None:
        return None
    n = run(**params)
    sys.stdout.flush()
    return 0 if n else 1  # 1: nothing found (ripgrep's manners)
