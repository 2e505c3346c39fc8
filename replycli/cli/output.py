"""One output switch for every command: table, csv, tsv, jsonl, json.

Rows stream: csv/tsv/jsonl write each row as it comes, json writes the array
incrementally, so exporting 100,000 rows holds one row in memory. ``--output
FILE`` writes through a temporary file renamed into place, so a crash never
leaves half a file. CSV to a file defaults to UTF-8 with a BOM (Excel);
CSV to stdout is plain UTF-8.
"""
from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from collections.abc import Iterable

FORMATS = ("table", "csv", "tsv", "jsonl", "json", "paths")
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP).
_FORMULA_START = frozenset("=+-@\t\r")


def neutralise(cell: str) -> str:
    """A CSV/TSV cell that a spreadsheet would run as a formula, made text
    with a leading apostrophe (OWASP's advice)."""
    return "'" + cell if cell[:1] in _FORMULA_START else cell


def _safe_cell(v) -> str:
    """``_cell``, neutralised; numbers stay numbers (-5 is not a formula)."""
    s = _cell(v)
    return "'" + s if s[:1] in _FORMULA_START and isinstance(v, (str, list, tuple)) else s


def use_color() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def console(stderr: bool = False):
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    color = stream.isatty() and not os.environ.get("NO_COLOR")
    return Console(file=stream, no_color=not color, highlight=False,
                   force_terminal=None if color else False, soft_wrap=not color)


def _check_encoding(encoding: str | None) -> None:
    if encoding is None:
        return
    import codecs

    try:
        codecs.lookup(encoding)
    except LookupError:
        from replycli.errors import ReplycliError

        raise ReplycliError(f"--encoding: unknown encoding {encoding!r}; use utf-8, utf-8-sig or gb18030") from None


def _unencodable(e: UnicodeEncodeError, n: int):
    from replycli.errors import ReplycliError

    return ReplycliError(f"--encoding {e.encoding}: cannot write {e.object[e.start:e.end]!r} (row {n + 1}); "
                         "use utf-8, utf-8-sig or gb18030")


@contextmanager
def open_output(path: str | None, encoding: str | None, fmt: str):
    """Yield a text stream: stdout, or a temp file renamed onto ``path``."""
    _check_encoding(encoding)
    if not path or path == "-":
        enc = encoding or "utf-8"
        if enc.lower().replace("_", "-") == (sys.stdout.encoding or "").lower() or encoding is None:
            yield sys.stdout
        else:
            stream = open(sys.stdout.fileno(), "w", encoding=enc, newline="", closefd=False)
            try:
                yield stream
            finally:
                stream.flush()
        return
    import tempfile

    from replycli.errors import ReplycliError

    enc = encoding or ("utf-8-sig" if fmt == "csv" else "utf-8")
    target = os.path.abspath(path)
    folder = os.path.dirname(target)
    if os.path.isdir(target):
        raise ReplycliError(f"--output {path}: is a folder; give a file name")
    if not os.path.isdir(folder):
        raise ReplycliError(f"--output {path}: the folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".replycli-", dir=folder)
    except OSError as e:
        raise ReplycliError(f"--output {path}: cannot write in {folder} ({e.strerror or e})") from None
    try:
        # mkstemp makes the file 0600; the result gets what the umask allows.
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding=enc, newline="") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def display_path(path):
    """Paths under the current directory are shown relative to it (as ripgrep
    does), others absolute. The library and the catalog keep absolute paths."""
    if not isinstance(path, str) or not os.path.isabs(path):
        return path
    # relpath per folder, not per file: thousands of hits share a few folders.
    folder, sep, name = path.rpartition(os.sep)
    rel = _relpath(folder or sep) if name not in ("", ".", "..") else None
    if rel is None or (rel.startswith("..") and name == os.path.basename(os.getcwd())):
        rel = _relpath(path)  # the path may be the current folder itself
    elif rel.startswith(".."):
        return path  # outside the current folder
    else:
        rel = name if rel == "." else rel + sep + name
    return path if rel is None or rel.startswith("..") else rel


_RELPATHS: dict[tuple[str, str], str | None] = {}


def _relpath(path: str) -> str | None:
    """``os.path.relpath(path)``, remembered; None where there is none."""
    key = (os.getcwd(), path)
    if key not in _RELPATHS:
        try:
            _RELPATHS[key] = os.path.relpath(path)
        except ValueError:
            _RELPATHS[key] = None
    return _RELPATHS[key]


