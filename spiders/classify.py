"""Is a title a bureau work report? Rules live in `data/title_rules.yaml`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class TitleRules:
    include: tuple[re.Pattern[str], ...]
    exclude: tuple[re.Pattern[str], ...]
    rescue: tuple[re.Pattern[str], ...] = ()
    never: tuple[re.Pattern[str], ...] = ()
    year: re.Pattern[str] = re.compile(r"(19|20)\d{2}|年度")
    min_length: int = 8


def _patterns(data: dict[str, Any], key: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in data.get(key) or ())


@cache
def title_rules() -> TitleRules:
    text = resources.files("spiders").joinpath("data", "title_rules.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return TitleRules(
        include=_patterns(data, "include"), exclude=_patterns(data, "exclude"),
        rescue=_patterns(data, "rescue"), never=_patterns(data, "never"),
        year=re.compile(data.get("year") or r"(19|20)\d{2}"), min_length=int(data.get("min_length", 8)),
    )


def normalise_title(title: str) -> str:
    """Strip whitespace, list bullets and file extensions that CMS templates wrap around titles."""
    text = re.sub(r"\s+", "", title or "").strip("·•-—>»[]【】")
    text = re.sub(r"\.{2,}$|…$", "", text)
    return re.sub(r"\.(pdf|docx?|wps|xlsx?|ofd)$", "", text, flags=re.IGNORECASE)


def _excluded(text: str, rules: TitleRules) -> bool:
    """An exclude wins unless a rescue (印发…工作要点) applies and no `never` pattern does."""
    if any(p.search(text) for p in rules.never):
        return True
    if not any(p.search(text) for p in rules.exclude):
        return False
    return not any(p.search(text) for p in rules.rescue)


def is_report_title(title: str) -> bool:
    text = normalise_title(title)
    if not text:
        return False
    rules = title_rules()
    if not any(p.search(text) for p in rules.include) or _excluded(text, rules):
        return False
    # A bare column label (工作总结, 计划总结) is navigation, not a report.
    return bool(rules.year.search(text)) or len(text) >= rules.min_length
