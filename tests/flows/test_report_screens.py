"""The report as a reader sees it on a desktop and on a phone (issue 20): screenshots of the index,
a bureau page and a metric page by headless Chromium, checked for horizontal overflow, missing
glyphs and empty charts. The PNGs are kept under the pytest tmp dir (`screens/`) to look at.

Skipped (with the reason) where Debian's `chromium` is not installed; CI installs it.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from flows.report import build_report
from tests.flows.test_report_helpers import NEEDS_CHROMIUM, Chromium, Page, demo_warehouse

pytestmark = [pytest.mark.e2e, NEEDS_CHROMIUM]
PAGES = ("index.html", "bureau/demo-trs-city.html", "bureau/demo-county-attach.html",
         "metric/tech_contract_value.html", "metric/hte_total.html")
# (name, width, height, mobile): a laptop and a common phone (390 × 844 CSS px), device scale 1.
SCREENS = (("desktop", 1280, 900, False), ("phone", 390, 844, True))
CSS = Path(__file__).resolve().parents[2] / "flows" / "report" / "static" / "report.css"


@pytest.fixture(scope="module")
def site(prefect_harness: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report-screens")
    build_report(demo_warehouse(tmp_path_factory), out)
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    with Chromium(tmp_path_factory.mktemp("chromium-screens")) as running:
        yield running


def _show(browser: Chromium, site: Path, name: str, screen: tuple[str, int, int, bool]) -> Page:
    """The page laid out at the screen's size, its full-length screenshot saved beside the site."""
    label, width, height, mobile = screen
    page = browser.open((site / name).resolve().as_uri())
    page.resize(width, height, mobile)
    shot = site.parent / "screens" / f"{label}-{name.replace('/', '-').removesuffix('.html')}.png"
    shot.parent.mkdir(exist_ok=True)
    shot.write_bytes(page.screenshot())
    return page


# Elements whose right edge passes the viewport, innermost first: what to fix when overflow is found.
_OVERFLOWING = """((edge) => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > edge + 0.5
               && ![...e.children].some(c => c.getBoundingClientRect().right > edge + 0.5))
  .slice(0, 12).map(e => e.tagName.toLowerCase() + '.' + e.className + ' ' + (e.textContent || '').trim().slice(0, 12)
                    + ' → ' + Math.round(e.getBoundingClientRect().right)))(%d)"""


@pytest.mark.parametrize("screen", SCREENS, ids=[s[0] for s in SCREENS])
def test_no_page_scrolls_sideways(site: Path, browser: Chromium, screen: tuple[str, int, int, bool]) -> None:
    """A phone's layout viewport widens to fit content wider than the device (the page then shows
    zoomed out), so innerWidth must stay the device width and nothing may scroll past it; wide
    tables scroll inside their own box (`.scroll`), charts scale to the width."""
    for name in PAGES:
        page = _show(browser, site, name, screen)
        width, inner = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
        assert inner == screen[1], (name, page.evaluate(_OVERFLOWING % screen[1]))
        assert width <= inner, (name, page.evaluate(_OVERFLOWING % screen[1]))


# Every distinct character of the page's text with the font its element is drawn in (SVG text too).
_CHARACTERS = """(() => {
  const seen = new Map();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const style = getComputedStyle(node.parentElement);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const font = style.fontStyle + ' ' + style.fontWeight + ' 32px ' + style.fontFamily;
    for (const ch of node.textContent) if (ch.trim()) seen.set(font + '\\u0000' + ch, [font, ch]);
  }
  return [...seen.values()];
})()"""
# 1 when `ch` drawn in `font` gives the very pixels of U+FFFF (a non-character no font has: the
# missing-glyph box) in the same font, else 0.
_TOFU = """((pairs) => {
  const canvas = document.createElement('canvas'); canvas.width = 48; canvas.height = 48;
  const g = canvas.getContext('2d', {willReadFrequently: true});
  const draw = (font, ch) => { g.clearRect(0, 0, 48, 48); g.font = font; g.textBaseline = 'top';
    g.fillText(ch, 4, 4); return [g.measureText(ch).width, g.getImageData(0, 0, 48, 48).data.join()]; };
  return pairs.map(([font, ch]) => { const [w, px] = draw(font, ch); const [tw, tpx] = draw(font, '\\uffff');
    return w === tw && px === tpx ? ch : ''; }).filter(Boolean);
})"""


def _missing_glyphs(page: Page, pairs: list[list[str]]) -> list[str]:
    return list(page.evaluate(f"{_TOFU}({json.dumps(pairs)})"))


