"""Refuse malformed indicator records before they reach the table, with a reason.

A record the extractor got wrong must not be half-inserted or abort the whole load;
it is set aside in `rejected_records` and the rest of the document loads.
"""

from __future__ import annotations

import math

from parsing.records import IndicatorRecord

KINDS = frozenset({"actual", "target", "ranking"})
MEASURES = frozenset({"level", "yoy_growth", "change", "completion"})


def rejection_reason(record: IndicatorRecord) -> str | None:
    """Why a record cannot be stored, or None when it is fine."""
    if record.kind not in KINDS:
        return f"unknown kind {record.kind!r}"
    if record.measure not in MEASURES:
        return f"unknown measure {record.measure!r}"
    if not record.metric or not isinstance(record.metric, str):
        return "empty metric"
    if record.kind == "ranking":
        if record.rank is not None and (not isinstance(record.rank, int) or record.rank < 1):
            return f"rank {record.rank!r} is not a positive integer"
        return None
    if record.value is None or not isinstance(record.value, int | float) or not math.isfinite(record.value):
        return f"value {record.value!r} is not a finite number"
    if record.year is not None and not 1949 <= record.year <= 2100:
        return f"year {record.year!r} is out of range"
    return None
