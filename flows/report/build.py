"""Render the static site: index, one page per bureau and per metric, bundled stylesheet.

Output depends on the warehouse only (no generation time, sorted everything), and files
whose bytes did not change are not rewritten, so an rsync or a file share sees no churn.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from flows.report import formatting
from flows.report.bureau_page import bureau_context
from flows.report.data import Snapshot, by_source, load_snapshot
from flows.report.index_page import index_context
from flows.report.metric_page import metric_context, metrics_with_values

PAGE_DIRS = ("bureau", "metric")


def environment() -> Environment:
    """Autoescaping on: titles and sentences come from crawled government pages."""
    env = Environment(loader=PackageLoader("flows.report", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters.update(number=formatting.fmt_number, value=formatting.format_value,
                       date=formatting.fmt_date, datetime=formatting.fmt_datetime, slug=formatting.slug,
                       link=formatting.link_target)
    return env


def write_if_changed(path: Path, data: bytes) -> Path:
    """Leave an identical file alone so its mtime tells when the content last changed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)
    return path


def copy_static(out: Path) -> list[Path]:
    written = []
    folder = resources.files("flows.report").joinpath("static")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_file() and not entry.name.startswith("."):
            written.append(write_if_changed(out / "static" / entry.name, entry.read_bytes()))
    return written


def remove_stale(out: Path, written: list[Path]) -> None:
    """A bureau or metric that left the warehouse must not keep a page with old figures."""
    keep = {p.resolve() for p in written}
    for folder in PAGE_DIRS:
        for page in sorted((out / folder).glob("*.html")):
            if page.resolve() not in keep:
                page.unlink()


# Every page's header links each bureau only while they are few: 3,000 bureaus' links on each
# of 3,000 pages made the report quadratic (107 s of a 294 s unchanged run, bench/scale.py);
# past this many the header links the index's bureau table instead.
NAV_LIMIT = 30


def _common(snap: Snapshot, root: str, nav: list[dict[str, str]]) -> dict[str, Any]:
    """Variables of the base layout: relative root for links, the data's own date."""
    return {"root": root, "as_of": formatting.fmt_datetime(snap.as_of), "bureaus_nav": nav,
            "bureau_count": len(snap.bureaus)}


def _nav(snap: Snapshot) -> list[dict[str, str]]:
    if len(snap.bureaus) > NAV_LIMIT:
        return []
    return [{"bureau": b["bureau"], "slug": formatting.slug(b["source_id"])} for b in snap.bureaus]


def render_pages(snap: Snapshot) -> dict[str, str]:
    """Relative file name → HTML for every page of the site."""
    env = environment()
    nav = _nav(snap)
    metrics = metrics_with_values(snap.series)
    metric_pages = {m: f"metric/{formatting.slug(m)}.html" for m in metrics}
    pages = {"index.html": env.get_template("index.html.j2").render(
        **_common(snap, "", nav), **index_context(snap, metric_pages))}
    grouped = {name: by_source(getattr(snap, name)) for name in ("series", "targets", "rankings", "documents")}
    bureau_template = env.get_template("bureau.html.j2")
    for bureau in snap.bureaus:
        parts = {name: rows.get(bureau["source_id"], []) for name, rows in grouped.items()}
        context = bureau_context(bureau, parts, metric_pages)
        pages[f"bureau/{formatting.slug(bureau['source_id'])}.html"] = bureau_template.render(
            **_common(snap, "../", nav), **context)
    metric_template = env.get_template("metric.html.j2")
    parts = {"series": snap.series, "rankings": snap.rankings, "bureaus": snap.bureaus}
    for metric, name in metric_pages.items():
        pages[name] = metric_template.render(**_common(snap, "../", nav), **metric_context(metric, parts))
    return pages


def build_report(db: Path, out: Path) -> list[Path]:
    """Write the report for warehouse `db` into `out`; returns every file of the site, sorted."""
    snap = load_snapshot(db)
    written = copy_static(out)
    for name, html in render_pages(snap).items():
        written.append(write_if_changed(out / name, html.encode("utf-8")))
    remove_stale(out, written)
    return sorted(written)
