"""The alias scan keeps its first-character guard (parsing/extract/firstchars.py).

One alias whose opening was a group of lookbehinds ((?<=全年)|(?<=实现)成交额) made the
guard of the whole alternation unknown, so the scan tried every alias at every text
position and ran five times slower; nothing failed, only the benchmark showed it.
"""

from __future__ import annotations

import re
from re import _parser  # type: ignore[attr-defined]

from parsing.extract.firstchars import first_set, guard
from parsing.extract.metrics import alias_table

TEXT = "全年技术合同成交额12亿元，实现成交额5亿元，新增高新技术企业35家，研发投入强度2.1%。"


def test_a_group_of_lookbehinds_still_gives_the_first_characters() -> None:
    pattern = r"(?:(?<![\u4e00-\u9fff])|(?<=全年)|(?<=实现))成交(?:总|金)?额|高新技术企业"
    assert first_set(_parser.parse(pattern)) == {"成", "高"}


def test_a_pattern_that_can_match_empty_gets_no_guard() -> None:
    assert guard(r"(?<=全年)(?:成交额)?") == ""


def test_the_shipped_alias_scan_is_guarded() -> None:
    assert alias_table().scan.pattern.startswith("(?=[")


def test_the_guarded_scan_finds_what_the_unguarded_one_finds() -> None:
    table = alias_table()
    opening = table.scan.pattern.index("])") + 2
    plain = re.compile(table.scan.pattern[opening:])
    assert [m.span() for m in table.scan.finditer(TEXT)] == [m.span() for m in plain.finditer(TEXT)]
    assert len(table.hits(TEXT)) >= 3
