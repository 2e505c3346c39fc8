"""Legacy Word .doc and WPS .wps, through antiword or LibreOffice.

antiword reads .doc exactly, but only under a UTF-8 locale (under LANG=C
Chinese comes out as '?'), so it runs with LANG=C.UTF-8 and its UTF-8
mapping. LibreOffice (soffice) also reads .wps; it takes 1-2 s per file and
needs a writable HOME, so it runs with a temporary one. With neither
installed the file is reported with the package to install.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from replycli.errors import ReadError
from replycli.ingest.readers import ReadResult

TIMEOUT = 120


def _run(cmd: list[str], env) -> subprocess.CompletedProcess:
    """Run a converter in a process group of its own, killed as a whole on timeout."""
    from replycli.ingest.lifetime import run_group

    try:
        return run_group(cmd, timeout=TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        raise ReadError(f"{os.path.basename(cmd[0])} took longer than {TIMEOUT} s; stopped") from None


def _antiword(path: Path) -> str | None:
    exe = shutil.which("antiword")
    if not exe or path.suffix.lower() == ".wps":
        return None
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8")
    res = _run([exe, "-m", "UTF-8.txt", "-w", "0", str(path)], env)
    if res.returncode != 0:
        return None
    return res.stdout.decode("utf-8", "strict")


def _soffice(path: Path) -> str | None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        return None
    with tempfile.TemporaryDirectory(prefix="replycli-soffice-") as tmp:
        env = dict(os.environ, HOME=tmp)
        res = _run([exe, "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", tmp,
                    str(path)], env)
        out = Path(tmp) / (path.stem + ".txt")
        if res.returncode != 0 or not out.exists():
            raise ReadError(f"LibreOffice could not convert it: {res.stderr.decode('utf-8', 'replace').strip()[:160]}")
        return out.read_text(encoding="utf-8-sig")


def read_doc(path: Path, data: bytes) -> ReadResult:
    if not shutil.which("antiword") and not (shutil.which("soffice") or shutil.which("libreoffice")):
        raise ReadError(f"cannot read {path.suffix or '.doc'} files here: install antiword "
                        "(apt-get install antiword) or LibreOffice (apt-get install libreoffice-writer)")
    text = _antiword(path)
    reader = "antiword"
    if not text or not text.strip():
        text = _soffice(path)
        reader = "soffice"
    if not text or not text.strip():
        raise ReadError("no text in the document (or the converter could not read it)")
    return ReadResult(text, None, reader)
