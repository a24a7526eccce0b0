"""Find every "number + unit" in a sentence, including redacted ones.

A redacted figure (XX家, X.X亿元, XX.XX%) still tells which metric a sentence is
about — a ranking after it must attach to that metric — so it is returned as a
mention without a value, and the caller emits no record for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsing.extract.numbers import CN_NUMERAL_TAIL, parse_numeral
from parsing.extract.units import UNIT_WORDS, is_count, normalise

_UNITS = "|".join(re.escape(u) for u in UNIT_WORDS)
_NOT_AFTER = r"[\d.A-Za-z第零〇一二两三四五六七八九十百千万]"
# The pattern opens with one character class, so the regex engine scans for
# candidates in C; which kind of number it is (digits, Chinese numeral, redaction)
# and what may not precede it are checked right after that first character
# (`(?<!X.)` looks at the character before it).
_MENTION = (
    r"[\d一二两三四五六七八九十Xx×*]"
    r"(?:(?<=\d)(?<!" + _NOT_AFTER + r".)(?P<digits>\d*(?:\.\d+)?)"
    r"|(?<=[一二两三四五六七八九十])(?<!" + _NOT_AFTER + r".)(?P<cn>" + CN_NUMERAL_TAIL + r")"
    r"|(?<=[Xx×*])(?<![A-Za-z].)(?P<red>[Xx×*]*(?:\.[Xx×*]+)?))"
    r" ?(?P<a1>余|多)?(?P<mult>万亿|千万|百万|万|亿|千)?(?P<a2>余|多)?"
    r"(?:(?P<unit>" + _UNITS + r")|(?<=[亿万])(?=[，。；、）\s]|$))(?P<tail>以上|以下|左右|余|多)?"
)
MENTION = re.compile(_MENTION)
_GROUPS = ("digits", "cn", "red", "a1", "a2", "mult", "unit", "tail")
# Read off the text before the number rather than matched: the words are common,
# and as the regex's first characters they would make it try most positions.
_APPROX_PREFIXES = ("超过", "将近", "接近", "大约", "逾", "近", "约", "超")
_APPROX_TAILS = frozenset({"以上", "左右", "余", "多"})
_CLAUSE_END = frozenset("，。；、）\n")
_QUOTES = frozenset("“\"《「『‘")
_NOUN_AFTER_THRESHOLD = re.compile(r"[\u4e00-\u9fff]")
# 数十名, 几十家, 上百项: no number at all.
_VAGUE = frozenset("数几上")


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

    def moved(self, delta: int) -> Mention:
        """The same mention in a text that starts `delta` characters later."""
        return Mention(self.start + delta, self.end + delta, self.value, self.unit, self.approx, self.threshold)


def _is_threshold(tail: str | None, sentence: str, end: int, unit: str) -> bool:
    """营业收入5000万元以上的企业: a qualifier of some entity, not a reported figure."""
    if tail not in ("以上", "以下"):
        return False
    after = sentence[end : end + 1]
    if sentence.startswith(("的目标", "的任务", "的考核目标"), end):
        return False  # 稳定在6100家以上的目标: a goal's floor, not a qualifier
    return after == "的" or (not is_count(unit) and bool(_NOUN_AFTER_THRESHOLD.match(after)))


def _counted_one(sentence: str, end: int, unit_word: str | None) -> bool:
    """新增国家级众创空间一家。 counts; 一家企业 or 一个中心 is an article, not a count."""
    return unit_word is not None and (end == len(sentence) or sentence[end] in _CLAUSE_END)


# 在全市12个县（市、区）中排名第2: the units a ranking compares, not a count of things.
_RANKED_UNITS = re.compile(r"(?:县|区|市|省|地市|州|开发区|高新区|园区|城市|地区)[^，。；]{0,12}?中")


def _is_place_count(sentence: str, start: int, end: int, unit_word: str | None) -> bool:
    """前三位 (a bound on a ranking) and 前移4个位次 (a move in one) count places, not things;
    在“…”4个方面, 实施五个倍增计划 count the headings of a list or a programme, not things done."""
    if sentence.startswith(("位次", "名次"), end):
        return True
    if unit_word in ("个", "项", "大") and _COUNTED_HEADINGS.match(sentence, end):
        return True
    if unit_word == "次" and (sentence[start - 1 : start] == "届" or _SESSION.match(sentence, end)):
        return True  # 十一届四次全会, 八次全会: a meeting's name, not a count
    if unit_word == "个" and sentence[max(0, start - 3) : start].endswith(("在", "全市", "全省", "全国")):
        return bool(_RANKED_UNITS.match(sentence, end))
    if unit_word == "个" and _PLACES_COUNTED.match(sentence, end):
        return True  # 有九个县级市（区）的有效高企数超千家: places counted, not things
    if unit_word in ("位", "名") and _RANK_MOVE.search(sentence, max(0, start - 6), start):
        return True  # 排名较上年提升1位 / 上升9位: a move in a ranking, not people
    return unit_word in ("位", "名") and sentence[start - 1 : start] == "前"


_PLACES_COUNTED = re.compile(
    r"(?:县级市|县（市、区）|县\(市、区\)|县市区|县区|区县|乡镇|街道|板块|县|区|市)(?![级场民域委])"
)
_COUNTED_HEADINGS = re.compile(
    r"(?:[^，。；、\d]{0,4}?(?:倍增计划|倍增行动|专项行动|攻坚行动))|(?:方面|领域|维度|环节|方向|板块|特点|特征|亮点|变化|趋势)"
)
_SESSION = re.compile(r"(?:全体)?(?:全会|会议|党代会|代表大会|常委会)")
_RANK_MOVE = re.compile(r"(?:上升|提升|前移|后移|下降|跃升|攀升|提高|前进|后退|进位|退)了?$")


_SLOGAN_LENGTH = 16


def _in_slogan(sentence: str, start: int) -> bool:
    """“六个倍增、六个突破”: a numeral inside a short quoted name counts nothing."""
    opened = sentence.rfind("“", 0, start)
    if opened < 0 or sentence.rfind("”", 0, start) > opened:
        return False
    closed = sentence.find("”", start)
    return 0 <= closed - opened <= _SLOGAN_LENGTH


def _build(match: re.Match[str], sentence: str) -> Mention | None:
    """Turn one regex hit into a mention, or None when it is no quantity at all.

    Called for every candidate of every paragraph, so the groups are read in one call.
    """
    digits, _cn, red, a1, a2, mult, unit_word, tail = match.group(*_GROUPS)
    unit_word = unit_word or "元"  # 产值35.2亿, 投入3500万: money in 亿 or 万 without 元 (INDICATORS.md §5)
    start = match.start()
    prefix = sentence[max(0, start - 2) : start].endswith(_APPROX_PREFIXES)
    if start > 0 and sentence[start - 1] in _QUOTES:
        return None
    if _cn is not None and start > 0 and (sentence[start - 1] in _VAGUE or _in_slogan(sentence, start)):
        return None
    multiplier = mult or ""
    approx = bool(prefix or a1 or a2) or tail in _APPROX_TAILS
    if red is not None:
        _, unit = normalise(0.0, multiplier, unit_word)
        return Mention(start, match.end(), None, unit, approx, False)
    if _is_place_count(sentence, start, match.end(), unit_word):
        return None
    num = sentence[start : match.end("digits" if digits is not None else "cn")]
    if num == "一" and not multiplier and not _counted_one(sentence, match.end(), unit_word):
        return None
    numeral = parse_numeral(num)
    if numeral is None:
        return None
    value, unit = normalise(numeral.value, multiplier, unit_word)
    threshold = _is_threshold(tail, sentence, match.end(), unit)
    return Mention(start, match.end(), value, unit, approx or numeral.approx, threshold)


def find_mentions(sentence: str) -> list[Mention]:
    """All quantities of a sentence in reading order."""
    found = (_build(m, sentence) for m in MENTION.finditer(sentence))
    return [m for m in found if m is not None]
