"""The level of the place a news item is about, when no bureau names itself.

A provincial paper's item on 三亚 says 全省 and quotes 省政府, yet it is about the
city its headline opens with; an item on 埇桥区 measures it against 全市; an item on
火炬开发区 speaks of 全市 only as the wider area.  The text's own voice (我市, 本县)
is never overruled.
"""

from __future__ import annotations

import re

from parsing.extract.gazetteer import division_level, known_place, place_level
from parsing.extract.jurisdiction import place_counts, province_level_self
from parsing.extract.textclean import BREADCRUMB, METADATA
from parsing.records import Level

_DEPTH: dict[Level, int] = {"province": 0, "city": 1, "county": 2, "district": 2, "zone": 2}
_OWN_VOICE = re.compile(r"[我本](?:省|市|县|区|旗|州|盟)(?![级直属内外])")
_WIDER = re.compile(r"(?<!占)全(?:省|市|县|区|旗|州|盟)|[省市县区]委(?!员)|[省市县区](?:人民)?政府")
# A zone as a subject: 火炬开发区, 宝鸡高新区; not a kind of zone (国家高新区, 省级开发区)
# nor a programme's 示范区.
_SUBJECT_ZONE = re.compile(
    r"(?<!国家)(?<![级省家个批])(?:高新技术产业开发区|高新区|经济技术开发区|开发区|经开区|产业集聚区)"
)
_DISTRICT_ORGAN = re.compile(r"区委|区政府|区人民政府|区人大|区政协")
_HEADLINE_LINES = 6
_MASTHEAD = re.compile(r"新闻|本网|日报|晚报|融媒|电视台|原创")
_DATE_LINE = re.compile(r"[\d\s:：/.年月日-]+")
_HEADLINE_MAX = 40
_SUBJECT_MIN = 3


def lower_than(level: Level | None, than: Level | None) -> bool:
    return level is not None and than is not None and _DEPTH[level] > _DEPTH[than]


def headline_place(paragraphs: list[str]) -> str | None:
    """The place a short headline near the top opens with (三亚全市高新技术企业…)."""
    for paragraph in paragraphs[:_HEADLINE_LINES]:
        if METADATA.match(paragraph) or BREADCRUMB.search(paragraph) or not 6 <= len(paragraph) <= _HEADLINE_MAX:
            continue
        if paragraph.startswith(("原标题", "来源", "本文")) or _DATE_LINE.fullmatch(paragraph):
            continue
        if _MASTHEAD.search(paragraph) and not any(ch.isdigit() for ch in paragraph):
            continue  # 河北新闻本网原创: the paper's banner, not the headline
        # 戈壁油城变身“创新绿洲”——新疆克拉玛依全力…: a subtitle after the dash may name the place.
        _, dash, subtitle = paragraph.partition("——")
        return (_opening_place(paragraph) or _opening_place(_HEADLINE_LEAD.sub("", paragraph, count=1))
                or (_opening_place(subtitle) if dash else None))
    return None


# 2021年投入185.63亿元！唐山市研发经费投入…: a headline may lead with its news (or a 【column】) before its place.
_HEADLINE_LEAD = re.compile(r"^(?:【[^】]{1,16}】|[^！!：:，]{2,20}[！!：:])")  # 【世界速看料】潍坊高新区…


def _opening_place(line: str) -> str | None:
    for size in range(min(len(line), 14), 1, -1):
        head = line[:size]
        place = known_place(head)
        if place and head.endswith(place):
            before = head[: -len(place)]
            if not before or known_place(before) == before:
                return place
    return _short_county(line)


def _short_county(line: str) -> str | None:
    """崇仁获评…: a headline names a county by its two characters, without 县."""
    for size in (2, 3):
        for kind in ("县", "市", "区"):
            name = line[:size] + kind
            if line[size : size + 1] != kind and known_place(name) == name and place_level(name) in ("county",
                                                                                                     "district"):
                return name
    return None


def _mentions(text: str, place: str) -> int:
    """How often the text names a place, also by its name without the wider places
    before it (四川泸州高新区 in the headline, 泸州高新区 in the body)."""
    count = text.count(place)
    for cut in range(2, len(place) - 3):
        if known_place(place[:cut]) == place[:cut]:
            count = max(count, text.count(place[cut:]))
    return count


def subject_level(paragraphs: list[str], text: str, spoken: Level | None) -> Level | None:
    """A level lower than the spoken one that the text is plainly about, or None."""
    place = headline_place(paragraphs)
    headline = place_level(place, whole=True) if place else None  # 如皋高新技术产业开发区: a zone by its own stem
    voices = len(_OWN_VOICE.findall(text))
    stem = place[:-1] if place and len(place) >= 3 and place[-1] in "县市区" else place
    if voices and not (voices == 1 and stem and headline and text.count(stem) >= _SUBJECT_MIN):
        return None  # 我省618家企业…其中133家来自沈阳高新区: one 我省 of a paper does not speak for the zone
    if province_level_self(text, spoken):
        spoken = "province"  # 全区 said of 广西: 南宁市 in the headline is lower
    if lower_than(headline, spoken):
        return headline
    if headline == "zone" and spoken is None and place and _mentions(text, place) >= 2:
        return "zone"  # 兰州高新区擘画…: a zone's news that never says 全区 of itself
    wider = len(_WIDER.findall(text))
    zones = len(_SUBJECT_ZONE.findall(text))
    counts = [count for _, count in place_counts(text).most_common(2)]
    divisions = counts[0] if counts else 0
    if zones >= _SUBJECT_MIN and zones > max(wider, divisions) and not _DISTRICT_ORGAN.search(text):
        return "zone"
    # One division named far more than any other (埇桥区 ×6), not a list of districts.
    if divisions >= _SUBJECT_MIN and divisions > wider and divisions > 2 * sum(counts[1:]):
        named = division_level(place_counts(text).most_common(1)[0][0])
        if lower_than(named, spoken):
            return named
    return None
