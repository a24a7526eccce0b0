"""A rounded restatement of a figure (a headline's 46亿元 of the body's 46.34亿元) is one record.

Corpus decision 12 and INDICATORS.md §5 (one record per distinct fact): of two values of one
metric, measure and year within 2 % of each other, the rounder one only restates the other.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict

from parsing.records import IndicatorRecord

_CLOSE = 0.02


def _roundness(value: float) -> int:
    """Trailing zeros of the value's integer digits (460000 → 4, 463400 → 2)."""
    digits = f"{abs(value):.6f}".rstrip("0").rstrip(".")
    if "." in digits:
        return -len(digits.split(".")[1])
    return len(digits) - len(digits.rstrip("0"))


def _key(record: IndicatorRecord) -> tuple[object, ...]:
    return (record.kind, record.metric, record.measure, record.year, record.unit)


def _rounds_one_of(value: float, values: list[float]) -> bool:
    """Whether a less round value lies within 2 % of `value` (values sorted)."""
    low, high = value * (1 - _CLOSE), value * (1 + _CLOSE)
    for other in values[bisect_left(values, low) : bisect_right(values, high)]:
        if other != value and _roundness(value) > _roundness(other):
            return True
    return False


_ABOVE = re.compile(r"(?:突破|首破|破|超过|超|逾|过)(?:了)?[\d.]+[^\d]{0,3}$")
_BELOW = re.compile(r"(?:接近|将近|近)(?:了)?[\d.]+[^\d]{0,3}$")
_BOUND_REACH = 0.25


def _bound_of_one(record: IndicatorRecord, values: list[float]) -> bool:
    """首破100亿元，达108.6亿元 / 接近百亿元（98.2亿元）: a round bound the exact figure restates."""
    value = record.value or 0.0
    if record.kind != "actual":
        return False  # 确保突破1万家，力争1.05万家: a goal's floor and its aim are two goals
    if _ABOVE.search(record.text):
        low, high = value, value * (1 + _BOUND_REACH)
    elif _BELOW.search(record.text):
        low, high = value * (1 - _BOUND_REACH), value
    else:
        return False
    return any(other != value and _roundness(value) > _roundness(other)
               for other in values[bisect_left(values, low) : bisect_right(values, high)])


def drop_rounded_restatements(records: list[IndicatorRecord]) -> list[IndicatorRecord]:
    """The records without those that round another of the same fact."""
    groups: dict[tuple[object, ...], list[float]] = defaultdict(list)
    for record in records:
        if record.kind in ("actual", "target") and record.measure == "level" and record.value:
            groups[_key(record)].append(record.value)
    for values in groups.values():
        values.sort()
    return [r for r in records if not (r.value and _key(r) in groups and r.value > 0
                                      and (_rounds_one_of(r.value, groups[_key(r)])
                                           or _bound_of_one(r, groups[_key(r)])))]
