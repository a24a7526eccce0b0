"""Alerts arranged as a reader scans them: bureau → document → kind, each named once.

A run's first crawl of a bureau can raise dozens of alerts about one report; sent
one by one (or in arbitrary order) they repeat the bureau and the link in every
item and tear a report apart from its targets. Here they become blocks: a bureau
heading, under it one block per document (its title, linked), then one line per
fact without the bureau or document lines the headings already say.

The document is read from the alert's own fields when the outbox gives them, else
from its stored lines (`标题：`/`链接：` of a new report, `来源：title URL` of a
fact), so the items of a stored digest group the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from alerts.render_text import URL_PATTERN, body_lines, clip

# new reports first, then what they set (targets), what they measure, how they rank, then the source itself
KIND_ORDER = ("new_document", "new_target", "target_revised", "target_met", "new_ranking", "ranking_changed",
              "source_failing")
KIND_MARKS = ("新报告", "新目标", "目标调整", "目标达成", "新排名", "排名变化", "来源异常")  # labels, same order
QUOTE_LIMIT = 120  # a message line needs the gist of the sentence; the stored body keeps 300 characters
_MARK = re.compile(r"^【([^】]+)】")
_HEADING_LABELS = ("单位", "发布单位", "标题", "链接")


@dataclass(frozen=True, slots=True)
class DocumentBlock:
    """One document's alerts; `title` and `url` None for alerts about the bureau itself."""

    title: str | None
    url: str | None
    lines: tuple[str, ...]
    alerts: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class BureauBlock:
    name: str
    documents: tuple[DocumentBlock, ...]
    report_url: str | None = None  # the bureau's page of the report, when the outbox knows it


def bureau_name(alert: Any) -> str:
    return " ".join(str(alert.bureau or "").split()) or "（未知单位）"


def document_of(alert: Any) -> tuple[str | None, str | None]:
    """(title, url) of the document an alert is about, from its fields or its stored lines."""
    title, url = getattr(alert, "document_title", None), getattr(alert, "url", None)
    for line in body_lines(alert.body):
        label, _, value = line.partition("：")
        found = URL_PATTERN.search(value)
        if label == "标题" and not title:
            title = value.strip()
        elif label == "链接" and found and not url:
            url = found.group(0)
        elif label == "来源" and found:
            url = url or found.group(0)
            title = title or value[:found.start()].strip() or None
    return (title or None), (url or None)


def kind_rank(alert: Any) -> int:
    """Position in KIND_ORDER, from the alert's kind or the 【mark】 of its title; unknown kinds last."""
    kind = getattr(alert, "kind", None)
    if kind in KIND_ORDER:
        return KIND_ORDER.index(kind)
    mark = _MARK.match(alert.title or "")
    if mark and mark.group(1) in KIND_MARKS:
        return KIND_MARKS.index(mark.group(1))
    return len(KIND_ORDER)


def _repeats_heading(line: str, bureau: str) -> bool:
    label, _, value = line.partition("：")
    if label in _HEADING_LABELS:
        return True
    return label == "来源" and (bool(URL_PATTERN.search(value)) or value.strip() in ("", bureau))


def _shorten(line: str) -> str:
    label, sep, value = line.partition("：")
    if label != "原文" or not sep:
        return line
    inner = value.strip().removeprefix("“").removesuffix("”")
    return f"原文：“{clip(inner, QUOTE_LIMIT)}”"


def fact_line(alert: Any) -> str:
    """The alert as one line: its 【kind】 mark and its facts, without bureau, title or link."""
    bureau = bureau_name(alert)
    mark = _MARK.match(alert.title or "")
    facts = [_shorten(line) for line in body_lines(alert.body) if not _repeats_heading(line, bureau)]
    if not facts:  # nothing beyond the headings: the title says it, minus what the headings say
        rest = (alert.title or "")[mark.end() if mark else 0:]
        facts = [rest.replace(str(alert.bureau or ""), "", 1).strip(" ：:") or (alert.title or "")]
    return (mark.group(0) if mark else "") + "；".join(facts)


def _document_order(published: date | None, first_seen: int, has_document: bool) -> tuple:
    """Newest report first, undated ones as they came; alerts about the bureau itself last."""
    return (not has_document, published is None, -(published.toordinal() if published else 0), first_seen)


def ordered(alerts: Sequence[Any]) -> list[Any]:
    """Alerts in reading order: bureau by name, documents newest first, kinds in KIND_ORDER."""
    first_seen: dict[tuple[str, str | None, str | None], int] = {}
    keys = []
    for position, alert in enumerate(alerts):
        title, url = document_of(alert)
        block = (bureau_name(alert), url, None if url else title)
        first_seen.setdefault(block, position)
        has_document = bool(url or title)
        doc = _document_order(getattr(alert, "published_at", None), first_seen[block], has_document)
        keys.append(((block[0], doc, kind_rank(alert), position), alert))
    return [alert for _, alert in sorted(keys, key=lambda pair: pair[0])]


def blocks(alerts: Sequence[Any]) -> list[list[Any]]:
    """Consecutive runs of one (bureau, document) in reading order: what a part should keep whole."""
    runs: list[list[Any]] = []
    last: tuple[str, str | None, str | None] | None = None
    for alert in ordered(alerts):
        title, url = document_of(alert)
        key = (bureau_name(alert), url, None if url else title)
        if key != last:
            runs.append([])
            last = key
        runs[-1].append(alert)
    return runs


def bureau_blocks(alerts: Sequence[Any]) -> list[BureauBlock]:
    """The headings and lines a message renders, in reading order."""
    grouped: dict[str, list[DocumentBlock]] = {}
    pages: dict[str, str | None] = {}
    for run in blocks(alerts):
        title, url = document_of(run[0])
        document = DocumentBlock(title, url, tuple(fact_line(a) for a in run), tuple(run))
        name = bureau_name(run[0])
        grouped.setdefault(name, []).append(document)
        pages[name] = pages.get(name) or next((a.report_url for a in run if getattr(a, "report_url", None)), None)
    return [BureauBlock(name, tuple(documents), pages[name]) for name, documents in grouped.items()]
