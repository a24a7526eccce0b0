"""The front page: what the last run and the last week brought, source health, headline figures."""

from __future__ import annotations

from collections import Counter
from typing import Any

from flows.report.data import RECENT_DAYS, Row, Snapshot
from flows.report.figures import figure_text, headline_rows
from flows.report.formatting import (
    fmt_datetime,
    kind_label,
    level_label,
    metric_label,
    metric_order,
    slug,
    status_label,
)

# CONTRACT.md §4, in the order an analyst reads them: documents, then targets, rankings, health.
ALERT_KINDS = ("new_document", "new_target", "target_revised", "target_met",
               "new_ranking", "ranking_changed", "source_failing")
# The figures a 科技局 leads its summary with; columns appear only when some bureau states them.
HEADLINE_METRICS = ("hte_total", "hte_new", "tsme_registered", "tech_contract_value", "rd_expenditure",
                    "rd_intensity", "ht_output_share", "funding_secured")


# Kinds that need a reader's attention stay unfolded however many there are.
ALWAYS_OPEN = ("new_document", "target_revised", "ranking_changed", "source_failing")
FOLD_AFTER = 12
RUN_STATUSES = {"completed": "完成", "failed": "失败", "running": "运行中", "interrupted": "中断"}


def _kind_order(kind: str) -> tuple[int, str]:
    return (ALERT_KINDS.index(kind) if kind in ALERT_KINDS else len(ALERT_KINDS), kind)


def alert_matrix(alerts: list[Row], known: set[str]) -> dict[str, Any]:
    """Counts by bureau (rows) and kind (columns), with totals; empty kinds are left out."""
    counts = Counter((a["source_id"] or "", a["kind"]) for a in alerts)
    kinds = sorted({a["kind"] for a in alerts}, key=_kind_order)
    names = {a["source_id"] or "": a["bureau"] or "—" for a in alerts}
    rows = []
    for sid in sorted(names):
        cells = [counts.get((sid, k), 0) for k in kinds]
        rows.append({"slug": slug(sid) if sid in known else "", "bureau": names[sid],
                     "counts": cells, "total": sum(cells)})
    totals = [sum(counts.get((sid, k), 0) for sid in names) for k in kinds]
    return {"kinds": [{"key": k, "label": kind_label(k)} for k in kinds],
            "rows": rows, "totals": totals, "total": len(alerts)}


def alert_groups(alerts: list[Row], last_run_id: str | None, known: set[str]) -> list[dict[str, Any]]:
    """The window's alerts per kind, each with its source link; long routine lists start folded."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for a in sorted(alerts, key=lambda a: (a["bureau"] or "", a["title"], a["id"])):
        groups.setdefault(a["kind"], []).append({
            "bureau": a["bureau"] or "—", "slug": slug(a["source_id"]) if a["source_id"] in known else "",
            "title": a["title"], "url": a["url"], "document_title": a["document_title"],
            "created": fmt_datetime(a["created_at"]), "in_last_run": a["run_id"] == last_run_id})
    return [{"kind": kind, "label": kind_label(kind), "entries": groups[kind],
             "open": kind in ALWAYS_OPEN or len(groups[kind]) <= FOLD_AFTER}
            for kind in sorted(groups, key=_kind_order)]


def health_rows(health: list[Row], known: set[str]) -> list[dict[str, Any]]:
    """One row per source; a source that never succeeded shows how often it has tried."""
    return [
        {"bureau": h["bureau"], "slug": slug(h["source_id"]) if h["source_id"] in known else "",
         "status": h["status"] or "none", "status_label": status_label(h["status"]),
         "last_crawl": fmt_datetime(h["last_crawl_at"]), "last_success": fmt_datetime(h["last_success_at"]),
         "failures": h["failures_in_a_row"], "pages": h["pages_fetched"], "found": h["documents_found"],
         "problem": h["error"] or h["evidence"] or ""}
        for h in health
    ]


def latest_actuals(series: list[Row]) -> dict[tuple[str, str], Row]:
    """The newest year's actual level per (bureau, metric); rows come in year order."""
    latest: dict[tuple[str, str], Row] = {}
    for row in headline_rows(series):
        if row["kind"] == "actual" and row["measure"] == "level":
            latest[(row["source_id"], row["metric"])] = row
    return latest


def bureau_table(snap: Snapshot, metric_pages: dict[str, str]) -> dict[str, Any]:
    """Bureaus × headline metrics, each cell the latest actual with its year."""
    latest = latest_actuals(snap.series)
    metrics = [m for m in HEADLINE_METRICS if any(key[1] == m for key in latest)]
    rows = []
    for bureau in snap.bureaus:
        cells = []
        for metric in metrics:
            row = latest.get((bureau["source_id"], metric))
            cells.append({"text": figure_text(row), "year": row["year"],
                          "approx": row["approx"]} if row else None)
        rows.append({"bureau": bureau["bureau"], "slug": slug(bureau["source_id"]),
                     "level": level_label(bureau["level"]), "region": bureau["region"] or "—",
                     "documents": bureau["documents"], "cells": cells})
    columns = [{"metric": m, "label": metric_label(m), "page": metric_pages.get(m)} for m in metrics]
    return {"columns": columns, "rows": rows}


def run_summary(run: Row | None) -> dict[str, Any] | None:
    if run is None:
        return None
    return {**run, "started": fmt_datetime(run["started_at"]), "finished": fmt_datetime(run["finished_at"]),
            "status_label": RUN_STATUSES.get(run["status"], run["status"])}


def index_context(snap: Snapshot, metric_pages: dict[str, str]) -> dict[str, Any]:
    """Template variables of index.html; `metric_pages` maps metric keys to their file names."""
    run = snap.last_run
    run_id = run["id"] if run else None
    known = {b["source_id"] for b in snap.bureaus}
    in_run = [a for a in snap.alerts if a["run_id"] == run_id]
    return {
        "last_run": run_summary(run),
        "recent_runs": [run_summary(r) for r in snap.runs[:5]],
        "recent_days": RECENT_DAYS,
        "run_alerts": alert_matrix(in_run, known),
        "week_alerts": alert_matrix(snap.alerts, known),
        "alert_groups": alert_groups(snap.alerts, run_id, known),
        "health": health_rows(snap.health, known),
        "bureau_table": bureau_table(snap, metric_pages),
        "metric_links": [{"label": metric_label(m), "page": metric_pages[m]}
                         for m in sorted(metric_pages, key=metric_order)],
    }
