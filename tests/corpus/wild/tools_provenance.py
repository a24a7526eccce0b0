#!/usr/bin/env python3
"""Write PROVENANCE.md from the meta files: python3 tests/corpus/wild/tools_provenance.py [--committed]

Without --committed the table also lists incoming_* batches, so collectors at work see every
URL already taken; the committed table lists the splits only.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLUMNS = ("split", "name", "level", "province", "year", "source_kind", "chars", "artefacts", "title", "url")


def rows(committed: bool) -> list[dict[str, object]]:
    found = []
    incoming = [] if committed else sorted(p.name for p in HERE.glob("incoming*") if p.is_dir())
    splits = ["check", "tune", "pending", *incoming]
    for split in splits:
        for meta in sorted((HERE / split).glob("*.meta.json")):
            data = json.loads(meta.read_text(encoding="utf-8"))
            name = meta.name.removesuffix(".meta.json")
            data.update(split=split, name=name, chars=len((HERE / split / f"{name}.txt").read_text(encoding="utf-8")))
            found.append(data)
    return found


def cell(value: object) -> str:
    text = ", ".join(value) if isinstance(value, list) else "" if value is None else str(value)
    return text.replace("|", "/").replace("\n", " ")


def main() -> None:
    table = rows("--committed" in sys.argv[1:])
    spread = {key: Counter(str(r[key]) for r in table) for key in ("split", "level", "source_kind")}
    provinces = {r["province"] for r in table if r.get("province")}
    lines = ["# Wild corpus provenance", "", f"{len(table)} texts, {len(provinces)} provinces."]
    lines += [f"- {key}: " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())) for key, c in spread.items()]
    years = sorted(int(r["year"]) for r in table if r.get("year"))
    lines += [f"- years: {years[0]}–{years[-1]}", "", "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(cell(r.get(c)) for c in COLUMNS) + " |" for r in table]
    (HERE / "PROVENANCE.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:8]))


if __name__ == "__main__":
    main()
