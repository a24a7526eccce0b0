"""Figures of one sentence segment → indicator records.

A segment is the stretch of a sentence between ；; within it a figure's metric
comes from the alias next to it (after it when the unit is followed by the noun
it counts, 747家企业申报高新技术企业; before it otherwise), or — when its own
clause only says 通过认定 626 家 / 同比增长 22.56% — from the metric the segment
is already talking about.
"""

from __future__ import annotations

import re

from parsing.extract.baselines import names_task, span_start
from parsing.extract.clauses import clause_bounds, measure_of
from parsing.extract.gazetteer import known_place
from parsing.extract.mentions import Mention
from parsing.extract.metrics import Family, Hit, alias_table, choose_key, family_named
from parsing.extract.state import Figure, SegmentState
from parsing.records import Measure

_POST_REACH = 10
# 30家企业申报2021年度第一批国家高新技术企业: counted firms and what they did, then the subject.
_FIRMS_ACT = re.compile(
    r"(?:家|户)?(?:规模以上|规上)?(?:工业)?企业(?:申报|推荐|上报|申请|提交|通过|获|被|进入|入选|入库|入围|上榜|纳入|成功)"
)
_FIRMS_REACH = 24
_CARRY_RESIDUE = 2
_FIRM_NAME = re.compile(r"(?:公司|集团|厂)、")
# …；866家企业通过天津市雏鹰企业评价入库: a list of another kind of firm, not the subject's.
_OTHER_OBJECT = re.compile(
    r"项目|资金|补助|奖励|创新券|专项|计划|[\u4e00-\u9fff]{2}(?<!技术|中小|高新)企业(?:评价|认定)"
)
# Words that name something (Chinese or Latin letters), left after the carry words go.
WORDY = re.compile(r"[\u4e00-\u9fffA-Za-z]")
# Words a clause may consist of and still only continue the segment's subject (通过认定 626 家).
CARRY_WORDS = re.compile(
    r"全市|全县|全区|全省|全国|全旗|我市|我县|我区|累计|总量|总数|共计|共|达到|达|为|是|已经|已|净增|"
    r"国家级|省级|市级|县级|区级|"
    r"新增|通过认定|新认定|认定|已公示|公示|实现|完成|目前|截[至止](?:目前|\d{1,2}月(?:底|末|份)?|年底|年末)?|实际|"
    r"数|金额|总额|有效|入库|备案|登记|"
    r"获批|超过|突破|首次|近|约|同比|较上年|其中|填报|其|另|有|"
    r"(?:飞速|快速|大幅)?(?:增长|增加|提高|提升|上升|扩大|发展)?(?:至|到)|增至|升至|\d{4}年(?:底|末)?的|"
    r"任务目标|目标任务|目标|任务数|任务|"  # 545家（任务目标400家）: the goal of the same subject
    r"(?:评审|审核)通过|通过(?:评审|审核)|企业数量|(?:市上|省上|县上|上级)?下达的?|"  # 评审通过企业数量1531家
    r"的企业|"  # 申报高新技术企业35家，通过认定的企业达到25家: the firms of the subject
    r"力争|确保|预计|估计|全年|今年|年内|\d{4}年(?:底|末)?|第[一二三四五六七八九十\d]{1,2}批|首批|拟|"
    # 由2014年的1.04万家提高到…: the baseline of a series names nothing of its own.
    r"(?:由|从)(?:\d{4}年(?:底|末)?的?)?[\d.]+(?:万|亿)?(?:家|项|个|件|人|元|户|%)?"
    # 2023年，这项数据达3084家: a word pointing back at the figure before names nothing new.
    r"|(?:这|该|此|这一|这个|这项|此项)(?:项|一)?(?:数据|数字|指标|数量|规模)"
)
# 其中我市1017家企业，: a count of firms names no subject of its own.
_OPEN_AFTER = re.compile(r"^(?:以上|左右|余|多)?(?:企业)?(?:[，。；、）]|$)|^(?:的)?(?:任务|目标)|^(?:以上)?的$")
# A goal clause with a verb of its own (力争…突破460家) borrows no cue from the clause before.
_OWN_VERB = re.compile(r"力争|确保|突破|达到|超过|总数|总量")


