"""Figures in a segment that are not the bureau's figure of the year reported.

Growth against a year long past, sums over several years, another area's figure
quoted for comparison (仅次于济南（1027家）) and a sub-area's bracketed figure
(滨海新区（2452家）) are read past: no record, and the subject stays as it was.
"""

from __future__ import annotations

import re

from parsing.extract.context import Context
from parsing.extract.guards import guarded
from parsing.extract.mentions import Mention
from parsing.extract.state import Figure

_COMPARED_AREA = guarded(
    r"(?:仅次于|次于|超过|高于|低于)[^，；。（(\d]{1,10}[（(]$|(?:平均水平|平均值|均值|平均)[（(]$",
    first="仅低均平次超高",
)
_PART_REACH = 12
_ABOVE = re.compile(r"(?:高于|低于|快于|慢于|超出|领先|落后于?)[^，。；\d]{0,16}(?:[（(][\d.]+%?[)）])?$")
_ABOVE_LIST = re.compile(r"分别(?:高出|高于|低于|超出|快于|领先)[^，。；]{0,24}$")
_GAP = re.compile(r"(?:平均水平|平均值|均值)的?差距[^，。；]*$")


_SERVED = re.compile(r"[^。；]*?(?:提供|发放|办理|兑现|落实|减免)")
_SERVED_REACH = 60


def others_figure(text: str, mention: Mention, ctx: Context) -> bool:
    """仅次于济南（1027家） / 滨海新区（2452家） / 全市平均水平（2.6%）: a figure another area owns."""
    if _COMPARED_AREA.search(text, max(0, mention.start - 16), mention.start):
        return True
    if mention.unit == "pp" and _ABOVE.search(text, max(0, mention.start - 18), mention.start):
        return True  # 高于全省平均增速1.6个百分点: a lead over another figure, not a change of ours
    if mention.unit == "pp" and _ABOVE_LIST.search(text, max(0, mention.start - 30), mention.start):
        return True  # 分别高出省、市0.28和0.47个百分点: leads over several areas
    if _GAP.search(text, max(0, mention.start - 24), mention.start):
        return True  # 与全国平均水平的差距…缩小到0.2个百分点: a gap to another area's figure
    after_for = text[mention.start - 1 : mention.start] == "为"
    if after_for and _SERVED.match(text, mention.end, mention.end + _SERVED_REACH):
        return True  # 金融机构为1059户高新技术企业…提供了信贷支持: the firms served, not a count reached
    if text[mention.start - 1 : mention.start] not in ("（", "("):
        return False
    before = text[max(0, mention.start - 1 - _PART_REACH) : mention.start - 1]
    return ctx.home is not None and ctx.home.names_part(before)


# Growth against a year long past (较2017年增长60%, 比2012年提升1.1个百分点), average
# growth (年均增长) and sums over a span of years (2021年至2022年新认定…) are no figure of
# the year reported.
_LONG_BASE = re.compile(r"(?:较|比|相比|与)(\d{4})年")
# 与2012年相比，增长232%: the base stated in a clause of its own just before.
_BASE_CLAUSE = re.compile(r"(?:与|和|同)(\d{4})年(?:相比|比较|相较)[，,]?$")
_SPAN_YEARS = re.compile(r"\d{4}年?(?:至|到|—|-|～|~)\d{4}年")
_AVERAGE = re.compile(r"年均|年平均")
_SUM_OVER_YEARS = re.compile(r"(?<![\d一])(?:[两二三四五]|\d)年(?:来)?(?:累计|共计|合计|新增|净增|共)")  # 三年新增…3个
_PLAN_SUM = re.compile(r"累计(?:新增|新认定|认定|引进|培育|建成|实施)")
_PLAN_PERIOD = re.compile(r"十[一二三四五六]五|五年|\d{4}\s*[-—－–~～至到]+\s*\d{4}\s*年")
_PLAN_BASE = re.compile(r"(?:较|比|相比)[“\"]?十[一二三四五六]五[”\"]?(?:末|期末|时期)")


def grows_from_long_base(text: str, figure: Figure, ctx: Context) -> bool:
    """比2015年增长127%: growth over several years, which even a goal does not state per year."""
    if figure.measure == "level":
        return False
    before = text[figure.clause[0] : figure.mention.start]
    base = _LONG_BASE.search(before) or _BASE_CLAUSE.search(text, max(0, figure.clause[0] - 12), figure.clause[0])
    year = ctx.year_for(text, figure.mention.start, "actual")
    return bool(base and year and int(base.group(1)) < year - 2) or bool(_PLAN_BASE.search(before))


def over_years(text: str, figure: Figure, ctx: Context) -> bool:
    before = text[figure.clause[0] : figure.mention.start]
    if figure.measure != "level" and (_AVERAGE.search(before) or grows_from_long_base(text, figure, ctx)):
        return True
    if figure.measure != "level" and _YEARS_SINCE.search(ctx.prefix + text[: figure.mention.start],
                                                         max(0, len(ctx.prefix) + figure.mention.start - 200)):
        return True  # 十年来，…强度提高0.31个百分点 / 近三年…分别增长1.9倍: a change over several years
    if _SUM_OVER_YEARS.search(before):
        return True
    if _PLAN_SUM.search(before) and _PLAN_PERIOD.search(ctx.prefix + text[: figure.mention.start]):
        return True  # “十三五”时期…累计认定高新技术企业超过1500户: a sum over the plan's years
    sentence_start = max(text.rfind("。", 0, figure.mention.start), text.rfind("；", 0, figure.mention.start)) + 1
    span = _SPAN_YEARS.search(text, sentence_start, figure.mention.start)
    if span is not None and figure.measure == "level" and not _SPAN_END.search(before) \
            and not _ONE_YEAR.search(text, span.end(), figure.mention.start):
        return True  # …2022年至2024年累计33个，其中2024年…19个: the year named after the span is the figure's
    before_figure = ctx.prefix + text[sentence_start : figure.mention.start]
    if figure.measure != "level" and "以来" in before_figure and _SINCE_PROGRAMME.search(before_figure):
        return True  # 自实施…三年行动计划以来，R&D经费投入增速高达837%: growth over the programme's years
    since = _SINCE.search(before_figure) if "以来" in before_figure else None  # the digits open no fast scan
    year = ctx.report_year
    return bool(since and year and int(since.group(1)) < year and _FLOW.search(before))


_SINCE = re.compile(r"(\d{4})年以来")
# 十年来 / 近三年 / 五年间 opening the sentence: what follows changed over those years.
_YEARS_SINCE = re.compile(
    r"(?:^|[。；，,\n])[^，。；\n\d]{0,6}?(?:(?:近|过去)(?:[两二三四五六七八九十]|[2-9])年(?:来|以来|间)?"
    r"|(?<![\d一])(?:[两二三四五六七八九十]|[2-9])年(?:来|以来|间))[，,]"
)
_SINCE_PROGRAMME = re.compile(
    r"自[^。；]{0,30}?(?:[两三四五]年|十[一二三四五六]五|行动计划|行动|规划|攻坚)[^。；]{0,12}?以来"
)
_ONE_YEAR = re.compile(r"(?<![至到—\-～~\d])(?:19|20)\d{2}年(?![至到—\-～~])")
_FLOW = re.compile(r"新增|新认定|认定|引进|新建|获批|立项|累计|共(?:引进|建成|认定|实施|培育)")


_SPAN_END = re.compile(r"(?:至|到)$|(?:增长|增加|提高|提升|上升|增)(?:至|到)")
