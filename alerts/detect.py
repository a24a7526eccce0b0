"""Change detectors. Each alert's `key` names the fact, so re-runs and reposts add nothing.

Detectors replay a source's facts in publication order: the first time a
(bureau, metric, year) target appears is `new_target`, a later different value is
`target_revised`; the first ranking for (bureau, metric, measure, scope) is
`new_ranking`, a later different position is `ranking_changed`. A target qualified by a
level (国家级 1家 beside 省级 20家) is a target of its own, and an actual meets a target
only when it covers the same period (a half-year figure meets no annual target).
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


def _by_document(items: list[Fact]) -> list[list[Fact]]:
    """Facts grouped per document, documents in time order: a document states its values at once."""
    docs: dict[str, list[Fact]] = {}
    for f in sorted(items, key=Fact.order):
        docs.setdefault(f.document_id, []).append(f)
    return sorted(docs.values(), key=lambda fs: min(f.order() for f in fs))


def _target_base(f: Fact) -> str:
    """The key part naming a target; an unqualified target keeps the key it always had."""
    base = f"{f.source_id}:{f.metric}:{f.measure}:{f.year}"
    return f"{base}:{f.qualifier}" if f.qualifier else base


def _first_targets(base: str, first: list[Fact]) -> list[Alert]:
    """Each value of the first document is a target of its own (sub-targets, not a revision)."""
    alerts: list[Alert] = []
    seen: set[float | None] = set()
    for fact in first:
        if fact.value in seen:
            continue
        key = f"new_target:{base}" if not seen else f"new_target:{base}:{_fmt(fact.value)}"
        alerts.append(_fact_alert("new_target", key, fact))
        seen.add(fact.value)
    return alerts


def detect_target_alerts(facts: Iterable[Fact]) -> list[Alert]:
    """Two values in one document are two sub-targets, not a revision; a later document
    whose values all differ from everything stated before revises the target."""
    groups: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.kind == "target" and f.value is not None:
            groups[_target_base(f)].append(f)
    alerts = []
    for base, items in groups.items():
        first, *later = _by_document(items)
        alerts += _first_targets(base, first)
        seen = {f.value for f in first}
        previous = first[-1].value
        for doc_facts in later:
            values = {f.value for f in doc_facts}
            if not values & seen:
                fact = doc_facts[0]
                key = f"target_revised:{base}:{_fmt(fact.value)}"
                alerts.append(_fact_alert("target_revised", key, fact, previous=previous))
                previous = fact.value
            seen |= values
    return alerts


def detect_ranking_alerts(facts: Iterable[Fact]) -> list[Alert]:
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.kind == "ranking":
            groups[(f.source_id, f.metric, f.measure, f.scope or "")].append(f)
    alerts = []
    for (source, metric, measure, scope), items in groups.items():
        base = f"{source}:{metric}:{measure}:{scope}"
        first, *later = _by_document(items)
        alerts.append(_fact_alert("new_ranking", f"new_ranking:{base}", first[-1]))
        previous = first[-1].rank
        for doc_facts in later:
            latest = doc_facts[-1]
            if latest.rank != previous:
                key = f"ranking_changed:{base}:{latest.year}:{previous}->{latest.rank}"
                alerts.append(_fact_alert("ranking_changed", key, latest, previous=previous))
                previous = latest.rank
    return alerts


def _met_key(f: Fact) -> tuple:
    return (f.source_id, f.metric, f.year, f.qualifier)


def detect_targets_met(facts: Iterable[Fact]) -> list[Alert]:
    """An actual of the target's period (the whole year) that reaches it; a half-year or
    1-10月 figure is no verdict on an annual target."""
    facts = sorted(facts, key=Fact.order)
    targets = {}
    for f in facts:
        if f.kind == "target" and f.measure == "level" and f.value is not None:
            targets[_met_key(f)] = f
    alerts = []
    for f in facts:
        target = targets.get(_met_key(f))
        if f.kind != "actual" or f.measure != "level" or target is None or f.value is None:
            continue
        if f.period == target.period and target.value is not None and f.value >= target.value:
            key = f"target_met:{f.source_id}:{f.metric}:{f.year}" + (f":{f.qualifier}" if f.qualifier else "")
            alerts.append(_fact_alert("target_met", key, f, previous=target.value))
    return alerts


def detect_fact_alerts(facts: Iterable[Fact]) -> list[Alert]:
    """Every fact-based alert of a set of sources, de-duplicated by key (first wins)."""
    facts = list(facts)
    found = detect_target_alerts(facts) + detect_ranking_alerts(facts) + detect_targets_met(facts)
    return list({a.key: a for a in reversed(found)}.values())[::-1]


def detect_failing_sources(history: dict[str, list[tuple[str, str]]], threshold: int = 3) -> list[Alert]:
    """`history` maps a source to its (run_id, status) outcomes, newest first. The key names the
    first failed run of the streak, so a streak alerts once however long it lasts."""
    if threshold < 1:
        raise ValueError(f"the failing threshold must be at least 1, not {threshold}")
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
