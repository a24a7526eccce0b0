"""Figures after 其中: a part of the count just before, a record of its own, or neither.

INDICATORS.md §5: a figure after 其中 is a record of its own (its own core key, or other:);
a qualified subset (复审, 规上工业企业 R&D inside the total) keeps no parent key.
"""

from __future__ import annotations

import re

from parsing.extract.facts import CARRY_WORDS, WORDY
from parsing.extract.metrics import Hit, alias_table
from parsing.extract.state import Figure, SegmentState

# 其中国家级11家 / 其中我市1017家: a part by level or by the bureau's own place is a
# record of its own (INDICATORS.md §5); other parts (其中复审13家) are qualified subsets.
_OWN_PART = re.compile(r"[：]?(?:国家级|省级|市级|县级|区级|我市|我县|我区|我省|全市|全县|全区)")


# Counts of applications: a part of them (其中复审13家，新认定34家) is no certified count.
_APPLIED = frozenset({"hte_applied"})
_PASSED = re.compile(r"[^，。；]{0,4}?(?:被[^，。；]{0,6}?认定|通过[^，。；]{0,8}?(?:认定|评审)|获批|已公示)")


def breaks_down(text: str, position: int, figure: Figure, state: SegmentState) -> bool:
    """高企120家，其中新认定30家: a part of the same kind of thing is a record of its own
    (INDICATORS.md §5); a part of something else (纳统企业…其中高新技术企业) or of an
    application count is not."""
    at = text.rfind("其中", 0, position)
    # The parent is counted in the clause just before 其中 (…基地6个，主要创新指标领先，其中…: none).
    since = text.rfind("，", 0, at - 1) + 1 if text[at - 1 : at] == "，" else 0
    parents = [value for start, value in state.resolved.items() if since <= start < at]
    if figure.family is None:
        return False
    if _YEAR_PART.match(text, at + 2):
        return True  # 2022年至2024年累计…33个，其中2024年…19个: one year's part of a sum over years
    if _STAGE_PART.match(text, at + 2):
        return False  # 37户通过认定，其中首次通过认定的企业20户 / 其中复审13家: a qualified subset (decision 15)
    named = text[max(at + 2, figure.clause[0]) : position]  # 其中第一批10家，第二批6家，第三批…
    for hit in alias_table().hits(named):
        named = named.replace(named[hit.start : hit.end], "")
    qualifier = WORDY.findall(CARRY_WORDS.sub("", named))  # 其中规上工业企业…, 其中A类…
    if not parents:  # 主要创新指标领先，其中高新技术企业总量突破2000家: 其中 lists figures of their own
        return len(qualifier) < 2
    family, key = parents[-1]
    applied_stage = key in _APPLIED and figure.key in _APPLIED  # 其中17家企业通过审核推荐: still applications
    # 推荐47家，其中38家被国家认定为高新技术企业: the applicants that passed, said so.
    passed = key in _APPLIED and figure.key not in _APPLIED and bool(_PASSED.match(text, position))
    ok = key not in _APPLIED or applied_stage or passed
    return family is figure.family and ok and len(qualifier) < 2


def part_of_a_sum(text: str, position: int, hits: list[Hit], state: SegmentState) -> bool:
    """其中省级以上8家 after a sum of two kinds names no kind of its own: a part of neither."""
    at = text.rfind("其中", 0, position)
    if at < 0 or not _OWN_PART.match(text, at + 2) or any(at < h.start < position for h in hits):
        return False
    parents = [start for start in state.resolved if start < at]
    return bool(parents) and parents[-1] in state.sums and "，" not in text[at:position]


def qualified_part(text: str, position: int) -> bool:
    """The figure at `position` follows a 其中 that opens a qualified subset."""
    at = text.rfind("其中", 0, position)
    if at >= 0 and _SUBSET_AFTER_COMMA.match(text, at + 2):
        return True  # 其中，规上工业企业研发经费投入215亿元: the firms' part of the total
    # 其中，… opens a list of details (其中，企业创新活力更加强劲，高企达4107户), no subset.
    return at >= 0 and not _OWN_PART.match(text, at + 2) and not text.startswith("，", at + 2)


_SUBSET_AFTER_COMMA = re.compile(r"[，,](?:规上|规模以上)(?:工业)?企业")


_YEAR_PART = re.compile(r"[，,]?(?:19|20)\d{2}年")
_STAGE_PART = re.compile(r"[^，。；\d]{0,4}?(?:首次|复审|重新认定|再次)")
