"""Every guarded regex names all the characters its matches can start with (parsing/extract/guards.py)."""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

import pytest

import parsing.extract  # noqa: F401  (imports every module that builds a guard)
from parsing.extract.guards import GUARDED, guarded

ANY = None  # a first item that can be any character


def _class_chars(items: list[tuple[Any, Any]]) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            chars.add(chr(av))
        elif op is C.RANGE and av[1] - av[0] < 256:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return ANY
    return chars


def _first(items: list[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    """(characters a match of the sequence can start with, whether it can match empty)."""
    found: set[str] = set()
    for op, av in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero-width: the next item gives the first character
        if op is C.LITERAL:
            return found | {chr(av)}, False
        if op is C.IN:
            chars = _class_chars(av)
            return (ANY if chars is ANY else found | chars), False
        if op is C.SUBPATTERN:
            sub, empty = _first(list(av[-1]))
        elif op is C.BRANCH:
            parts = [_first(list(branch)) for branch in av[1]]
            sub = ANY if any(p is ANY for p, _ in parts) else set().union(*(p for p, _ in parts))
            empty = any(e for _, e in parts)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            sub, empty = _first(list(av[2]))
            empty = empty or av[0] == 0
        else:
            return ANY, False
        if sub is ANY:
            return ANY, False
        found |= sub
        if not empty:
            return found, False
    return found, True


@pytest.mark.parametrize(("pattern", "first"), GUARDED, ids=[p[:24] for p, _ in GUARDED])
def test_the_guard_names_every_first_character(pattern: str, first: str) -> None:
    chars, empty = _first(list(_parser.parse(pattern)))
    assert chars is not ANY, "the pattern can start anywhere: a guard cannot help it"
    assert not empty, "the pattern can match the empty string: a guard would change it"
    assert chars <= set(first), f"missing from the guard: {''.join(sorted(chars - set(first)))}"


def test_a_guard_that_misses_a_branch_is_caught() -> None:
    chars, _ = _first(list(_parser.parse(r"(?<!x)[我该本]省还?将|(?:今年|明年)将|\d+家")))
    assert chars is ANY or not chars <= set("我该本今明")


def test_a_guarded_pattern_finds_what_the_plain_one_finds() -> None:
    text = "力争达到100家，我市还将新增20家，今年将完成"
    plain = re.compile(r"力争|[我该本]市还?将|(?:今年|明年)将")
    guard = guarded(plain.pattern, "力我该本今明")
    assert [m.span() for m in guard.finditer(text)] == [m.span() for m in plain.finditer(text)]
    GUARDED.pop()
