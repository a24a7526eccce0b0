from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from warehouse.db import WarehouseLocked, WarehouseMissing, reader, writer

HOLD_LOCK = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def _hold(db: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db), str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    proc.stdout.close()
    return proc


def test_reader_waits_for_the_writer_then_reads(db_path: Path) -> None:
    with writer(db_path):
        pass
    proc = _hold(db_path, 1.0)
    messages: list[str] = []
    try:
        with reader(db_path, wait=20, on_wait=messages.append) as con:
            assert con.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    finally:
        proc.wait()
    assert messages
    assert "waiting" in messages[0]


def test_reader_gives_up_after_wait(db_path: Path) -> None:
    with writer(db_path):
        pass
    proc = _hold(db_path, 5.0)
    try:
        started = time.monotonic()
        with pytest.raises(WarehouseLocked, match=r"gave up after 0\.5 s"), reader(db_path, wait=0.5):
            pass
        assert time.monotonic() - started < 4
    finally:
        proc.kill()
        proc.wait()


def test_reader_of_missing_database_says_so(tmp_path: Path) -> None:
    with pytest.raises(WarehouseMissing, match="kjwatch run"), reader(tmp_path / "none.duckdb"):
        pass
