"""Option values shared by the commands: the allowed choices and their checks
(typer-free, so the fast search line can use them too)."""
from __future__ import annotations

KINDS = ("提案", "建议", "other")
RESULTS = ("A", "B", "C", "D")
AMOUNT_KINDS = ("grant", "tax", "loan", "investment", "other")


def check_format(fmt: str) -> str:
    from replycli.cli.output import FORMATS

    if fmt not in FORMATS:
        raise usage(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return fmt


def choice(value, option: str, choices):
    if value is not None and value not in choices:
        raise usage(f"{option} must be {', '.join(choices[:-1])} or {choices[-1]}, not {value!r}")
    return value


def year(value):
    """``2023``, ``2021..2023``, ``2021..`` or ``..2023``."""
    if value is None:
        return None
    import re

    if not re.fullmatch(r"\s*(\d{4})?\s*(\.\.\s*(\d{4})?)?\s*", value) or not re.search(r"\d", value):
        raise usage(f"--year: expected a year or a range such as 2023 or 2021..2023, not {value!r}")
    lo, sep, hi = value.replace(" ", "").partition("..")
    if lo and hi and int(lo) > int(hi):
        raise usage(f"--year {value}: the range is empty ({lo} is after {hi})")
    return value.replace(" ", "")


def usage(message: str):
    from replycli.errors import ReplycliError

    return ReplycliError(message)
