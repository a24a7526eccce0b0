"""Crash safety of `kjwatch run` (issue 16): kills survived, where they landed, repeats on the channel.

    PYTHONPATH=. .venv/bin/python bench/crash.py [--kills 8] [--seed 16]

The series of tests/flows/test_crash_safety.py, with its figures printed: per kill the moment
chosen (seeded), the last line the run printed before SIGKILL, the exit code of the next run, what
of the warehouse was lost (documents, indicators, alerts, sent rows: all 0 when safe), the messages
the webhook received twice after it, and the seconds the round took. Everything is on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from flows.demo.server import SITES_DIR, DemoSites  # noqa: E402
from tests.flows.crash_rig import CountingHook, crash_series, plan  # noqa: E402


def _prefect_env(work: Path) -> None:
    """Prefect ephemeral in a home of its own, quiet, as in the tests."""
    os.environ.setdefault("PREFECT_HOME", str(work / "prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.pop("PREFECT_API_URL", None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=8)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    moments = plan(args.seed, args.kills)
    with tempfile.TemporaryDirectory(prefix="kjwatch-crash-") as tmp:
        work = Path(tmp)
        _prefect_env(work)
        shutil.copytree(SITES_DIR, work / "sites")
        started = time.monotonic()
        with DemoSites(root=work / "sites") as sites, CountingHook() as hook:
            sources = sites.write_sources(work / "sources.yaml")
            print(f"seed {args.seed}, {args.kills} kill(s): {', '.join(moments)}")
            records = []
            for n, moment in enumerate(moments, 1):
                round_start = time.monotonic()
                (record,) = crash_series(work, sources, work / "sites", hook, [moment], first_round=n)
                records.append(record)
                lost = sum(record.lost.values())
                print(f"{n:3d} {moment:9s} next run exit {record.exit_code}, lost {lost}, "
                      f"repeats {record.duplicates}, {time.monotonic() - round_start:5.1f} s | {record.last_line[:70]}")
            survived = sum(r.exit_code == 0 and not any(r.lost.values()) for r in records)
            print(f"survived {survived}/{len(records)}; messages received twice {len(hook.duplicates())} "
                  f"(alerts in them {sum(hook.duplicates())}), after kills in delivery "
                  f"{sum(r.moment == 'delivery' for r in records)}; alerts received {hook.alerts_received()}; "
                  f"{time.monotonic() - started:.0f} s")
    return 0 if survived == len(records) else 1


if __name__ == "__main__":
    raise SystemExit(main())
