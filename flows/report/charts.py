"""Chart geometry computed in Python and drawn as inline SVG/CSS by the templates.

No JavaScript and nothing fetched: the pages open from a file share on an intranet, and
the same data always gives the same bytes. Coordinates are rounded for that reason too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from flows.report.formatting import fmt_number, scale_for

WIDTH, HEIGHT = 360.0, 190.0
TOP, BOTTOM, SIDE = 26.0, 30.0, 10.0
MAX_BAR = 34.0
DENSE_AFTER = 5  # more years than this: smaller labels, target values only on hover


@dataclass(frozen=True, slots=True)
class Bar:
    """One rectangle of a series chart; `kind` is the CSS class (actual or target)."""

    kind: str
    x: float
    y: float
    width: float
    height: float
    label: str
    tooltip: str  # year, kind, value and the sentence it came from
    url: str | None = None  # the document the sentence is in

    @property
    def label_x(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def label_y(self) -> float:
        return round(self.y - 5, 1)


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class SeriesChart:
    """Actual and target bars side by side for each year of one metric of one bureau."""

    title: str
    unit: str
    bars: list[Bar]
    ticks: list[Tick]
    dense: bool = False
    width: float = WIDTH
    height: float = HEIGHT

    @property
    def baseline(self) -> float:
        return HEIGHT - BOTTOM


@dataclass(frozen=True, slots=True)
class YearPoint:
    """What a chart knows about one year: the actual, the target, and their source sentences."""

    year: int
    actual: float | None = None
    target: float | None = None
    actual_text: str = ""
    target_text: str = ""
    actual_url: str | None = None
    target_url: str | None = None


def _bar(kind: str, value: float, left: float, width: float, scale: tuple[float, float], note: str,
         url: str | None = None) -> Bar:
    """A bar from the baseline up to `value`; `scale` is (divisor, pixels per displayed unit)."""
    divisor, per_unit = scale
    shown = value / divisor
    height = max(round(shown * per_unit, 1), 1.0)
    label = fmt_number(round(shown, 2))
    return Bar(kind, round(left, 1), round(HEIGHT - BOTTOM - height, 1), round(width, 1), height, label, note, url)


def series_chart(title: str, unit: str | None, points: list[YearPoint]) -> SeriesChart:
    """Grouped bars per year; a year with only a target shows the target alone."""
    values = [v for p in points for v in (p.actual, p.target) if v is not None]
    divisor, shown_unit = scale_for(values, unit)
    top = max(values, default=0.0) / divisor or 1.0
    per_unit = (HEIGHT - TOP - BOTTOM) / top
    slot = (WIDTH - 2 * SIDE) / max(len(points), 1)
    bar_width = min(MAX_BAR, slot * 0.36)
    dense = len(points) > DENSE_AFTER
    bars: list[Bar] = []
    ticks: list[Tick] = []
    for index, point in enumerate(points):
        centre = SIDE + slot * (index + 0.5)
        ticks.append(Tick(round(centre, 1), str(point.year) if dense else f"{point.year}年"))
        if point.actual is not None:
            note = f"{point.year}年 实际 {fmt_number(point.actual / divisor)}{shown_unit}：{point.actual_text}"
            bars.append(_bar("actual", point.actual, centre - bar_width - 1, bar_width, (divisor, per_unit), note,
                             point.actual_url))
        if point.target is not None:
            note = f"{point.year}年 目标 {fmt_number(point.target / divisor)}{shown_unit}：{point.target_text}"
            bars.append(_bar("target", point.target, centre + 1, bar_width, (divisor, per_unit), note,
                             point.target_url))
    return SeriesChart(title, shown_unit, bars, ticks, dense)


@dataclass(frozen=True, slots=True)
class RankedBar:
    """One bureau in a sorted comparison: CSS bar width in percent of the largest value."""

    source_id: str
    bureau: str
    value: float | None
    value_text: str
    percent: float
    claims: list[str]
    target_text: str
    text: str = ""          # the sentence the value came from
    url: str | None = None  # the document it is in


def ranked_bars(rows: list[RankedBar]) -> list[RankedBar]:
    """Largest first, bureaus without a stated value (only a rank claim) last; ties by name."""
    largest = max((r.value for r in rows if r.value is not None), default=0.0)
    sized = [replace(r, percent=round(100.0 * r.value / largest, 1) if r.value is not None and largest > 0 else 0.0)
             for r in rows]
    return sorted(sized, key=lambda r: (r.value is None, -(r.value or 0.0), r.bureau, r.source_id))
