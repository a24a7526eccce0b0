"""Every example in warehouse/README.md must run against the current schema."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from warehouse.db import writer

README = Path(__file__).resolve().parents[2] / "warehouse" / "README.md"
QUERIES = re.findall(r"```sql\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def test_readme_has_ten_examples() -> None:
    assert len(QUERIES) >= 10


@pytest.mark.parametrize("query", QUERIES, ids=[f"q{i + 1}" for i in range(len(QUERIES))])
def test_readme_query_runs(db_path: Path, query: str) -> None:
    with writer(db_path) as con:
        con.execute(query).fetchall()
