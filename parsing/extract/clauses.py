"""Language cues read off the text around a figure.

These are the small decisions every figure needs — where its clause starts and
ends, which measure its verb implies (同比增长 → yoy_growth, 完成…的 → completion),
whether a goal cue governs it, which year it is about — kept apart from the
bookkeeping in facts.py so each rule can be tested on its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from parsing.extract.guards import guarded
from parsing.extract.memo import text_cache
from parsing.records import Measure

CLAUSE_BREAKS = frozenset("，：")
# A sentence runs up to and including its 。！？ (a negated class is scanned in C).
SENTENCE = re.compile(r"[^。！？]*[。！？]|[^。！？]+")

_COMPLETION = re.compile(
    r"(?:完成率|完成[^，。；]{0,16}?(?:任务|目标|计划)(?:数)?(?:的)?|(?:任务|目标|计划)(?:数)?的"
    r"|占[^，。；\d]{0,8}?(?:目标任务|任务目标|任务|目标)(?:数)?(?:的)?)"  # 占全年目标任务30.88%
    r"(?:为|达到?|是)?$"
)
_GROWTH = guarded(
    r"(?P<verb>增长|增幅|增速|提高|提升|上升|增加|下降|减少|降低|回落|(?<=[比同])增|(?<=[比同])降)(?:了|率|幅度|比例)?(?:目标)?(?:将)?(?:为|高?达到?|是)?"
    r"(?:超过|将近|接近|大约|逾|近|约|超|高于|不低于|不少于)?$",  # 年均增长高于12%
    first="上下减回增提降",
)
_COMPARED = re.compile(r"同比|较|比上年|比去年|净新?增")
_NET = re.compile(r"净新?增(?:了)?[^，。；、\d]{0,12}$")  # 净增120家, 净增高新技术企业120家
_RISE_BY = re.compile(r"(?:增加|增长|多出)了?(?:近|约|超过?)?$")  # 增加350亿元, 增加8075家: by how much
_COUNTED_NEW = re.compile(r"[共新]增加了?(?:近|约|超过?)?$")  # 共增加高企30家: the new ones, counted
_DECLINE = frozenset({"下降", "减少", "降低", "回落", "降"})
# Summary prose: only an explicit goal makes a figure a target.
# Lookbehinds come after a branch's first literal, so that `first` can name it.
TARGET_CUE = guarded(
    r"力争|确保|预计|预估|估计|(?:主要|工作|总体)目标(?:是|为)|(?:目标|下达[^，。；]{0,12}?任务)(?:是|为|包括)|下达[^，。；\d]{0,12}?(?:任务|目标)(?=\d)|计划(?:到|在|于)?(?:\d{4}年|年底|年内|全年)|计划将"
    r"|(?:提出|明确)了?(?=(?:到)?\d{4}年[^，。；]{0,30}?(?:达到?|突破|超过|增至|新增))"  # 提出了2020年…总数达450家
    r"|争取(?:到|在)?(?:\d{4}年|年底|年内|全年|\d{1,2}月)|将(?:达到?|突破|超过|增至)|到\d{4}年(?!的)"
    r"|锚定|准备(?:推出|出台|实施|新增|引进)"  # 锚定…突破1000家目标, 近期准备推出21项
    # 成都将支持…，全年新增…5家以上: 将 before a verb of action says what is to be done.
    r"|将(?:在|支持|新增|实施|推进|推动|建设|培育|打造|组织|开展|完成|实现|引进|认定|加快|加大|加力|围绕|聚焦|着力|重点"
    r"|继续|进一步|全力|大力|深入|持续)"
    r"|(?:[我该本][省市县区州]|科技局|下一步|下半年)还?将|(?:今年|明年)[^，。；\d]{0,8}?将|有望"
    r"|要(?:由|从)[^，。；]{0,16}?(?:增加|增长|提高|提升)(?:至|到)"  # 研发经费支出要由上年的7.95亿元增加至12.51亿元
    r"|(?:明确|提出|确定|设定)了?[^，。；]{0,20}?(?:核心|主要|发展|预期性?|约束性)指标"  # a plan's indicators
    # 高企目标40家 / 年度目标任务：…; 承担…工作任务41项 counts the tasks themselves.
    r"|(?:目标|任务)(?:数|值)?(?=\d+(?:\.\d+)?(?!\d|\.|项|个|类))|(?:目标任务|任务目标|目标)[：:]"
    r"|计划(?<!支持计划|科技计划|人才计划|研发计划|重点计划|专项计划|攻关计划|工程计划|引智计划|引才计划)(?:新增|新认定|认定|引进|培育|完成|实现|入库|申报|推荐|建设|新建|组建|选派|选聘|招引|创建)"
    r"|[（(](?:考核|年度|目标)?(?:指标|任务|目标)(?:任务)?[：:]"  # 创新主体方面（指标：新增科技型中小企业60家…）
    r"|(?:根据|按照)[^，。；]{0,12}?(?:任务指标|目标任务|考核指标|下达的?任务)"  # 根据州科技局任务指标，…6家
    r"|下发[^，。；\d]{0,12}?(?:目标任务|任务|目标)"
    r"|任务(?<![完成]任务)(?:是|为)|(?:按照|根据)指标要求"  # 年度发明专利受理量。任务是60件
    r"|(?<![完成实现的])目标(?=推动|实现|达到|突破|争取|力争|确保)"  # 我区目标推动技术合同成交额突破100亿元
    r"|拟(?<!摸排拟)(?<!排摸拟)(?=申报|推荐|新增|引进|建设|组建)"  # 拟申报25家: planned (摸排拟申报: candidates found)
    # 年内新增…孵化器2个: what is to be done this year.
    r"|年内(?<![同当]年内)(?!共|累计|已|实现了|完成了)"
    r"(?=[^，。；\d]{0,10}?(?:新增|新认定|认定|完成|引进|建成|培育|实现|达到))",
    first="力确预估主工总目下计争将到我该本科今明有要提设任（(根按锚准年拟",
)
# Plan sections: a figure governed by one of these verbs or bounds is a goal.
GOAL_CUE = re.compile(
    r"力争|确保|争取|目标|达到|达|突破|超过|不低于|不少于|以上|新增|增加|增长|提高|提升|完成|实现|引进|"
    r"培育|认定|选派|实施|建设|建成|新建|组建|评选|举办|开展|入库|备案|登记|解决|推荐|申报|组织|培训|"
    r"争创|打造|创建|聘任|累计|入选|获批|新认定"
)
PAST_CUE = re.compile(r"截至|截止|已经|已|去年|上年|过去")
_YEAR = re.compile(r"((?:19|20)(?<!\d\d\d)\d{2})年(?:度|底|末|初)?(?!\d{1,2}月|以来)")
_NOT_OWN_YEAR = ("较", "比", "由", "从", "是", "与", "于")
# 到“十四五”末, “十四五”期间: the last year of a five-year plan (十一五 ended in 2010, 十四五 in 2025).
_PLAN_END = re.compile(r"十([一二三四五六七八九])五[”\"」]?(?:(?:时期|期)?末|期间)")
_PLAN_NUMBER = {c: 10 + i for i, c in enumerate("一二三四五六七八九", start=1)}
_PLAN_END_BASE = 1955
# 170家任务, 270亿元的指引性目标, 2.0%的目标要求: a figure that names a goal.
QUOTED_GOAL = re.compile(r"^(?:的)?(?:增长)?(?:[^，。；、\d]{0,5}?(?:考核|指导性|指引性|年度|全年))?(?:任务|目标)")
# 提前达到2.0%的目标: the goal was reached, so the figure is what was done.
REACHED_GOAL = re.compile(r"(?:达到|实现|达|稳定在|保持在)[^，。；\d]{0,6}$")


MAX_SENTENCE = 600
_CUT_MARKS = ("；", "，", "、", "：", " ")


def bounded(sentence: str, limit: int = MAX_SENTENCE) -> list[str]:
    """A sentence in pieces of at most `limit` characters, cut after a clause mark.

    Real sentences stay far below the limit; a table or a run of text without a
    full stop would otherwise be one "sentence" whose every figure looks at all
    the others, which is quadratic on large inputs.
    """
    pieces: list[str] = []
    start = 0
    while len(sentence) - start > limit:
        low, high = start + limit // 2, start + limit
        cut = next((at for mark in _CUT_MARKS if (at := sentence.rfind(mark, low, high)) >= 0), high - 1)
        pieces.append(sentence[start : cut + 1])
        start = cut + 1
    pieces.append(sentence[start:])
    return pieces


def clause_start(text: str, position: int) -> int:
    """Where the clause (after the last ，/：) that holds `position` begins."""
    return max(text.rfind("，", 0, position), text.rfind("：", 0, position)) + 1


def clause_bounds(text: str, position: int) -> tuple[int, int]:
    """The clause (between ，/：) that holds `position`."""
    start = clause_start(text, position)
    comma, colon = text.find("，", position), text.find("：", position)
    if comma < 0 or 0 <= colon < comma:
        comma = colon
    return start, len(text) if comma < 0 else comma


def measure_of(before: str, unit: str) -> tuple[Measure, float]:
    """The measure a figure's preceding words imply, and its sign (+1 / -1)."""
    if unit == "pp":
        growth = _GROWTH.search(before)
        return "change", -1.0 if growth and growth.group("verb") in _DECLINE else 1.0
    if unit == "%" and _COMPLETION.search(before):
        return "completion", 1.0
    growth = _GROWTH.search(before)
    if unit == "%" and growth:
        return "yoy_growth", -1.0 if growth.group("verb") in _DECLINE else 1.0
    if unit == "%" and _NET.search(before):
        return "yoy_growth", 1.0  # 同比净增30%: a net rise in percent is the growth rate
    if _RISE_BY.search(before) and (unit == "万元" or not _COUNTED_NEW.search(before)):
        return "change", 1.0  # 技术合同成交额增加350亿元, 科技型中小企业增加8075家: the rise, not the amount
    if _NET.search(before) or (growth and _COMPARED.search(before)):
        return "change", -1.0 if growth and growth.group("verb") in _DECLINE else 1.0
    return "level", 1.0


