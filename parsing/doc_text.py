"""Legacy OLE2 Word (.doc) and Kingsoft WPS text through an external converter.

No maintained pure-Python reader handles Word 97 piece tables with CJK text, so
antiword (small, fast) is used, with LibreOffice as the fallback that also reads
WPS files antiword rejects.  Both run with a timeout in a private temp directory.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Final

from parsing.sniff import DocumentError

INSTALL_HINT: Final = (
    "legacy .doc/.wps needs antiword or libreoffice; install: apt-get install antiword"
)
_STDERR_CHARS: Final = 200


def extract_legacy_word(data: bytes, *, kind: str, max_seconds: float) -> str:
    """Try antiword, then LibreOffice; raise DocumentError naming every failure."""
    converters = [(name, path) for name in ("antiword", "soffice", "libreoffice")
                  if (path := shutil.which(name))]
    if not converters:
        raise DocumentError(INSTALL_HINT)
    failures = []
    with tempfile.TemporaryDirectory(prefix="kjwatch-doc-") as workdir:
        source = Path(workdir) / f"input.{kind}"
        source.write_bytes(data)
        for name, path in converters:
            try:
                text = _run_antiword(path, source, max_seconds) if name == "antiword" else _run_soffice(
                    path, source, max_seconds)
            except DocumentError as exc:
                failures.append(f"{name}: {exc}")
                continue
            if text.strip():
                return text
            failures.append(f"{name}: no text")
    raise DocumentError(f"cannot convert {kind} document ({'; '.join(failures)})")


def _run(command: list[str], max_seconds: float, cwd: Path) -> bytes:
    """Run in its own session so a timeout kills LibreOffice's helper processes too."""
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,  # noqa: S603
                                   cwd=cwd, start_new_session=True)
    except OSError as exc:
        raise DocumentError(f"could not start: {exc}") from exc
    with process:
        try:
            stdout, stderr = process.communicate(timeout=max_seconds)
        except subprocess.TimeoutExpired as exc:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise DocumentError(f"timed out after {max_seconds:g} s") from exc
    if process.returncode != 0:
        message = " ".join(stderr.decode("utf-8", errors="replace").split())[:_STDERR_CHARS]
        raise DocumentError(f"exit status {process.returncode}: {message}")
    return stdout


def _run_antiword(antiword: str, source: Path, max_seconds: float) -> str:
    """-w 0 keeps each paragraph on one line; the UTF-8 map keeps CJK intact."""
    stdout = _run([antiword, "-m", "UTF-8.txt", "-w", "0", str(source)], max_seconds, source.parent)
    return stdout.decode("utf-8", errors="replace")


def _run_soffice(soffice: str, source: Path, max_seconds: float) -> str:
    """A private profile directory avoids clashing with a running LibreOffice."""
    outdir = source.parent / "out"
    profile = (source.parent / "profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(outdir), str(source)]
    _run(command, max_seconds, source.parent)
    produced = outdir / f"{source.stem}.txt"
    if not produced.exists():
        raise DocumentError("produced no output file")
    return produced.read_text(encoding="utf-8-sig", errors="replace")
