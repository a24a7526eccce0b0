"""SQL lives in `.sql` files beside this module; this is the one place that reads them."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def read_sql(folder: str, name: str) -> str:
    """Text of `warehouse/<folder>/<name>.sql`, cached because queries run per document."""
    return resources.files("warehouse").joinpath(folder, f"{name}.sql").read_text(encoding="utf-8")


def list_sql(folder: str) -> list[str]:
    """Names (without `.sql`) in a folder, sorted, so migrations apply by number."""
    entries = resources.files("warehouse").joinpath(folder).iterdir()
    return sorted(e.name[:-4] for e in entries if e.name.endswith(".sql"))
