from __future__ import annotations

from datetime import UTC, date, datetime

from alerts.detect import detect_fact_alerts, detect_failing_sources
from alerts.model import Fact


def _fact(kind: str, value: float | None, *, doc: str = "d1", day: int = 1, metric: str = "hte_total",
          year: int = 2025, rank: int | None = None, scope: str | None = None) -> Fact:
    return Fact(source_id="demo", bureau="临川市科学技术局", document_id=doc, document_url=f"http://h/{doc}",
                document_title="工作要点", published_at=date(2025, 1, day),
                first_seen_at=datetime(2025, 1, day, tzinfo=UTC), kind=kind, metric=metric, measure="level",
                value=value, unit="家" if value is not None else None, year=year, rank=rank, scope=scope,
                text="原文")


def _kinds(facts: list[Fact]) -> list[str]:
    return [a.kind for a in detect_fact_alerts(facts)]


def test_first_target_is_new_and_a_repost_adds_nothing() -> None:
    first = detect_fact_alerts([_fact("target", 900)])
    repost = detect_fact_alerts([_fact("target", 900), _fact("target", 900, doc="d2", day=5)])
    assert [a.kind for a in first] == ["new_target"]
    assert {a.key for a in repost} == {a.key for a in first}
    assert "900家" in first[0].title
    assert "临川市科学技术局" in first[0].title


def test_another_value_for_the_same_target_is_a_revision() -> None:
    alerts = detect_fact_alerts([_fact("target", 900), _fact("target", 950, doc="d2", day=5)])
    assert [a.kind for a in alerts] == ["new_target", "target_revised"]
    assert "原为 900家" in alerts[1].body


def test_new_year_target_is_new() -> None:
    assert _kinds([_fact("target", 900), _fact("target", 1000, doc="d2", day=5, year=2026)]) == [
        "new_target", "new_target"]


def test_ranking_moves_with_direction() -> None:
    facts = [_fact("ranking", None, rank=3, scope="全省"),
             _fact("ranking", None, doc="d2", day=5, rank=1, scope="全省", year=2026)]
    alerts = detect_fact_alerts(facts)
    assert [a.kind for a in alerts] == ["new_ranking", "ranking_changed"]
    assert alerts[1].key.endswith("3->1")
    assert "此前第3" in alerts[1].body


def test_actual_reaching_its_target_is_met() -> None:
    facts = [_fact("target", 900), _fact("actual", 905, doc="d2", day=5)]
    assert "target_met" in _kinds(facts)
    assert "target_met" not in _kinds([_fact("target", 900), _fact("actual", 899, doc="d2", day=5)])


def test_source_failing_after_threshold_runs_in_a_row() -> None:
    history = {"a": [("r3", "failed"), ("r2", "blocked"), ("r1", "failed")],
               "b": [("r3", "failed"), ("r2", "ok"), ("r1", "failed")]}
    alerts = detect_failing_sources(history, threshold=3)
    assert [(a.kind, a.key) for a in alerts] == [("source_failing", "source_failing:a:r1")]


def test_two_values_in_one_document_are_not_a_revision() -> None:
    facts = [_fact("target", 20), _fact("target", 1), _fact("target", 20, doc="d2", day=5)]
    assert _kinds(facts) == ["new_target"]


def test_ranking_without_position_reads_naturally() -> None:
    (alert,) = detect_fact_alerts([_fact("ranking", None, rank=None, scope="全市各县区")])
    assert alert.title.endswith("全市各县区前列")
