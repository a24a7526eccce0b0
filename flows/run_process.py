"""Which process a run lives in, and whether an earlier run's process is still there.

A run killed outright (SIGKILL, OOM, a reboot) cannot mark itself finished; the next run
looks for 'running' rows whose process is gone and marks them interrupted.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path


def this_process() -> tuple[int, str]:
    """(pid, host name) of the running process, as stored on its runs row."""
    return os.getpid(), socket.gethostname()


def _is_zombie(pid: int) -> bool:
    """A killed child its parent has not reaped yet still has a pid, but no longer runs."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


def is_gone(pid: int | None, host: str | None) -> bool:
    """True when the run's process certainly ended: no pid recorded (a run from before pids
    were kept), or this host has no such live process. A run on another host is never judged."""
    if pid is None:
        return True
    if host != socket.gethostname():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # someone else's process: alive
        return False
    return _is_zombie(pid)
