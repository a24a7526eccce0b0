"""One sentence segment → records: kind decisions and record assembly.

facts.py says what a figure measures; this module says whether it is reported
at all and as what: an actual, a target (goal language or a plan section), a
ranking, or nothing (a threshold, a baseline in brackets, a sub-population after
其中, one value of a 分别 list that cannot be paired with its subject).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from parsing.extract.baselines import is_baseline, quoted_goal
from parsing.extract.clauses import GOAL_CUE, PAST_CUE, other_phrase, year_before
from parsing.extract.context import Context, Found
from parsing.extract.cultivated import cultivated_key
from parsing.extract.facts import locate, resolve
from parsing.extract.foreign import grows_from_long_base, others_figure, over_years
from parsing.extract.gazetteer import known_place
from parsing.extract.mentions import Mention
from parsing.extract.metrics import Family, Hit, alias_table, choose_key
from parsing.extract.parallel import joint_count, pair_lists, shared_families
from parsing.extract.ranking_facts import ranking_records
from parsing.extract.ranking_groups import ranked_group
from parsing.extract.rankings import Position
from parsing.extract.state import Figure, SegmentState
from parsing.extract.subarea import SubAreaWatch, opens_by_area
from parsing.extract.subitems import breaks_down, part_of_a_sum, qualified_part
from parsing.records import IndicatorRecord, Kind


def _kind(text: str, figure: Figure, mentions: list[Mention], ctx: Context) -> Kind | None:
    m = figure.mention
    if m.threshold:
        return None
    quoted = quoted_goal(text, figure, mentions)
    if quoted is not None:
        return quoted or None
    if _BRACKETED_GOAL.search(text, max(0, m.start - 8), m.start):
        return "target"  # 完成年度任务（44亿元）的85.1%: the goal quoted in brackets
    governed = ctx.goal_governs(m.start)
    if ctx.section.mode == "summary":
        return "target" if governed else "actual"
    before = text[figure.clause[0] : m.start]
    stated = year_before(ctx.prefix, text, m.start)
    if not governed and (PAST_CUE.search(text[: m.start]) or (stated and ctx.plan_year and stated < ctx.plan_year)):
        return "actual"
    after = text[m.end : m.end + 2]
    if governed or GOAL_CUE.search(before) or m.approx or after.startswith("以上"):
        return "target"
    # A plan's 技术合同成交额6亿元 states a goal even without a verb; an unnamed figure needs one.
    return "target" if figure.key is not None else None


_RISE_VERB = re.compile(r"(?:提高|提升|上升|增加)(?:了)?$")


def _ratio_rise(text: str, figure: Figure) -> bool:
    """研发投入强度比上年提高0.04%: a ratio that rises by a percent rises by points."""
    family = figure.family
    if family is None or family.units != ("%",) or figure.measure != "yoy_growth":
        return False
    return bool(_RISE_VERB.search(text, figure.pre_start, figure.mention.start))


_NAMING = re.compile(r"[\u4e00-\u9fffA-Za-z]")


def _dropped_goal(m: Mention, item: str, text: str, ctx: Context) -> list[IndicatorRecord]:
    """高企和科技型企业总量分别超过1000家和4500家: a goal for a listed item of no core metric
    is still a goal (on other:), named by the item."""
    name = other_phrase(item, "")
    goal = ctx.section.mode == "plan" or ctx.goal_governs(m.start)
    if not goal or m.value is None or not _NAMING.search(item):
        return []
    return [IndicatorRecord(kind="target", metric=f"other:{name}", measure="level", value=m.value, unit=m.unit,
                            approx=m.approx, year=ctx.year_for(text, m.start, "target"), rank=None, scope=None,
                            text=text[max(0, m.start - len(item) - 8) : m.end].strip("，、 "))]


def _record(text: str, figure: Figure, kind: Kind, ctx: Context) -> IndicatorRecord | None:
    m = figure.mention
    if m.value is None:
        return None
    metric = figure.key
    if metric is None:
        if kind != "target":
            return None
        before, after = text[figure.pre_start : m.start], text[m.end : figure.post_end]
        if not _NAMING.search(before + after) and figure.family is None and figure.pre_start == 0:
            return None  # a table cell holding only 15家以上: its row's name is in another cell
        metric = "other:" + other_phrase(before, after)
    unit, measure = m.unit, figure.measure
    if figure.family is not None and figure.key is not None and unit in figure.family.units:
        unit = figure.family.report_unit(unit)
    if _ratio_rise(text, figure):
        unit, measure = "pp", "change"
    snippet = text[figure.pre_start : m.end].strip("，、：（） ")
    return IndicatorRecord(
        kind=kind,
        metric=metric,
        measure=measure,
        value=m.value * figure.sign,
        unit=unit,
        approx=m.approx,
        year=ctx.year_for(text, m.start, kind),
        rank=None,
        scope=None,
        text=snippet,
    )


def _figure_records(
    text: str, mentions: list[Mention], index: int, hits: list[Hit], state: SegmentState, ctx: Context
) -> list[IndicatorRecord]:
    """The record of one figure, and one more per subject a 均 value shares."""
    figure = locate(text, mentions, index)
    record = _figure_record(text, mentions, index, hits, state, ctx, figure)
    if record is None or figure.family is None:
        return [] if record is None else [record]
    extra = []
    for family in shared_families(text, figure.clause[0], figure.mention, hits):
        start = figure.clause[0]
        key = choose_key(family, text[start : figure.mention.start], figure.mention.start - start)
        if family is not figure.family and key is not None and key != record.metric:
            extra.append(replace(record, metric=key))
    return [record, *extra]


def _figure_record(
    text: str, mentions: list[Mention], index: int, hits: list[Hit], state: SegmentState, ctx: Context, figure: Figure
) -> IndicatorRecord | None:
    m = mentions[index]
    if text.startswith("大关", m.end) and _restates(m, mentions[:index], hits):
        return None  # 首次突破300亿元大关: a milestone restating the figure just given
    if _rounded_before_exact(text, mentions, index) or _rounded_after_exact(text, mentions, index, hits):
        return None  # 总数突破600家，达到612家 / 达到121家，首次突破100家: the round milestone of the exact figure
    if _RANGE.search(text, max(0, m.start - 4), m.start):
        return None  # 争取获得省科学技术奖1-2项: a range states no one figure
    if others_figure(text, m, ctx):
        return None  # 仅次于济南(1027家), 滨海新区（2452家）: the subject stays as it was
    borrow = ctx.section.mode == "plan" or ctx.goal_governs(m.start)
    # A goal split by 其中 (达到5万家，其中科技型中小企业达到3万家) sets each part as a goal.
    # A value that refers back (分别比上年增长21.92%) is a part only if its figure is one.
    source = state.sources.get(m.start, m.start)
    sub_item = not borrow and qualified_part(text, source) and figure.measure != "completion"
    spans_years = over_years(text, figure, ctx)
    if is_baseline(text, m) or (spans_years and not borrow) or not resolve(text, figure, hits, state, borrow):
        return None
    if figure.key is None and not borrow:
        figure.key = cultivated_key(text, figure)  # 全市培育国家高新技术企业218家: the count reached
    if spans_years and grows_from_long_base(text, figure, ctx):
        return None  # 预计…比2015年增长127%: five years' growth is no goal of one year either
    if spans_years:
        figure.key = None  # 研发经费年均增长34%, 三年累计突破1000个: a goal, but of no core metric
    if sub_item and not breaks_down(text, m.start, figure, state):
        _part_takes_over(text, figure, state)
        return None
    if not sub_item and part_of_a_sum(text, source, hits, state):
        figure.family, figure.key = None, None  # 双创载体和研发机构24家，其中省级以上8家
    joint = m.start not in state.forced and joint_count(text, figure.clause[0], m, hits)
    if figure.family is not None and figure.measure == "level" and joint:
        figure.family, figure.key = None, None  # 高企和科小突破260家: a sum of two kinds
        state.sums.add(m.start)
    state.resolved[m.start] = (figure.family, figure.key)
    if figure.family is not None and _DENSITY.search(text, figure.clause[0], m.start):
        figure.family, figure.key = None, None  # 每万家企业中高企15家 is a density, not a count
    kept = figure.family is None and figure.measure == "level" and _keeps_subject(text, figure)
    if figure.family is not None:
        state.family, state.key = figure.family, figure.key
    elif figure.measure == "level" and not kept:
        state.family, state.key = None, None
    state.measure, state.ranked = figure.measure, None
    if figure.measure == "level" and not kept:  # 占沈阳市的30.6%，总量…第一: the subject is ranked
        state.levels.append(figure.key)
        phrase = other_phrase(text[figure.pre_start : m.start], text[m.end : figure.post_end])
        state.level_subjects.append(figure.key or f"other:{phrase}")
    if figure.measure == "yoy_growth":  # 产值…增长28%；增加值…增长24.6%。增速均居全省第2位
        unnamed = state.level_subjects[-1] if state.level_subjects else None
        state.growth_subjects.append(figure.key or unnamed or f"other:{text[figure.pre_start : m.start]}")
    state.unnamed = figure.family is None and not kept
    kind = _kind(text, figure, mentions, ctx)
    return None if kind is None else _record(text, figure, kind, ctx)


def _part_takes_over(text: str, figure: Figure, state: SegmentState) -> None:
    """其中，规上工业企业研发经费投入215.50亿元，同比增长17.4%，总量及增幅均居全省首位: a
    segment that opens on a qualified part goes on about that part, so a position after it
    ranks other:<the part>, not the whole named before it."""
    if not text.lstrip("，, ").startswith("其中"):
        return
    state.family, state.key, state.ranked, state.unnamed = None, None, None, True
    state.measure = figure.measure
    if figure.measure == "level":
        phrase = other_phrase(text[figure.pre_start : figure.mention.start], text[figure.mention.end : figure.post_end])
        state.level_subjects.append(f"other:{phrase}")


def _restates(m: Mention, earlier: list[Mention], hits: list[Hit]) -> bool:
    """A milestone restates the last figure of its unit unless a metric is named between
    them (产值271亿元，技术合同成交额突破2亿元大关 is a figure of its own)."""
    same = [other for other in earlier if other.unit == m.unit]
    return bool(same) and not any(same[-1].end <= hit.start < m.start for hit in hits)


_RANGE = re.compile(r"\d\s*[-~～—–]\s*$")
_MILESTONE = re.compile(r"(?:突破|超过|超)$")
_EXACT_NEXT = re.compile(r"[，,](?:达到|达|为|共|总数为|总量为)$")


_MILESTONE_REACH = 24
_MILESTONE_CLAUSE = re.compile(r"[，,](?:首次|历史性|一举)?(?:突破|超过)$")


def _rounded_after_exact(text: str, mentions: list[Mention], index: int, hits: list[Hit]) -> bool:
    m = mentions[index]
    if not index or not _MILESTONE_CLAUSE.search(text, max(0, m.start - 6), m.start):
        return False
    same = [other for other in mentions[:index] if other.unit == m.unit]
    if not same or m.start - same[-1].end > _MILESTONE_REACH or "。" in text[same[-1].end : m.start]:
        return False
    before = same[-1]
    named = any(before.end <= hit.start < m.start for hit in hits)
    return not named and (before.value or 0) > (m.value or 0) > 0


def _rounded_before_exact(text: str, mentions: list[Mention], index: int) -> bool:
    m = mentions[index]
    if index + 1 >= len(mentions) or not _MILESTONE.search(text, max(0, m.start - 2), m.start):
        return False
    after = mentions[index + 1]
    exact = _EXACT_NEXT.search(text, m.end, after.start) is not None and after.start - m.end <= 6
    return exact and after.unit == m.unit and (after.value or 0) >= (m.value or 0) > 0


# 每万人口…, 千家工商注册企业中高新技术企业数量: a density, not a count.
_DENSITY = re.compile(
    r"每(?:万|千|百|十万)(?:家|名|人|户|个)?|(?<![\d.])万人(?:从业人员|就业人员|口)|(?:千|万|百)家[^，。；\d]{0,10}?企业中"
)
_RATE_OF_SUBJECT = re.compile(r"^[\u4e00-\u9fff]{0,4}(?:通过率|成功率|覆盖率|完成率)(?:为|达到?)?$")


def _keeps_subject(text: str, figure: Figure) -> bool:
    """A figure of no metric that is the subject's share of a wider total (占全省比重为61%) or
    a rate of it (认定通过率89.1%、认定数增速51.6%) keeps the segment's subject."""
    if _WIDER_SHARE.match(text, figure.clause[0]):
        return True
    named = _NAMED_SHARE.match(text, figure.clause[0])
    if named and known_place(named.group("place")) == named.group("place"):
        return True  # 占沈阳市的30.6%: the subject's share of a named wider area
    return figure.mention.unit == "%" and bool(_RATE_OF_SUBJECT.match(text[figure.pre_start : figure.mention.start]))


