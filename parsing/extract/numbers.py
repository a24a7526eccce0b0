"""Numerals as written in reports → floats.

Arabic digits are easy; Chinese numerals go through `cn2an`, which mishandles a
few everyday forms: it rejects 两 in strict mode (两百, 两千) and reads a
two-digit range such as 两三 or 三四 as one number (23, 34).  Those cases are
handled here before cn2an sees the string.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import cn2an

from parsing.extract.memo import text_cache

CN_DIGITS = "零〇一二两三四五六七八九"
CN_NUMERAL_TAIL = r"[零〇一二两三四五六七八九十百千万]*"
CN_NUMERAL = r"[一二两三四五六七八九十]" + CN_NUMERAL_TAIL
_DIGIT_VALUE = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_RANGE = re.compile(r"^([一二两三四五六七八九])([一二三四五六七八九])$")
_RANGE_TENS = re.compile(r"^([一二两三四五六七八九])([一二三四五六七八九])(十|百|千|万)$")
_MULTIPLIER = {"十": 10, "百": 100, "千": 1000, "万": 10000}


class Numeral(NamedTuple):
    value: float
    approx: bool


def parse_arabic(text: str) -> float | None:
    """Digits with an optional decimal part; separators are removed upstream."""
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def _range_value(text: str) -> Numeral | None:
    """两三 / 三四十: a spoken range keeps its first number and is approximate."""
    match = _RANGE.match(text)
    if match and _DIGIT_VALUE[match.group(2)] == _DIGIT_VALUE[match.group(1)] + 1:
        return Numeral(float(_DIGIT_VALUE[match.group(1)]), True)
    match = _RANGE_TENS.match(text)
    if match and _DIGIT_VALUE[match.group(2)] == _DIGIT_VALUE[match.group(1)] + 1:
        return Numeral(float(_DIGIT_VALUE[match.group(1)] * _MULTIPLIER[match.group(3)]), True)
    return None


@text_cache(maxsize=4096)
def parse_chinese(text: str) -> Numeral | None:
    """A Chinese numeral, or None when it is no well-formed number (十四五, 三十三百)."""
    ranged = _range_value(text)
    if ranged is not None:
        return ranged
    try:
        value = cn2an.cn2an(text.replace("两", "二").replace("〇", "零"), "strict")
    except (ValueError, KeyError, IndexError):
        return None
    return Numeral(float(value), False)


def parse_numeral(text: str) -> Numeral | None:
    """Arabic or Chinese, whichever the text is."""
    if text[:1].isdigit():
        value = parse_arabic(text)
        return None if value is None else Numeral(value, False)
    return parse_chinese(text)


def parse_rank(text: str) -> int | None:
    """The ordinal in 第一 / 第12 / 首位."""
    if text in ("首", "首位", "榜首"):
        return 1
    numeral = parse_numeral(text)
    if numeral is None or numeral.approx or numeral.value < 1:
        return None
    return int(numeral.value)
