"""Alert texts in Chinese, from Jinja2 templates in `alerts/templates/`."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from alerts.labels import format_value, kind_label, measure_label, metric_label
from alerts.model import Alert


@cache
def _environment() -> Environment:
    env = Environment(  # noqa: S701 - plain-text and markdown messages, not HTML
        loader=PackageLoader("alerts", "templates"), undefined=StrictUndefined,
        keep_trailing_newline=False, trim_blocks=False,
    )
    env.globals.update(kind_label=kind_label, metric_label=metric_label, measure_label=measure_label,
                       format_value=format_value)
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


def render_digest(alerts: Sequence[Any]) -> str:
    """One message for many alerts, grouped by bureau; `alerts` need title, body, bureau."""
    groups: dict[str, list[Any]] = {}
    for a in alerts:
        groups.setdefault(a.bureau, []).append(a)
    return _environment().get_template("digest.md.j2").render(
        alerts=alerts, groups=sorted(groups.items())).strip()
