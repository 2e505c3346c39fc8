"""Errors a user can act on. The CLI prints them as one line and exits 2."""
from __future__ import annotations


class ReplycliError(Exception):
    """An error with a message meant for the user."""

    exit_code = 2


class IndexNotFound(ReplycliError):
    pass


class IndexVersionMismatch(ReplycliError):
    pass


class IndexDamaged(ReplycliError):
    pass


class IndexBusy(ReplycliError):
    pass


class QuerySyntaxError(ReplycliError):
    pass


class ReadError(Exception):
    """A file could not be read; ``reason`` is the one-line cause."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
