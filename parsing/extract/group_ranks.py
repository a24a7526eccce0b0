"""Positions in a list named by its members rather than by 全X: 省直管县第三,
于考核十个县市区第6位, 居中国上榜城市集群第7位, 取得了省级高新区第一的好成绩.

The list word stands right before the place, at the start of its own clause or after a
ranking verb, and ends in the kind of unit compared (县, 区, 城区, 地区, 城市, 集群, 高新区 …);
the place ends the clause, so 县第一中学 or 市第一批 is no position.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from parsing.extract.numbers import parse_rank

_ORDINAL = r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})"
_UNIT = (
    r"(?:县[（(]市、区[)）]|县（市）|县市区|区县|县区|市州|城区|地区|省份|省区|城市|集群|高新区|开发区|园区|"
    r"直管县|县|区|市|州|排行榜|榜单|榜)"  # 位列中国城市创新能力百强榜第18位: the list by its name
)
_VERB = r"(?:位于|位居|位列|居于|排名|排在|名列|稳居|跃居|取得了?|保持|居|列|于)"
GROUP_RANK = re.compile(
    r"(?:^|(?<=[，,；;：:、]))(?:[^，,；;：:。、\d]{0,6}?" + _VERB + r")?"
    r"(?P<group>(?![全我本该])[\u4e00-\u9fff“”\"（）()、]{1,12}?" + _UNIT + r")"
    r"(?:中" + _VERB + r"?)?"
    r"(?:第(?P<num>" + _ORDINAL + r")(?:位|名)?|(?P<first>首位))"
    r"(?=[，,；;。、）)]|的|$)"
)


_CLAUSE_BREAK = re.compile(r"[，,；;：:、]")
_POSITION_WORD = re.compile(r"第|首位")
_REACH = 48  # a match reaches 第 or 首位 within 6 + 2 + 12 + 7 + 3 characters of its start


def _clause_matches(sentence: str) -> list[re.Match[str]]:
    """GROUP_RANK.finditer, tried only where a clause starts (the only places it can match)
    within reach of a 第 or 首位: the pattern opens on no literal, so a scan of every
    position costs more than all its hits."""
    found: list[re.Match[str]] = []
    words = [m.start() for m in _POSITION_WORD.finditer(sentence)]
    last_end = 0
    for start in (0, *(m.end() for m in _CLAUSE_BREAK.finditer(sentence))):
        near = bisect_left(words, start)
        if start < last_end or near == len(words) or words[near] >= start + _REACH:
            continue
        match = GROUP_RANK.match(sentence, start)
        if match is not None:
            found.append(match)
            last_end = match.end()
    return found


def group_positions(sentence: str) -> list[tuple[int, int, int, str]]:
    """(start, end, rank, list word) of every such place in a sentence."""
    found: list[tuple[int, int, int, str]] = []
    if "第" not in sentence and "首位" not in sentence:
        return found
    for match in _clause_matches(sentence):
        rank = 1 if match.group("first") else parse_rank(match.group("num"))
        if rank is not None:
            found.append((match.start(), match.end(), rank, match.group("group")))
    return found


# 全球创新指数排名，西安由2021年第33位跃升至第22位: a rise in a list named earlier in the
# sentence, without 全X; the list's name says whether it covers the world or the country.
_UNSCOPED_RISE = re.compile(
    r"(?:由|从)(?:(?:19|20)\d{2}年(?:的)?)?第" + _ORDINAL + r"(?:位|名)[^，,；;。第]{0,4}?"
    r"(?:上升|提升|跃升|攀升|前移|升)(?:至|到|为)第(?P<num>" + _ORDINAL + r")(?:位|名)?"
)
_LIST_REACH = re.compile(r"全球|世界|国际|全国|国家|中国")


def unscoped_rises(sentence: str) -> list[tuple[int, int, int, str]]:
    """(start, end, rank, 全球 or 全国) of each rise whose list the sentence named before it."""
    found: list[tuple[int, int, int, str]] = []
    for match in _UNSCOPED_RISE.finditer(sentence):
        named = [hit.group() for hit in _LIST_REACH.finditer(sentence, 0, match.start())]
        rank = parse_rank(match.group("num"))
        if named and rank is not None:
            scope = "全球" if named[-1] in ("全球", "世界", "国际") else "全国"
            found.append((match.start("num") - 1, match.end(), rank, scope))
    return found


# 在科技部火炬中心公布的157个国家级高新区综合排名中，南昌高新区排名第38位: the list is named
# in a clause of its own before the place; the scope is the list, without who published it.
_LIST_CLAUSE = re.compile(
    r"在(?P<list>[^，,。；;在]{2,40}?)(?:综合)?(?:排名|排行榜|排行|榜单|评价结果|评价)中[，,]"
    r"[^，,。；;第]{0,16}?(?:排名|位居|位列|居于|居|列)第(?P<num>" + _ORDINAL + r")(?:位|名)?"
)


def listed_then_placed(sentence: str) -> list[tuple[int, int, int, str]]:
    """(start, end, rank, list) of each place given after the list it is in was named."""
    found: list[tuple[int, int, int, str]] = []
    if "在" not in sentence:
        return found
    for match in _LIST_CLAUSE.finditer(sentence):
        scope = match.group("list").rsplit("的", 1)[-1].removesuffix("综合")
        rank = parse_rank(match.group("num"))
        if rank is not None and len(scope) >= 2:
            found.append((match.start("num") - 1, match.end(), rank, scope))
    return found