def _compatible(family: Family, mention: Mention, measure: Measure) -> bool:
    if measure == "level":
        return mention.unit in family.units
    if mention.unit == "pp":
        return "%" in family.units
    if measure == "change":
        return mention.unit in family.units
    return True


# 8家企业获得省级高新技术企业发展专项资金: the kind names the fund, not the firms.
_MODIFIES_OBJECT = re.compile(
    r"(?:发展|培育|认定)(?:专项)?(?:资金|奖励|奖补|补助|补贴|经费)|专项(?:资金|经费)|资金|经费"
)


def _own_family(figure: Figure, hits: list[Hit], text: str) -> tuple[bool, Family | None]:
    """(ambiguous, family): the alias next to the figure, unless several different ones compete.

    A noun after the unit names the figure's subject (747家企业申报高新技术企业), but not
    across 、 when another figure follows: the next item of a list begins there
    (研究中心18家、众创空间7家), unless 等 closes a list of kinds (43家高企、科小等企业).
    """
    m, measure = figure.mention, figure.measure
    after = text[m.end : figure.post_end]
    split = figure.post_end < figure.clause[1] and "等" not in after
    reach = _FIRMS_REACH if _FIRMS_ACT.match(text, m.end) else _POST_REACH
    post = [
        h
        for h in hits
        if m.end <= h.start < m.end + reach
        and h.end <= figure.post_end
        and _compatible(h.family, m, measure)
        and not (split and ("、" in text[m.end : h.start] or text.startswith(("和", "及", "与", "以及"), m.end)))
        and not _MODIFIES_OBJECT.match(text, h.end)
        and not text.endswith("优秀", 0, h.start)
    ]
    if len({h.family.name for h in post}) > 1:
        return True, None
    if post:
        return False, post[0].family
    if text[figure.pre_start : m.start].endswith("等"):
        return False, None
    before = [h for h in hits if h.start >= figure.pre_start and h.end <= m.start]
    pre = [h for h in before if _compatible(h.family, m, measure)]
    if pre:
        return False, pre[-1].family
    return False, _sibling(text, figure, before[-1] if before else None)


def _sibling(text: str, figure: Figure, hit: Hit | None) -> Family | None:
    """The family a subject's figure in another unit belongs to: 研发经费投入达到1.75% is the
    intensity (研发费用占营业收入比重 is some other ratio); 技术合同登记12亿元 is the value."""
    if hit is None or figure.measure != "level" or _excluded(hit.family, text, figure):
        return None
    m, source = figure.mention, hit.family
    if m.unit == "%" and source.percent_family and "占" not in text[hit.end : m.start]:
        return family_named(source.percent_family)
    if m.unit == "万元" and source.money_family:
        return family_named(source.money_family)
    return None


def _carried_family(figure: Figure, hits: list[Hit], text: str, carried: Family | None = None) -> Family | None:
    """通过认定 626 家: a clause of bare verbs borrows the last fitting alias of the segment.

    A clause that names anything of its own (参会企业超过110家, 3名人选被…) does not.
    """
    intensity = _intensity_after(figure, hits, text)
    if intensity is not None:
        return intensity
    before = CARRY_WORDS.sub("", text[figure.pre_start : figure.mention.start])
    if figure.measure == "yoy_growth":
        before = _GROWTH_WORDS.sub("", before)  # 在高新技术企业增长方面，增长比例将达到16%: the rate of that subject
    after = text[figure.mention.end : figure.post_end]
    acting = bool(_FIRMS_ACT.match(after))  # 17家企业进入拟认定公示名单: firms of the subject
    if acting and _OTHER_OBJECT.search(after):
        return None  # 26家企业申报各类科技计划项目: firms acting on something else
    if acting and ((before.endswith("等") and _FIRM_NAME.search(before)) or known_place(before) == before):
        before = ""  # A公司、B公司等387家企业入选 / 晋城市22家企业入库: the firms are named, not a kind
    if len(WORDY.findall(before)) > _CARRY_RESIDUE or not (acting or _OPEN_AFTER.match(after)):
        return None
    earlier = [h for h in hits if h.end <= figure.pre_start and _compatible(h.family, figure.mention, figure.measure)]
    if earlier:
        return earlier[-1].family
    # 高企达到120家；新增18家。 — the subject of the sentence or segment before carries on.
    if carried is not None and not hits and _compatible(carried, figure.mention, figure.measure):
        return carried
    return None


