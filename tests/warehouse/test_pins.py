"""issue 21 item 8: the project allowed duckdb>=1.2, but the warehouse file is written by
DuckDB 2 and a 1.x client cannot open it; the pin must admit only versions that read it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import duckdb

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_the_duckdb_pin_admits_only_clients_of_the_file_format_written() -> None:
    deps = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    (spec,) = [d for d in deps if re.match(r"duckdb\b", d)]
    lowest = re.search(r">=\s*(\d+)", spec)
    assert lowest is not None, spec
    assert int(lowest.group(1)) == int(duckdb.__version__.split(".")[0])
