"""Which runs are a baseline and which of their alerts it quiets (flows/baseline.py)."""

from __future__ import annotations

import pytest

from alerts.model import Alert
from flows.baseline import baseline_mode, is_baseline
from flows.cli import build_parser


def _alert(kind: str, source: str = "lc") -> Alert:
    return Alert(kind=kind, key=f"{kind}:{source}", source_id=source, bureau="临川市科学技术局", document_id=None,
                 title="t", body="b", url=None)


def test_the_flag_wins_over_the_environment_and_off_means_none() -> None:
    assert baseline_mode(None, {"KJWATCH_BASELINE": "new"}) == "new"
    assert baseline_mode("all", {"KJWATCH_BASELINE": "new"}) == "all"
    assert baseline_mode("off", {"KJWATCH_BASELINE": "all"}) is None
    assert baseline_mode(None, {}) is None
    with pytest.raises(ValueError, match="KJWATCH_BASELINE must be one of all, new or off"):
        baseline_mode(None, {"KJWATCH_BASELINE": "yes please"})


def test_run_takes_baseline_alone_or_with_a_mode() -> None:
    parser = build_parser()
    assert parser.parse_args(["run", "--baseline"]).baseline == "all"
    assert parser.parse_args(["run", "--baseline", "new"]).baseline == "new"
    assert parser.parse_args(["run"]).baseline is None
    with pytest.raises(SystemExit):
        parser.parse_args(["run", "--baseline", "some"])


def test_a_failing_source_is_news_of_today_never_part_of_a_baseline() -> None:
    quiet = frozenset({"lc"})
    assert is_baseline(_alert("new_target"), quiet)
    assert not is_baseline(_alert("new_target", "cc"), quiet)
    assert not is_baseline(_alert("source_failing"), quiet)