_INTENSITY = re.compile(r"(?:其)?(?:研发|R&D)?(?:投入|经费)?强度")


def _intensity_after(figure: Figure, hits: list[Hit], text: str) -> Family | None:
    """研发经费投入达1283.9亿元，强度提升至2.57%: a bare 强度 is the ratio of the amount just named."""
    if figure.mention.unit != "%" or not _INTENSITY.match(text, figure.pre_start):
        return None
    earlier = [h for h in hits if h.end <= figure.pre_start and h.family.percent_family]
    return family_named(earlier[-1].family.percent_family or "") if earlier else None


def _excluded(family: Family, text: str, figure: Figure) -> bool:
    if family.exclude is None:
        return False
    start, end = figure.clause
    if text.startswith("占", start):  # 高新技术产业增加值129亿元，占GDP的10.22%: the share of what came before
        start = max(text.rfind("，", 0, start - 1), text.rfind("；", 0, start - 1), 0)
    return bool(family.exclude.search(text[start:end]))


def _key_for(family: Family, figure: Figure, text: str, borrow: bool) -> str | None:
    """Cues are read in the figure's own window (up to the next 、), then, for goals
    whose clause has no verb of its own, in the clause before."""
    m = figure.mention
    post = text[m.end : figure.post_end]
    if post.startswith(("（", "(", "以及", "及", "和", "与")):
        post = ""  # 推荐上报75家（其中新增61家）, 增速51.6%以及总量…: the cue belongs to what follows
    window = text[figure.pre_start : m.start] + (post[: post.find("、")] if "、" in post else post)
    anchor = m.start - figure.pre_start
    acted = post[: post.find("、")] if "、" in post else post
    if _FIRMS_ACT.match(post) and family.cue_re is not None and family.cue_re.search(acted):
        window, anchor = acted, 0  # 共有345家企业申报认定高企: what the firms did decides
    start = figure.clause[0]
    earlier = ""
    if borrow and start and not _OWN_VERB.search(text, start, m.start):
        earlier_start, _ = clause_bounds(text, start - 1)
        earlier = text[earlier_start : start - 1]
        # 加强科技型企业梯度培育，预计高企数量增至44家: a clause naming its own subject borrows a cue
        # only from a clause with a figure (力争申报A1家，B5家以上), not from one of work done.
        if not _DIGIT.search(earlier) and _names_family(family, text[start : m.end]):
            earlier = ""
    if borrow and figure.pre_start > start and text[figure.pre_start - 1] == "（":
        earlier = text[start : figure.pre_start - 1]  # 新认定高企300家（任务目标180家）: the goal of that count
    if text.startswith("、", figure.pre_start):
        head = _LIST_VERB.match(text, start)  # 新增科技型中小企业50家、高新技术企业10家: the verb leads the list
        earlier = head.group(1) if head else earlier
    elif not earlier and start and _BARE_ITEM.fullmatch(text, start, m.start):
        earlier = _applied_list_head(text, start) or earlier  # 组织申报A9项，B30项，C19项: still applications
    return choose_key(family, window, anchor, earlier)


_LIST_REACH = 6
_DIGIT = re.compile(r"\d")


def _names_family(family: Family, clause: str) -> bool:
    return any(hit.family is family for hit in alias_table().hits(clause))


def _applied_list_head(text: str, start: int) -> str | None:
    """The 申报 that opens a list of bare items (subject + count) ending just before `start`."""
    for _ in range(_LIST_REACH):
        if start <= 0:
            return None
        earlier_start, _ = clause_bounds(text, start - 1)
        applied = _APPLIED_LEAD.match(text, earlier_start)
        if applied:
            return applied.group(1)
        if not _BARE_COUNT.fullmatch(text, earlier_start, start - 1):
            return None
        start = earlier_start
    return None


