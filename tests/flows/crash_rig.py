"""kill -9 of a real `kjwatch run` at a seeded moment, and what survived it (issue 16 crash safety).

A moment is a marker the run prints on stderr (`crawling`; the first finished crawl, the other
still running; the last one, parsing starts), the load step's first write (its WAL appears after
the last crawl), or the first post the webhook receives: the kill lands in the handler before it
answers, so the message is in flight (received, not recorded). Shared by
tests/flows/test_crash_safety.py and bench/crash.py.
"""

from __future__ import annotations

import os
import queue
import random
import re
import signal
import subprocess
import sys
import threading
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from tests.servers import WebhookServer

REPO = Path(__file__).resolve().parents[2]
MARKERS = {"crawl": ": crawling ", "mid-crawl": "[kjwatch] [1/", "parse": "[kjwatch] [2/",
           "load": " new alert(s)"}
MOMENTS = ("crawl", "mid-crawl", "parse", "load", "delivery")
_CARRIED = re.compile(r"本次共 (\d+) 条提醒")


@dataclass
class Snapshot:
    """What the warehouse holds: ids of documents and alerts, indicator identities, sent rows."""

    documents: set[str]
    indicators: set[tuple[Any, ...]]
    alerts: set[str]
    sent: set[str]


def snapshot(db: Path) -> Snapshot:
    """Opened read-write, as a run opens it: a stale lock or a bad WAL fails here."""
    with duckdb.connect(str(db)) as con:
        def ids(sql: str) -> set[Any]:
            return {r if len(r) > 1 else r[0] for r in con.execute(sql).fetchall()}
        return Snapshot(ids("SELECT id FROM documents"),
                        ids("SELECT document_id, kind, metric, measure, value, year, rank, scope FROM indicators"),
                        ids("SELECT id FROM alerts"),
                        ids("SELECT alert_id FROM deliveries WHERE status = 'sent'"))


def lost(before: Snapshot, after: Snapshot) -> dict[str, int]:
    """How many stored things of `before` are missing from `after` (all zero when nothing was lost)."""
    return {"documents": len(before.documents - after.documents),
            "indicators": len(before.indicators - after.indicators),
            "alerts": len(before.alerts - after.alerts), "sent": len(before.sent - after.sent)}


def carried(payload: dict[str, Any]) -> int:
    """Alerts one webhook post carries: a digest says 本次共 N 条提醒, a single alert is one."""
    found = _CARRIED.search(str(payload.get("message", "")))
    return int(found.group(1)) if found else 1


class CountingHook(WebhookServer):
    """The channel: counts each distinct message it receives and can kill the run on a post."""

    def __init__(self) -> None:
        super().__init__()
        self.received: Counter[tuple[str, str]] = Counter()
        self.kill_on_post: int | None = None   # kill at this post (1 = the next one)
        self.victim: int | None = None
        self.killed = threading.Event()
        self.on_post = self._count

    def _count(self, path: str, payload: Any) -> None:
        self.received[(str(payload.get("title")), str(payload.get("message")))] += 1
        if self.kill_on_post is not None and self.victim is not None:
            self.kill_on_post -= 1
            if self.kill_on_post == 0:
                kill_group(self.victim)
                self.killed.set()

    def __enter__(self) -> CountingHook:
        super().__enter__()
        return self

    def duplicates(self) -> list[int]:
        """Alerts carried by each repeated message (one entry a repeat)."""
        return [carried({"message": m}) for (_, m), n in self.received.items() for _ in range(n - 1)]

    def alerts_received(self) -> int:
        return sum(carried({"message": m}) * n for (_, m), n in self.received.items())


def kill_group(pid: int) -> None:
    """SIGKILL the run and everything it started (crawl subprocess, parse worker, Prefect server)."""
    with suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def start_run(sources: Path, db: Path, hook: WebhookServer, cwd: Path) -> subprocess.Popen[str]:
    """`kjwatch run` as a user starts it, in its own process group, Prefect ephemeral (no server)."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PYTHONPATH"] = str(REPO)
    return subprocess.Popen([sys.executable, "-m", "flows.cli", "run", "--sources", str(sources), "--db", str(db),
                             "--notify", hook.url()], env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def complete_run(sources: Path, db: Path, hook: WebhookServer, cwd: Path) -> tuple[int, str]:
    proc = start_run(sources, db, hook, cwd)
    _, err = proc.communicate(timeout=600)  # a safety net for a hung run, not a measured time
    return proc.returncode, err


def _lines(proc: subprocess.Popen[str]) -> tuple[queue.Queue[str | None], threading.Thread]:
    """The run's stderr line by line, None once it closes (the pipe is closed then too)."""
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert proc.stderr is not None
        with proc.stderr:
            for line in proc.stderr:
                lines.put(line.rstrip("\n"))
        lines.put(None)
    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    return lines, reader


