"""Every figure of the report links to its source document and shows the sentence it came from
(issue 20), checked on the report of the demo warehouse against the warehouse itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import lxml.html
import pytest

from flows.report import build_report
from tests.flows.test_report_helpers import demo_warehouse

pytestmark = pytest.mark.e2e
BUREAUS = ("demo-trs-city", "demo-county-attach")


@pytest.fixture(scope="module")
def db(prefect_harness: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_warehouse(tmp_path_factory)


@pytest.fixture(scope="module")
def site(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report-sources")
    build_report(db, out)
    return out


def _sentences(db: Path) -> dict[str, set[str]]:
    """Document URL → the snippets (indicators.text) of its indicators."""
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT d.url, i.text FROM indicators i JOIN documents d ON d.id = i.document_id "
                           "WHERE i.text IS NOT NULL").fetchall()
    found: dict[str, set[str]] = {}
    for url, text in rows:
        found.setdefault(url, set()).add(" ".join(text.split()))
    return found


def _page(site: Path, name: str) -> Any:
    return lxml.html.fromstring((site / name).read_text(encoding="utf-8"))


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())


def _quotes_its_document(shown: str, url: str, sentences: dict[str, set[str]]) -> bool:
    return any(snippet and snippet in shown for snippet in sentences.get(url, ()))


@pytest.mark.parametrize("bureau", BUREAUS)
def test_every_chart_bar_links_its_document_and_quotes_it(db: Path, site: Path, bureau: str) -> None:
    sentences = _sentences(db)
    doc = _page(site, f"bureau/{bureau}.html")
    cards = doc.xpath("//figure[@data-metric]")
    assert cards
    for card in cards:
        bars = card.xpath(".//svg//g[@data-kind]")
        assert bars, card.get("data-metric")
        for bar in bars:
            (href,) = bar.xpath("parent::a/@href")
            (title,) = bar.xpath("./title")
            assert href in sentences, (card.get("data-metric"), href)
            assert _quotes_its_document(_text(title), href, sentences), _text(title)
        notes = card.xpath(".//p[contains(@class, 'notes')]//*[contains(@class, 'cited')]")
        listed = card.xpath(".//details[contains(@class, 'sources')]//li")
        assert len(listed) == len(bars) + len(notes)
        for item in listed:
            (href,) = item.xpath(".//a/@href")
            assert _quotes_its_document(_text(item), href, sentences), _text(item)
        for note in notes:
            assert note.get("href") in sentences
            assert _quotes_its_document(note.get("title", ""), note.get("href"), sentences), _text(note)


def test_every_compared_value_links_its_document_and_quotes_it(db: Path, site: Path) -> None:
    sentences = _sentences(db)
    pages = sorted(p.name for p in (site / "metric").glob("*.html"))
    assert len(pages) > 3
    checked = 0
    for name in pages:
        doc = _page(site, f"metric/{name}")
        for row in doc.xpath("//table[contains(@class, 'bars')]/tbody/tr"):
            if not _text(row.xpath("./td")[0]):  # no value, only a rank claim: nothing to cite
                continue
            (link,) = row.xpath(".//span[@class='value']/a[contains(@class, 'cited')]")
            href = link.get("href")
            assert href in sentences, (name, href)
            assert _quotes_its_document(link.get("title", ""), href, sentences), (name, _text(row))
            (source,) = row.xpath(".//details[contains(@class, 'source')]")
            assert _quotes_its_document(_text(source), href, sentences), (name, _text(source))
            assert source.xpath(".//a/@href") == [href]
            checked += 1
    assert checked >= 5


def test_every_rank_point_links_the_claim_it_charts(db: Path, site: Path) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        claims = {(url, " ".join(text.split())) for url, text in con.execute(
            "SELECT document_url, text FROM rankings WHERE rank IS NOT NULL").fetchall()}
    charted = "//svg[contains(@class, 'rank')]//g[@class='rank-point']"
    points = [p for bureau in BUREAUS for p in _page(site, f"bureau/{bureau}.html").xpath(charted)]
    assert len(points) >= 5
    for point in points:
        (href,) = point.xpath("parent::a/@href")
        title = _text(point.xpath("./title")[0])
        assert any(url == href and text in title for url, text in claims), title
