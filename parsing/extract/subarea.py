"""Figures of a sub-area inside a report are left out (INDICATORS.md §5).

A city report that says 张店区新增高新技术企业45家，居各区县首位 is telling what one
of its districts did, not what the city did. A clause that opens with a place of
a lower level than the bureau's own (a district or county in a city report, a
city in a provincial one, a development zone in a county's) speaks for that
place, and so do the clauses after it until one opens with the whole again
(全市, 我县 …) or with the bureau's own place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from parsing.extract.clauses import clause_bounds, clause_start
from parsing.extract.gazetteer import ZONE_SUFFIXES, all_place_names, division_level, known_place, place_level
from parsing.records import Level

_DEPTH: dict[Level, int] = {"province": 0, "city": 1, "county": 2, "district": 2, "zone": 3}
_WHOLE = re.compile(r"全国(?=共|累计|总计|范围内|各地|技术合同)|(?:全|我|本)[省市县区旗州盟]")
_LEAD = re.compile(r"^(?:\d{4}年(?:度|[上下]半年|\d{1,2}月)?|[\s（(一二三四五六七八九十、.）)\d])*")
_LONGEST = 12
_BARE_ZONES = frozenset(ZONE_SUFFIXES)
_ZONE_ENDINGS = frozenset(suffix[-1] for suffix in ZONE_SUFFIXES)
_LEAD_CHARS = frozenset("（(一二三四五六七八九十0123456789、.）) ")


@lru_cache(maxsize=1)
def _openings() -> frozenset[str]:
    """The first two characters of every place name and zone word: most clauses can be
    told apart from a place by these alone, without trying every length."""
    names = [*all_place_names(), *ZONE_SUFFIXES]
    return frozenset(name[:2] for name in names if len(name) >= 2)


def leading_place(clause: str) -> tuple[str, Level] | None:
    """The place a clause opens with (张店区, 淄博高新区, 经开区), with its level."""
    if clause[:2] not in _openings():
        return None
    for size in range(min(len(clause), _LONGEST), 1, -1):
        head = clause[:size]
        if head in _BARE_ZONES:
            return head, "zone"
        level = place_level(head) if head[-1] in _ZONE_ENDINGS else division_level(head)
        if level is not None:
            return head, level
    return None


_BY_AREA = re.compile(r"(?:分|从|按)(?:地区|区域|县区|区县|县市区|县\(市、区\)|县（市、区）|各县区)(?:来)?看")
def opens_by_area(sentence: str) -> bool:
    """分地区看，R&D经费投入分别为钟山区5.10亿元；…: a sentence breaking figures down by sub-area."""
    return bool(_BY_AREA.match(_LEAD.sub("", sentence, count=1)))


_RANKED = re.compile(r"第[\d一二三四五六七八九十]|首位|前列|前茅|排名|位居|其中")
# A platform tier named by a wider area (云南省重点实验室, 广东省工程技术研究中心).
_TIER = re.compile(
    r"(?:级)?(?:重点实验室|技术创新中心|工程(?:技术)?研究中心|新型研发机构|临床医学研究中心|企业技术中心)"
)
_WHOLE_DEPTH = {"国": -1, "省": 0, "市": 1, "州": 1, "盟": 1}  # 全国: wider than any bureau


def _wider_whole(char: str, level: Level) -> bool:
    """全省 in a city's report, 全市 in a district's: the wider area, not the bureau's own."""
    own = _DEPTH[level]
    return char in _WHOLE_DEPTH and _WHOLE_DEPTH[char] < own and not (char == "市" and level == "county")


@dataclass(frozen=True, slots=True)
class Home:
    """The bureau's own place and level, as the header found them."""

    place: str | None
    level: Level | None

    def names_part(self, before: str) -> bool:
        """滨海新区（2452家）: a narrower place right before a bracketed figure owns it."""
        name = known_place(before)
        level = place_level(name) if name else None
        if name is None or level is None or self.level is None:
            return False
        if self.place and (name in self.place or self.place in name):
            return False
        return _DEPTH[level] > _DEPTH[self.level]

    def speaks_for_part(self, clause: str) -> bool | None:
        """True: the clause opens with a sub-area; False: with the whole; None: with neither."""
        if self.level is None:
            return None
        if clause[:1] in _LEAD_CHARS:
            clause = _LEAD.sub("", clause, count=1)
        whole = _WHOLE.match(clause)
        if whole:
            return _wider_whole(whole.group()[-1], self.level) and not _RANKED.search(clause)
        found = leading_place(clause)
        if found is None:
            return None
        name, level = found
        if self.place and (name in self.place or self.place in name):
            return False
        if _DEPTH[level] < _DEPTH[self.level]:
            # 浙江省…第一批10076家 in a city report: a wider area's figure (a chain such as
            # 山东省淄博市 names the bureau's own place, and a ranking is the bureau's own).
            rest = clause[len(name) :]
            if _TIER.match(rest) or rest.startswith("级"):
                return None  # 云南省重点实验室140家 / 山东省级瞪羚企业27家: the bureau's own, of that tier
            return leading_place(rest) is None and not _RANKED.search(clause)
        return _DEPTH[level] > _DEPTH[self.level]


_SUPERLATIVE_PLACE = re.compile(
    r"(?:最高|最快|最多|最大|最强|最好)的(?:也|还|仍)?(?:是|为|要数|当属)[\u4e00-\u9fff]{2,10}?(?:区|县|市|镇|旗|园区)[，,]$"
)


class SubAreaWatch:
    """Whether the clause at a position speaks for a sub-area: decided where a clause opens
    with a place or with the whole, and carried over the clauses that open with neither."""

    __slots__ = ("_clause", "_home", "_part", "_text")

    def __init__(self, text: str, home: Home | None, by_area: bool = False) -> None:
        self._text, self._home, self._clause, self._part = text, home, -1, by_area

    def speaks_for_part(self, position: int) -> bool:
        if self._home is None:
            return self._part
        start = clause_start(self._text, position)
        if start != self._clause:
            self._clause = start
            verdict = self._home.speaks_for_part(self._text[start : clause_bounds(self._text, position)[1]])
            if verdict is None and start >= 2 and _SUPERLATIVE_PLACE.search(self._text, max(0, start - 40), start):
                verdict = True  # 比重最高的是高港区，达到56.5%: the place named the best has the figure
            if verdict is not None:
                self._part = verdict
        return self._part
