"""A stuck crawl is stopped by the crawl subprocess's own time limit (the crawl task has no
Prefect timeout: in a worker thread Prefect could not enforce one and only warned)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from flows.crawl import crawl_source
from spiders.sources import Source


@pytest.fixture
def silent_site() -> Iterator[str]:
    """A site on 127.0.0.1 that accepts connections and never answers."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        listener.close()


def test_a_crawl_that_never_ends_is_stopped_and_recorded_as_failed(silent_site: str, tmp_path: Path) -> None:
    source = Source("stuck", "某市科学技术局", "city", (silent_site,), obey_robots=False)
    outcome = crawl_source(source, tmp_path / "raw", tmp_path / "work", tmp_path / "cache",
                           crawl_delay=0.0, timeout=3)
    assert outcome.status == "failed"
    assert outcome.errors[-1] == "crawl timed out after 3 s"
