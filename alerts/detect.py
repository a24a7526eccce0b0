"""Change detectors. Each alert's `key` names the fact, so re-runs and reposts add nothing.

Detectors replay a source's facts in publication order: the first time a
(bureau, metric, year) target appears is `new_target`, a later different value is
`target_revised`; the first ranking for (bureau, metric, measure, scope) is
`new_ranking`, a later different position is `ranking_changed`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from alerts.model import Alert, Fact, NewDocument
from alerts.render import render_alert


def _fmt(value: float | None) -> str:
    return "null" if value is None else f"{value:g}"


def detect_new_documents(docs: Iterable[NewDocument]) -> list[Alert]:
    return [
        render_alert("new_document", f"new_document:{d.document_id}", d.source_id, d.bureau,
                     d.document_id, d.url, document=d)
        for d in docs
    ]


def detect_target_alerts(facts: Iterable[Fact]) -> list[Alert]:
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.kind == "target" and f.value is not None:
            groups[(f.source_id, f.metric, f.measure, f.year)].append(f)
    alerts = []
    for (source, metric, measure, year), items in groups.items():
        items.sort(key=Fact.order)
        base = f"{source}:{metric}:{measure}:{year}"
        first = items[0]
        alerts.append(_fact_alert("new_target", f"new_target:{base}", first))
        previous = first.value
        for f in items[1:]:
            if f.value != previous:
                alerts.append(_fact_alert("target_revised", f"target_revised:{base}:{_fmt(f.value)}", f,
                                          previous=previous))
                previous = f.value
    return alerts


def detect_ranking_alerts(facts: Iterable[Fact]) -> list[Alert]:
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.kind == "ranking":
            groups[(f.source_id, f.metric, f.measure, f.scope or "")].append(f)
    alerts = []
    for (source, metric, measure, scope), items in groups.items():
        items.sort(key=Fact.order)
        base = f"{source}:{metric}:{measure}:{scope}"
        alerts.append(_fact_alert("new_ranking", f"new_ranking:{base}", items[0]))
        previous = items[0].rank
        for f in items[1:]:
            if f.rank != previous:
                key = f"ranking_changed:{base}:{f.year}:{previous}->{f.rank}"
                alerts.append(_fact_alert("ranking_changed", key, f, previous=previous))
                previous = f.rank
    return alerts


def detect_targets_met(facts: Iterable[Fact]) -> list[Alert]:
    facts = list(facts)
    targets = {}
    for f in sorted(facts, key=Fact.order):
        if f.kind == "target" and f.measure == "level" and f.value is not None:
            targets[(f.source_id, f.metric, f.year)] = f
    alerts = []
    for f in sorted(facts, key=Fact.order):
        target = targets.get((f.source_id, f.metric, f.year))
        if f.kind != "actual" or f.measure != "level" or target is None or f.value is None:
            continue
        if target.value is not None and f.value >= target.value:
            key = f"target_met:{f.source_id}:{f.metric}:{f.year}"
            alerts.append(_fact_alert("target_met", key, f, previous=target.value))
    return alerts


def detect_fact_alerts(facts: Iterable[Fact]) -> list[Alert]:
    """Every fact-based alert of a set of sources, de-duplicated by key (first wins)."""
    facts = list(facts)
    found = detect_target_alerts(facts) + detect_ranking_alerts(facts) + detect_targets_met(facts)
    return list({a.key: a for a in reversed(found)}.values())[::-1]


def detect_failing_sources(history: dict[str, list[tuple[str, str]]], threshold: int = 3) -> list[Alert]:
    """`history` maps a source to its (run_id, status) outcomes, newest first."""
    alerts = []
    for source, outcomes in history.items():
        streak = []
        for run_id, status in outcomes:
            if status == "ok":
                break
            streak.append(run_id)
        if len(streak) >= threshold:
            first_failed_run = streak[-1]
            alerts.append(render_alert("source_failing", f"source_failing:{source}:{first_failed_run}",
                                       source, source, None, None, failures=len(streak),
                                       status=outcomes[0][1]))
    return alerts


def _fact_alert(kind: str, key: str, fact: Fact, previous: float | int | None = None) -> Alert:
    return render_alert(kind, key, fact.source_id, fact.bureau, fact.document_id, fact.document_url,
                        fact=fact, previous=previous)
