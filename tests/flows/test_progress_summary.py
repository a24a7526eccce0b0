"""issue 20 part A: live progress on a terminal, plain lines elsewhere, nothing under --quiet, and
a bilingual end-of-run summary. The real commands run in subprocesses against the bundled demo
sites, a site behind a 瑞数-style challenge, a dead port and a local webhook; the bar is read
from a real pseudo-terminal."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from flows.cli import main
from flows.demo.server import DemoSites
from tests.flows.terminal import Finished, kjwatch, kjwatch_env
from tests.servers import WebhookServer

pytestmark = pytest.mark.e2e

ELAPSED = re.compile(r"\d+:\d\d:\d\d")
CHALLENGE = b'<html><script r="m">var _$a=1;</script></html>'


class _Challenge(BaseHTTPRequestHandler):
    """Every page answers with a 412 JS challenge, as a site behind 瑞数 does."""

    def do_GET(self) -> None:
        self.send_response(412)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(CHALLENGE)))
        self.end_headers()
        self.wfile.write(CHALLENGE)

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def walled() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Challenge)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/col/col1/index.html"
    server.shutdown()
    server.server_close()


def _dead_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def _sources(sites: DemoSites, tmp_path: Path, extra: dict[str, str]) -> Path:
    path = sites.write_sources(tmp_path / "sources.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["sources"] += [{"id": sid, "name": f"{sid}科技局", "level": "county", "start_urls": [url],
                         "obey_robots": False} for sid, url in extra.items()]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _env(tmp_path: Path) -> dict[str, str]:
    return kjwatch_env(KJWATCH_DATA=str(tmp_path / "raw"), PREFECT_LOGGING_LEVEL="WARNING")


def _assert_bar(done: Finished, title: str, total: int) -> None:
    """The bar's own line: title, sources done/total, pages, documents, errors, elapsed time."""
    bars = [line for line in re.split(r"[\r\n]", done.stderr) if line.startswith(title) and "sources 来源" in line]
    assert bars, done.stderr[-3000:]
    last = bars[-1]
    assert f"{total}/{total} sources 来源" in last
    assert re.search(r"\d+ pages 页 · \d+ documents 文档 · \d+ errors 错误", last)
    assert ELAPSED.search(last)
    assert "━" in done.raw_stderr


@pytest.fixture
def sites() -> Iterator[DemoSites]:
    with DemoSites() as running:
        yield running


def test_run_on_a_terminal_shows_a_live_bar_and_a_summary_in_both_languages(
        sites: DemoSites, walled: str, tmp_path: Path) -> None:
    sources = _sources(sites, tmp_path, {"walled": walled, "dead": _dead_url()})
    db = tmp_path / "state" / "kjwatch.duckdb"
    with WebhookServer() as hook:
        done = kjwatch(["run", "--sources", str(sources), "--db", str(db), "--notify", hook.url()],
                       tmp_path, _env(tmp_path), terminal=True)
    assert done.returncode == 0, done.stderr[-3000:]
    _assert_bar(done, "kjwatch run", 4)
    assert re.search(r"[1-9]\d* errors 错误", done.stderr)  # the blocked and the dead source
    assert "[kjwatch] [4/4]" in done.stderr  # each source's line above the bar
    out = done.stdout
    assert re.search(r"\[failed 失败\] dead dead科技局: 0 page\(s\) 页.* — .*(refused|Connection|connect)", out), out
    assert re.search(r"\[blocked 被拦截\] walled walled科技局: .* — .*412", out), out
    assert re.search(r"\[ok 正常\] demo-trs-city 澄川市科学技术局: \d+ page\(s\) 页, 2 new 新增, 0 changed 变更", out)
    assert "来源 sources: 2 ok 正常 · 1 blocked 被拦截 · 1 failed 失败" in out
    assert re.search(r"文档 documents: 4 new 新增, 0 changed 变更", out)
    assert re.search(r"目标与排名 targets and rankings: [1-9]\d* new targets 新目标, "
                     r".*[1-9]\d* new rankings 新排名", out)
    assert re.search(r"json://127\.0\.0\.1:\d+/hook: [1-9]\d* sent 已发送, 0 failed 失败, 0 pending 待发", out), out
    assert "下一步 next steps:" in out
    assert f"kjwatch alerts list --db {db}" in out
    assert "kjwatch sources check dead walled" in out
    assert f"kjwatch report --db {db}" in out


