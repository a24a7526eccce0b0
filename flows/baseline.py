"""A quiet first run: alerts recorded as a baseline, never sent.

A first crawl of a bureau finds years of reports, and every target in them is
"new": sent, that is dozens of messages about old news. A baseline run stores those
alerts (so their keys never alert again) but routes them to no channel, so no
`deliveries` row exists and nothing is sent now or later; `kjwatch alerts resend KEY`
can still send one on purpose.

Modes (`kjwatch run --baseline [all|new]`, or KJWATCH_BASELINE for scheduled runs):
`all` quiets every source of the run; `new` only sources with no stored document yet,
so a source added to a schedule starts quietly while the others alert as usual.
`source_failing` is about today, not the backlog: it is never part of a baseline.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

import duckdb

from alerts.model import Alert
from warehouse.db import query

BASELINE_MODES = ("all", "new")
_OFF = ("", "off", "no", "none", "0", "false")
CURRENT_KINDS = ("source_failing",)  # never quieted: they are news about this run


def baseline_mode(flag: str | None, env: Mapping[str, str] | None = None) -> str | None:
    """The run's mode: the flag, else KJWATCH_BASELINE; None when off. Raises ValueError when unknown."""
    value = flag if flag is not None else (os.environ if env is None else env).get("KJWATCH_BASELINE", "")
    value = value.strip().lower()
    if value in _OFF:
        return None
    if value not in BASELINE_MODES:
        raise ValueError(f"KJWATCH_BASELINE must be one of {', '.join(BASELINE_MODES)} or off, not {value!r}")
    return value


def quiet_sources(con: duckdb.DuckDBPyConnection, mode: str | None, source_ids: Iterable[str]) -> frozenset[str]:
    """Sources whose alerts this run records without sending; read before the run's documents load."""
    if mode is None:
        return frozenset()
    sources = frozenset(source_ids)
    if mode == "all":
        return sources
    known = {row["source_id"] for row in query(con, "sources_with_documents")}
    return sources - known


def is_baseline(alert: Alert, quiet: frozenset[str]) -> bool:
    return alert.kind not in CURRENT_KINDS and alert.source_id in quiet


def baseline_note(mode: str | None, count: int) -> str | None:
    """The run summary's line (runs.message) for a baseline run."""
    return f"baseline: {count} alerts recorded, not sent" if mode else None