def explicit_year(text: str) -> int | None:
    """The last year a clause states for its own figure (2022年，全市研发…).

    Years that only date a comparison or a cut-off (较2022年, 截至2024年3月) do not count.
    """
    years = _stated_years(text)
    return years[-1][1] if years else None


def year_before(prefix: str, text: str, position: int) -> int | None:
    """`explicit_year(prefix + text[:position])`, for the many figures of one segment
    without scanning the segment again for each."""
    years = _stated_years(text)
    index = bisect_right(years, position, key=_end_of)
    return years[index - 1][1] if index else explicit_year(prefix)


@text_cache(maxsize=64)
def _stated_years(text: str) -> tuple[tuple[int, int], ...]:
    """(end, year) of every year `text` states for its own figures, in order."""
    found: list[tuple[int, int]] = []
    for match in _YEAR.finditer(text):
        before = text[max(0, match.start() - 2) : match.start()]
        if not before.endswith(_NOT_OWN_YEAR):
            found.append((match.end(), int(match.group(1))))
    if "五" in text:
        found += [(m.end(), _PLAN_END_BASE + 5 * _PLAN_NUMBER[m.group(1)]) for m in _PLAN_END.finditer(text)]
    return tuple(sorted(found))


def _end_of(year: tuple[int, int]) -> int:
    return year[0]


