"""issue 21 item 8: Chinese metric labels existed only inside alerts/; the warehouse has a
`metrics` table with each core metric's name and unit, so SQL users can join on it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import duckdb

from alerts.labels import metric_label
from warehouse.db import migrate

SCORER = Path(__file__).resolve().parents[1] / "fixtures" / "eval" / "score.py"


def _core_metrics() -> set[str]:
    spec = importlib.util.spec_from_file_location("score", SCORER)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return set(module.CORE)


def test_every_core_metric_has_a_chinese_name_and_unit_in_the_warehouse(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "k.duckdb")) as con:
        migrate(con)
        migrate(con)  # refreshed, not duplicated
        rows = {m: (label, unit) for m, label, unit in con.execute("SELECT * FROM metrics").fetchall()}
    assert set(rows) == _core_metrics()
    assert rows["hte_total"] == ("高新技术企业总数", "家")
    assert rows["tech_contract_value"] == ("技术合同成交额", "万元")
    assert all(label and unit for label, unit in rows.values())
    assert metric_label("rd_intensity") == rows["rd_intensity"][0]
