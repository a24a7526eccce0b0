"""Alert texts in Chinese, from Jinja2 templates in `alerts/templates/`.

An alert's body is stored once, as short markdown lines (`- 单位：…`); each channel
style (bot markdown, e-mail HTML, plain text) is rendered from those lines at send
time, so the warehouse holds one text and every channel reads naturally.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from alerts.grouping import bureau_blocks
from alerts.labels import format_value, kind_label, measure_label, metric_label
from alerts.model import Alert
from alerts.render_text import URL_PATTERN as _URL
from alerts.render_text import body_lines, clip, md_escape, md_url, web_url

__all__ = ["STYLES", "body_lines", "clip", "html_links", "md_links", "rank_move", "render_alert", "render_digest"]

STYLES = ("markdown", "html", "text")


def rank_move(previous: int | None, current: int | None) -> str:
    """上升 / 下降 with the number of places; empty when either rank is unknown or unchanged."""
    if previous is None or current is None or previous == current:
        return ""
    places = abs(previous - current)
    return f"上升{places}位" if current < previous else f"下降{places}位"


def md_links(text: str) -> str:
    """A crawled line as inert markdown whose bare URLs become links (WeCom does not link them itself)."""
    return md_escape(text, link_urls=True)


def html_links(text: str) -> Markup:
    """Escape a line and turn its URLs into anchors whose text is the URL (kept in the text part)."""
    parts, last = [], 0
    for match in _URL.finditer(text):
        url = match.group(0)
        parts += [escape(text[last:match.start()]), Markup('<a href="{0}">{0}</a>').format(url)]
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("alerts", "templates"), undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False, default=False),
        keep_trailing_newline=False, trim_blocks=False,
    )
    env.globals.update(kind_label=kind_label, metric_label=metric_label, measure_label=measure_label,
                       format_value=format_value, rank_move=rank_move)
    env.filters.update(clip=clip, body_lines=body_lines, md_links=md_links, html_links=html_links, md_url=md_url,
                       md_text=md_text, web_url=web_url)
    return env


def render_alert(kind: str, key: str, source_id: str, bureau: str, document_id: str | None,
                 url: str | None, **context: Any) -> Alert:
    env = _environment()
    values = {"kind": kind, "bureau": bureau, "url": url, "previous": None, "fact": None,
              "document": None, **context}
    title = env.get_template("alert_title.j2").render(values).strip()
    body = env.get_template("alert_body.md.j2").render(values).strip()
    return Alert(kind=kind, key=key, source_id=source_id, bureau=bureau, document_id=document_id,
                 title=title, body=body, url=url)


def md_text(text: str) -> str:
    """Crawled text as inert markdown: it cannot close a link early, open one, embolden or head a line."""
    return md_escape(text)


def render_digest(alerts: Sequence[Any], style: str = "markdown", lone_body: bool = False,
                  heading: str | None = None) -> str:
    """One message for many alerts: bureau → document → one line per fact (`alerts.grouping`).
    `alerts` need title, body, bureau (document fields optional). With `lone_body`, a single
    alert renders without the bureau heading (its title, the message's, names it); `heading`
    replaces the count line, so a part of a longer message can say where it stands."""
    if style not in STYLES:
        raise ValueError(f"unknown message style {style!r}")
    template = {"markdown": "digest.md.j2", "html": "digest.html.j2", "text": "digest.txt.j2"}[style]
    return _environment().get_template(template).render(
        bureaus=bureau_blocks(alerts), lone=lone_body and len(alerts) == 1,
        heading=heading or f"kjwatch 科技局监测：本次共 {len(alerts)} 条提醒").strip()
