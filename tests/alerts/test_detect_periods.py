"""Sub-targets raise an alert each; only an actual of the target's period meets it (issue 21 item 6)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from alerts.detect import detect_fact_alerts
from alerts.model import Fact


def _fact(kind: str, value: float, *, doc: str = "plan", day: int = 1, metric: str = "incubators",
          qualifier: str = "", period: str = "year", period_label: str = "全年", text: str = "原文") -> Fact:
    return Fact(source_id="demo", bureau="临川市科学技术局", document_id=doc, document_url=f"http://h/{doc}",
                document_title="工作要点", published_at=date(2025, 1, 1) + timedelta(days=day),
                first_seen_at=datetime(2025, 1, 1, tzinfo=UTC), kind=kind, metric=metric, measure="level",
                value=value, unit="家", year=2025, rank=None, scope=None, text=text, qualifier=qualifier,
                period=period, period_label=period_label)


NATIONAL = _fact("target", 1, qualifier="国家级", text="力争新增国家级科技企业孵化器1家")
PROVINCIAL = _fact("target", 20, qualifier="省级", text="省级科技企业孵化器20家")


def test_a_national_and_a_provincial_target_each_raise_an_alert() -> None:
    alerts = detect_fact_alerts([NATIONAL, PROVINCIAL])
    assert [a.kind for a in alerts] == ["new_target", "new_target"]
    assert [a.key for a in alerts] == ["new_target:demo:incubators:level:2025:国家级",
                                       "new_target:demo:incubators:level:2025:省级"]
    assert "2025年国家级孵化载体 1家" in alerts[0].title
    assert "2025年省级孵化载体 20家" in alerts[1].title
    assert "指标：孵化载体（省级）" in alerts[1].body


def test_each_sub_target_is_revised_on_its_own() -> None:
    later = _fact("target", 25, doc="half", day=180, qualifier="省级", text="省级科技企业孵化器25家")
    alerts = detect_fact_alerts([NATIONAL, PROVINCIAL, later])
    assert [a.key for a in alerts if a.kind == "target_revised"] == [
        "target_revised:demo:incubators:level:2025:省级:25"]


def test_two_values_of_one_unqualified_target_in_one_document_are_two_alerts() -> None:
    alerts = detect_fact_alerts([_fact("target", 3, text="新型研发机构3家"), _fact("target", 5, text="重点实验室5家")])
    assert [a.key for a in alerts] == ["new_target:demo:incubators:level:2025",
                                       "new_target:demo:incubators:level:2025:5"]


def test_a_half_year_actual_meets_no_annual_target() -> None:
    target = _fact("target", 30000, metric="tech_contract_value")
    half = _fact("actual", 34700, doc="half", day=180, metric="tech_contract_value", period="half_year",
                 period_label="上半年")
    assert [a.kind for a in detect_fact_alerts([target, half])] == ["new_target"]


def test_a_yearly_actual_meets_it_and_says_its_period() -> None:
    target = _fact("target", 30000, metric="tech_contract_value")
    year = _fact("actual", 72000, doc="year", day=380, metric="tech_contract_value")
    met = [a for a in detect_fact_alerts([target, year]) if a.kind == "target_met"]
    assert [a.key for a in met] == ["target_met:demo:tech_contract_value:2025"]
    assert "数值：全年 72,000家" in met[0].body


def test_an_actual_meets_only_the_target_of_its_own_level() -> None:
    provincial_actual = _fact("actual", 12, doc="year", day=380, qualifier="省级", text="新增省级孵化器12家")
    met = [a.key for a in detect_fact_alerts([NATIONAL, PROVINCIAL, provincial_actual]) if a.kind == "target_met"]
    assert met == []
    national_actual = _fact("actual", 2, doc="year", day=380, qualifier="国家级", text="新增国家级孵化器2家")
    met = [a.key for a in detect_fact_alerts([NATIONAL, PROVINCIAL, national_actual]) if a.kind == "target_met"]
    assert met == ["target_met:demo:incubators:2025:国家级"]
