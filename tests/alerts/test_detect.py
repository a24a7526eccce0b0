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
    assert _kinds(facts) == ["new_target", "new_target"]  # two sub-targets, each its own alert


def test_ranking_without_position_reads_naturally() -> None:
    (alert,) = detect_fact_alerts([_fact("ranking", None, rank=None, scope="全市各县区")])
    assert alert.title.endswith("全市各县区前列")


def test_ranking_up_and_down_say_so_in_title_and_body() -> None:
    up, down = (detect_fact_alerts([_fact("ranking", None, rank=a, scope="全省"),
                                    _fact("ranking", None, doc="d2", day=5, rank=b, scope="全省", year=2026)])[1]
                for a, b in ((3, 1), (1, 4)))
    assert "上升2位" in up.title
    assert "（此前第3，上升2位）" in up.body
    assert "下降3位" in down.title
    assert down.key.endswith(":2026:1->4")


def test_target_of_a_new_year_beside_last_years_is_new_and_a_repost_of_both_adds_nothing() -> None:
    history = [_fact("target", 900, doc="plan2024", year=2024),
               _fact("target", 1000, doc="plan2025", day=10, year=2025)]
    first = detect_fact_alerts(history)
    assert [a.key for a in first] == ["new_target:demo:hte_total:level:2024", "new_target:demo:hte_total:level:2025"]
    reposted = [*history, _fact("target", 1000, doc="repost", day=20, year=2025),
                _fact("target", 900, doc="repost", day=20, year=2024)]
    assert [a.key for a in detect_fact_alerts(reposted)] == [a.key for a in first]


def test_target_met_across_documents_once_and_only_for_its_year() -> None:
    facts = [_fact("target", 900, doc="plan"), _fact("actual", 880, doc="q3", day=10),
             _fact("actual", 930, doc="summary", day=20), _fact("actual", 950, doc="repost", day=25),
             _fact("actual", 2000, doc="next", day=28, year=2026)]
    met = [a for a in detect_fact_alerts(facts) if a.kind == "target_met"]
    assert [a.key for a in met] == ["target_met:demo:hte_total:2025"]
    assert met[0].document_id == "summary"
    assert "目标 900家" in met[0].body


def test_the_failing_threshold_is_an_argument_and_a_streak_alerts_once() -> None:
    history = {"a": [("r2", "blocked"), ("r1", "failed"), ("r0", "ok")]}
    assert detect_failing_sources(history, threshold=3) == []
    (alert,) = detect_failing_sources(history, threshold=2)
    longer = {"a": [("r3", "failed"), *history["a"]]}
    assert [a.key for a in detect_failing_sources(longer, threshold=2)] == [alert.key]
    assert "连续 2 次" in alert.title


def test_alert_texts_carry_bureau_figure_sentence_and_link() -> None:
    fact = _fact("target", 900)
    (alert,) = detect_fact_alerts([fact])
    for part in ("临川市科学技术局", "900家", "“原文”", "http://h/d1"):
        assert part in alert.body
