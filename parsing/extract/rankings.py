"""Positions in a ranked list: 排名全市第一, 居全省第3位, 位居全市各区县前列.

A position needs a scope (全国/全省/全市/同考核单元 …) before it; 第一批 or
全省第一家 are ordinals, not positions, and 前三 is a bound, not a position.
A past position (由第12位上升至…) is skipped; the position it rose to is kept
with the scope of the past one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsing.extract.gazetteer import known_place
from parsing.extract.group_ranks import group_positions, listed_then_placed, unscoped_rises
from parsing.extract.guards import guarded
from parsing.extract.numbers import parse_rank

SCOPE = (
    r"全(?:国|省|市|区|县|州|盟|旗|球)(?:各(?:区县|县区|县市区|县市|市区|区|县|市|地市|州市|盟市)"
    r"|县级市|地级市|设区市|县域|(?:各|同类)?(?:开发区|高新区|园区)|各级|(?<=球)(?:创新)?城市|县[（(]市、区[)）])?"
    r"|同考核单元|同类(?:县市区|区县|县区|县市|城市|地区|开发区|高新区|园区)"
    r"|各(?:县市区|区县|县区|县市|地市|州市|盟市)"
)
_ORDINAL = r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})"
# 第一批, 第3家, 第一中学: ordinals and names, not places in a ranked list.
_NOT_POSITION = (r"(?![\d一二三四五六七八九十个家批次届轮种类条项期年号级方梯阶季书责])"
                 r"(?!中学|小学|医院|动力|生产力|资源|要务)")  # 创新是第一动力: an idiom
_RANK = (
    r"(?P<scope>" + SCOPE + r")[^，。；、：\n]{0,12}?"
    r"(?:第(?P<num>"
    + _ORDINAL
    + r")(?:位|名)?"
    + _NOT_POSITION
    + r"|(?P<first>首位|榜首|桂冠|头名)|(?P<front>前列|前茅|第一方阵)|(?P<top>前"
    + _ORDINAL
    + r"(?:位|名)?))"
)
# Every scope opens with a literal (全, 同), so the engine scans for those in C.
RANK = re.compile(_RANK)
# Scopes without 全: a region (中部第一, 东北第一), a named place (位列南通第一), or the
# list itself (在九个国家中心城市中居第一, 在一县三区中排名第一).
_PROVINCE_SHORT = "渝川蜀黔滇陕甘陇青宁新藏蒙黑吉辽冀晋鲁豫苏皖浙闽赣湘鄂粤桂琼"
_REGION = (
    r"(?:东北|中部|西部|东部|华东|华北|华中|华南|西南|西北|长三角|珠三角|京津冀|黄河流域|长江经济带|亚太|亚洲|世界"
    rf"|(?:东北|西北|西南|东南|[东西南北])[{_PROVINCE_SHORT}]|[{_PROVINCE_SHORT}](?:东北|西北|西南|东南|[东西南北中])|沿(?:黄|江|海|边))"
    r"(?:(?:\d{1,2}个?)?(?:省市区|省区市|省份|省区|省市|城市)|地区|六省|片区)?"  # 西部12省市区首位
    r"|县区|区县|县市区|市州|地州市|计划单列市|副省级城市|省会城市|中心城区"  # 县区第二: the units of the list
)
_REGION_RE = re.compile(_REGION)
_ANY_SCOPE = re.compile(SCOPE + "|" + _REGION)
_BARE_RANK = re.compile(
    r"(?P<scope>" + SCOPE + r"|" + _REGION + r")[^，。；\d]{0,10}?(?:排名|排位|位列|位居|排在|居)"
    r"(?:分别为|分别是|分别)?"
    r"(?P<num>\d{1,3})(?:(?:位|名)(?!次)|(?=(?:、\d{1,3})+(?:位|名)(?!次)))"  # 排名分别为1、2、4位
)
_RANKED_BEFORE = re.compile(r"[居排列位保持、]|跻身|蝉联")
_NAMED_RANK = re.compile(
    r"(?:(?P<region>" + _REGION + r")(?P<verb>排名|排位|位列|位居)?"
    r"|在(?P<list>[^，。；在“”\"《》]{2,24})中[，,]?[^，。；]{0,6}?"
    r"|(?:位列|位居|位于|居于|排名|排在|名列|稳居|跃居|列|居|排)(?P<place>[\u4e00-\u9fff]{2,4}?)"
    r"(?:[一二三四五六七八九十\d]+[县市区个](?:[(（][^)）]{1,6}[)）])?)?)"
    r"(?:第(?P<num>"
    + _ORDINAL
    + r")(?:位|名)?"
    + _NOT_POSITION
    + r"|(?P<first>首位|榜首|桂冠|头名)|(?P<front>前列|前茅|第一方阵)|(?P<top>前"
    + _ORDINAL
    + r"(?:位|名)?))"
)
_SCOPE = re.compile(SCOPE)
# 全县高新技术企业总数县区排名第二: the units of the list, nearer than 全县, are the scope.
_NEARER_SCOPE = re.compile(SCOPE + r"|县区|区县|县市区|市州|地州市")
_AIMS = frozenset({"走在", "跑在", "干在", "争先"})
_PAST = frozenset("由从")
_PLACE_REACH = 8
_RISE_REACH = 40  # 由第12位 … 上升至第5位 sit in one clause
_BREAK = re.compile(r"[，。；\n]")  # 由全省第12位…: a position left behind
_RISE = re.compile(
    r"(?:(?:上升|提升|提高|跃升|升|前移|进位|跃居|攀升)(?:至|到|为)(?:\d{4}年(?:底|末)?的?)?|跃居|跃升|升居|晋位)"
    r"(?:第(?P<num>" + _ORDINAL + r")(?:位|名)?" + _NOT_POSITION + r"|(?P<first>首位))"
)


@dataclass(frozen=True, slots=True)
class Position:
    start: int
    end: int
    rank: int | None
    scope: str

    def moved(self, delta: int) -> Position:
        """The same position in a text that starts `delta` characters later."""
        return Position(self.start + delta, self.end + delta, self.rank, self.scope)


def _rank_of(match: re.Match[str]) -> tuple[bool, int | None]:
    """(is a position, rank); 前N and unreadable ordinals are no position."""
    if match.group("first"):
        return True, 1
    if match.groupdict().get("front"):
        return True, None
    if match.groupdict().get("top") or not match.group("num"):
        return False, None
    rank = parse_rank(match.group("num"))
    return rank is not None, rank


def find_positions(sentence: str) -> list[Position]:
    """Every ranked position of a sentence, past ones excluded."""
    found: list[Position] = []
    last_scope: str | None = None
    for match in RANK.finditer(sentence):
        last_scope = match.group("scope")
        ok, rank = _rank_of(match)
        past = _is_past(sentence, match)
        if ok and not past:
            scope_start, scope = _nearest_scope(sentence, match)
            if _slogan(sentence, scope_start) or (match.group("front") and _slogan(sentence, match.start("front"))):
                continue
            start, last_scope = _with_place(sentence, scope_start, scope)
            found.append(Position(start, match.end(), rank, last_scope))
        elif past:
            found.extend(_rises_after(sentence, match.end(), last_scope))
    found += _shared_positions(sentence, found)
    found += _named_positions(sentence, found)
    found += _bare_positions(sentence, found)
    found += _listed_positions(sentence, found)
    found += _list_positions(sentence, found)
    found += _grouped_positions(sentence, found)
    found += _inherited_positions(sentence, found)
    found += _colon_listed_positions(sentence, found)
    return sorted(found, key=lambda position: position.start)  # Found bisects by start


_SHARED_SCOPE = re.compile(r"(?P<scope>" + SCOPE + r")[、和及]$")


def _shared_positions(sentence: str, found: list[Position]) -> list[Position]:
    """稳居全省、全市第一: the scopes listed before a position share its place."""
    extra: list[Position] = []
    for position in found:
        shared = _SHARED_SCOPE.search(sentence, max(0, position.start - 12), position.start)
        if shared:
            extra.append(Position(shared.start(), position.end, position.rank, shared.group("scope")))
    return extra


# 、第五位 / 、首位, and the bare numbers of 第1、2、4位.
_NEXT_PLACE = re.compile(
    r"[、和及](?:第(?P<num>" + _ORDINAL + r")(?:位|名)?" + _NOT_POSITION + r"|(?P<first>首位)"
    r"|(?P<bare>\d{1,3})(?:位|名)?" + _NOT_POSITION + ")"
)


# 保持全国区县第二、广东省第一 / 位列无锡第一，江苏省县级市第二: a further place in another
# named area (a known place, with the kind of unit compared) right after a position.
_NEXT_SCOPED = re.compile(
    r"[、，](?P<place>[\u4e00-\u9fff]{2,6}?)(?P<kind>县级市|地级市|设区市|区县|县区|城市)?"
    r"(?:第(?P<num>" + _ORDINAL + r")(?:位|名)?" + _NOT_POSITION + r"|(?P<first>首位))"
)


_ASIDE = re.compile(r"[（(][^（()）]{0,40}[)）]")


def _listed_positions(sentence: str, found: list[Position]) -> list[Position]:
    """分别居全国第四位、第五位: the places after the first share its scope."""
    extra: list[Position] = []
    for position in found:
        cursor = position.end
        while match := _NEXT_PLACE.match(sentence, cursor):
            rank = 1 if match.group("first") else parse_rank(match.group("num") or match.group("bare"))
            extra.append(Position(match.start() + 1, match.end(), rank, position.scope))
            cursor = match.end()
        aside = _ASIDE.match(sentence, cursor)  # 全国第6位（北京和上海未参评），西部城市第1位
        scoped = _NEXT_SCOPED.match(sentence, aside.end() if aside else cursor)
        named = scoped.group("place") if scoped else ""
        if scoped and (known_place(named) == named or _REGION_RE.fullmatch(named)):
            rank = 1 if scoped.group("first") else parse_rank(scoped.group("num"))
            scope = scoped.group("place") + (scoped.group("kind") or "")
            extra.append(Position(scoped.start() + 1, scoped.end(), rank, scope))
    return extra


# The named and bare patterns open with many alternatives, so the engine cannot skip
# ahead; they are only run in a window before a place word the fast scan found.
_NAMED_TAIL = re.compile(r"第[\d一二三四五六七八九十]|首位|榜首|桂冠|头名|前列|前茅|前[\d一二三四五六七八九十]")
_BARE_TAIL = re.compile(r"(?:排名|排位|位列|位居|排在|居)(?:分别为|分别是|分别)?\d{1,3}(?:、\d{1,3})*(?:位|名)")
_WINDOW = 40


def _near(sentence: str, tail: re.Pattern[str], pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """`pattern`'s matches that end at a place word `tail` finds, each searched once."""
    found: list[re.Match[str]] = []
    floor = 0
    for hit in tail.finditer(sentence):
        start = max(floor, hit.start() - _WINDOW)
        for match in pattern.finditer(sentence, start, min(len(sentence), hit.end() + 8)):
            if match.end() > hit.start() and match.start() >= floor:
                found.append(match)
                floor = match.end()
                break
    return found


