"""A ranked position → ranking records, with the metric and measure it follows.

A position names its own subject (技术合同成交额居全省第3位), or only a measure
(增幅位居全市前列, 同比增幅目前全市第一) and then ranks whatever the segment was
just reporting; 增速及占比均列全市第2 ranks two measures at once.
"""

from __future__ import annotations

import re

from parsing.extract.clauses import clause_bounds
from parsing.extract.gazetteer import place_level
from parsing.extract.metrics import alias_table, choose_key, family_of_key
from parsing.extract.rankings import LISTED_RANK, Position
from parsing.extract.state import SegmentState
from parsing.records import IndicatorRecord, Measure

_MEASURE_WORDS: tuple[tuple[str, Measure], ...] = (
    ("增幅", "yoy_growth"),
    ("增速", "yoy_growth"),
    ("增长率", "yoy_growth"),
    ("增长幅度", "yoy_growth"),
    ("完成率", "completion"),
    ("增量", "change"),
    ("上升位次", "change"),  # 上升位次居全国第1位: the places risen are ranked
    ("提升位次", "change"),
    ("净增", "change"),
    ("提升幅度", "change"),
    ("提高幅度", "change"),
    ("占比", "level"),
    ("比重", "level"),
    ("总量", "level"),
    ("数量", "level"),
    ("强度", "level"),  # 强度和增幅均位列全市第一: the intensity itself and its rise
)
_SHARE_WORDS = ("占比", "比重")
_RATE_NOUNS = tuple((word, measure) for word, measure in _MEASURE_WORDS if measure != "level")
_NOISE = re.compile(
    r"排名|排位|位次|名次|位居|位列|名列|居于|稳居|跃居|处于|保持|位于|"
    r"(?:上升|提升|跃升|攀升|前移|进位|晋升)(?:至|到|为)?|排|居|列|"
    r"蝉联|仅次于[^，；。]*|(?:今年|去年|上年|本年|全年)(?:上半年|前三季度|一季度)?|上半年|前三季度|一季度|"
    r"连续(?:\d+|[一二两三四五六七八九十]+)年|目前|同样|双双|(?:摘|夺|获|取|荣获)得|均|都|继续|仍然|仍|(?<!可)持续|始终|在|中|的|为|已|"
    r"同比|增幅|增速|增长率|增长幅度|完成率|占比|比重|数量|总量|总数|增量|强度|规模|年度|及|和|与|、|全(?:国|省|市|区|县)|"
    r"\d+|[，：（）]"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_PART_REACH = 40  # the 其中 clause right before a position; a window keeps long texts linear
_PART_BEFORE = re.compile(
    r"[，；]其中(?P<name>[\u4e00-\u9fff]{2,16}?)(?:达到?|为|共)?[\d.]+(?:万|亿)?[^\d，。；]{0,3}，$"
)
_RANKING_NOUN = re.compile(r"排名|排位|位次")
_DENSITY = re.compile(r"每(?:万|千|百|十万)(?:家|名|人|户|个)?|万人")
# Words that say which count is ranked but not of what: 新增数量全市第一 ranks the figure before.
_GENERIC = re.compile(
    r"(?:新增|净增|新认定|认定|入选|入库|引进|登记|获批|立项|备案|培育|通过|人数|家数|个数|项数|件数|户数|金额|额度"
    r"|目标任务|任务|目标)+数?"  # 任务完成率全市第一: the completion of the figure before
)


def _rate_named_before(text: str, bounds: tuple[int, int], state: SegmentState) -> Measure | None:
    """增幅达25%，全市排名第2 / 完成率107%，全市排名第2: a rate *noun* heading the figure
    just before the position says what is ranked.

    A bare verb does not: in 成交额108.6亿元，同比增长25.7%，居全省第二位 the subject
    that is ranked is the amount, and so is 完成任务目标的118.6%，排名全市第一.
    """
    clause_start, figure_end = bounds
    if state.measure not in ("yoy_growth", "completion", "change"):
        return None
    # 入库增幅达126.29%、位列全国第二位: the figure may share the position's clause.
    opened = clause_bounds(text, clause_start - 2)[0] if clause_start >= 2 else clause_start
    previous = text[opened:figure_end]
    named = {m for w, m in _RATE_NOUNS if w in previous}
    if state.measure == "change":  # 强度1.45%，年度增幅达到0.22个百分点，居全国第4位: the rise is ranked
        return "change" if named & {"yoy_growth", "change"} else None
    return state.measure if state.measure in named else None


def _measures(residual: str, text: str, bounds: tuple[int, int], state: SegmentState) -> list[tuple[Measure, str]]:
    """(measure, the word naming it) for each measure a position ranks: the ones its own
    clause names, else the rate it follows.

    Without a named rate a ranking is by level (INDICATORS.md §5 and the dev convention).
    """
    own = sorted((residual.find(w), m, w) for w, m in _MEASURE_WORDS if w in residual)
    if own and state.measure == "change" and all(m == "yoy_growth" for _, m, _ in own):
        return [("change", own[0][2])]  # 增幅达到22.75个百分点，增幅居全市第一: a rise in points
    if own:
        first: dict[Measure, str] = {}
        for _, measure, word in own:
            first.setdefault(measure, word)
        return list(first.items())
    if _names_quantity(residual):
        return [("level", "")]  # 投资完成率达160.3%，项目建设数和投资完成额均为全省第一
    if state.ranked is not None:
        # 增幅全省第一，全省排名由第5位提升到第3位: a clause of its own naming 排名 is the
        # ranking itself; 、排名同类县市第1名 or 、中部第2 is a further place of the same one.
        own_clause = bounds[0] == bounds[1] and _RANKING_NOUN.search(residual)
        return [("level" if own_clause else state.ranked[1], "")]
    if state.measure in ("yoy_growth", "change") and (state.key not in state.levels
                                                       or state.key in state.ranked_levels):
        return [(state.measure, "")]  # only the growth was given, or its amount was ranked already
    return [(_rate_named_before(text, bounds, state) or "level", "")]


_QUANTITY_END = re.compile(r"[\u4e00-\u9fff]{2,}(?:数|额|量|总值|产值|收入|规模)$")


def _names_quantity(residual: str) -> bool:
    """The position's own words name an amount (投资完成额均为全省第一), so it ranks that
    amount's level, not the rate reported just before."""
    subject = _NOISE.sub("", re.sub(r"(?:均|都|分别).*$", "", residual))
    return bool(_QUANTITY_END.search(subject)) and not _GENERIC.fullmatch(subject)


def _metric(raw: str, subject: str, before: str, state: SegmentState) -> str:
    """The metric a position ranks: named in its own words (科技型中小企业入库数量全市排名第1位),
    else the one the segment is talking about, else the last one named before it
    (高新技术企业数量较上年前移4个位次，居全市第4位)."""
    hits = alias_table().hits(raw)
    if hits and _DENSITY.search(raw):
        return f"other:{subject or raw}"  # 每万家企业法人中高新技术企业数量位居全省前列: a density
    if hits:
        return choose_key(hits[-1].family, raw, len(raw)) or f"other:{subject or raw}"
    counted = _counting_word_key(subject, before, state)
    if counted is not None:
        return counted
    if len(_CJK.findall(subject)) >= 2 and not _GENERIC.fullmatch(subject):
        return f"other:{subject}"
    part = _PART_BEFORE.search(before, max(0, len(before) - _PART_REACH))
    if part and not subject:  # 取得专利437件，其中有效发明专利165件，全省排名第二: the part is ranked
        named = alias_table().hits(part.group("name"))
        found = choose_key(named[-1].family, part.group("name"), len(part.group("name"))) if named else None
        return found or f"other:{part.group('name')}"
    if state.ranked is not None:
        return state.ranked[0]
    if state.key is not None:
        return state.key
    if state.unnamed and not subject and state.level_subjects:
        return state.level_subjects[-1]  # 指数达到65.61%，增幅全省第一: the unnamed figure's subject
    if state.unnamed:
        return f"other:{subject or _head(before)}"
    earlier = alias_table().hits(before)
    key = choose_key(earlier[-1].family, before, earlier[-1].end) if earlier else None
    if key is not None:
        return key
    return f"other:{subject or _head(before)}"


# 申报数、认定数、净增数和有效数均居全省第一: bare counting words of the subject named before.
_COUNTING_WORD = re.compile(r"(?:申报|认定|新认定|净增|有效|入库|新增|备案|登记)(?:企业)?(?:数|数量|量)|总数|总量")


def _counting_word_key(subject: str, before: str, state: SegmentState) -> str | None:
    if not _COUNTING_WORD.fullmatch(subject):
        return None
    earlier = alias_table().hits(before)
    family = state.family or state.carried or (earlier[-1].family if earlier else None) or state.named
    return choose_key(family, subject, len(subject)) if family is not None else None


def _head(before: str) -> str:
    return re.sub(r"[\d.%]", "", before.split("，")[0])[:16] or "排名"


def _share_metric(subject: str, word: str) -> str | None:
    """增速及占比均列全市第2: the 占比 of a quantity is its own metric when the table has one
    (高新技术产业产值 + 占比 → ht_output_share)."""
    if word not in _SHARE_WORDS or not subject:
        return None
    hits = alias_table().hits(subject + word)
    if not hits or hits[-1].end != len(subject) + len(word):
        return None
    return choose_key(hits[-1].family, subject + word, len(subject) + len(word))


def ranking_records(
    text: str, position: Position, last_end: int, state: SegmentState, year: int | None
) -> list[IndicatorRecord]:
    """One record per measure ranked at this position (and per subject of a list of them)."""
    clause_start, _ = clause_bounds(text, position.start)
    residual = text[max(clause_start, last_end) : position.start]
    counted = _COUNTED_TAIL.search(text, clause_start, position.start)
    if counted and last_end > clause_start and counted.end() == position.start:
        last_end = clause_start  # A、B、C 3个指标均排名第一: the count closes the list, it is no figure
        residual = re.sub(r"^其中", "", text[clause_start : position.start])
    inner = _INNER_MEASURE.search(text, position.start, position.end)
    if inner:  # 在16个GDP万亿级城市中增速第一: the measure named inside the position
        residual += inner.group()
    raw = re.sub(r"(?:由|从).*$", "", residual)
    start = max(clause_start, last_end)
    if not raw.strip("、和及 ") and state.listed:
        # 分别居全国第四位、第五位: the next place goes to the next subject of the list.
        if _is_place(state.listed[0]):
            state.listed.pop(0)
            return []
        return _one_subject(text, position, (clause_start, start), state.listed.pop(0), state, year)
    listed = _list_named(text, position)
    if listed is not None:  # 在“中国工业百强县”榜单中，醴陵排名第66位: the list is what ranks
        return _one_subject(text, position, (clause_start, start), "", state, year, metric=listed)
    each = "分别" in raw or "分别" in text[position.start : position.end]  # 全省排名分别为第1、2、4位
    parts = _measure_list(raw) or _listed_subjects(raw)
    if len(parts) < 2 and each:
        parts = _earlier_list(text[:clause_start])
    if len(parts) > 1 and each:
        state.listed = parts[1:]
        if all(_is_place(part) for part in parts):
            return []  # 酒泉、张掖分别排在全省第3、4位: places inside the report's area (sub-areas)
        return _one_subject(text, position, (clause_start, start), parts[0], state, year)
    if len(parts) > 1:
        return _each_subject(text, position, (clause_start, start), _shared_rate(parts), state, year)
    return _one_subject(text, position, (clause_start, start), raw, state, year, residual)


def _is_place(part: str) -> bool:
    name = part.strip("、和及与 ")
    return len(name) >= 2 and place_level(name) is not None


_COUNTED_TAIL = re.compile(
    r"、[^，。；]*?[\d一二两三四五六七八九十]+(?:个|项)(?:指标|方面)(?:均|都)?(?:位居|位列|排名|居|列|排)?"
)
_INNER_MEASURE = re.compile(
    r"中(?:" + "|".join(w for w, _ in _RATE_NOUNS) + r")(?=(?:排名|排位|位居|位列|居|列)?(?:第|首位|前列))"
)
_LIST_SPLIT = re.compile(r"[、和及与]")
_COUNTED_LIST = re.compile(r"(?:等)?[\d一二两三四五六七八九十]+(?:个|项)(?:指标|方面)?$")


def _listed_subjects(raw: str) -> list[str]:
    """项目建设数和投资完成额均为 / 有效发明专利量、PCT申请量及专利综合实力居: each named
    subject of a list before one position (a list of measures, 增速及占比, is left whole)."""
    body = _COUNTED_LIST.sub("", re.sub(r"(?:均|都|连续多年|连续\d+年|继续|分别).*$", "", raw))
    parts = _split_list(body)
    named = [_NOISE.sub("", p) for p in parts]
    if len(parts) < 2 or any(len(_CJK.findall(n)) < 2 for n in named):
        return []
    return parts


def _each_subject(
    text: str, position: Position, bounds: tuple[int, int], parts: list[str], state: SegmentState, year: int | None
) -> list[IndicatorRecord]:
    """One position ranking every subject of a list: an item names its own measure or
    none (no item lends its measure to the next)."""
    before = state.ranked
    records: list[IndicatorRecord] = []
    for part in parts:
        state.ranked = before
        records += _one_subject(text, position, bounds, part, state, year)
    return records


_QUOTED = re.compile(r"“[^”]*”")


def _split_list(body: str) -> list[str]:
    """The items of a list; a quoted name (“综合质效和持续创新力”) is one item."""
    hidden = _QUOTED.sub(lambda quoted: "\0" * len(quoted.group()), body)
    parts, start = [], 0
    for joiner in _LIST_SPLIT.finditer(hidden):
        parts.append(body[start : joiner.start()])
        start = joiner.end()
    parts.append(body[start:])
    return [p for p in parts if p]


def _measure_list(raw: str) -> list[str]:
    """高新技术企业数量、增速分别位居全市第一、第二: one subject's measures, paired in order
    with the places (each item takes the subject the first one names)."""
    parts = _split_list(re.sub(r"(?:分别|均|都).*$", "", raw))
    words = [*(w for w, _ in _MEASURE_WORDS), "强度"]
    first = next((w for w in words if parts and parts[0].endswith(w)), None)
    if len(parts) < 2 or first is None or not all(p in words for p in parts[1:]):
        return []
    subject = parts[0][: -len(first)]
    if not _NOISE.sub("", subject):
        return []  # 增速及占比均列全市第2: measures of the segment's subject, ranked together
    return [parts[0], *(subject + p for p in parts[1:])]


def _shared_rate(parts: list[str]) -> list[str]:
    """工业、互联网指标增速全市第一: the rate that ends a list is the rate of every item."""
    last = parts[-1].rstrip("均都")
    rate = next((w for w, _ in _RATE_NOUNS if last.endswith(w)), None)
    if rate is None:
        return parts
    return [p if any(w in p for w, _ in _MEASURE_WORDS) else p + rate for p in parts]


_PREDICATE = re.compile(r"(?:连续|持续|稳步|均|都|增长|提升|提高|明显|显著|实现|保持|达到)")


def _earlier_list(before: str) -> list[str]:
    """A、B、C增长明显，全省排名分别为第1、2、4位: the list the 分别 refers to ends the
    clause before, its predicate cut off."""
    clause = re.split(r"[，。；：]", before.rstrip("，"))[-1]
    body = _PREDICATE.split(clause, maxsplit=1)[0] if "、" in clause else ""
    return _listed_subjects(body)


def _list_named(text: str, position: Position) -> str | None:
    """other:<list> when the position is a numbered place in a quoted, named list."""
    for match in LISTED_RANK.finditer(text, max(0, position.start - 60), position.end):
        if match.end() == position.end:
            return f"other:{match.group('list')}"
    return None


def _one_subject(
    text: str,
    position: Position,
    bounds: tuple[int, int],
    raw: str,
    state: SegmentState,
    year: int | None,
    residual: str | None = None,
    metric: str | None = None,
) -> list[IndicatorRecord]:
    _, start = bounds
    residual = raw if residual is None else residual
    subject = _NOISE.sub("", raw)
    metric = metric or _metric(raw, subject, text[: position.start], state)
    measures = _measures(residual, text, bounds, state)
    state.ranked = (metric, measures[-1][0])
    state.ranked_levels.update(metric for measure, _ in measures if measure == "level")
    snippet = text[min(start, position.start) : position.end].strip("，、）) ")
    stated = state.measure == "level" and state.key == metric  # the ratio's own level was just given
    settled = [_settled(_share_metric(subject, word) or metric, measure, word, stated) for measure, word in measures]
    return [
        IndicatorRecord(
            kind="ranking",
            metric=ranked,
            measure=measure,
            value=None,
            unit=None,
            approx=False,
            year=year,
            rank=position.rank,
            scope=position.scope,
            text=snippet,
        )
        for ranked, measure in settled
    ]


# A count of new ones whose rise is ranked is the total's rise.
_RISE_OF = {"hte_new": "hte_total"}


def _settled(metric: str, measure: Measure, word: str, stated: bool) -> tuple[str, Measure]:
    """新增90家高企，增量位居全省首位 ranks the rise of the total (hte_total, change); the
    增幅 of a ratio just stated (强度提升至2.77%，增幅排名全省第1位) is its rise in points
    (change), while a 占比增幅 ranked with no figure of it stays the growth the words say."""
    if measure == "change":
        return _RISE_OF.get(metric, metric), measure
    family = family_of_key(metric)
    if stated and word == "增幅" and family is not None and family.units == ("%",):
        return metric, "change"
    return metric, measure
