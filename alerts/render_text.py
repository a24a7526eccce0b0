"""Plain-text helpers shared by the renderer and the grouping of alerts (no templates here)."""

from __future__ import annotations

import re

URL_PATTERN = re.compile(r"https?://[^\s<>\"“”（）]+")


def clip(text: str | None, limit: int) -> str:
    """Sentences from extraction can run to a page; a message needs the gist, not all of it."""
    text = (text or "").strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def body_lines(body: str) -> list[str]:
    """The facts of a stored body, without their list marks (or heading marks of a stored digest)."""
    lines = (line.strip().removeprefix("- ").lstrip("#").strip() for line in body.splitlines())
    return [line for line in lines if line]
