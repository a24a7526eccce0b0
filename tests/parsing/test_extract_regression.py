"""Regression over the copied dev gold set, scored in-process by the copied scorer.

The floors sit a little below what the extractor reaches, so a change that loses
real recall or precision fails here before it reaches the hidden evaluation.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from parsing.extract import extract_indicators

EVAL_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "eval"
F1_FLOOR = 0.97
HEADER_FLOOR = 0.9


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kjwatch_fixture_score", EVAL_DIR / "score.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _documents() -> list[Path]:
    return sorted(p for p in (EVAL_DIR / "dev").glob("*.txt") if p.with_suffix(".gold.json").exists())


def _score_all() -> tuple[float, float, dict[str, tuple[int, int, int]]]:
    score = _scorer()
    matched = predicted = gold_total = header_ok = header_all = 0
    per_doc: dict[str, tuple[int, int, int]] = {}
    for path in _documents():
        gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
        result = extract_indicators(path.read_text(encoding="utf-8"))
        body = [r.to_json(path.name) for r in result.records]
        body = [r for r in body if score.scored(r)]
        pairs = score.max_matching(gold["records"], body)
        ok, total = score.header_score(gold["header"], result.header.to_json(path.name))
        matched, predicted, gold_total = matched + len(pairs), predicted + len(body), gold_total + len(gold["records"])
        header_ok, header_all = header_ok + ok, header_all + total
        per_doc[path.stem] = (len(gold["records"]), len(body), len(pairs))
    precision, recall = matched / predicted, matched / gold_total
    return 2 * precision * recall / (precision + recall), header_ok / header_all, per_doc


@pytest.fixture(scope="module")
def scores() -> tuple[float, float, dict[str, tuple[int, int, int]]]:
    return _score_all()


def test_the_copied_gold_set_is_complete() -> None:
    assert len(_documents()) == 5
    assert (EVAL_DIR / "PROVENANCE.md").exists()


def test_overall_f1_stays_above_the_floor(scores: tuple[float, float, dict[str, tuple[int, int, int]]]) -> None:
    f1, _, per_doc = scores
    assert f1 >= F1_FLOOR, per_doc


def test_header_fields_stay_above_the_floor(scores: tuple[float, float, dict[str, tuple[int, int, int]]]) -> None:
    _, header, _ = scores
    assert header >= HEADER_FLOOR


def test_every_document_finds_most_of_its_gold(scores: tuple[float, float, dict[str, tuple[int, int, int]]]) -> None:
    _, _, per_doc = scores
    for name, (gold, _, hit) in per_doc.items():
        assert hit >= 0.8 * gold, name