_WIDER_SHARE = re.compile(r"占全(?:国|省|市|区|县|州|的?比重|的?比例)")
_NAMED_SHARE = re.compile(r"占(?P<place>[\u4e00-\u9fff]{2,7}?)(?:的|比重|比例|总[数量]|\d)")


_BRACKETED_GOAL = re.compile(r"(?:任务|目标|指标)[（(]$")


@dataclass(slots=True)
class Carry:
    """The subject one segment ends on, handed to the next segment or sentence."""

    family: Family | None = None
    key: str | None = None
    # Level figures not yet ranked, for 以上各项指标均列全省前列 in a later sentence.
    subjects: list[str] = field(default_factory=list)
    # Growth figures not yet ranked, for 增速均居全省第2位 in the next sentence.
    growths: list[str] = field(default_factory=list)
    # The family last named, with or without a figure.
    named: Family | None = None


def segment_records(
    text: str, ctx: Context, found: Found | None = None, carry: Carry | None = None
) -> list[IndicatorRecord]:
    """All records of one segment, in reading order."""
    found = found if found is not None else Found.scan(text)
    mentions, positions = found.mentions, found.positions
    if not mentions and not positions:
        return []
    hits = alias_table().hits(text)
    forced, dropped, sources = pair_lists(text, mentions, hits)
    state = SegmentState(forced=forced, sources=sources)
    if carry is not None:
        state.carried, state.carried_key, state.named = carry.family, carry.key, carry.named
    records: list[IndicatorRecord] = []
    events: list[tuple[int, int, Position | None]] = [(m.start, i, None) for i, m in enumerate(mentions)]
    events += [(p.start, -1, p) for p in positions]
    last_end = 0
    ranked_upto = 0
    group_before: list[IndicatorRecord] = []
    part = SubAreaWatch(text, ctx.home, opens_by_area(ctx.prefix or text))
    for at, index, position in sorted(events, key=lambda e: e[0]):
        if part.speaks_for_part(at):
            last_end = max(last_end, position.end if position is not None else mentions[index].end)
            continue
        if position is not None:
            if ctx.section.mode == "summary" and not ctx.goal_governs(position.start):
                year = ctx.year_for(text, position.start, "ranking")
                ranked = ranking_records(text, position, last_end, state, year)
                earlier = (carry.subjects, carry.growths) if carry is not None else ([], [])
                group = ranked_group(text, position, last_end, ranked, records[ranked_upto:], group_before,
                                     (earlier[0], state.level_subjects), (earlier[1], state.growth_subjects))
                state.level_subjects, state.growth_subjects = [], []
                if carry is not None:
                    carry.subjects, carry.growths = [], []
                records += group
                group_before, ranked_upto = group, len(records)
            last_end = max(last_end, position.end)
            continue
        last_end = mentions[index].end
        if mentions[index].start in dropped:
            records += _dropped_goal(mentions[index], dropped[mentions[index].start], text, ctx)
            continue
        records += _figure_records(text, mentions, index, hits, state, ctx)
    if carry is not None:
        carry.family, carry.key = (state.family, state.key) if state.family else (state.carried, state.carried_key)
        carry.subjects = carry.subjects + state.level_subjects
        carry.growths = carry.growths + state.growth_subjects
        carry.named = hits[-1].family if hits else carry.named
    return records
