"""Run a kjwatch command with its stderr on a real pseudo-terminal, as a user at a shell has it."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import threading
from dataclasses import dataclass
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@dataclass(frozen=True)
class Finished:
    returncode: int
    stdout: str
    stderr: str          # what the terminal (or the pipe) received, escape codes removed
    raw_stderr: str      # as received


def _drain(fd: int, chunks: list[bytes]) -> None:
    """Read the terminal's output until the child side closes (EIO): a full pty would block the child."""
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            return
        if not data:
            return
        chunks.append(data)


def kjwatch_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "NO_COLOR", "TTY_COMPATIBLE",
                                                            "TTY_INTERACTIVE", "FORCE_COLOR")}
    return {**env, "TERM": "xterm-256color", "COLUMNS": "160", **extra}


def kjwatch(args: list[str], cwd: Path, env: dict[str, str], terminal: bool) -> Finished:
    """`python -m flows.cli ARGS`; with `terminal` its stderr is a pty of 160 columns."""
    command = [sys.executable, "-m", "flows.cli", *args]
    if not terminal:
        proc = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=300, check=False)
        return Finished(proc.returncode, proc.stdout, ANSI.sub("", proc.stderr), proc.stderr)
    master, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 160, 0, 0))
    chunks: list[bytes] = []
    reader = threading.Thread(target=_drain, args=(master, chunks), daemon=True)
    reader.start()
    try:
        proc = subprocess.run(command, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=child, text=True, timeout=300, check=False)
    finally:
        os.close(child)
        reader.join(30)
        os.close(master)
    raw = b"".join(chunks).decode("utf-8", "replace")
    return Finished(proc.returncode, proc.stdout, ANSI.sub("", raw), raw)
