"""`kjwatch sources discover --region CODE [--portal URL] [--add] [--sources FILE]`.

Exit codes (scripts can tell): 0 the bureau was found (and added with --add); 1 the portal was
read but names no bureau of the region; 2 a usage problem (unknown region, no portal known,
a duplicate refused, a bad sources file); 3 the portal cannot be read (the message names the URL).
"""

from __future__ import annotations

import argparse
import os
import sys
from importlib import resources
from pathlib import Path

import yaml

from flows.bureaus_expected import ExpectedBureau, expected_by_code
from flows.discover import DiscoverError, Discovery, discover_bureau
from flows.discover_links import BureauLink
from flows.registry import add_source, new_entry
from spiders.sources import SourcesError, load_sources

HELP = "在政府门户网站上寻找某地科技局 / find a region's S&T bureau through its government portal"
FLAGS = {
    "region": "行政区划代码（见 sources list --missing）/ region code of the division (see sources list --missing)",
    "portal": "政府门户网址（默认内置表中本地或上级的门户）/ the government portal to search "
              "(default: the region's or its parent's portal from the bundled table)",
    "add": "把找到的来源写入来源文件（拒绝重复）/ append the found source to the sources file (duplicates refused)",
    "sources": "写入的来源文件 / file to write with --add (default $KJWATCH_SOURCES, else ./sources.yaml)",
    "id": "新来源的 id（默认 省份-代码）/ id of the new source (default province-code, e.g. shandong-370126)",
}


def bundled_portals() -> dict[str, str]:
    """Region code → portal URL, from flows/data/portals.yaml (URLs seen verbatim in public material)."""
    text = resources.files("flows").joinpath("data", "portals.yaml").read_text(encoding="utf-8")
    entries = (yaml.safe_load(text) or {}).get("portals") or []
    return {str(e["region_code"]): str(e["url"]) for e in entries}


def portal_for(bureau: ExpectedBureau) -> str | None:
    """The region's own portal, else its parent's, else its province's, from the bundled table."""
    portals, by_code = bundled_portals(), expected_by_code()
    current: ExpectedBureau | None = bureau
    while current is not None:
        if current.region_code in portals:
            return portals[current.region_code]
        current = by_code.get(current.parent_code or "")
    return None


def proposed_entry(bureau: ExpectedBureau, link: BureauLink, page_url: str, source_id: str | None
                   ) -> dict[str, object]:
    """The sources-file entry for the bureau found, with the page and link text it was found by."""
    entry = new_entry(link.url, link.organ_name, bureau.level,
                      source_id or f"{bureau.province_tag}-{bureau.region_code}", bureau.region, bureau.region_code, [])
    entry["evidence"] = f"kjwatch sources discover: linked as 「{link.text}」 on {page_url}"
    return entry


def _add_path(flag: str | None) -> Path:
    return Path(flag or os.environ.get("KJWATCH_SOURCES") or "sources.yaml")


def _refuse_duplicate(path: Path, bureau: ExpectedBureau) -> None:
    """A second source for a division is refused (its start URL and id are checked by add_source)."""
    if not path.exists():
        return
    for source in load_sources(path):
        if source.region_code == bureau.region_code and source.level == bureau.level:
            raise SourcesError(f"{path}: source {source.id!r} already covers {bureau.region} ({bureau.region_code})")


def _bureau(code: str | None) -> ExpectedBureau:
    if not code:
        raise SourcesError("give --region CODE (a region code from `kjwatch sources list --missing`)")
    bureau = expected_by_code().get(code)
    if bureau is None:
        raise SourcesError(f"--region {code!r} is not a province, prefecture or county-level division "
                           "in the gazetteer (six digits, e.g. 370126)")
    return bureau


def _report(bureau: ExpectedBureau, found: Discovery) -> None:
    for problem in found.problems:
        print(f"kjwatch: skipped {problem}", file=sys.stderr)
    if found.found is None:
        print(f"kjwatch: no link naming {bureau.name} (or 科技局 …) on {len(found.pages)} page(s) of "
              f"{found.portal_url}: {', '.join(found.pages)}; give another --portal (the parent's, or its "
              "部门网站 / 政府信息公开 page) / 未找到该地科技局", file=sys.stderr)


def discover(args: argparse.Namespace) -> int:
    try:
        bureau = _bureau(args.region)
        portal = args.portal or portal_for(bureau)
        if not portal:
            raise SourcesError(f"no portal known for {bureau.region} ({bureau.region_code}) or its parents; "
                               "give --portal URL (its 人民政府 portal)")
        found = discover_bureau(bureau, portal)
    except SourcesError as exc:
        print(f"kjwatch: {exc}", file=sys.stderr)
        return 2
    except DiscoverError as exc:
        print(f"kjwatch: {exc}", file=sys.stderr)
        return 3
    _report(bureau, found)
    if found.found is None or found.page_url is None:
        return 1
    return _propose(bureau, found.found, found.page_url, args)


def _propose(bureau: ExpectedBureau, link: BureauLink, page_url: str, args: argparse.Namespace) -> int:
    """Print the entry; with --add append it to the user's sources file, refusing a duplicate."""
    try:
        entry = proposed_entry(bureau, link, page_url, args.id)
        print(yaml.safe_dump({"sources": [entry]}, allow_unicode=True, sort_keys=False, width=1000), end="")
        if not args.add:
            return 0
        path = _add_path(args.sources)
        _refuse_duplicate(path, bureau)
        source = add_source(path, entry)
    except (SourcesError, OSError) as exc:
        print(f"kjwatch: {exc}", file=sys.stderr)
        return 2
    print(f"added {source.id} ({source.name}) to {path}")
    return 0


def add_discover_parser(inner: argparse._SubParsersAction) -> None:
    finding = inner.add_parser("discover", help=HELP, description=HELP + ". " + (__doc__ or "").split("\n\n")[1])
    finding.add_argument("--region", metavar="CODE", help=FLAGS["region"])
    finding.add_argument("--portal", metavar="URL", help=FLAGS["portal"])
    finding.add_argument("--add", action="store_true", help=FLAGS["add"])
    finding.add_argument("--sources", help=FLAGS["sources"])
    finding.add_argument("--id", help=FLAGS["id"])
    finding.set_defaults(func=discover)