@text_cache(maxsize=1024)
def target_cue_start(sentence: str, report_year: int | None = None) -> int | None:
    """Where the goal language of a summary sentence begins, if it has any.

    到2023年底 in a report on 2023 or later is a cut-off (= 截至), not a horizon.
    """
    for match in TARGET_CUE.finditer(sentence):
        horizon = _HORIZON_YEAR.match(match.group())
        if horizon and report_year is not None and int(horizon.group(1)) <= report_year:
            continue
        if match.group()[-1] in "务标数值" and _COMPLETED.search(sentence, max(0, match.start() - 10), match.start()):
            continue  # 完成全年目标任务73.5%: a completion share, not a goal
        return match.start()
    return None


_HORIZON_YEAR = re.compile(r"到(\d{4})年")
_COMPLETED = re.compile(r"完成|占")
# A clause that opens on an elapsed period or a done fact ends a goal cue's reach (decision 3):
# 估计国家高企累计达95家，1—9月份，高新技术产业产值达118.8亿元.
_PAST_CLAUSE = re.compile(
    r"[，；](?=(?:截至|截止|目前已|已|去年|上年|今年以来|延续了?(?:前一年|上年|去年)|\d{4}年以来|1[-—–~至]\d{1,2}月|前三季度|上半年"
    r"|(?:全年|实际|累计)?(?:已)?完成了?\d|(?:全年|实际)(?:共)?完成|实际"
    r"|完成[^，。；\d]{0,8}?(?:任务|目标)[^，。；\d]{0,3}?\d))"  # ，完成全年任务的136%
)


