"""Stage 1: find the files to ingest under the given paths."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from replycli.ingest.readers import EXTENSIONS


def display(path: str) -> str:
    """A path printable in any terminal, even if its name is not UTF-8."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


@dataclass
class Discovery:
    files: list[tuple[str, str]] = field(default_factory=list)  # (path, root)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    roots: list[str] = field(default_factory=list)


def discover(paths, skip: Path | None = None) -> Discovery:
    """Walk each path (files are taken as given, folders recursively).

    Symlinked folders are followed once; a link back into a folder already
    walked is reported as a loop instead of being walked forever.
    """
    out = Discovery()
    skip_real = os.path.realpath(skip) if skip else None
    for given in paths:
        root = os.path.abspath(os.fspath(given))
        out.roots.append(root)
        if not os.path.lexists(root):
            out.errors.append((root, "no such file or folder"))
            continue
        if os.path.isfile(root):
            out.files.append((root, root))
            continue
        if not os.path.isdir(root):
            out.errors.append((root, _not_regular(root)))
            continue
        seen: set[tuple[int, int]] = set()
        _walk(root, root, seen, skip_real, out)
    return out


def _walk(folder: str, root: str, seen, skip_real, out: Discovery) -> None:
    try:
        st = os.stat(folder)
    except OSError as e:
        out.errors.append((folder, _reason(e)))
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:
        out.errors.append((folder, "symlink loop: this folder was already walked"))
        return
    seen.add(key)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        out.errors.append((folder, _reason(e)))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # hidden folders, including a .replycli index
        path = entry.path
        try:
            is_dir = entry.is_dir(follow_symlinks=True)
        except OSError as e:
            out.errors.append((path, _reason(e)))
            continue
        if is_dir:
            if skip_real and os.path.realpath(path) == skip_real:
                continue
            _walk(path, root, seen, skip_real, out)
            continue
        if os.path.splitext(entry.name)[1].lower() not in EXTENSIONS:
            continue
        if entry.is_symlink() and not os.path.exists(path):
            try:
                os.stat(path)
                reason = "broken symlink"
            except OSError as e:
                reason = _reason(e)
            out.errors.append((path, reason))
            continue
        try:
            regular = entry.is_file(follow_symlinks=True)
        except OSError as e:
            out.errors.append((path, _reason(e)))
            continue
        if not regular:  # a FIFO would block the reader forever, a device never end
            out.errors.append((path, _not_regular(path)))
            continue
        out.files.append((path, root))


def _not_regular(path: str) -> str:
    from replycli.ingest.process import kind_of

    try:
        kind = kind_of(os.stat(path).st_mode)
    except OSError as e:
        return _reason(e)
    return f"not a regular file ({kind}); skipped"


def _reason(e: OSError) -> str:
    import errno

    if e.errno == errno.ELOOP:
        return "symlink loop"
    if e.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if e.errno == errno.ENOENT:
        return "file vanished while reading"
    return e.strerror or str(e)
