"""The set of characters a regular expression can start with.

The alias alternation is long and full of lazy gaps; guarding it with a
one-character lookahead lets the scanner skip most text positions cheaply.
The set is computed from the parsed pattern (Python's own regex parser) so the
guard stays right whenever the alias table changes.
"""

from __future__ import annotations

from typing import Any

try:  # Python ≥ 3.11 keeps the parser here; without it there is simply no guard.
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _parser = None

_MAX_RANGE = 512


def _charset(items: list[tuple[Any, Any]]) -> set[str] | None:
    chars: set[str] = set()
    for op, arg in items:
        if op is _c.LITERAL:
            chars.add(chr(arg))
        elif op is _c.RANGE and arg[1] - arg[0] <= _MAX_RANGE:
            chars.update(chr(code) for code in range(arg[0], arg[1] + 1))
        elif op is _c.CATEGORY and arg is _c.CATEGORY_DIGIT:
            chars.update("0123456789")
        else:
            return None
    return chars


def _nullable(items: Any) -> bool:
    for op, arg in items:
        if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue
        if op is _c.SUBPATTERN and _nullable(arg[-1]):
            continue
        if op is _c.BRANCH and any(_nullable(branch) for branch in arg[1]):
            continue
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and (arg[0] == 0 or _nullable(arg[2])):
            continue
        return False
    return True


def _first(op: Any, arg: Any) -> set[str] | None:
    if op is _c.LITERAL:
        return {chr(arg)}
    if op is _c.IN:
        return _charset(arg)
    if op is _c.SUBPATTERN:
        return _opening(arg[-1])
    if op is _c.BRANCH:
        sets = [_opening(branch) for branch in arg[1]]
        return None if any(s is None for s in sets) else set().union(*sets)  # type: ignore[arg-type]
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        return _opening(arg[2])
    return None


def _opening(items: Any) -> set[str] | None:
    """Characters a non-empty match of `items` can start with, even where `items` may
    match empty (a group of lookbehinds only, (?<=全年)|(?<=实现)): the caller then reads on."""
    found: set[str] = set()
    for op, arg in items:
        if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue
        chars = _first(op, arg)
        if chars is None:
            return None
        found |= chars
        if not _nullable([(op, arg)]):
            return found
    return found


def first_set(items: Any) -> set[str] | None:
    """Characters the parsed pattern can start with; None when unknown or unbounded."""
    return None if _nullable(items) else _opening(items)


def guard(pattern: str) -> str:
    """A lookahead `(?=[…])` for `pattern`, or "" when its first characters are unknown."""
    if _parser is None:
        return ""
    chars = first_set(_parser.parse(pattern))
    if not chars:
        return ""
    escaped = "".join("\\" + ch if ch in "\\]^-[" else ch for ch in sorted(chars))
    return f"(?=[{escaped}])"
