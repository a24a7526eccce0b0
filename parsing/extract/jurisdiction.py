"""The level of a text's jurisdiction where no bureau and no 我市 / 全县 says it.

News reprints name their place (河北省霸州市) but rarely the organ; a municipality
(天津) or an autonomous region (内蒙古) speaks of itself as 全市 / 全区 although it
is a province-level division.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from parsing.extract.gazetteer import ZONE_SUFFIXES, division_level, known_place
from parsing.records import DocumentHeader, IndicatorRecord, Level

_MUNICIPALITY = re.compile(r"北京|天津|上海|重庆")
_REGION = re.compile(r"内蒙古|广西|西藏|宁夏|新疆|自治区")
_DIVISION_END = re.compile(r"[市县旗州盟区]")
_ZONE = re.compile("|".join(ZONE_SUFFIXES))
_DISTRICT_ORGAN = re.compile(r"区委|区政府|区人民政府|区人大|区政协")
_ZONE_TEXT = 3
_RANK_VERB = re.compile(r"排|居|位|列")
_SUB_DISTRICT = re.compile(r"[\u4e00-\u9fff]{2}(?<![全我本治各])区(?:科技|人民政府|委|政府)")


def province_level_self(text: str, spoken: Level | None) -> bool:
    """全市 said by a municipality, or 全区 by an autonomous region, without a lower unit named."""
    if spoken == "city":  # …unless a city of a province is named more (鄂尔多斯市 ×4, 北京 ×2)
        named = len(_MUNICIPALITY.findall(text))
        cities = [count for place, count in place_counts(text).items() if division_level(place) == "city"]
        return named >= 2 and named >= max(cities, default=0)
    if spoken == "district":
        return len(_REGION.findall(text)) >= 2 and not _SUB_DISTRICT.search(text)
    return False


def place_counts(text: str) -> Counter[str]:
    """How often each division below a province is named (霸州市 ×3, 廊坊市 ×1)."""
    places: Counter[str] = Counter()
    for match in _DIVISION_END.finditer(text):
        place = known_place(text[max(0, match.start() - 13) : match.end()])
        if place and division_level(place) not in (None, "province"):
            places[place] += 1
    return places


def named_place_level(text: str) -> Level | None:
    """The level of the division a text names most often (霸州市 → county); a province
    or region named repeatedly when no lower division is (新疆 … 自治区)."""
    places = place_counts(text)
    regions = len(_REGION.findall(text))
    if places and places.most_common(1)[0][1] >= regions:
        return division_level(places.most_common(1)[0][0])
    return "province" if regions >= 2 else None  # 新疆 … 全区: the region


def _county_city_speaks(text: str) -> bool:
    """全市 is a county-level city's own word (醴陵市, 如皋市) when such a city is the division
    named most; a 县 named once in a city's report (浚县) never says 全市 of itself."""
    places = place_counts(text)
    if not places or named_place_level(text) != "county":
        return False
    name, count = places.most_common(1)[0]
    return name.endswith("市") and count >= 2


def spoken_level(text: str, spoken: Level | None) -> Level | None:
    """全市 in a county-level city's own text (醴陵市, 如皋市) speaks for a county; 全区 in
    a text about its 高新区 (no 区委 / 区政府 of a 市辖区 in it) speaks for the zone."""
    if spoken == "city" and _county_city_speaks(text) and "管委会" not in text:
        return "county"
    zone_text = len(_ZONE.findall(text)) >= _ZONE_TEXT and not _DISTRICT_ORGAN.search(text)
    if zone_text and (spoken == "district" or "管委会" in text):
        return "zone"  # a 高新区 run by its 管委会 speaks of 全区 / 全市 as its own
    return spoken


def ranked_within_city(header: DocumentHeader, records: list[IndicatorRecord], text: str) -> DocumentHeader:
    """A text that says 全市 of itself yet ranks itself 全市第三 / 位居宣城市第四 is a county-level
    city's (浦江, 瑞安): a city ranks within its province, never within itself."""
    if header.level != "city" or header.bureau is not None:
        return header
    if not any(r.kind == "ranking" and _city_scope(r.scope) and _RANK_VERB.search(r.text) for r in records):
        return header
    level: Level = "zone" if len(_ZONE.findall(text)) >= _ZONE_TEXT else "county"
    return replace(header, level=level)


def _city_scope(scope: str | None) -> bool:
    if scope is None:
        return False
    return scope == "全市" or (scope.endswith("市") and division_level(scope) == "city")
