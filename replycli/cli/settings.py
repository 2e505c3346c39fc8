"""The global flags of one command line, carried on click's context object
(``ctx.obj``) instead of module state, so a library call or a test that runs
two commands never sees the flags of another."""
from __future__ import annotations

from dataclasses import dataclass

GLOBAL_FLAGS = ("-q", "--quiet", "--debug", "--raw")


@dataclass(frozen=True)
class Settings:
    debug: bool = False
    quiet: bool = False  # no progress bars or summaries on stderr
    raw: bool = False  # CSV/TSV cells exactly as they are (no formula neutralising)


def current() -> Settings:
    """The settings of the command being run (defaults outside a command)."""
    import click

    ctx = click.get_current_context(silent=True)
    found = ctx.find_object(Settings) if ctx is not None else None
    return found or Settings()
