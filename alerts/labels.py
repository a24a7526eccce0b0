"""Chinese names for metric keys (warehouse/data/metrics.yaml), measures and alert kinds
(`data/metric_labels.yaml`)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from warehouse.metrics import metric_rows


@cache
def _labels() -> dict[str, Any]:
    text = resources.files("alerts").joinpath("data", "metric_labels.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def metric_label(metric: str) -> str:
    if metric.startswith("other:"):
        return metric.split(":", 1)[1]
    return _metric_names().get(metric, metric)


@cache
def _metric_names() -> dict[str, str]:
    return {metric: label for metric, label, _ in metric_rows()}


def measure_label(measure: str) -> str:
    return str(_labels()["measures"].get(measure, measure))


def kind_label(kind: str) -> str:
    return str(_labels()["kinds"].get(kind, kind))


def format_value(value: float | None, unit: str | None) -> str:
    """万元 above 10,000 reads better as 亿元; integers lose their '.0'."""
    if value is None:
        return "—"
    if unit in ("万元", "万美元") and abs(value) >= 10000:
        value, unit = value / 10000, "亿" + unit[1:]
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    if unit == "pp":
        return f"{number}个百分点"
    return f"{number}{unit or ''}"
