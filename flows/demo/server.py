"""Serve the bundled mock 科技局 sites on 127.0.0.1 for `kjwatch run --demo` and tests.

One server per site directory. Tests take OS-chosen ports, so several sessions can share a
machine; `kjwatch run --demo` asks for the same ports every time (from 18601), so the links a
run stores and reports work again whenever the demo is served, and falls back to an OS-chosen
port only when one is taken. Responses imitate what matters to a crawler on
real government sites: Last-Modified/ETag revalidation with 304, HTML without a
charset header when the page itself declares a non-UTF-8 charset, real 404s.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

import yaml

from flows.demo.handler import make_handler

DEMO_DIR = Path(__file__).resolve().parent
SITES_DIR = DEMO_DIR / "sites"
SOURCES_TEMPLATE = DEMO_DIR / "sources.template.yaml"
HOST = "127.0.0.1"
STABLE_PORT_BASE = 18601
LOG = logging.getLogger(__name__)
PLACEHOLDER = re.compile(r"\{\{\s*([a-z0-9][a-z0-9-]*)\s*\}\}")


class _QuietServer(ThreadingHTTPServer):
    """A crawler hanging up mid-response is normal and stays silent; real bugs still get logged."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            return
        LOG.exception("demo site request from %s failed", client_address)


class DemoSites:
    """The bundled demo sites, each served from its own port while started.

    Use as a context manager: ``with DemoSites() as sites: sites.urls["trs-city"]``.
    """

    def __init__(self, root: Path | None = None, template: Path | None = None, stable_ports: bool = False) -> None:
        self.root = (root or SITES_DIR).resolve()
        self.template = template or SOURCES_TEMPLATE
        self.stable_ports = stable_ports
        self.urls: dict[str, str] = {}
        self._servers: list[tuple[ThreadingHTTPServer, threading.Thread]] = []

    def site_names(self) -> list[str]:
        """Every sub-directory of the root is one site; hidden ones are skipped."""
        if not self.root.is_dir():
            raise FileNotFoundError(f"demo site root {self.root} does not exist")
        return sorted(p.name for p in self.root.iterdir() if p.is_dir() and not p.name.startswith("."))

    def start(self) -> DemoSites:
        if self._servers:
            return self
        try:
            for index, name in enumerate(self.site_names()):
                self._start_site(name, STABLE_PORT_BASE + index if self.stable_ports else 0)
        except BaseException:
            self.stop()
            raise
        return self

    def _start_site(self, name: str, port: int) -> None:
        try:
            server = _QuietServer((HOST, port), make_handler(self.root / name))
        except OSError:  # the stable port is taken: any port still serves this run
            server = _QuietServer((HOST, 0), make_handler(self.root / name))
        thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.1}, name=f"demo-site-{name}", daemon=True
        )
        thread.start()
        self._servers.append((server, thread))
        self.urls[name] = f"http://{HOST}:{server.server_address[1]}/"

    def stop(self) -> None:
        for server, thread in self._servers:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
        self._servers.clear()
        self.urls.clear()

    def __enter__(self) -> DemoSites:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def sources_yaml(self) -> str:
        """The sources template with each ``{{site}}`` replaced by that site's live base URL."""
        if not self.urls:
            raise RuntimeError("start the demo sites before writing sources for them")
        template = self.template.read_text(encoding="utf-8")
        text = PLACEHOLDER.sub(self._url_for_placeholder, template)
        document = yaml.safe_load(text)
        if not isinstance(document, dict) or not isinstance(document.get("sources"), list):
            raise ValueError(f"{self.template}: expected a mapping with a 'sources' list")
        return text

    def _url_for_placeholder(self, match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in self.urls:
            raise KeyError(f"{self.template} refers to site {name!r}, not found under {self.root}")
        return self.urls[name]

    def write_sources(self, path: Path) -> Path:
        """Write a kjwatch sources file (CONTRACT §2) that points at the running sites."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.sources_yaml(), encoding="utf-8")
        return path
