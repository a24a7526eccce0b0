"""Caches of pure functions of short strings, and the one switch that empties them all.

Within one document the same place names, clauses and numerals are looked up many times
over; the benchmark empties every cache between documents, so that a corpus repeated to
reach its volume does not flatter the figure with lookups a new report would not hit.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])

_CACHED: list[Any] = []


def text_cache(maxsize: int) -> Callable[[F], F]:
    """lru_cache that `clear_text_caches` can empty."""

    def wrap(function: F) -> F:
        cached = lru_cache(maxsize=maxsize)(function)
        _CACHED.append(cached)
        return cast(F, cached)

    return wrap


def clear_text_caches() -> None:
    for cached in _CACHED:
        cached.cache_clear()
