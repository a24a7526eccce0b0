"""Rankings over the years of one bureau: a line per metric and scope, rank 1 at the top.

A rank is better the smaller it is, so the axis is inverted: a bureau moving up the
provincial table draws a line going up. A claim without a position (前列) has no point;
the table beside the chart still lists it. Geometry is computed here, drawn by the template.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

WIDTH, HEIGHT = 360.0, 150.0
TOP, BOTTOM, LEFT, RIGHT = 22.0, 28.0, 34.0, 14.0
MIN_SPAN = 3  # the axis shows at least ranks 1–3, so a lone 第1位 is not drawn in mid-air


@dataclass(frozen=True, slots=True)
class RankPoint:
    """One year's position; `url` and `text` cite the sentence that claims it."""

    year: int
    rank: int
    x: float
    y: float
    text: str
    url: str | None

    @property
    def label(self) -> str:
        return f"第{self.rank}位"


@dataclass(frozen=True, slots=True)
class RankChart:
    title: str
    scope: str
    points: list[RankPoint]
    axis: list[tuple[float, str]]   # (y, 第N位) marks on the inverted rank axis
    ticks: list[tuple[float, str]]  # (x, 2024年) marks under the years
    width: float = WIDTH
    height: float = HEIGHT

    @property
    def line(self) -> str:
        """The polyline through the points, oldest year first."""
        return " ".join(f"{p.x},{p.y}" for p in self.points)

    @property
    def baseline(self) -> float:
        return HEIGHT - BOTTOM


def rank_y(rank: int, worst: int) -> float:
    """Rank 1 at the top edge of the plot, `worst` at the bottom."""
    span = max(worst, MIN_SPAN) - 1
    return round(TOP + (rank - 1) / span * (HEIGHT - TOP - BOTTOM), 1)


def _by_year(claims: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """The last positioned claim of each year (claims come oldest published first)."""
    latest: dict[int, dict[str, Any]] = {}
    for claim in claims:
        if claim["year"] is not None and claim["position"] is not None:
            latest[claim["year"]] = claim
    return dict(sorted(latest.items()))


def rank_chart(title: str, scope: str, claims: list[dict[str, Any]]) -> RankChart | None:
    """The chart of one ranking group (`bureau_page.ranking_groups`), None without a positioned claim."""
    years = _by_year(claims)
    if not years:
        return None
    worst = max(max(c["position"] for c in years.values()), MIN_SPAN)
    slot = (WIDTH - LEFT - RIGHT) / len(years)
    points = [RankPoint(year, claim["position"], round(LEFT + slot * (i + 0.5), 1), rank_y(claim["position"], worst),
                        claim["text"], claim["url"]) for i, (year, claim) in enumerate(years.items())]
    marks = sorted({1, worst, *(p.rank for p in points)})
    return RankChart(title, scope, points, [(rank_y(r, worst), f"第{r}位") for r in marks],
                     [(p.x, f"{p.year}年") for p in points])
