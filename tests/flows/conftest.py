"""Flow-test fixtures shared by the end-to-end tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from flows.demo.server import SITES_DIR, DemoSites


@pytest.fixture
def sites(tmp_path: Path) -> Iterator[DemoSites]:
    """A private copy of the demo sites, so a test can change a page."""
    root = tmp_path / "sites"
    shutil.copytree(SITES_DIR, root)
    with DemoSites(root=root) as running:
        yield running
