#!/usr/bin/env python3
"""Validate corpus files: python3 tests/corpus/wild/tools_check.py DIR_OR_FILES...

Checks every <name>.gold.json beside a <name>.txt (and <name>.meta.json) for the record shape of
INDICATORS.md, prints one line per problem; exit 1 when any.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

KINDS = {"actual", "target", "ranking"}
MEASURES = {"level", "yoy_growth", "change", "completion"}
LEVELS = {"province", "city", "county", "district", "zone", None}
DOCTYPES = {"summary", "plan", "points", "report"}
CORE = {
    "hte_total",
    "hte_new",
    "hte_applied",
    "tsme_registered",
    "tech_contract_value",
    "tech_contract_count",
    "rd_expenditure",
    "rd_intensity",
    "ht_output_share",
    "ht_output_value",
    "funding_secured",
    "projects_provincial",
    "projects_municipal",
    "platforms",
    "incubators",
    "talents",
    "foreign_experts",
    "sci_commissioners",
    "achievements_registered",
    "tech_loans",
    "rd_institution_coverage",
    "rd_active_share",
}
META = ("url", "title", "level", "province", "year", "source_kind", "chars")


def check_gold(path: Path) -> list[str]:
    errs: list[str] = []
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
    except Exception as e:
        return [f"{path}: not JSON: {e}"]
    h = d.get("header", {})
    if h.get("level") not in LEVELS:
        errs.append(f"{path}: header level {h.get('level')!r}")
    if not isinstance(h.get("report_year"), int):
        errs.append(f"{path}: header report_year {h.get('report_year')!r}")
    if not set(h.get("doc_types") or []) <= DOCTYPES or not h.get("doc_types"):
        errs.append(f"{path}: header doc_types {h.get('doc_types')!r}")
    seen: set[tuple[object, ...]] = set()
    for i, r in enumerate(d.get("records", [])):
        where = f"{path}: record {i} ({r.get('text', '')[:30]})"
        fact = tuple(r.get(k) for k in ("kind", "metric", "measure", "value", "year", "rank", "scope"))
        if fact in seen:
            errs.append(f"{where}: the same fact twice (INDICATORS.md §5: one record)")
        seen.add(fact)
        if r.get("kind") == "actual" and str(r.get("metric")).startswith("other:"):
            errs.append(f"{where}: non-core actuals are not labelled (README decision 0)")
        if r.get("kind") not in KINDS:
            errs.append(f"{where}: kind {r.get('kind')!r}")
        m = str(r.get("metric"))
        if m not in CORE and not m.startswith("other:"):
            errs.append(f"{where}: metric {m!r}")
        if r.get("measure") not in MEASURES:
            errs.append(f"{where}: measure {r.get('measure')!r}")
        if r.get("kind") == "ranking":
            if r.get("value") is not None or r.get("unit") is not None:
                errs.append(f"{where}: ranking with a value/unit")
            if not r.get("scope"):
                errs.append(f"{where}: ranking without scope")
        elif not isinstance(r.get("value"), (int, float)):
            errs.append(f"{where}: value {r.get('value')!r}")
        for key in ("approx", "year", "text"):
            if key not in r:
                errs.append(f"{where}: no {key}")
    return errs


def check_meta(path: Path) -> list[str]:
    if not path.exists():
        return [f"{path}: missing"]
    d = json.loads(path.read_text(encoding="utf-8"))
    return [f"{path}: no {k}" for k in META if k not in d]


def main(args: list[str]) -> int:
    files: list[Path] = []
    for a in args:
        p = Path(a)
        files += sorted(p.glob("*.gold.json")) if p.is_dir() else [p]
    errs: list[str] = []
    for g in files:
        errs += check_gold(g)
        txt = g.with_name(g.name.replace(".gold.json", ".txt"))
        if g.parent.name != "pass2":
            if not txt.exists():
                errs.append(f"{txt}: missing")
            errs += check_meta(g.with_name(g.name.replace(".gold.json", ".meta.json")))
    print("\n".join(errs) or f"ok: {len(files)} gold files")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
