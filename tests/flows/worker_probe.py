"""A tiny flow for the scale-out test: records which worker process ran it."""

from __future__ import annotations

import os
import time
from pathlib import Path

from prefect import flow


@flow(name="worker-probe")
def worker_probe(out_dir: str, seconds: float = 2.0) -> int:
    time.sleep(seconds)
    marker = Path(out_dir) / f"{os.getpid()}.ran"
    marker.write_text(str(os.getppid()), encoding="utf-8")
    return os.getppid()
