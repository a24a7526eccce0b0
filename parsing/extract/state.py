"""The working state of one segment: each figure as it is resolved, and what the segment
is talking about so far (for figures that only carry a verb)."""

from __future__ import annotations

from dataclasses import dataclass, field

from parsing.extract.mentions import Mention
from parsing.extract.metrics import Family
from parsing.records import Measure


@dataclass(slots=True)
class Figure:
    """One resolved figure: where it is, what it measures, and which metric."""

    mention: Mention
    measure: Measure
    sign: float
    family: Family | None
    key: str | None
    clause: tuple[int, int]
    pre_start: int
    post_end: int


@dataclass(slots=True)
class SegmentState:
    """What the segment is talking about so far (for figures that only carry a verb)."""

    family: Family | None = None
    key: str | None = None
    measure: Measure = "level"
    ranked: tuple[str, Measure] | None = None
    forced: dict[int, tuple[Family, int]] = field(default_factory=dict)
    sources: dict[int, int] = field(default_factory=dict)
    # The last figure named no metric of the table (占规上工业企业比重达到14.4%): a position
    # right after it ranks that figure, not an older subject.
    unnamed: bool = False
    # The family the sentence or segment before ended on (INDICATORS.md §5 subject carry).
    carried: Family | None = None
    carried_key: str | None = None
    # Keys of the level figures so far (None for an unnamed one): a position after a growth
    # whose amount was not given ranks the growth (规模工业增加值增长19.9%，居全国前列).
    levels: list[str | None] = field(default_factory=list)
    # The metric (other: for an unnamed one) of each level figure since the last position:
    # 比重达69%，专利拥有量达106.7件，均位于同类开发区前列 ranks each of them.
    level_subjects: list[str] = field(default_factory=list)
    # The metric of each growth figure since the last position (增速均居… ranks each).
    growth_subjects: list[str] = field(default_factory=list)
    # Subjects of a 分别 list still waiting for their place (分别居全国第四位、第五位).
    listed: list[str] = field(default_factory=list)
    # (family, key) of every figure resolved so far, by where it starts.
    resolved: dict[int, tuple[Family | None, str | None]] = field(default_factory=dict)
    # Where figures that count two kinds at once (高企和科小突破260家) start.
    sums: set[int] = field(default_factory=set)
    # Metrics whose level a position has ranked in this segment: 支出186.43亿元，全省第四，
    # 同比增长44.5%，全省第四 then ranks the growth.
    ranked_levels: set[str] = field(default_factory=set)
    # The family the sentence before named without a figure (苏州高新技术企业认定保持领先。申报数、
    # 认定数…均居全省第一): what bare counting words of a position count.
    named: Family | None = None
