#!/usr/bin/env python3
"""Gold vs extractor, per document: tools_diff.py DIR [NAME...]

Runs `kjwatch extract --jsonl` on DIR/*.txt and prints, per document, the gold records
missed ("miss"), the scored predictions that match nothing ("false") and header fields
that differ.  For working on the tune split only.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from tools_compare import score, short


def predictions(paths: list[Path]) -> dict[str, list[dict]]:
    out = subprocess.run(
        ["kjwatch", "extract", "--jsonl", *map(str, paths)], capture_output=True, text=True, check=True
    ).stdout
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for line in out.splitlines():
        rec = json.loads(line)
        by_doc[Path(rec.get("doc") or rec.get("document") or "").stem].append(rec)
    return by_doc


def _counted(record: dict) -> bool:
    return record.get("kind") != "actual" or score.scored(record)


def main(argv: list[str]) -> int:
    folder = Path(argv[0])
    paths = sorted(p for p in folder.glob("*.txt") if not argv[1:] or p.stem in argv[1:])
    preds = predictions(paths)
    for p in paths:
        gold = json.loads(p.with_suffix(".gold.json").read_text(encoding="utf-8"))
        pred = preds.get(p.stem, [])
        head = next((r for r in pred if r.get("kind") == "document"), {})
        recs = [r for r in pred if r.get("kind") != "document"]
        pairs = score.max_matching(gold["records"], recs)
        gi, pj = {i for i, _ in pairs}, {j for _, j in pairs}
        lines = [f"  miss  {short(r)}" for i, r in enumerate(gold["records"]) if i not in gi and _counted(r)]
        lines += [f"  false {short(r)}" for j, r in enumerate(recs) if j not in pj and score.scored(r)]
        for f in ("bureau", "level", "report_year", "doc_types"):
            g, q = gold["header"].get(f), head.get(f)
            same = (
                sorted(g or []) == sorted(q or [])
                if f == "doc_types"
                else (score.norm_bureau(g) == score.norm_bureau(q) if f == "bureau" else g == q)
            )
            if not same:
                lines.append(f"  head  {f}: gold={g!r} pred={q!r}")
        if lines:
            print(p.stem)
            print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
