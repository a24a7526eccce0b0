"""Which metrics one ranked position ranks when several figures came before it.

1.6件、120项，均居全省第三位 ranks both; so does a bare 居全国第9 right after the levels
of two metrics (corpus decision 10); 居全国第9、中部第2 ranks the same subjects twice.
"""

from __future__ import annotations

import re
from dataclasses import replace

from parsing.extract.clauses import clause_start
from parsing.extract.rankings import Position
from parsing.records import IndicatorRecord

_BOTH = re.compile(r"(?:均|都|分别)(?:位|居|排名|列|为|保持|稳居|位居|位列|居于)*$")


def each_ranked(text: str, position: Position, ranked: list[IndicatorRecord],
                 since: list[IndicatorRecord]) -> list[IndicatorRecord]:
    """1.6件、120项，均居全省第三位: one position after figures of several metrics ranks each."""
    start = clause_start(text, position.start)
    if len(ranked) != 1:
        return []
    if not _BOTH.search(text, start, position.start) and not _bare_after_levels(text, start, position, since):
        return []
    named = [r.metric for r in since if r.kind == "actual" and r.measure == "level"]
    others = list(dict.fromkeys(m for m in named if m != ranked[0].metric))
    return [replace(ranked[0], metric=metric) for metric in others]


_BARE_PLACE = re.compile(r"(?:位|居|排名|列|排|排在|位居|位列|名列|居于|稳居|跃居|继续|保持|始终)*")


def next_place(text: str, last_end: int, position: Position) -> bool:
    """Only a 、 or ， between the previous position and this one."""
    return 0 < last_end <= position.start and text[last_end : position.start].strip() in ("、", "，")


def _bare_after_levels(text: str, start: int, position: Position, since: list[IndicatorRecord]) -> bool:
    """研发经费投入达1283.9亿元，强度提升至2.57%，居全国第9: a bare position right after
    levels of several metrics (and no growth among them) ranks each (corpus decision 10)."""
    if not _BARE_PLACE.fullmatch(text, start, position.start):
        return False
    return all(r.kind == "actual" and r.measure == "level" for r in since) and len({r.metric for r in since}) > 1


def ranked_group(text: str, position: Position, last_end: int, ranked: list[IndicatorRecord],
                 since: list[IndicatorRecord], group_before: list[IndicatorRecord],
                 level_subjects: tuple[list[str], list[str]],
                 growth_subjects: tuple[list[str], list[str]] = ([], [])) -> list[IndicatorRecord]:
    """The records of one position: its own, one per further subject it ranks, or the
    previous position's subjects when it only adds a scope (、中部第2)."""
    if len(ranked) == 1 and next_place(text, last_end, position) and len(group_before) > 1:
        return [replace(r, rank=ranked[0].rank, scope=ranked[0].scope, text=ranked[0].text) for r in group_before]
    shared = shared_by_all(text, position, ranked, level_subjects, growth_subjects)
    return shared or ranked + each_ranked(text, position, ranked, since)


_ALL = re.compile(r"(?:均|都)(?:位|居|排名|列|为|保持|稳居|位居|位列|居于|处于|位于)*$")
# 以上各项指标均列…, 上述指标均居…: the figures of the sentences before.
_BACK = re.compile(r"(?:以上|上述|前述|这些|其余|其他)[^，。；\d]{0,8}?(?:指标|数据|数字)?")


def shared_by_all(text: str, position: Position, ranked: list[IndicatorRecord],
                  level_subjects: tuple[list[str], list[str]],
                  growth_subjects: tuple[list[str], list[str]] = ([], [])) -> list[IndicatorRecord]:
    """比重达69%，专利拥有量达106.7件，均位于同类开发区前列: 均 ranks every level figure of
    its sentence (of the sentences before, after 以上各项指标), those of no core metric too,
    and nothing else."""
    start = clause_start(text, position.start)
    if len(ranked) != 1 or not _ALL.search(text, start, position.start):
        return []
    if _GROWTHS_ALL.search(text, start, position.start):
        return _growths_ranked(ranked[0], growth_subjects, start == 0)
    back = _BACK.match(text, start)
    earlier, own = level_subjects
    subjects = list(dict.fromkeys(earlier + own if back else own))
    growths = list(dict.fromkeys(growth_subjects[1]))
    if not back and len(subjects) < 2 <= len(growths):  # 通过率(89.1%)、认定数增速(51.6%)以及总量增速均居…
        return ([replace(ranked[0], metric=metric, measure="level") for metric in subjects]
                + [replace(ranked[0], metric=metric, measure="yoy_growth") for metric in growths])
    if len(subjects) < 2 or (ranked[0].measure != "level" and not back):
        return []
    return [replace(ranked[0], metric=metric, measure="level") for metric in subjects]


_GROWTHS_ALL = re.compile(r"(?:增速|增幅|增长率|增长速度)" + _ALL.pattern)


def _growths_ranked(ranked: IndicatorRecord, growth_subjects: tuple[list[str], list[str]],
                    opens: bool) -> list[IndicatorRecord]:
    """增速均居全省第2位 ranks the growths of its sentence, or, opening a sentence of its own,
    those of the sentence before."""
    earlier, own = growth_subjects
    subjects = list(dict.fromkeys(own or (earlier if opens else [])))
    if len(subjects) < 2:
        return []
    return [replace(ranked, metric=metric, measure="yoy_growth") for metric in subjects]