def target_cue_end(sentence: str, cue: int | None) -> int | None:
    """Where the goal language that begins at `cue` stops: the first clause stating a past fact."""
    if cue is None:
        return None
    match = _PAST_CLAUSE.search(sentence, cue)
    end = match.start() if match else None
    opened = cue if sentence[cue] in "（(" else _open_bracket(sentence, cue)
    closed = _bracket_end(sentence, opened) if opened is not None else None
    return closed if closed is not None and (end is None or closed < end) else end


def _open_bracket(sentence: str, cue: int) -> int | None:
    """545家（任务目标400家），完成…: a cue inside a bracket governs only the bracket."""
    depth = 0
    for at in range(cue - 1, max(-1, cue - 16), -1):
        depth += sentence[at] in "）)"
        depth -= sentence[at] in "（("
        if depth < 0:
            return at
    return None


def _bracket_end(sentence: str, start: int) -> int | None:
    """（指标：新增高新技术企业（瞪羚企业）5家…）: a bracketed goal list ends where it closes."""
    depth = 0
    for at in range(start, len(sentence)):
        depth += sentence[at] in "（("
        depth -= sentence[at] in "）)"
        if depth == 0:
            return at
    return None


# 我市将实施科技企业培育工程。实现科技型中小企业入库3000家以上: a sentence that opens on a
# bare goal verb goes on with the goal the sentence before it set.
_OPENS_ON_GOAL = re.compile(r"(?:实现|达到|突破)")


def continues_goal(previous: str, sentence: str, report_year: int | None) -> bool:
    """Whether `sentence`, which states no goal of its own, carries on the one before it."""
    if not _OPENS_ON_GOAL.match(sentence) or PAST_CUE.search(sentence):
        return False
    cue = target_cue_start(previous, report_year)
    return cue is not None and target_cue_end(previous, cue) is None


_PHRASE_EDGE = re.compile(
    r"^(?:力争|确保|争取|锚定|全年|年内|今年|明年|继续|进一步|累计|全市|全县|全区|全省|实现|完成|开展|新增|"
    r"实施|引进|年底|\d{4}年(?:度|底)?|[，、和及])+|(?:达到|达|突破|不少于|不低于|超过|为|共|累计|总数|总量)+$"
)


def other_phrase(before: str, after: str) -> str:
    """A short subject phrase for a figure that maps to no core metric."""
    noun = re.match(r"[^，、。；：\d]{0,10}", after)
    phrase = _PHRASE_EDGE.sub("", before) + (noun.group() if noun else "")
    phrase = re.sub(r"[“”\"《》|｜]", "", phrase).strip("，、 ")
    return phrase[-20:] or "指标"