def _bare_positions(sentence: str, found: list[Position]) -> list[Position]:
    """在全国综合排名124名 / 位居49位: a numbered place written without 第."""
    extra: list[Position] = []
    for match in _near(sentence, _BARE_TAIL, _BARE_RANK):
        if any(p.start < match.end() and match.start() < p.end for p in found):
            continue
        nearest = list(_ANY_SCOPE.finditer(sentence, match.start(), match.start("num")))[-1]
        extra.append(Position(nearest.start(), match.end(), int(match.group("num")), nearest.group()))
    return extra


# 在“2022年中国工业百强县(市)”榜单中，醴陵排名第66位: a place in a published list.
LISTED_RANK = re.compile(
    r"[“\"《](?P<list>[^，。；“”\"《》]{2,24})[”\"》](?:榜单|评比|排行榜|排行|评价|名单|排名)中[，,]?"
    r"[\u4e00-\u9fff]{0,6}?(?:排名|位列|位居|排在|名列|居|列)第(?P<num>\d{1,3}|[一二三四五六七八九十]{1,3})(?:位|名)?"
)


def _list_positions(sentence: str, found: list[Position]) -> list[Position]:
    """A numbered place in a named list; its scope is the country or province the list covers."""
    extra: list[Position] = []
    if "中" not in sentence or "第" not in sentence:
        return extra
    for match in LISTED_RANK.finditer(sentence):
        if any(p.start < match.end() and match.start() < p.end for p in found):
            continue
        name = match.group("list")
        scope = "全国" if re.search(r"中国|全国", name) else "全省" if "省" in name else name
        rank = parse_rank(match.group("num"))
        if rank is not None:
            extra.append(Position(match.start("num") - 1, match.end(), rank, scope))
    return extra


