"""Find every "number + unit" in a sentence, including redacted ones.

A redacted figure (XX家, X.X亿元, XX.XX%) still tells which metric a sentence is
about — a ranking after it must attach to that metric — so it is returned as a
mention without a value, and the caller emits no record for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsing.extract.firstchars import guard
from parsing.extract.numbers import CN_NUMERAL, parse_numeral
from parsing.extract.units import UNIT_WORDS, is_count, normalise

_UNITS = "|".join(re.escape(u) for u in UNIT_WORDS)
_MENTION = (
    r"(?P<prefix>超过|将近|接近|大约|逾|近|约)?"
    r"(?:(?<![\d.A-Za-z第零〇一二两三四五六七八九十百千万])(?P<num>\d+(?:\.\d+)?|" + CN_NUMERAL + r")"
    r"|(?<![A-Za-z])(?P<red>[Xx×*]+(?:\.[Xx×*]+)?))"
    r" ?(?P<a1>余|多)?(?P<mult>万亿|千万|百万|万|亿|千)?(?P<a2>余|多)?"
    r"(?P<unit>" + _UNITS + r")(?P<tail>以上|以下|左右|余|多)?"
)
MENTION = re.compile(guard(_MENTION) + _MENTION)
_QUOTES = frozenset("“\"《「『‘")
_NOUN_AFTER_THRESHOLD = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    value: float | None
    unit: str
    approx: bool
    threshold: bool

    @property
    def redacted(self) -> bool:
        return self.value is None


def _is_threshold(match: re.Match[str], sentence: str, unit: str) -> bool:
    """营业收入5000万元以上的企业: a qualifier of some entity, not a reported figure."""
    if match.group("tail") not in ("以上", "以下"):
        return False
    after = sentence[match.end() : match.end() + 1]
    return after == "的" or (not is_count(unit) and bool(_NOUN_AFTER_THRESHOLD.match(after)))


def _build(match: re.Match[str], sentence: str) -> Mention | None:
    """Turn one regex hit into a mention, or None when it is no quantity at all."""
    start = match.start("num") if match.group("num") else match.start("red")
    if start > 0 and sentence[start - 1] in _QUOTES:
        return None
    unit_word, multiplier = match.group("unit"), match.group("mult") or ""
    approx = bool(match.group("prefix") or match.group("a1") or match.group("a2"))
    approx = approx or match.group("tail") in ("以上", "左右", "余", "多")
    if match.group("red"):
        _, unit = normalise(0.0, multiplier, unit_word)
        return Mention(start, match.end(), None, unit, approx, False)
    numeral = parse_numeral(match.group("num"))
    if numeral is None or (match.group("num") == "一" and not multiplier):
        return None
    value, unit = normalise(numeral.value, multiplier, unit_word)
    threshold = _is_threshold(match, sentence, unit)
    return Mention(start, match.end(), value, unit, approx or numeral.approx, threshold)


def find_mentions(sentence: str) -> list[Mention]:
    """All quantities of a sentence in reading order."""
    found = (_build(m, sentence) for m in MENTION.finditer(sentence))
    return [m for m in found if m is not None]
