"""The sources file (CONTRACT.md §2): parsed and validated as a whole before any crawl.

A malformed file is rejected with the entry and field at fault, because a typo in
one bureau's entry must not silently drop it from monitoring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

LEVELS = ("province", "city", "county", "district", "zone")
CMS_FAMILIES = ("auto", "trs", "hanweb", "zfxxgk", "static")
# auto: plain requests, Chromium only to solve a recognised JS challenge; browser: list pages as
# Chromium shows them, script pagers (goPage) followed; plain: never a browser.
RENDER_MODES = ("auto", "browser", "plain")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class SourcesError(ValueError):
    """The sources file cannot be used; the message names the line and field at fault."""


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    name: str
    level: str
    start_urls: tuple[str, ...]
    region: str | None = None
    region_code: str | None = None
    allowed_domains: tuple[str, ...] = ()
    cms: str = "auto"
    obey_robots: bool = True
    max_pages: int = 200
    tags: tuple[str, ...] = field(default_factory=tuple)
    render: str = "auto"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        """The inverse of `to_dict`, for a spider handed its source as JSON."""
        return _build_source(data, str(data["id"]), str(data["level"]), tuple(data["start_urls"]),
                             f"source {data['id']}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "level": self.level, "region": self.region,
            "region_code": self.region_code, "start_urls": list(self.start_urls),
            "allowed_domains": list(self.allowed_domains), "cms": self.cms,
            "obey_robots": self.obey_robots, "max_pages": self.max_pages, "tags": list(self.tags),
            "render": self.render,
        }


class _LineLoader(yaml.SafeLoader):
    """Keeps each mapping's line number so errors can point into the file."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = {str(k): v for k, v in loader.construct_mapping(node, deep=True).items()}
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _fail(where: str, message: str) -> SourcesError:
    return SourcesError(f"{where}: {message}")


def _string_list(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(where, f"field '{key}' must be a list of strings")
    return tuple(v.strip() for v in value)


def _check_url(url: str, where: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _fail(where, f"field 'start_urls' has a malformed URL {url!r}")


def _required(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, f"field '{key}' is required and must be a non-empty string")
    return value.strip()


def _parse_entry(entry: Any, where: str) -> Source:
    if not isinstance(entry, dict):
        raise _fail(where, "each source must be a mapping")
    where = f"{where} (line {entry.get('__line__', '?')})"
    sid = _required(entry, "id", where)
    if not ID_PATTERN.match(sid):
        raise _fail(where, f"field 'id' {sid!r} may contain only a-z, 0-9 and '-'")
    level = _required(entry, "level", where)
    if level not in LEVELS:
        raise _fail(where, f"field 'level' {level!r} is not one of {', '.join(LEVELS)}")
    urls = _string_list(entry, "start_urls", where)
    if not urls:
        raise _fail(where, "field 'start_urls' needs at least one URL")
    for url in urls:
        _check_url(url, where)
    return _build_source(entry, sid, level, urls, where)


def _build_source(entry: dict[str, Any], sid: str, level: str, urls: tuple[str, ...], where: str
                  ) -> Source:
    cms = str(entry.get("cms", "auto"))
    if cms not in CMS_FAMILIES:
        raise _fail(where, f"field 'cms' {cms!r} is not one of {', '.join(CMS_FAMILIES)}")
    max_pages = entry.get("max_pages", 200)
    if not isinstance(max_pages, int) or isinstance(max_pages, bool) or max_pages < 1:
        raise _fail(where, "field 'max_pages' must be a positive integer")
    domains = _string_list(entry, "allowed_domains", where) or tuple(
        dict.fromkeys(urlsplit(u).hostname or "" for u in urls)
    )
    render = str(entry.get("render", "auto"))
    if render not in RENDER_MODES:
        raise _fail(where, f"field 'render' {render!r} is not one of {', '.join(RENDER_MODES)}")
    code = entry.get("region_code")
    return Source(
        id=sid, name=_required(entry, "name", where), level=level, start_urls=urls,
        region=entry.get("region"), region_code=str(code) if code is not None else None,
        allowed_domains=domains, cms=cms, obey_robots=bool(entry.get("obey_robots", True)),
        max_pages=max_pages, tags=_string_list(entry, "tags", where), render=render,
    )


def parse_sources(text: str, origin: str = "sources file") -> list[Source]:
    """Every source of a sources file, or a SourcesError naming what is wrong."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise SourcesError(f"{origin}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise SourcesError(f"{origin}: expected a top-level 'sources:' list")
    sources, seen = [], set()
    for n, entry in enumerate(data["sources"], 1):
        source = _parse_entry(entry, f"{origin}: source #{n}")
        if source.id in seen:
            raise SourcesError(f"{origin}: source #{n}: field 'id' {source.id!r} is used twice")
        seen.add(source.id)
        sources.append(source)
    return sources


def load_sources(path: Path) -> list[Source]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(f"{path}: cannot read the sources file: {exc}") from exc
    return parse_sources(text, str(path))