def _grouped_positions(sentence: str, found: list[Position]) -> list[Position]:
    """省直管县第三, 由第33位跃升至第22位: places whose list is named without 全X (see group_ranks)."""
    return [
        Position(start, end, rank, scope)
        for start, end, rank, scope in [*group_positions(sentence), *unscoped_rises(sentence),
                                        *listed_then_placed(sentence)]
        if not any(p.start < end and start < p.end for p in found)
    ]


_LIST_WORDS = re.compile(r"(?:的)?(?:排名|排行榜|排行|榜单)$")  # 在国家创新型城市排名中


def _named_positions(sentence: str, found: list[Position]) -> list[Position]:
    """Positions whose scope is a region, a known place or the list named (see _NAMED_RANK)."""
    taken = [(p.start, p.end) for p in found]
    extra: list[Position] = []
    for match in _near(sentence, _NAMED_TAIL, _NAMED_RANK):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        scope = match.group("region") or _LIST_WORDS.sub("", match.group("list") or "") or match.group("place")
        if match.group("place") and known_place(scope) != scope and not _REGION_RE.fullmatch(scope):
            continue
        ranked_before = match.group("verb") or _RANKED_BEFORE.search(sentence, max(0, match.start() - 6), match.start())
        if match.group("region") and not ranked_before:
            continue  # 中共鲁南第一地委: a name, not a place in a ranked list
        ok, rank = _rank_of(match)
        group = next(name for name in ("region", "list", "place") if match.group(name))
        if ok and not _is_past(sentence, match, group):
            extra.append(Position(match.start(), match.end(), rank, scope))
    return extra