def test_every_character_has_a_glyph(site: Path, browser: Chromium) -> None:
    """Missing glyphs are found by drawing, not by asking: document.fonts.check() says only whether
    a font still has to load, and a computed font-family is what CSS asked for, not what was drawn.
    So each distinct character of the page is drawn on a canvas in its element's computed font and
    compared, width and pixels, with U+FFFF drawn in the same font: no font has a glyph for a
    non-character, so U+FFFF is exactly the box a missing glyph shows. A character that draws
    identically is tofu. The check is itself checked: an unassigned code point (U+0378) and a
    private-use one (U+10FFFD) must be found, plain 科 and 5 must not."""
    probe = browser.open((site / "index.html").resolve().as_uri())
    font = probe.evaluate("getComputedStyle(document.body).fontFamily")
    control = [[f"32px {font}", ch] for ch in ("\u0378", "\U0010fffd", "科", "5")]
    assert _missing_glyphs(probe, control) == ["\u0378", "\U0010fffd"]
    for name in PAGES:
        page = _show(browser, site, name, SCREENS[1])
        pairs = page.evaluate(_CHARACTERS)
        assert len(pairs) > 50, name
        assert _missing_glyphs(page, pairs) == [], name


def _fallback_list() -> list[str]:
    """The font families the stylesheet names for the report's text, in order."""
    match = re.search(r":root\s*{[^}]*?font-family:\s*([^;]+);", CSS.read_text(encoding="utf-8"))
    assert match is not None
    return [f.strip().strip('"') for f in match.group(1).split(",")]


def test_text_is_drawn_in_a_listed_cjk_font(site: Path, browser: Chromium) -> None:
    """The stylesheet ships a CJK fallback list (Windows, macOS and Linux names) and the text is
    drawn in one of them: DevTools' CSS.getPlatformFontsForNode names the fonts Chromium really
    used for an element's own text, so a silent fallback to some other system font shows."""
    families = _fallback_list()
    assert families[:5] == ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
                            "WenQuanYi Micro Hei"]
    assert families[-1] == "sans-serif"
    for name in PAGES:
        page = _show(browser, site, name, SCREENS[1])
        used = page.platform_fonts("h1, h2, td, th, p, a, figcaption, svg text, summary, footer")
        assert used, name
        strays = {f for fonts in used for f in fonts if f not in families}
        assert strays == set(), name


def _inked(png: bytes, background: tuple[int, int, int] = (255, 255, 255), tolerance: int = 24) -> int:
    """Pixels clearly unlike the background: bars, labels, axes."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    counts = image.getcolors(maxcolors=image.width * image.height) or []
    return sum(n for n, px in counts
               if isinstance(px, tuple) and max(abs(a - b) for a, b in zip(px, background, strict=True)) > tolerance)


_BOXES = """[...document.querySelectorAll(%s)].map(e => { const r = e.getBoundingClientRect();
  return {x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height}; })"""


@pytest.mark.parametrize("screen", SCREENS, ids=[s[0] for s in SCREENS])
def test_no_chart_is_empty(site: Path, browser: Chromium, screen: tuple[str, int, int, bool]) -> None:
    """Every chart has drawn bars at either width: its box is on screen, inside the viewport, and
    holds a good share of non-background pixels (a chart with only its axis would not)."""
    charts = {"bureau/demo-trs-city.html": "figure[data-metric] svg.chart",
              "bureau/demo-county-attach.html": "figure[data-metric] svg.chart",
              "metric/tech_contract_value.html": "table.bars .barwrap"}
    for name, selector in charts.items():
        page = _show(browser, site, name, screen)
        boxes = page.evaluate(_BOXES % json.dumps(selector))
        assert boxes, name
        for box in boxes:
            assert min(box["width"], box["height"]) > 0, (name, box)
            assert box["x"] + box["width"] <= screen[1] + 0.5, (name, box)
            ink = _inked(page.screenshot(box))
            assert ink >= 0.02 * box["width"] * box["height"], (name, box, ink)


def _blue(png: bytes, colour: tuple[int, int, int] = (37, 99, 168), tolerance: int = 16) -> int:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    counts = image.getcolors(maxcolors=image.width * image.height) or []
    return sum(n for n, px in counts
               if isinstance(px, tuple) and max(abs(a - b) for a, b in zip(px, colour, strict=True)) <= tolerance)


@pytest.mark.parametrize("screen", SCREENS, ids=[s[0] for s in SCREENS])
def test_rank_charts_draw_their_points(site: Path, browser: Chromium, screen: tuple[str, int, int, bool]) -> None:
    """A rank chart may hold a single year: each of its points (a filled circle of the actual blue)
    must be on screen, so the blue pixels grow with the number of points."""
    page = _show(browser, site, "bureau/demo-trs-city.html", screen)
    charts = page.evaluate(_BOXES % json.dumps("svg.chart.rank"))
    points = page.evaluate("[...document.querySelectorAll('svg.chart.rank')]"
                           ".map(s => s.querySelectorAll('circle').length)")
    assert len(charts) >= 3
    for box, count in zip(charts, points, strict=True):
        assert count >= 1
        assert box["x"] + box["width"] <= screen[1] + 0.5, box
        assert _blue(page.screenshot(box)) >= 40 * count, box
