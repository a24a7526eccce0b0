"""Parallel lists: several subjects and several values that pair in order.

INDICATORS.md §5: "A、B分别达800家、900家", "A和B…，分别新增200家、300家", and
"A、B达800家、900家" without 分别 pair in order; "A、B均增长12%" is one value for
two subjects.  A list whose values cannot be paired is dropped, not guessed.
"""

from __future__ import annotations

import re

from parsing.extract.clauses import clause_bounds
from parsing.extract.mentions import Mention
from parsing.extract.metrics import Family, Hit

_LIST_GAP = re.compile(r"[、，和及与]")
_FIRST_GAP = 4
# A verb between a subject list and its values (A、B达800家、900家).
_BARE_VERB = re.compile(r"(?:分别)?(?:达到|达|为|新增|增长|增加|突破|超过|实现)?$")
_SHARED = re.compile(r"均(?:同比)?(?:增长|达到|达|为|超过|突破|提高|增加)(?:了)?$")

# ({value start: (family, anchor)}, {dropped value start: the list item that named it},
# {value start: start of the earlier figure it refers back to}) (新增高企294家…，分别发展到816家).
Pairs = tuple[dict[int, tuple[Family, int]], dict[int, str], dict[int, int]]


def pair_lists(text: str, mentions: list[Mention], hits: list[Hit]) -> Pairs:
    """The paired values, the values dropped, and the figures values refer back to."""
    at = text.find("分别")
    if at >= 0:
        chain = _chain(text, mentions, at + 2)
        if len(chain) >= 2:
            return _pair_after_respectively(text, at, chain, mentions, hits)
    return _bare_parallel(text, mentions, hits)


def _chain(text: str, mentions: list[Mention], cursor: int) -> list[Mention]:
    """The values listed from `cursor` on (200家、300家和400家)."""
    chain: list[Mention] = []
    for m in (m for m in mentions if m.start >= cursor):
        gap = text[cursor : m.start]
        opens = not chain and (len(gap) <= _FIRST_GAP or _GROWTH_GAP.fullmatch(gap)) and "，" not in gap
        if opens or (chain and _LIST_GAP.fullmatch(gap)):
            chain.append(m)
            cursor = m.end
        else:
            break
    return chain


def _families(hits: list[Hit], start: int, end: int) -> list[Family]:
    found: list[Family] = []
    for hit in hits:
        if start <= hit.start < end and hit.family not in found:
            found.append(hit.family)
    return found


def _pair_after_respectively(text: str, at: int, chain: list[Mention], mentions: list[Mention],
                             hits: list[Hit]) -> Pairs:
    start, _ = clause_bounds(text, at)
    families = _families(hits, start, at)
    if len(families) != len(chain):
        # A和B数量快速增长，分别新增200家、300家: the subjects sit before the clause.
        floor = max((m.end for m in mentions if m.end <= at), default=0)
        families = _families(hits, floor, at)
    if len(families) == len(chain):
        return {m.start: (f, chain[0].start) for m, f in zip(chain, families, strict=True)}, {}, {}
    items = _listed_items(text, start, at, hits)
    if len(items) != len(chain):  # A和B实现双倍增、总量分别…: the subjects end where a predicate starts
        predicate = _PREDICATE.search(text, start, at)
        items = _listed_items(text, start, predicate.start(), hits) if predicate else items
    if len(items) == len(chain) and any(family for family, _ in items[:-1]):  # an alias in the last only: a head
        # 工程技术研究中心、企业技术中心分别达83家、34家: an item of no core metric drops its value
        # (a goal keeps it, named by its item: 科技型企业4500家).
        forced = {m.start: (f, chain[0].start) for m, (f, _) in zip(chain, items, strict=True) if f is not None}
        return forced, {m.start: name for m, (f, name) in zip(chain, items, strict=True) if f is None}, {}
    return _back_referenced(text, at, chain, mentions, hits)


_ITEM_SPLIT = re.compile(r"[、和及与]")
_PREDICATE = re.compile(r"实现|达到|突破|保持|增长|提升|翻番|倍增")


def _listed_items(text: str, start: int, at: int, hits: list[Hit]) -> list[tuple[Family | None, str]]:
    """(family, words) of each item of the list before 分别 (family None for one no alias names)."""
    items: list[tuple[Family | None, str]] = []
    cursor = start
    for piece in _ITEM_SPLIT.split(text[start:at]):
        end = cursor + len(piece)
        inside = [h for h in hits if cursor <= h.start and h.end <= end]
        items.append((inside[-1].family if inside else None, piece))
        cursor = end + 1
    return items if len(items) >= 2 else []


