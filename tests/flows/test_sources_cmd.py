from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from flows.cli import main
from flows.registry import bundled_sources_path, load_registry, region_code_known

PAGES = {
    "/trs/": (200, "<script>createPageHTML(3, 0, 'index', 'html');</script><a href='./202401/t20240101_1.html'>x</a>"),
    "/hanweb/": (200, "<div><script type='text/xml'><datastore><recordset></recordset></datastore></script></div>"),
    "/xxgk/": (200, "<table><tr><td>索引号</td><td>发布机构</td></tr></table>"),
    "/static/": (200, "<table><tr><td>[03-26] 工作总结</td></tr></table>"),
    "/gone/": (404, "not found"),
    "/rs/": (412, '<html><script r="m">var _$a=1;</script></html>'),
    "/jsl/": (521, "<script>document.cookie='__jsl_clearance=1';location.reload()</script>"),
    "/private/": (200, "<p>secret</p>"),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            self._send(200, "User-agent: *\nDisallow: /private/\n", "text/plain")
        elif self.path == "/moved/":
            self.send_response(301)
            self.send_header("Location", "/trs/")
            self.end_headers()
        else:
            status, body = PAGES.get(self.path, (404, "no"))
            self._send(status, body, "text/html; charset=utf-8")

    def _send(self, status: int, body: str, kind: str) -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _sources(tmp_path: Path, base: str) -> Path:
    lines = ["sources:"]
    for name in ("trs", "hanweb", "xxgk", "static", "gone", "rs", "jsl", "private", "moved"):
        lines += [f"  - id: {name}", f"    name: {name}科技局", "    level: county",
                  f"    start_urls: [{base}/{name}/]"]
    path = tmp_path / "sources.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_check_reports_each_outcome_and_stores_it(site: str, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "kjwatch.duckdb"
    code = main(["sources", "check", "--sources", str(_sources(tmp_path, site)), "--db", str(db),
                 "--format", "json"])
    results = {r["id"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert code == 1  # some sources not usable (gone, blocked, robots)
    assert {k: (v["status"], v["cms"]) for k, v in results.items()} == {
        "trs": ("reachable", "trs"), "hanweb": ("reachable", "hanweb"), "xxgk": ("reachable", "zfxxgk"),
        "static": ("reachable", "static"), "gone": ("gone", ""), "rs": ("blocked", ""), "jsl": ("blocked", ""),
        "private": ("robots_disallow", ""), "moved": ("redirected", "trs"),
    }
    assert "瑞数" in results["rs"]["detail"]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM source_checks").fetchone() == (9,)


def test_list_filters_by_level_and_tag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  - id: a\n    name: 甲市科技局\n    level: city\n    tags: [east]\n"
                    "    start_urls: [http://a.example/]\n  - id: b\n    name: 乙县科技局\n    level: county\n"
                    "    start_urls: [http://b.example/]\n", encoding="utf-8")
    assert main(["sources", "list", "--sources", str(path), "--level", "county", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("b,乙县科技局,county")
    assert main(["sources", "list", "--sources", str(path), "--tag", "east", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("a,")


def test_add_validates_and_appends(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("# my bureaus\nsources:\n  - id: a\n    name: 甲市科技局\n    level: city\n"
                    "    start_urls: [http://a.example/]\n", encoding="utf-8")
    assert main(["sources", "add", "http://kjj.zibo.gov.cn/", "--name", "淄博市科学技术局", "--level", "city",
                 "--region-code", "370300", "--tag", "shandong", "--sources", str(path)]) == 0
    assert [s.id for s in load_registry(path)] == ["a", "kjj-zibo"]
    assert path.read_text(encoding="utf-8").startswith("# my bureaus\n")
    assert main(["sources", "add", "http://x.example/", "--name", "x", "--level", "town",
                 "--sources", str(path)]) == 2
    assert main(["sources", "add", "http://y.example/", "--name", "y", "--level", "city", "--region-code",
                 "999999", "--sources", str(path)]) == 2
    assert main(["sources", "add", "http://kjj.zibo.gov.cn/x", "--name", "dup", "--level", "city",
                 "--sources", str(path)]) == 2
    err = capsys.readouterr().err
    assert "'town'" in err
    assert "999999" in err
    assert "used twice" in err
    assert len(load_registry(path)) == 2


def test_bundled_registry_is_valid() -> None:
    sources = load_registry(bundled_sources_path())
    assert len(sources) >= 100
    assert {s.level for s in sources} == {"province", "city", "county", "district", "zone"}
    assert region_code_known("370300")
    assert not region_code_known("370399")


def test_every_bundled_source_is_tagged_by_province_and_level() -> None:
    """issue 21 item 9: all bundled sources had empty tags, so --tag shandong crawled nothing."""
    from flows.registry import PROVINCE_TAGS, select

    sources = load_registry(bundled_sources_path())
    provinces = set(PROVINCE_TAGS.values())
    assert all(len(s.tags) == 2 and s.tags[0] in provinces and s.tags[1] == s.level for s in sources)
    shandong = select(sources, ["shandong"], "bundled")
    assert len(shandong) >= 20
    assert all(s.id.startswith("shandong") for s in shandong)


def test_choosing_no_source_is_an_error_naming_the_tags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  - id: a\n    name: 甲市科技局\n    level: city\n    tags: [east]\n"
                    "    start_urls: [http://127.0.0.1:9/]\n", encoding="utf-8")
    assert main(["run", "--sources", str(path), "--db", str(tmp_path / "k.duckdb"), "--tag", "west", "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("kjwatch: ")
    assert "'west'" in err
    assert "east" in err
    assert len(err.splitlines()) == 1
    assert main(["sources", "list", "--sources", str(path), "--tag", "west"]) == 2
    assert "'west'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as unknown:
        main(["sources", "list", "--sources", str(path), "--level", "foo"])
    assert unknown.value.code == 2


def test_an_added_source_gets_its_province_and_level_as_tags(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    assert main(["sources", "add", "http://kjj.zibo.gov.cn/", "--name", "淄博市科学技术局", "--level", "city",
                 "--region-code", "370300", "--sources", str(path)]) == 0
    assert load_registry(path)[0].tags == ("shandong", "city")


def test_check_exits_nonzero_when_no_site_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """issue 21 item 9: `sources check` exited 0 when every site was unreachable."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    path = tmp_path / "sources.yaml"
    path.write_text(f"sources:\n  - id: a\n    name: 甲市科技局\n    level: city\n"
                    f"    start_urls: [http://127.0.0.1:{port}/]\n", encoding="utf-8")
    assert main(["sources", "check", "--sources", str(path), "--db", str(tmp_path / "k.duckdb")]) == 3
    assert "1 of 1 source(s) not usable" in capsys.readouterr().err


def test_add_refuses_codes_of_another_level_contradicting_regions_and_repeated_urls(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """issue 21 item 9: a prefecture code for a county, a region contradicting its code and a
    repeated URL were accepted (the last reported as an id used twice)."""
    path = tmp_path / "sources.yaml"
    assert main(["sources", "add", "http://kjj.zibo.gov.cn/", "--name", "淄博市科学技术局", "--level", "city",
                 "--region", "山东省淄博市", "--region-code", "370300", "--sources", str(path)]) == 0
    capsys.readouterr()
    assert main(["sources", "add", "http://a.example/", "--name", "某县科技局", "--level", "county",
                 "--region-code", "370300", "--sources", str(path)]) == 2
    assert "city-level division, not a county" in capsys.readouterr().err
    assert main(["sources", "add", "http://b.example/", "--name", "某市科技局", "--level", "city",
                 "--region", "江苏省南京市", "--region-code", "370300", "--sources", str(path)]) == 2
    assert "does not match --region-code 370300" in capsys.readouterr().err
    assert main(["sources", "add", "http://kjj.zibo.gov.cn/", "--name", "again", "--level", "city", "--id", "again",
                 "--sources", str(path)]) == 2
    assert "already the start URL of source 'kjj-zibo'" in capsys.readouterr().err
    assert len(load_registry(path)) == 1
