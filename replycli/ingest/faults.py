"""Test-only fault injection, for crash and hang tests at exact points.

``REPLYCLI_FAULT=point[:arg]`` (unset in normal use: then ``fault`` is one
dictionary lookup). Points:

* ``kill-after-whoosh-commit:N``: SIGKILL the ingest right after its N-th
  Whoosh commit, before the catalog commit that goes with it.
* ``kill-before-whoosh-commit:N``: SIGKILL it right before the N-th commit.
* ``kill-after-catalog-commit:N``: SIGKILL it right after the N-th catalog commit.
* ``hang-reading:NAME``: the process reading a file named NAME hangs (a long
  file), after creating the file ``$REPLYCLI_FAULT_MARK`` if that is set.
* ``die-reading:NAME``: the process reading a file named NAME is killed (as
  the kernel's OOM killer, or a crash in a C library, would do).
* ``die-sending:NAME``: a worker dies halfway through sending the result of
  the file named NAME.
"""
from __future__ import annotations

import os
import signal

_counts: dict[str, int] = {}


def fault(point: str, name: str | None = None) -> None:
    spec = os.environ.get("REPLYCLI_FAULT")
    if not spec:
        return
    want, _, arg = spec.partition(":")
    if want != point:
        return
    if point == "die-reading":
        if name is not None and os.path.basename(name) == arg:
            os.kill(os.getpid(), signal.SIGKILL)
        return
    if point == "hang-reading":
        if name is not None and os.path.basename(name) == arg:
            import time

            mark = os.environ.get("REPLYCLI_FAULT_MARK")
            if mark:
                with open(mark, "w") as f:
                    f.write(str(os.getpid()))

            while True:
                time.sleep(3600)
        return
    _counts[point] = _counts.get(point, 0) + 1
    if _counts[point] == int(arg or 1):
        os.kill(os.getpid(), signal.SIGKILL)


def matches(point: str, name: str) -> bool:
    """Is the fault ``point`` asked for the file ``name``?"""
    spec = os.environ.get("REPLYCLI_FAULT")
    if not spec:
        return False
    want, _, arg = spec.partition(":")
    return want == point and os.path.basename(name) == arg
