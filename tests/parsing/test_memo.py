"""The per-text caches empty at one call, so the benchmark meets every document as new."""

from __future__ import annotations

from parsing.extract.gazetteer import known_place
from parsing.extract.memo import clear_text_caches


def test_clearing_empties_the_place_cache_and_keeps_the_answers() -> None:
    first = known_place("山东省淄博市")
    assert known_place.cache_info().currsize >= 1  # type: ignore[attr-defined]
    clear_text_caches()
    assert known_place.cache_info().currsize == 0  # type: ignore[attr-defined]
    assert known_place("山东省淄博市") == first == "淄博市"
