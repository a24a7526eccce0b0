"""How numbers, dates and names read in the report: the analysts' conventions, in one place.

Metric names and the 万元 → 亿元 rule come from `alerts.labels`, so the report and the
alert messages never disagree about what a figure is called or how it is written.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime

from alerts.labels import format_value, kind_label, measure_label, metric_label
from flows.timezone import display_zone, in_zone

__all__ = [
    "doc_types_label",
    "fmt_date",
    "fmt_datetime",
    "fmt_number",
    "fmt_pct",
    "fmt_rank",
    "format_value",
    "kind_label",
    "level_label",
    "link_target",
    "measure_label",
    "metric_label",
    "metric_order",
    "metric_title",
    "scale_for",
    "slug",
    "status_label",
]

LEVELS = {"province": "省级", "city": "市级", "county": "县级", "district": "区级", "zone": "园区"}
DOC_TYPES = {"summary": "工作总结", "plan": "工作计划", "points": "工作要点", "report": "工作报告"}
STATUSES = {"ok": "正常", "failed": "失败", "blocked": "被拦截", None: "未抓取"}
_SAFE_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
# INDICATORS.md §2 in its order, which groups related metrics (enterprises, money, people …).
CORE_METRICS = (
    "hte_total", "hte_new", "hte_applied", "tsme_registered", "tech_contract_value", "tech_contract_count",
    "rd_expenditure", "rd_intensity", "ht_output_share", "ht_output_value", "funding_secured",
    "projects_provincial", "projects_municipal", "platforms", "incubators", "talents", "foreign_experts",
    "sci_commissioners", "achievements_registered", "tech_loans", "rd_institution_coverage", "rd_active_share",
)


def fmt_date(value: date | datetime | None) -> str:
    """Chinese long form (2024年3月26日): what readers of 科技局 reports expect."""
    if value is None:
        return "—"
    return f"{value.year}年{value.month}月{value.day}日"


def fmt_datetime(value: datetime | None) -> str:
    """Run and crawl times on the display zone's clock, minutes and the zone (2025年1月5日 17:07 CST)."""
    if value is None:
        return "—"
    local = in_zone(value, display_zone())
    return f"{fmt_date(local)} {local:%H:%M %Z}"


def fmt_number(value: float | None) -> str:
    """Thousands separators, at most two decimals, no trailing '.0' on whole numbers."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def fmt_pct(value: float | None) -> str:
    return "—" if value is None else f"{fmt_number(value)}%"


def fmt_rank(rank: int | None, scope: str | None) -> str:
    """第N位 with its scope; a claim of 前列 has no position, and says so."""
    where = scope or ""
    return f"{where}第{rank}位" if rank is not None else f"{where}前列"


def scale_for(values: list[float], unit: str | None) -> tuple[float, str]:
    """One divisor per chart, so all bars of a money chart share 万元 or 亿元.

    亿元 once every bar reaches 1亿元, or the largest reaches 10亿元; otherwise 万元, so a
    county's 4,200万元 does not shrink to an unreadable 0.42亿元 beside a 1亿元 target.
    """
    sizes = [abs(v) for v in values]
    if unit == "万元" and sizes and (min(sizes) >= 10000 or max(sizes) >= 100000):
        return 10000.0, "亿元"
    return 1.0, unit or ""


def metric_order(metric: str) -> tuple[int, int, str]:
    """Core metrics in the spec's order, then `other:` phrases alphabetically."""
    if metric in CORE_METRICS:
        return (0, CORE_METRICS.index(metric), metric)
    return (1, 0, metric)


def metric_title(metric: str, measure: str = "level") -> str:
    """Metric label plus the measure when it is not the level itself (同比增幅, 完成率 …)."""
    suffix = measure_label(measure) if measure != "level" else ""
    return metric_label(metric) + suffix


def level_label(level: str | None) -> str:
    return LEVELS.get(level or "", level or "—")


def doc_types_label(doc_types: list[str] | None) -> str:
    return "、".join(DOC_TYPES.get(t, t) for t in doc_types or []) or "—"


def status_label(status: str | None) -> str:
    return STATUSES.get(status, status or "—")


def link_target(url: str | None) -> str | None:
    """Only web links are clickable: a crawled `javascript:` or `file:` URL must not become one."""
    if url and url.split(":", 1)[0].lower() in ("http", "https"):
        return url
    return None


def slug(key: str) -> str:
    """A file name for a source id or metric key; `other:` phrases become a stable hash."""
    if _SAFE_SLUG.match(key):
        return key
    digest = hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]
    prefix = "other" if key.startswith("other:") else "x"
    return f"{prefix}-{digest}"
