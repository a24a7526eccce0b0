"""A regex guarded by the set of characters its matches can start with.

Python's engine skips ahead quickly only when a pattern opens on a literal; a long
alternation whose branches open on groups, classes or lookbehinds is instead tried
branch by branch at every position. A one-class lookahead in front fails at once
where no branch could start. `tests/parsing/test_regex_guards.py` checks every
guard against the pattern's own first characters, so a new branch cannot be hidden.
"""

from __future__ import annotations

import re

GUARDED: list[tuple[str, str]] = []


def guarded(pattern: str, first: str) -> re.Pattern[str]:
    """`pattern`, tried only where the character is one of `first`."""
    GUARDED.append((pattern, first))
    return re.compile(f"(?=[{re.escape(first)}])(?:{pattern})")