_APPLIED_LEAD = re.compile(r"(?:组织|积极|共|全年|今年|全市|全县|全区|全省|新)*(申报|推荐|上报)")
# A list item that is only a subject and its count (州级科技计划项目30项) has no verb of its own.
_NO_VERB = r"(?![^，。；]*(?:申报|推荐|上报|立项|获批|认定|通过|完成|新增))"
_BARE_ITEM = re.compile(_NO_VERB + r"[^，。；\d]{2,20}")
_BARE_COUNT = re.compile(_NO_VERB + r"[^，。；\d]{2,20}[\d.]+[项个家件人]")
_OF_TASK = re.compile(r"(?:以上)?的")
_LIST_VERB = re.compile(
    r"(?:全年|今年|年内|力争|确保|累计|共|全市|全县|全区|新(?=申报|推荐))*(新增|新认定|认定|引进|培育|获批|入库|申报|推荐)"
)


# 较去年同期相比， / 与上年相比，: a clause of its own that only says what the next one compares with.
_COMPARISON_REACH = 16
_COMPARISON_CLAUSE = re.compile(r"(?:较|与|和|同)(?:去年|上年|上一年)(?:同期)?(?:相比|比较)?(?:而言)?，$")


def locate(text: str, mentions: list[Mention], index: int) -> Figure:
    """The windows of one figure: its clause, and the stretch it shares with no other figure."""
    m = mentions[index]
    clause = clause_bounds(text, m.start)
    before = index - 1 if index and span_start(text, mentions[index - 1]) else index
    pre_start = max(clause[0], mentions[before - 1].end if before else 0)  # 比重从6.02%提高到9.75%
    opened = text.rfind("（", pre_start, m.start)
    if opened >= 0 and text.find("）", opened, m.start) < 0:
        pre_start = opened + 1  # 公示名单（第一批拟认定10家，…）: a bracket of details opens a clause
    post_end = min(clause[1], mentions[index + 1].start if index + 1 < len(mentions) else len(text))
    measure, sign = measure_of(text[pre_start : m.start], m.unit)
    if measure == "level" and pre_start == clause[0] and \
            _COMPARISON_CLAUSE.search(text, max(0, clause[0] - _COMPARISON_REACH), clause[0]):
        measure, sign = measure_of("较上年" + text[pre_start : m.start], m.unit)  # 较去年同期相比，增加303家
    if m.unit == "%" and index and _OF_TASK.fullmatch(text, mentions[index - 1].end, m.start) and \
            names_task(text, mentions[index - 1]):
        measure = "completion"  # 完成市上下达任务20家的125%: the share of the quoted task
    return Figure(m, measure, sign, None, None, clause, pre_start, post_end)


def _paired(text: str, figure: Figure, family: Family, anchor: int) -> bool:
    """A 分别 pair: the family was fixed by position; its cues sit before 分别."""
    start, _ = clause_bounds(text, anchor)
    figure.family, figure.key = family, choose_key(family, text[start:anchor], anchor - start)
    if figure.mention.start != anchor:  # 分别增长15%、20%: later values share the first one's measure
        figure.measure, figure.sign = measure_of(text[start:anchor], figure.mention.unit)
    return True


def _listed_after(family: Family, figure: Figure, hits: list[Hit], text: str) -> bool:
    """入选国家级人才工程12人，省级人才工程35人: the next item of a list that the previous
    clause began, for a family counted only with a cue, takes that clause's cue."""
    start = figure.clause[0]
    if family.default is not None or not start:
        return False
    earlier_start, _ = clause_bounds(text, start - 1)
    return any(h.family is family and earlier_start <= h.start < start for h in hits)


