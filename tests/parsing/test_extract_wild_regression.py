"""Regression through the product's own CLI: `kjwatch extract --jsonl` over the copied
dev set and both splits of the wild corpus, scored by the copied scorer.

The floors sit just under the figures reached (tests/corpus/wild/README.md), so a
change cannot quietly lose what real reports taught the extractor.  The check split
was never tuned on; its floor guards the honest figure, not a target.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent.parent
SCORER = TESTS / "fixtures" / "eval" / "score.py"
SPLITS = {
    "dev": TESTS / "fixtures" / "eval" / "dev",
    "tune": TESTS / "corpus" / "wild" / "tune",
    "check": TESTS / "corpus" / "wild" / "check",
}
# (overall F1, header) floors per split, a little under the figures reached; the tune floor
# moved from 0.88 to 0.875 when batches AR–AT (fresh 0.57–0.78) joined it (290 texts at 0.881).
# The check split's header went from 0.804 to 0.795 on 2026-12-07 (its F1 from 0.784 to 0.797);
# no check text was opened to see why, so its floor is 0.79 rather than tuned back.
# Third session (2026-12-07): six fresh batches AX–BC (60 texts, fresh 0.60–0.80) joined tune/,
# which reads 0.882 / header 0.908 over 365 texts; the check split 0.804 / 0.795.
# Fourth session: batches BD, BF, BG (fresh 0.52–0.67) joined tune/, which reads 0.874 / header 0.907
# over 405 texts; the check split 0.804 / 0.804.
# Fifth session: batches BJ, BK, BL, BM (fresh 0.667, 0.533, 0.718, 0.783) joined tune/, which reads
# 0.863 / header 0.903 over 462 texts, so its floor moved to 0.86 / 0.89.
# Sixth session: batches BN, BO, BP (fresh 0.54–0.66) joined tune/, which reads 0.851 / header 0.898
# over 492 texts (0.863 / 0.906 over the 472 before BO and BP), so its floor moved to 0.845 / 0.89.
FLOORS = {"dev": (0.98, 0.98), "tune": (0.845, 0.89), "check": (0.80, 0.80)}
_LAST = re.compile(r"overall F1 (?P<f1>[\d.]+) \(P [\d.]+ R [\d.]+\) header (?P<header>[\d.]+) docs (?P<docs>\d+)")


def _kjwatch() -> str:
    found = shutil.which("kjwatch") or str(Path(sys.executable).with_name("kjwatch"))
    assert Path(found).exists(), "the kjwatch console script is not installed"
    return found


def _score(split: str) -> tuple[float, float, int]:
    run = subprocess.run(
        [sys.executable, str(SCORER), str(SPLITS[split]), "--", _kjwatch(), "extract", "--jsonl"],
        capture_output=True, text=True, check=True, timeout=600,
    )
    last = _LAST.search(run.stdout.strip().splitlines()[-1])
    assert last, run.stdout[-2000:] + run.stderr[-2000:]
    return float(last["f1"]), float(last["header"]), int(last["docs"])


def test_the_wild_corpus_is_large_and_frozen() -> None:
    texts = [p for split in ("tune", "check") for p in SPLITS[split].glob("*.txt")]
    assert len(list(SPLITS["check"].glob("*.txt"))) >= 25
    assert len(texts) >= 100
    for text in texts:
        assert text.with_suffix(".gold.json").exists(), text.name
        assert text.with_suffix(".meta.json").exists(), text.name


@pytest.mark.parametrize("split", sorted(SPLITS))
def test_split_scores_stay_above_their_floors(split: str) -> None:
    f1, header, docs = _score(split)
    f1_floor, header_floor = FLOORS[split]
    assert docs == len(list(SPLITS[split].glob("*.gold.json")))
    assert f1 >= f1_floor, f"{split}: overall F1 {f1} < {f1_floor}"
    assert header >= header_floor, f"{split}: header {header} < {header_floor}"