def _back_referenced(text: str, at: int, chain: list[Mention], mentions: list[Mention],
                     hits: list[Hit]) -> Pairs:
    """新增高企294家、新增小巨人25家、新增科小803家，分别发展到816家、31家和911家: the
    values pair with the subjects of as many figures just before; an unnamed one is dropped."""
    earlier = [m for m in mentions if m.end <= at and _pairs_with(text, at, chain[0], m)][-len(chain) :]
    if len(earlier) != len(chain) or "。" in text[earlier[0].start : at]:
        return {}, dict.fromkeys((m.start for m in chain), ""), {}
    forced: dict[int, tuple[Family, int]] = {}
    dropped: dict[int, str] = {}
    sources = {value.start: figure.start for value, figure in zip(chain, earlier, strict=True)}
    floor = clause_bounds(text, earlier[0].start)[0]
    for value, figure in zip(chain, earlier, strict=True):
        named = [h for h in hits if floor <= h.start and h.end <= figure.start]
        if named:
            forced[value.start] = (named[-1].family, chain[0].start)
        else:
            dropped[value.start] = ""
        floor = figure.end
    return forced, dropped, sources


_GROWTH_GAP = re.compile(r"(?:比上年|比\d{4}年|同比|较上年)?(?:增长|增加|提高|下降)了?$")


def _pairs_with(text: str, at: int, value: Mention, figure: Mention) -> bool:
    """A figure a 分别 value refers back to: one in the same unit, or any amount when the
    values are its growth (成果1249项、合同4149项，分别比2022年增长了55.7%、15.4%)."""
    if figure.unit == value.unit:
        return True
    return value.unit == "%" and bool(_GROWTH_GAP.search(text, at, value.start))


def _bare_parallel(text: str, mentions: list[Mention], hits: list[Hit]) -> Pairs:
    """高企、科小达800家、900家: a clause that opens with as many subjects as values follow."""
    if len(hits) < 2:
        return {}, {}, {}
    for index, first in enumerate(mentions[:-1]):
        if mentions[index + 1].start - first.end != 1:
            continue  # no list of values starts here (800家、900家)
        start, _ = clause_bounds(text, first.start)
        if index and mentions[index - 1].end > start:
            continue
        chain = _chain(text, mentions, first.start)
        families = _families(hits, start, first.start)
        last = max((h.end for h in hits if start <= h.start < first.start), default=start)
        if len(chain) >= 2 and len(families) == len(chain) and _BARE_VERB.search(text, last, first.start):
            return {m.start: (f, first.start) for m, f in zip(chain, families, strict=True)}, {}, {}
    return {}, {}, {}


def shared_families(text: str, clause_start: int, value: Mention, hits: list[Hit]) -> list[Family]:
    """高企、科小数量均增长12%: every subject named before a value that 均 shares."""
    if not _SHARED.search(text, clause_start, value.start):
        return []
    families = _families(hits, clause_start, value.start)
    return families if len(families) >= 2 else []


_JOINED = ("和", "与", "及", "、", "以及")


# A kind joined with another kind of the same sort that names no metric of ours.
_JOINED_OTHER = re.compile(
    r"(?:(?:和|及|与|以及|、)(?!分支|下属|分)[“”\"\u4e00-\u9fff]{1,8}?(?:机构|中心|平台|载体|基地|工作室|工作站))+$"
)


def joint_count(text: str, clause_start: int, value: Mention, hits: list[Hit]) -> bool:
    """高新技术企业和科技型中小企业突破260家: one figure for two kinds joined is their sum,
    a count of neither (均 or 分别 would share or split it)."""
    before = [h for h in hits if clause_start <= h.start and h.end <= value.start and not _glossed(text, h)]
    if before and _JOINED_OTHER.match(text[before[-1].end : value.start]):
        return not _SHARED.search(text, clause_start, value.start)  # 研发机构和服务机构40个
    if len(before) < 2 or _SHARED.search(text, clause_start, value.start):
        return False
    first, last = before[-2], before[-1]
    between = text[last.end : value.start]
    if first.family is last.family or any(c.isdigit() for c in between) or "分别" in between:
        return False
    return _GLOSS.sub("", text[first.end : last.start]) in _JOINED


# 技术创新中心（工程技术研究中心）和科技企业孵化器275个: a name glossed in brackets is one kind.
_GLOSS = re.compile(r"[（(][^（()）]{1,16}[)）]")


def _glossed(text: str, hit: Hit) -> bool:
    return text[hit.start - 1 : hit.start] in ("（", "(") and text[hit.end : hit.end + 1] in ("）", ")")
