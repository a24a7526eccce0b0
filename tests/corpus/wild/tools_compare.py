#!/usr/bin/env python3
"""Compare two independent labelling passes: tools_compare.py PASS1_DIR PASS2_DIR [NAME...]

For each <name>.gold.json in both, prints the records only one pass has (matched as the
scorer matches: kind, metric, measure, value or rank/scope) and header fields that differ.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("score", HERE.parent.parent / "fixtures" / "eval" / "score.py")
assert _spec
assert _spec.loader
score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)


def short(r: dict) -> str:
    v = r.get("value") if r.get("kind") != "ranking" else f"#{r.get('rank')}@{r.get('scope')}"
    head = f"{r.get('kind')}/{r.get('metric')}/{r.get('measure')}"
    return f"{head}={v}{r.get('unit') or ''} y{r.get('year')} «{r.get('text')}»"


def same_field(field: str, x: object, y: object) -> bool:
    if field == "doc_types":
        return sorted(x or []) == sorted(y or [])  # type: ignore[call-overload]
    if field == "bureau":
        return bool(score.norm_bureau(x) == score.norm_bureau(y))
    return x == y


def compare(a: Path, b: Path) -> tuple[int, int, int, list[str]]:
    ga, gb = (json.loads(p.read_text(encoding="utf-8")) for p in (a, b))
    # Actuals of other: metrics are not scored, so their disagreements do not matter.
    ra, rb = ([r for r in g["records"] if score.scored(r) or r.get("kind") != "actual"] for g in (ga, gb))
    pairs = score.max_matching(ra, rb)
    ia, ib = {i for i, _ in pairs}, {j for _, j in pairs}
    lines = [f"  only 1: {short(r)}" for i, r in enumerate(ra) if i not in ia]
    lines += [f"  only 2: {short(r)}" for j, r in enumerate(rb) if j not in ib]
    for f in ("bureau", "level", "report_year", "doc_types"):
        x, y = ga["header"].get(f), gb["header"].get(f)
        if not same_field(f, x, y):
            lines.append(f"  header {f}: 1={x!r} 2={y!r}")
    return len(pairs), len(ra), len(rb), lines


def main(argv: list[str]) -> int:
    d1, d2 = Path(argv[0]), Path(argv[1])
    names = argv[2:] or sorted(p.name[: -len(".gold.json")] for p in d2.glob("*.gold.json"))
    agree = n1 = n2 = 0
    for name in names:
        a, b = d1 / f"{name}.gold.json", d2 / f"{name}.gold.json"
        if not (a.exists() and b.exists()):
            continue
        m, x, y, lines = compare(a, b)
        agree, n1, n2 = agree + m, n1 + x, n2 + y
        if lines:
            print(f"{name}: agree {m}, pass1 {x}, pass2 {y}")
            print("\n".join(lines))
    print(f"TOTAL agree {agree} pass1 {n1} pass2 {n2}  F1 {2 * agree / max(1, n1 + n2):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