def test_off_a_terminal_a_run_prints_plain_lines_and_quiet_prints_none(sites: DemoSites, tmp_path: Path) -> None:
    sources = _sources(sites, tmp_path, {})
    db = tmp_path / "state" / "kjwatch.duckdb"
    done = kjwatch(["run", "--sources", str(sources), "--db", str(db)], tmp_path, _env(tmp_path), terminal=False)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [line for line in done.raw_stderr.splitlines() if line.startswith("[kjwatch] [")]
    assert [line[10:15] for line in lines] == ["[1/2]", "[2/2]"]
    assert "\x1b[" not in done.raw_stderr
    assert "━" not in done.raw_stderr
    assert "kjwatch alerts test URL" in done.stdout  # no channel: how to try one
    assert "none 无 — no channel configured" in done.stdout
    quiet = kjwatch(["crawl", "--sources", str(sources), "--db", str(db), "--quiet"], tmp_path, _env(tmp_path),
                    terminal=True)
    assert quiet.returncode == 0, quiet.stderr[-3000:]
    assert "[kjwatch]" not in quiet.stderr
    assert "sources 来源" not in quiet.stderr
    assert re.search(r"^kjwatch crawl \w+ completed 已完成$", quiet.stdout, re.M)


def test_crawl_and_reparse_show_the_bar_on_a_terminal_and_lines_elsewhere(sites: DemoSites, tmp_path: Path) -> None:
    sources = _sources(sites, tmp_path, {})
    db = tmp_path / "state" / "kjwatch.duckdb"
    crawl = kjwatch(["crawl", "--sources", str(sources), "--db", str(db)], tmp_path, _env(tmp_path), terminal=True)
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    _assert_bar(crawl, "kjwatch crawl", 2)
    assert "not compared by crawl 抓取不比对" in crawl.stdout
    assert "kjwatch run    比对并发送提醒 compare and send alerts" in crawl.stdout
    assert "投递 deliveries" not in crawl.stdout
    reparse = kjwatch(["reparse", "--db", str(db)], tmp_path, _env(tmp_path), terminal=True)
    assert reparse.returncode == 0, reparse.stderr[-3000:]
    _assert_bar(reparse, "kjwatch reparse", 2)
    assert re.search(r"4 documents 文档 · 0 errors 错误", reparse.stderr)
    plain = kjwatch(["reparse", "--db", str(db)], tmp_path, _env(tmp_path), terminal=False)
    assert plain.returncode == 0, plain.stderr[-3000:]
    lines = [line for line in plain.raw_stderr.splitlines() if line.startswith("[kjwatch] [")]
    assert [line[10:15] for line in lines] == ["[1/2]", "[2/2]"]
    assert all("document(s) re-extracted, 0 could not be re-read" in line for line in lines)
    assert "\x1b[" not in plain.raw_stderr


def test_sources_check_shows_the_bar_on_a_terminal_and_lines_elsewhere(
        sites: DemoSites, walled: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = _sources(sites, tmp_path, {"walled": walled})
    db = tmp_path / "k.duckdb"
    done = kjwatch(["sources", "check", "--sources", str(sources), "--db", str(db)], tmp_path, _env(tmp_path),
                   terminal=True)
    assert done.returncode == 1, done.stderr[-3000:]
    _assert_bar(done, "kjwatch sources check", 3)
    assert "1 errors 错误" in done.stderr
    assert main(["sources", "check", "--sources", str(sources), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert re.search(r"^\[kjwatch\] \[3/3\] walled: blocked — .*412", err, re.M), err
    assert "\x1b[" not in err
    assert main(["sources", "check", "--quiet", "--sources", str(sources), "--db", str(db)]) == 1
    assert "[kjwatch]" not in capsys.readouterr().err