_UNSCOPED = guarded(
    r"(?:排名|位居|位列|名列|居|列)第(?P<num>" + _ORDINAL + r")(?:位|名)?" + _NOT_POSITION
    + r"|(?:位居|居)(?P<first>首位)",
    first="位列名居排",
)


_SENTENCE_END = re.compile(r"[。！？!?\n]")
# 我市有7个指标在全国78个创新型城市中排名较为靠前：A位居第2位，B第9位: the list named before the colon.
_LIST_COLON = re.compile(r"在(?P<list>[^，。；在：:]{2,24})中[^，。；：:\d]{0,12}[：:]")
_LISTED_PLACE = re.compile(r"(?<![\d第])第(?P<num>" + _ORDINAL + r")(?:位|名)?" + _NOT_POSITION)


def _colon_listed_positions(sentence: str, found: list[Position]) -> list[Position]:
    """Places after a colon that introduces them with the list they are in."""
    opened = _LIST_COLON.search(sentence) if "：" in sentence or ":" in sentence else None
    if opened is None:
        return []
    scope = _LIST_WORDS.sub("", opened.group("list"))
    extra: list[Position] = []
    for match in _LISTED_PLACE.finditer(sentence, opened.end()):
        if any(p.start < match.end() and match.start() < p.end for p in found):
            continue
        rank = parse_rank(match.group("num"))
        if rank is not None:
            extra.append(Position(match.start(), match.end(), rank, scope))
    return extra


