"""`kjwatch sources discover`: the real CLI against mock portals served on 127.0.0.1."""

from __future__ import annotations

import functools
import socket
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from flows.cli import main
from flows.registry import load_registry

PORTALS = Path(__file__).resolve().parents[1] / "fixtures" / "portals"
Serve = Callable[..., str]


class _Portal(SimpleHTTPRequestHandler):
    """Static files of one mock portal; robots.txt as the test says (none: 404, like many portals)."""

    robots: str | None = None

    def do_GET(self) -> None:
        if self.path == "/robots.txt" and self.robots is not None:
            data = self.robots.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        super().do_GET()

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def serve() -> Iterator[Serve]:
    servers: list[ThreadingHTTPServer] = []

    def start(shape: str, robots: str | None = None) -> str:
        handler = type("Handler", (_Portal,), {"robots": robots})
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(PORTALS / shape)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _proposal(out: str) -> dict[str, object]:
    entries = yaml.safe_load(out)["sources"]
    assert len(entries) == 1
    return dict(entries[0])


def test_finds_the_bureau_in_a_department_link_list(serve: Serve, capsys: pytest.CaptureFixture[str]) -> None:
    portal = serve("department_list")
    assert main(["sources", "discover", "--region", "370126", "--portal", portal]) == 0
    entry = _proposal(capsys.readouterr().out)
    assert entry["start_urls"] == ["http://kjj.shanghe.example.gov.cn/"]  # not 济南市科学技术局 listed before it
    assert (entry["id"], entry["name"], entry["level"]) == ("shandong-370126", "商河县科学技术局", "county")
    assert (entry["region"], entry["region_code"]) == ("山东省济南市商河县", "370126")
    assert entry["evidence"] == f"kjwatch sources discover: linked as 「商河县科学技术局」 on {portal}bmwz.html"


def test_finds_the_bureau_column_of_an_xxgk_directory(serve: Serve, capsys: pytest.CaptureFixture[str]) -> None:
    portal = serve("xxgk_directory")  # GBK pages: 政府信息公开 → 部门信息公开 → 县科技局
    assert main(["sources", "discover", "--region", "370322", "--portal", portal]) == 0
    entry = _proposal(capsys.readouterr().out)
    assert entry["start_urls"] == [f"{portal}xxgk/bm/kjj/index.html"]
    assert (entry["name"], entry["region"]) == ("高青县科技局", "山东省淄博市高青县")
    assert "「县科技局」 on " + f"{portal}xxgk/bm/index.html" in str(entry["evidence"])


def test_finds_a_bureau_that_is_a_column_of_the_portal(serve: Serve, capsys: pytest.CaptureFixture[str]) -> None:
    portal = serve("portal_column")
    assert main(["sources", "discover", "--region", "370300", "--portal", portal]) == 0
    entry = _proposal(capsys.readouterr().out)
    assert entry["start_urls"] == [f"{portal}col/col3004/index.html"]  # not the county's 高青县科技局
    assert (entry["name"], entry["level"], entry["tags"]) == ("淄博市科学技术局", "city", ["shandong", "city"])


def test_a_portal_without_the_bureau_says_not_found(serve: Serve, capsys: pytest.CaptureFixture[str]) -> None:
    portal = serve("no_bureau")  # a 科学技术协会 and a notice mentioning 县科技局 are not the bureau
    assert main(["sources", "discover", "--region", "370126", "--portal", portal]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"no link naming 商河县科学技术局 (or 科技局 …) on 2 page(s) of {portal}" in captured.err


def test_a_dead_portal_is_an_error_naming_its_url(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/"
    assert main(["sources", "discover", "--region", "370126", "--portal", dead]) == 3
    err = capsys.readouterr().err
    assert f"cannot read the portal {dead}" in err
    assert "refused" in err.lower()


def test_robots_txt_is_respected(serve: Serve, capsys: pytest.CaptureFixture[str]) -> None:
    portal = serve("department_list", robots="User-agent: *\nDisallow: /bmwz.html\n")
    assert main(["sources", "discover", "--region", "370126", "--portal", portal]) == 1
    assert f"skipped {portal}bmwz.html: robots.txt disallows it" in capsys.readouterr().err
    blocked = serve("department_list", robots="User-agent: *\nDisallow: /\n")
    assert main(["sources", "discover", "--region", "370126", "--portal", blocked]) == 3
    assert f"robots.txt of {blocked} disallows reading it" in capsys.readouterr().err


def test_add_appends_the_entry_and_refuses_a_duplicate(serve: Serve, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    portal = serve("department_list")
    path = tmp_path / "sources.yaml"
    path.write_text("# mine\nsources:\n  - id: a\n    name: 甲市科技局\n    level: city\n"
                    "    start_urls: [http://a.example/]\n", encoding="utf-8")
    args = ["sources", "discover", "--region", "370126", "--portal", portal, "--add", "--sources", str(path)]
    assert main(args) == 0
    assert f"added shandong-370126 (商河县科学技术局) to {path}" in capsys.readouterr().out
    added = load_registry(path)[-1]
    assert (added.id, added.region_code, added.start_urls) == ("shandong-370126", "370126",
                                                               ("http://kjj.shanghe.example.gov.cn/",))
    assert "linked as 「商河县科学技术局」" in path.read_text(encoding="utf-8")
    assert main(args) == 2
    assert "'shandong-370126' already covers 山东省济南市商河县 (370126)" in capsys.readouterr().err
    assert len(load_registry(path)) == 2
    assert main(["sources", "list", "--missing", "--tag", "shandong", "--level", "county", "--sources", str(path),
                 "--format", "csv"]) == 0
    assert "370126" not in capsys.readouterr().out


def test_add_writes_kjwatch_sources_by_default(serve: Serve, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.yaml"
    monkeypatch.setenv("KJWATCH_SOURCES", str(path))
    assert main(["sources", "discover", "--region", "370300", "--portal", serve("portal_column"), "--add"]) == 0
    assert [s.id for s in load_registry(path)] == ["shandong-370300"]
    capsys.readouterr()


def test_usage_problems_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sources", "discover", "--region", "999999", "--portal", "http://127.0.0.1:9/"]) == 2
    assert "'999999' is not a province, prefecture or county-level division" in capsys.readouterr().err
    assert main(["sources", "discover", "--region", "370126"]) == 2  # the bundled table knows no portal yet
    assert "give --portal URL" in capsys.readouterr().err
    assert main(["sources", "discover", "--portal", "http://127.0.0.1:9/"]) == 2
    assert "give --region CODE" in capsys.readouterr().err