def _in_load(db: Path, lines: queue.Queue[str | None]) -> str:
    """After the last crawl: kill as soon as the load step writes (its WAL appears), or at the
    load summary line if the write was too quick to be seen."""
    wal = db.with_name(db.name + ".wal")
    while not wal.exists():
        with suppress(queue.Empty):
            line = lines.get(timeout=0.002)
            if line is None or MARKERS["load"] in line:
                return line or ""
    return "(load step writing)"


def killed_run(sources: Path, db: Path, hook: CountingHook, cwd: Path, moment: str) -> str:
    """Start a run and kill it at `moment`; returns the last line it printed (where it was)."""
    proc = start_run(sources, db, hook, cwd)
    if moment == "delivery":
        hook.victim, hook.kill_on_post, hook.killed = proc.pid, 1, threading.Event()
    (lines, reader), last = _lines(proc), ""
    marker = MARKERS["parse"] if moment == "load" else MARKERS.get(moment)
    while (line := lines.get(timeout=600)) is not None:  # a safety net for a hung run, not a measured time
        last = line or last
        if marker is not None and marker in line:
            if moment == "load":
                last = _in_load(db, lines) or last
            break
    kill_group(proc.pid)  # also a run that ended before its moment (nothing to deliver)
    proc.wait()
    reader.join()
    hook.kill_on_post = hook.victim = None
    return last


@dataclass
class CrashRecord:
    moment: str
    last_line: str
    exit_code: int
    lost: dict[str, int]
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)


def plan(seed: int, kills: int) -> list[str]:
    """The seeded moments: every kind once (when there are enough kills), the rest at random."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test moments, no secret
    moments = list(MOMENTS[:kills]) + [rng.choice(MOMENTS) for _ in range(max(kills - len(MOMENTS), 0))]
    rng.shuffle(moments)
    return moments


CHANGED_PAGE = "trs-city/col/col2201/202501/t20250120_1241187.html"
LIST_PAGE = "trs-city/col/col2201/index.html"


def publish_target(sites_root: Path, round_no: int) -> None:
    """Each round the city bureau publishes a new report (a copy of its summary with one more
    target) at the top of its list: the next run has a document to load and an alert. A new page,
    not an edit of a stored one, since stored pages are revalidated weekly (flows/revalidation.py)."""
    html = (sites_root / CHANGED_PAGE).read_text(encoding="utf-8")
    end = html.index("</div>", html.index('class="TRS_Editor"'))
    added = f"<p>力争到2026年全市科技特派员达到{900 + round_no}人。</p>"
    name = f"t20250121_{1250000 + round_no}.html"
    (sites_root / CHANGED_PAGE).with_name(name).write_text(html[:end] + added + html[end:], encoding="utf-8")
    listing = sites_root / LIST_PAGE
    page = listing.read_text(encoding="utf-8")
    at = page.index("<li>", page.index('<ul class="list">'))
    item = f'<li><a href="./202501/{name}" title="澄川市科学技术局工作报告（第{round_no}期）" target="_blank">' \
           f"澄川市科学技术局工作报告（第{round_no}期）</a><span>2025-01-21</span></li>\n      "
    listing.write_text(page[:at] + item + page[at:], encoding="utf-8")


def crash_series(work: Path, sources: Path, sites_root: Path, hook: CountingHook, moments: list[str],
                 first_round: int = 1) -> list[CrashRecord]:
    """Per moment: new content, a run killed there, the warehouse as the kill left it, then a run
    that must complete and keep all of it. Repeats on the webhook are counted per recovery."""
    db, records = work / "state" / "kjwatch.duckdb", []
    for round_no, moment in enumerate(moments, first_round):
        publish_target(sites_root, round_no)
        last = killed_run(sources, db, hook, work, moment)
        before = snapshot(db) if db.exists() else Snapshot(set(), set(), set(), set())
        repeats = len(hook.duplicates())
        code, err = complete_run(sources, db, hook, work)
        after = snapshot(db)
        records.append(CrashRecord(moment, last, code, lost(before, after), len(hook.duplicates()) - repeats,
                                   [] if code == 0 else err.splitlines()[-5:]))
    return records