def _inherited_positions(sentence: str, found: list[Position]) -> list[Position]:
    """跃居全国首位，其中A、B、C 3个指标均排名第一: a later place without a scope in the
    same sentence is a place in the list just named."""
    if not found or "第" not in sentence:
        return []
    extra: list[Position] = []
    for match in _UNSCOPED.finditer(sentence, min(p.end for p in found)):
        if any(p.start < match.end() and match.start() < p.end for p in found):
            continue
        before = [p for p in found if p.end <= match.start()]
        ok, rank = _rank_of(match)
        if before and ok and not _SENTENCE_END.search(sentence, before[-1].end, match.start()) \
                and not _another_list(sentence, before[-1], match.start()):
            extra.append(Position(match.start(), match.end(), rank, before[-1].scope))
    return extra


def _another_list(sentence: str, last: Position, start: int) -> bool:
    """…第38位；在…发布的“中国工业园区100强竞争力”中，…排名第28位: a list of its own named
    in between, not the last position's (在全国169个国家高新区中 keeps 全国)."""
    named = _NEW_LIST.search(sentence, last.end, start)
    return named is not None and (last.scope or "") not in named.group()


_NEW_LIST = re.compile(r"在[^，,。；;]{2,40}?中[，,]")


_UNIT_COUNT = re.compile(r"[\d一二三四五六七八九十]+(?:个|强)|[十百]强")  # 全市12个县区, 全省17强县市区


def _nearest_scope(sentence: str, match: re.Match[str]) -> tuple[int, str]:
    """全县高新技术企业数量位居全市第一: the scope nearest the position is what it is ranked in;
    an earlier one (全县) names whose figure it is."""
    gap_end = match.start("num") if match.group("num") else match.end()
    scopes = list(_NEARER_SCOPE.finditer(sentence, match.end("scope"), gap_end))
    if scopes and not scopes[-1].group().startswith("全"):
        counted = sentence[match.end("scope") : scopes[-1].start()]
        if not counted or _UNIT_COUNT.fullmatch(counted):  # 全国区县第二, 全市12个县区中
            return match.start("scope"), sentence[match.start("scope") : scopes[-1].end()]
    return (scopes[-1].start(), scopes[-1].group()) if scopes else (match.start("scope"), match.group("scope"))


def _slogan(sentence: str, start: int) -> bool:
    """推动全县科技工作走在全市前列 is an aim, not a place in a ranked list."""
    return sentence[max(0, start - 2) : start] in _AIMS


_PAST_DATED = re.compile(r"[由从](?:\d{4}年(?:底|末)?|上年|去年|年初)的?$")


def _is_past(sentence: str, match: re.Match[str], scope_group: str = "scope") -> bool:
    """由全省第12位… or 全省排名由第12位… / 从去年的第8名…: a position left behind."""
    if sentence[match.start() - 1 : match.start()] in _PAST or _PAST_DATED.search(sentence, 0, match.start()):
        return True  # 从2012年的全国第28位…: the year's position left behind
    gap_end = match.start("num") if match.group("num") else match.start()
    return any(char in _PAST for char in sentence[match.end(scope_group) : gap_end])


def _with_place(sentence: str, start: int, scope: str) -> tuple[int, str]:
    """位居苏州各县市区前列: a 各… scope takes the place named right before it."""
    if not scope.startswith("各"):
        return start, scope
    place = known_place(sentence[max(0, start - _PLACE_REACH) : start])
    return (start - len(place), place + scope) if place else (start, scope)


def _rises_after(sentence: str, offset: int, scope: str) -> list[Position]:
    """由第12位上升至第5位: the position reached inherits the past one's scope."""
    window = offset + _RISE_REACH
    match = _RISE.search(sentence, offset, window)
    if match is None or _BREAK.search(sentence, offset, match.start()):
        return []
    ok, rank = _rank_of(match)
    return [Position(match.start(), match.end(), rank, scope)] if ok else []
