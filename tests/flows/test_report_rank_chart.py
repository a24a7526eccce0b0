"""Rankings over the years charted per bureau (issue 20): rank 1 at the top of an inverted axis,
one line per metric and scope, each point citing the sentence that claims it."""

from __future__ import annotations

from typing import Any

import duckdb
import lxml.html
import pytest

from flows.report import build_report
from flows.report.rank_chart import rank_chart
from tests.flows.test_report_helpers import demo_warehouse

CITY = "demo-trs-city"


def _claim(year: int | None, position: int | None, text: str = "居全省第二位") -> dict[str, Any]:
    return {"year": year, "position": position, "text": text, "url": "https://kj.example.cn/a.html"}


def test_a_better_rank_is_drawn_higher() -> None:
    chart = rank_chart("技术合同成交额", "全省", [_claim(2022, 5), _claim(2023, 3), _claim(2024, 1)])
    assert chart is not None
    assert [p.rank for p in chart.points] == [5, 3, 1]
    ys = [p.y for p in chart.points]
    assert ys == sorted(ys, reverse=True)  # SVG y grows downwards: rank 1 has the smallest y
    assert [label for _, label in chart.axis] == ["第1位", "第3位", "第5位"]
    assert min(y for y, _ in chart.axis) == ys[-1]
    assert [x for x, _ in chart.ticks] == sorted(x for x, _ in chart.ticks)


def test_claims_without_a_position_or_year_are_left_to_the_table() -> None:
    assert rank_chart("多项指标", "全省", [_claim(2024, None, "位居全省前列"), _claim(None, 2)]) is None
    chart = rank_chart("综合实力", "全省", [_claim(2023, 2), _claim(2023, None, "稳居全省第一方阵"),
                                            _claim(2024, 4, "old"), _claim(2024, 2, "newer")])
    assert chart is not None
    assert [(p.year, p.rank, p.text) for p in chart.points] == [(2023, 2, "居全省第二位"), (2024, 2, "newer")]


def test_a_lone_first_place_sits_at_the_top_of_a_three_rank_axis() -> None:
    chart = rank_chart("科技型中小企业入库", "全省", [_claim(2024, 1)])
    assert chart is not None
    assert [label for _, label in chart.axis] == ["第1位", "第3位"]
    assert chart.points[0].y == chart.axis[0][0]


@pytest.mark.e2e
def test_bureau_page_charts_its_rankings_over_the_years(prefect_harness: None,
                                                       tmp_path_factory: pytest.TempPathFactory) -> None:
    db = demo_warehouse(tmp_path_factory)
    out = tmp_path_factory.mktemp("report-ranks")
    build_report(db, out)
    with duckdb.connect(str(db), read_only=True) as con:
        claims = con.execute("SELECT year, rank, document_url FROM rankings WHERE source_id = ? AND "
                             "metric = 'tech_contract_value' AND measure = 'level' AND scope = '全省' "
                             "AND rank IS NOT NULL ORDER BY year", [CITY]).fetchall()
    assert [(y, r) for y, r, _ in claims] == [(2023, 3), (2024, 2)]
    doc = lxml.html.fromstring((out / "bureau" / f"{CITY}.html").read_text(encoding="utf-8"))
    cards = doc.xpath("//section[@id='rankings']//figure[contains(@class, 'rank')]")
    assert len(cards) >= 3
    (card,) = [c for c in cards if c.get("data-title") == "技术合同成交额" and c.get("data-scope") == "全省"]
    points = card.xpath(".//svg[contains(@class, 'rank')]//g[@class='rank-point']")
    assert [(int(p.get("data-year")), int(p.get("data-rank"))) for p in points] == [(2023, 3), (2024, 2)]
    y_2023, y_2024 = (float(p.xpath("./circle/@cy")[0]) for p in points)
    assert y_2024 < y_2023  # moved up the table: drawn higher
    assert [p.xpath("parent::a/@href")[0] for p in points] == [url for _, _, url in claims]
    assert card.xpath(".//polyline[@class='rank-line']/@points")
