from __future__ import annotations

import pytest

from spiders.sources import SourcesError, parse_sources

GOOD = """
sources:
  - id: demo-city
    name: 临川市科学技术局
    level: city
    region: 某省临川市
    start_urls:
      - http://127.0.0.1:8000/index.html
    tags: [demo]
  - id: demo-county
    name: 青禾县科技局
    level: county
    start_urls: [http://127.0.0.1:8001/]
    max_pages: 20
    obey_robots: false
"""


def test_valid_file_gives_sources_with_defaults() -> None:
    city, county = parse_sources(GOOD)
    assert city.id == "demo-city"
    assert city.allowed_domains == ("127.0.0.1",)
    assert city.cms == "auto"
    assert city.max_pages == 200
    assert city.tags == ("demo",)
    assert county.max_pages == 20
    assert county.obey_robots is False
    assert city.render == "auto"


def test_render_hint_survives_the_trip_to_the_spider() -> None:
    """`render: browser` travels as JSON to the crawl subprocess (Source.to_dict / from_dict)."""
    (city, _) = parse_sources(GOOD.replace("    tags: [demo]\n", "    tags: [demo]\n    render: browser\n"))
    assert city.render == "browser"
    assert type(city).from_dict(city.to_dict()) == city


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (GOOD.replace("level: county", "level: town"), "source #2 (line 10): field 'level'"),
        (GOOD.replace("id: demo-county", "id: demo-city"), "'demo-city' is used twice"),
        (GOOD.replace("id: demo-county", "id: Demo_County"), "may contain only"),
        (GOOD.replace("http://127.0.0.1:8001/", "not-a-url"), "malformed URL 'not-a-url'"),
        (GOOD.replace("    name: 青禾县科技局\n", ""), "field 'name' is required"),
        (GOOD.replace("max_pages: 20", "max_pages: many"), "field 'max_pages'"),
        (GOOD.replace("max_pages: 20", "render: chrome"), "field 'render' 'chrome' is not one of auto, browser, plain"),
        ("sources: [", "not valid YAML"),
        ("bureaus: []", "top-level 'sources:'"),
    ],
)
def test_malformed_file_is_rejected_naming_the_field(broken: str, expected: str) -> None:
    with pytest.raises(SourcesError, match=r"^sources\.yaml") as info:
        parse_sources(broken, "sources.yaml")
    assert expected in str(info.value)