def _display(row: dict) -> dict:
    if "path" in row:
        row = {**row, "path": display_path(row["path"])}
    if isinstance(row.get("paths"), list):
        row["paths"] = [display_path(p) for p in row["paths"]]
    return row


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, tuple)):
        return "; ".join(_cell(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def emit(rows: Iterable[dict], columns: list[str], fmt: str, *, output: str | None = None,
         encoding: str | None = None, title: str | None = None, table_columns: list[str] | None = None,
         footer: str | None = None, raw: bool | None = None) -> int:
    """Write rows in ``fmt``; return how many were written. CSV and TSV cells
    that a spreadsheet would run as formulas get a leading apostrophe unless
    ``raw`` (default: ``--raw``); JSON and JSONL are always exact."""
    if raw is None:
        from replycli.cli.settings import current

        raw = current().raw
    if fmt not in FORMATS:
        from replycli.errors import ReplycliError

        raise ReplycliError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "paths" and "path" not in columns:
        from replycli.errors import ReplycliError

        raise ReplycliError("--format paths needs rows with a path; use table, csv, tsv, jsonl or json")
    rows = (_display(r) for r in rows)
    if fmt == "table":
        if output:
            # A table into a file is for reading later: write it as plain text.
            return emit(rows, columns, "tsv", output=output, encoding=encoding, raw=raw)
        return _table(rows, table_columns or columns, title, footer)
    n = 0
    try:
        with open_output(output, encoding, fmt) as out:
            n = _write(out, rows, columns, fmt, raw)
    except _Unencodable as e:
        raise _unencodable(e.error, e.row) from None
    return n


class _Unencodable(Exception):
    def __init__(self, error: UnicodeEncodeError, row: int):
        self.error, self.row = error, row


def _write(out, rows, columns, fmt, raw) -> int:
    n = 0
    try:
        if fmt in ("csv", "tsv"):
            import csv

            w = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
            w.writerow(columns)
            cell = _cell if raw else _safe_cell
            for row in rows:
                w.writerow([cell(row.get(c)) for c in columns])
                n += 1
        elif fmt == "paths":
            # One path a line and nothing else, each once (like ``rg -l``).
            seen = set()
            for row in rows:
                path = row.get("path")
                if path and path not in seen:
                    seen.add(path)
                    out.write(f"{path}\n")
                n += 1
        elif fmt == "jsonl":
            encode = json.JSONEncoder(ensure_ascii=False).encode  # what json.dumps builds per call
            for row in rows:
                out.write(encode({c: row.get(c) for c in columns}) + "\n")
                n += 1
        else:
            out.write("[")
            for row in rows:
                out.write(("," if n else "") + "\n  " + json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False))
                n += 1
            out.write("\n]\n" if n else "]\n")
        out.flush()
    except UnicodeEncodeError as e:
        raise _Unencodable(e, n) from None
    return n


def emit_object(obj, fmt: str, *, output: str | None = None, encoding: str | None = None) -> None:
    """A single record (``show``, ``stats``) as JSON."""
    if isinstance(obj, dict):
        obj = _display(obj)
        for key in ("mentions", "amounts"):
            if isinstance(obj.get(key), list):
                obj[key] = [_display(x) if isinstance(x, dict) else x for x in obj[key]]
    with open_output(output, encoding, "json") as out:
        if fmt == "jsonl":
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        else:
            out.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def emit_record(obj: dict, fmt: str, rows, *, output: str | None = None, encoding: str | None = None) -> int:
    """A single record (``show``, ``stats``) in any non-table format: JSON as
    one object; CSV/TSV as the flat ``rows`` (a list of dicts) it reads as in
    a spreadsheet; paths as the record's path(s)."""
    if fmt in ("json", "jsonl"):
        emit_object(obj, fmt, output=output, encoding=encoding)
        return 1
    if fmt == "paths":
        paths = obj.get("paths") or ([obj["path"]] if obj.get("path") else [])
        return emit([{"path": p} for p in paths], ["path"], fmt, output=output, encoding=encoding)
    columns = list(rows[0]) if rows else []
    return emit(rows, columns, fmt, output=output, encoding=encoding)


# What rich's Text drops from any text it is given (rich.control.STRIP_CONTROL_CODES:
# bell, backspace, vertical tab, form feed, carriage return).
_RICH_STRIPS = dict.fromkeys((7, 8, 11, 12, 13))


def _plain_line(line: str) -> str:
    """One line as rich prints it without a terminal: those control codes
    dropped, and tabs expanded as ``rich.text.Text.expand_tabs`` does (to
    the next multiple of 8 terminal cells, a wide character counting two)."""
    line = line.translate(_RICH_STRIPS)
    if "\t" not in line:
        return line
    from rich.cells import cell_len

    out = []
    for row in line.split("\n"):
        cells, parts = 0, row.split("\t")
        for k, part in enumerate(parts):
            if k < len(parts) - 1:  # the tab after it: a space, then up to the tab stop
                part += " "
                cells += cell_len(part)
                pad = -cells % 8
                part += " " * pad
                cells += pad
            out.append(part)
        out.append("\n")
    return "".join(out[:-1])


def write_hits_plain(hits, out) -> int:
    """Search hits as ``render.render_hits`` prints them without a terminal
    (piped, in a file, NO_COLOR), character for character, without loading
    rich (a fifth of a search's start-up): rank, title and date; issuer and
    path; each snippet on a line of its own, its match between «». Returns
    how many hits were written."""
    n = 0
    write = out.write
    for h in hits:
        if n:
            write("\n")
        n += 1
        rank = f"{h.get('rank') or n}."
        head = h["title"] if h.get("title") else "(no title)"
        if h.get("date"):
            head += "  " + h["date"]
        where = (h["issuer"] + "  " if h.get("issuer") else "") + str(display_path(h["path"]))
        lines = [f"{rank:<3}" + head, "   " + where]
        lines += ["   " + sn for sn in h.get("snippets") or []]
        write("".join(_plain_line(line) + "\n" for line in lines))
    return n


def highlight_markup(s: str) -> str:
    """«match» -> rich markup, with the rest escaped."""
    from rich.markup import escape

    from replycli.index.highlight import CLOSE, OPEN

    out = []
    for i, part in enumerate(s.replace(CLOSE, OPEN).split(OPEN)):
        out.append(f"[bold reverse]{escape(part)}[/]" if i % 2 else escape(part))
    return "".join(out)


def _table(rows, columns, title, footer) -> int:
    from rich.table import Table

    con = console()
    table = Table(title=title, show_lines=False, header_style="bold", expand=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    n = 0
    for row in rows:
        cells = []
        for c in columns:
            v = row.get(c)
            if c == "snippets":
                cells.append("\n".join(highlight_markup(s) for s in (v or [])))
            else:
                from rich.markup import escape

                cells.append(escape(_cell(v)))
        table.add_row(*cells)
        n += 1
    if n:
        con.print(table)
    if footer:
        con.print(footer)
    return n
