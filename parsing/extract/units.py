"""Written units → the normalised units of INDICATORS.md §4.

Money is always reported in 万元 (18亿元 → 180000), percentages in %, percentage
points in pp, and counts keep their noun (名/位 count people, so they become 人).
"""

from __future__ import annotations

MONEY = "万元"
DOLLARS = "万美元"  # 实际利用外资1亿美元: foreign currency keeps its own unit, scaled like 元
PERCENT = "%"
POINTS = "pp"

# Longest first: the mention regex tries them in this order.
UNIT_WORDS = (
    "个百分点", "百分点", "台（套）", "人年", "人次", "场次", "台套", "美元",
    "%", "元", "家", "项", "人", "名", "位", "次", "个", "场", "笔", "所", "件", "篇", "单",
    "处", "套", "台", "份", "户", "间",
)
_UNIT_ALIASES = {
    "个百分点": POINTS, "百分点": POINTS, "名": "人", "位": "人", "台（套）": "台套", "户": "家",
    "间": "家",  # 9間企業: the Cantonese classifier for firms
}
_MONEY_FACTOR = {"": 1e-4, "千": 0.1, "万": 1.0, "百万": 100.0, "千万": 1000.0, "亿": 1e4, "万亿": 1e8}
_COUNT_FACTOR = {"": 1.0, "千": 1e3, "万": 1e4, "百万": 1e6, "千万": 1e7, "亿": 1e8, "万亿": 1e12}


def normalise(value: float, multiplier: str, unit_word: str) -> tuple[float, str]:
    """Scale the value by its written multiplier and name its normalised unit."""
    if unit_word == "元":
        return round(value * _MONEY_FACTOR[multiplier], 6), MONEY
    if unit_word == "美元":
        return round(value * _MONEY_FACTOR[multiplier], 6), DOLLARS
    unit = _UNIT_ALIASES.get(unit_word, unit_word)
    if unit in (PERCENT, POINTS):
        return value, unit
    return round(value * _COUNT_FACTOR[multiplier], 6), unit


def is_count(unit: str) -> bool:
    """Counts are everything that is neither money nor a ratio."""
    return unit not in (MONEY, DOLLARS, PERCENT, POINTS)
