"""The console entry point: one-line errors and exit codes 0/1/2.

The commands themselves live in ``replycli.cli.commands`` (typer). This
module imports neither typer nor click, so that a common search line
(``replycli.cli.search.parse_line``) runs without paying for them; every
other line, and any search line that parser declines, goes through typer.
"""
from __future__ import annotations

import sys


def __getattr__(name):
    # ``from replycli.cli.app import app`` keeps working (the typer app).
    if name == "app":
        from replycli.cli.commands import app

        return app
    raise AttributeError(name)


def main(argv=None, fast: bool = True) -> int:
    """Console entry point. ``fast=False`` sends every line through typer
    (the tests compare both paths)."""
    from replycli.errors import ReplycliError

    argv = list(sys.argv[1:] if argv is None else argv)
    # Tracebacks are decided here, after the context is gone: read the flag
    # the way the group does (anywhere before "--").
    debug = "--debug" in argv[: argv.index("--") if "--" in argv else len(argv)]
    try:
        rc = None
        if fast:
            from replycli.cli.search import main_fast

            rc = main_fast(argv)
        if rc is None:
            from replycli.cli.commands import app

            rc = app(args=argv, standalone_mode=False)
        return rc if isinstance(rc, int) else 0
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else 2
    except KeyboardInterrupt:
        print("replycli: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader closed the pipe (replycli search … | head): stop quietly
        # with 1, as click does for the typer commands and rich did for the
        # list; stdout goes to /dev/null so that the interpreter's last flush
        # at exit does not fail again.
        import os

        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 1
    except UnicodeEncodeError as e:
        if debug:
            raise
        print(f"replycli: the output's encoding ({e.encoding}) cannot write {e.object[e.start:e.end]!r}: "
              "set PYTHONIOENCODING=utf-8, or write a file with --output FILE --encoding gb18030",
              file=sys.stderr)
        return 2
    except ReplycliError as e:
        if debug:
            raise
        print(f"replycli: {e}", file=sys.stderr)
        return e.exit_code
    except Exception as e:  # typer.Exit, click usage errors and real bugs
        name = type(e).__name__
        if name == "Exit" and isinstance(getattr(e, "exit_code", None), int):
            return e.exit_code
        if hasattr(e, "format_message"):
            hint = ""
            opt = getattr(e, "option_name", "") or ""
            if name == "NoSuchOption" and opt.startswith("-") and not opt.lstrip("-").isascii():
                hint = f" (to search for text that starts with -, put -- before it: replycli search -- {opt}…)"
            print(f"replycli: {e.format_message()}{hint}", file=sys.stderr)
            return 2
        if debug:
            raise
        print(f"replycli: {name}: {e} (run with --debug for the traceback; "
              "replycli check verifies the index)", file=sys.stderr)
        return 2
