"""Is a title a bureau work report? Rules live in `data/title_rules.yaml`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True, slots=True)
class TitleRules:
    include: tuple[re.Pattern[str], ...]
    exclude: tuple[re.Pattern[str], ...]


@cache
def title_rules() -> TitleRules:
    text = resources.files("spiders").joinpath("data", "title_rules.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return TitleRules(
        include=tuple(re.compile(p) for p in data["include"]),
        exclude=tuple(re.compile(p) for p in data["exclude"]),
    )


def normalise_title(title: str) -> str:
    """Strip whitespace and list punctuation that CMS templates wrap around titles."""
    return re.sub(r"\s+", "", title or "").strip("·•-—>»[]【】")


def is_report_title(title: str) -> bool:
    text = normalise_title(title)
    if not text:
        return False
    rules = title_rules()
    if any(p.search(text) for p in rules.exclude):
        # 印发 a report is the report itself, whatever else the title says.
        if not re.search(r"印发.*(工作总结|工作要点|工作计划)", text) or re.search(r"解读|模板", text):
            return False
    return any(p.search(text) for p in rules.include)
