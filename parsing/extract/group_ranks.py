"""Positions in a list named by its members rather than by 全X: 省直管县第三,
于考核十个县市区第6位, 居中国上榜城市集群第7位, 取得了省级高新区第一的好成绩.

The list word stands right before the place, at the start of its own clause or after a
ranking verb, and ends in the kind of unit compared (县, 区, 城区, 地区, 城市, 集群, 高新区 …);
the place ends the clause, so 县第一中学 or 市第一批 is no position.
"""

from __future__ import annotations

import re

from parsing.extract.numbers import parse_rank

_ORDINAL = r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})"
_UNIT = (
    r"(?:县[（(]市、区[)）]|县（市）|县市区|区县|县区|市州|城区|地区|省份|省区|城市|集群|高新区|开发区|园区|"
    r"直管县|县|区|市|州)"
)
_VERB = r"(?:位于|位居|位列|居于|排名|排在|名列|稳居|跃居|取得了?|保持|居|列|于)"
GROUP_RANK = re.compile(
    r"(?:^|(?<=[，,；;：:、]))(?:[^，,；;：:。、\d]{0,6}?" + _VERB + r")?"
    r"(?P<group>(?![全我本该])[\u4e00-\u9fff“”\"（）()、]{1,12}?" + _UNIT + r")"
    r"(?:中" + _VERB + r"?)?"
    r"(?:第(?P<num>" + _ORDINAL + r")(?:位|名)?|(?P<first>首位))"
    r"(?=[，,；;。、）)]|的|$)"
)


def group_positions(sentence: str) -> list[tuple[int, int, int, str]]:
    """(start, end, rank, list word) of every such place in a sentence."""
    found: list[tuple[int, int, int, str]] = []
    if "第" not in sentence and "首位" not in sentence:
        return found
    for match in GROUP_RANK.finditer(sentence):
        rank = 1 if match.group("first") else parse_rank(match.group("num"))
        if rank is not None:
            found.append((match.start(), match.end(), rank, match.group("group")))
    return found
