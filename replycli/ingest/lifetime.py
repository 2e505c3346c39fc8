"""Processes that never outlive their parent.

Ingest workers die with the ingest (``die_with_parent``): on Linux the kernel
kills a worker the moment its parent dies (``PR_SET_PDEATHSIG``), even when
the worker is deep in a long regular expression; elsewhere (and as a second
guard) a watchdog thread notices that the parent is gone. External
converters (antiword, LibreOffice) run in a process group of their own
(``run_group``), which is killed as a whole on timeout, and they too die
with the worker that started them.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

PR_SET_PDEATHSIG = 1


def _prctl():
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _prctl()


def set_pdeathsig(sig: int = signal.SIGKILL) -> bool:
    """Ask the kernel to send ``sig`` to this process when its parent dies."""
    if _PRCTL is None:
        return False
    return _PRCTL(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0


def die_with_parent(parent: int, interval: float = 0.5) -> None:
    """Call first thing in a forked worker whose parent is ``parent``."""
    set_pdeathsig(signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before we asked
        os._exit(1)

    def watch():
        import time

        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="replycli-parent-watchdog", daemon=True).start()


def _child_setup():  # pragma: no cover - runs in the forked child
    os.setsid()
    set_pdeathsig(signal.SIGKILL)


def run_group(cmd: list[str], *, timeout: float, env=None) -> subprocess.CompletedProcess:
    """``subprocess.run(cmd, capture_output=True)`` in a new process group
    that is killed as a whole (the converter and whatever it started) on
    timeout or on any error; raises ``subprocess.TimeoutExpired``."""
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, preexec_fn=_child_setup if os.name == "posix" else None)
    try:
        out, err = proc.communicate(timeout=timeout)
    except BaseException:
        kill_group(proc)
        raise
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.communicate(timeout=5)
    except Exception:  # noqa: BLE001 - best effort
        pass