def resolve(text: str, figure: Figure, hits: list[Hit], state: SegmentState, borrow: bool) -> bool:
    """Attach family and key to a figure; False when the figure must be dropped.

    `borrow` lets a goal clause without a verb take the previous clause's cue.
    """
    paired = state.forced.get(figure.mention.start)
    if paired is not None:
        return _paired(text, figure, *paired)
    ambiguous, family = _own_family(figure, hits, text)
    m = figure.mention
    named_firms = _FIRMS_ACT.match(text, m.end) and _FIRM_NAME.search(text, figure.pre_start, m.start)
    if ambiguous or (family is None and text[figure.pre_start : m.start].endswith("等") and not named_firms):
        return False
    counted_change = figure.measure == "change" and figure.mention.unit not in ("%", "pp")
    if family is None and (figure.measure == "level" or (counted_change and state.family is None)):
        family = _carried_family(figure, hits, text, None if state.unnamed else state.carried)
        borrow = borrow or family is not None
    if family is not None and _excluded(family, text, figure):
        if figure.measure != "level":
            return False
        family = None  # 省级科技型中小企业达到260家: no core key, but still a goal of its own
    if family is not None:
        borrow = borrow or _listed_after(family, figure, hits, text)
        figure.family, figure.key = family, _key_for(family, figure, text, borrow)
    elif figure.measure != "level" and state.family is not None and not _is_share(text, figure):
        if not _names_own_subject(text, figure):
            figure.family, figure.key = state.family, _own_cue_key(state.family, figure, text) or state.key
    elif (
        figure.measure != "level"
        and state.carried is not None
        and not hits
        and not state.unnamed
        and _compatible(state.carried, figure.mention, figure.measure)
        and not _names_own_subject(text, figure)  # ；全市高新技术产业投资同比增长39.7%
    ):
        figure.family, figure.key = state.carried, state.carried_key
    elif figure.measure == "yoy_growth" and state.family is None:
        _growth_of_named_subject(text, figure, hits)
    return True


_ASPECT = re.compile(r"[^，。；\d]{0,8}?方面[，,：:]")


def _growth_of_named_subject(text: str, figure: Figure, hits: list[Hit]) -> None:
    """高新技术企业培育工作中，认定数增速51.6%: a segment that named its subject without a
    figure; a growth that names a cue of that subject's family (认定数, 总量) is its growth."""
    earlier = [h for h in hits if h.end <= figure.pre_start]
    if not earlier or _names_own_subject(text, figure):
        return
    family = earlier[-1].family
    key = _own_cue_key(family, figure, text)
    if key is None and _ASPECT.match(text, earlier[-1].end):
        key = family.default  # 在高新技术企业增长方面，增长比例将达到16%: the aspect names the subject
    if key is not None:
        figure.family, figure.key = family, key


def _own_cue_key(family: Family, figure: Figure, text: str) -> str | None:
    """认定数增速51.6%，总量增速26.7%: a growth of the segment's subject whose own words carry
    a strong cue of the family (总量) is of the key that cue names."""
    window = text[figure.pre_start : figure.mention.start]
    if family.cue_re is None or not family.cue_re.search(window):
        return None
    return choose_key(family, window, len(window))


# Words of a growth clause that name no subject (同比增长, 比上年提高, 增幅达).
_COMPLETION_WORDS = re.compile(r"[\u4e00-\u9fff]{0,8}?下达|完成率|完成|全年|年度|目标|任务|计划|进度|的|已|率|占")
_GROWTH_WORDS = re.compile(
    r"同比|比上年|较上年|比去年|较去年|上年同期|同期|较|比|上年|去年|增长|增速|增幅|增加|提高|提升|上升|下降|减少|"
    r"幅度|比例|将|达到|达|为|了|分别|均|实现|超过|约|年均|全年|今年|首次|突破|\d{4}年|[，、：（）]"
)
_OWN_SUBJECT = 4


def _names_own_subject(text: str, figure: Figure) -> bool:
    """高新技术产业增加值增速达到7% after 科技型中小企业818家: a growth whose clause names a
    subject of its own (of no core metric) does not take the segment's subject."""
    if figure.measure not in ("yoy_growth", "completion"):
        return False
    own = re.split(r"[\d.%、]+", text[figure.clause[0] : figure.mention.start])[-1]  # after the last figure
    if figure.measure == "completion":  # 发明专利申请已完成任务的473.68%: the rate of another subject
        own = _COMPLETION_WORDS.sub("", own)
    words = _GROWTH_WORDS.sub("", CARRY_WORDS.sub("", own))
    return len(re.findall(r"[\u4e00-\u9fff]", words)) >= _OWN_SUBJECT


def _is_share(text: str, figure: Figure) -> bool:
    """占全省净增数的78.66%: a share of a wider total, not a change of the subject
    (占年度目标任务的120% is the subject's completion)."""
    return figure.measure != "completion" and "占" in text[figure.pre_start : figure.mention.start]
