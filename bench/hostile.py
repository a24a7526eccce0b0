"""Peak memory of each hostile input of issue 16, in the process that meets it.

    PYTHONPATH=. .venv/bin/python bench/hostile.py [--parse-memory-mb 768] [--parse-seconds 120]

Crawl cases (200 MB page with and without Content-Length, gzip and deflate bombs, a redirect
loop, an endless redirect chain, an endless pager, a list that lies about its charset) each
run as the real crawl subprocess (`python -m spiders.crawl_one`) against the local hostile
site of tests/flows/hostile_site.py, with that case as the only start URL. Parse cases (the
zip-bomb DOCX, the PDF that keeps pypdf busy, an honest DOCX) each go through one guarded
parse worker (`python -m flows.parse_worker`). For every case it prints the child's peak
RSS (os.wait4), its wall time and what it recorded. Everything is on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from flows.parse_worker import READY, read_frame, write_frame  # noqa: E402
from tests.flows.hostile_files import docx_bomb, slow_pdf  # noqa: E402
from tests.flows.hostile_site import (  # noqa: E402
    ENDLESS_LIST,
    HOSTILE_LINKS,
    WRONG_CHARSET_LIST,
    HostileSite,
)

MB = 1024 * 1024
CRAWL_CASES = [p for p in HOSTILE_LINKS.values() if not p.startswith("/files/")] + [ENDLESS_LIST, WRONG_CHARSET_LIST]


def _wait(proc: subprocess.Popen[bytes]) -> tuple[int, int]:
    """(exit status, peak RSS in bytes) of one child."""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_maxrss * 1024


def crawl_case(site: HostileSite, path: str, work: Path) -> tuple[int, float, str]:
    source = {"id": "hostile", "name": "澄川市科学技术局", "level": "city", "start_urls": [site.url(path)],
              "allowed_domains": ["127.0.0.1"], "cms": "auto", "obey_robots": False, "max_pages": 200}
    run = work / hashlib.sha1(path.encode(), usedforsecurity=False).hexdigest()[:8]
    run.mkdir()
    command = [sys.executable, "-m", "spiders.crawl_one", "--source-json", json.dumps(source, ensure_ascii=False),
               "--items", str(run / "items.jsonl"), "--stats", str(run / "stats.json"), "--raw-dir",
               str(work / "raw"), "--cache-dir", str(run / "cache")]
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "spiders.settings", "KJWATCH_CRAWL_DELAY": "0",
           "KJWATCH_CRAWL_LOG_LEVEL": "ERROR", "PYTHONPATH": str(REPO)}
    started = time.monotonic()
    proc = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL,  # noqa: S603
                            stderr=subprocess.DEVNULL)
    _, peak = _wait(proc)
    stats = json.loads((run / "stats.json").read_text(encoding="utf-8"))
    found = f"{stats['documents_found']} document(s)"
    return peak, time.monotonic() - started, "; ".join([*stats["errors"], found])[:150]


def parse_case(path: Path, memory_mb: int, seconds: float) -> tuple[int, float, str]:
    item = {"source_id": "hostile", "url": f"http://127.0.0.1/{path.name}", "raw_path": str(path),
            "content_sha256": "0" * 64, "fetched_at": "2025-07-01T08:00:00+00:00"}
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "flows.parse_worker", str(memory_mb * MB)],  # noqa: S603
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=REPO)
    assert proc.stdin is not None
    assert proc.stdout is not None
    assert read_frame(proc.stdout) == READY
    write_frame(proc.stdin, item)
    answer = _answer_within(proc, seconds)
    proc.stdin.close()
    if answer is None:
        proc.kill()
    _, peak = _wait(proc)
    return peak, time.monotonic() - started, _describe(answer, seconds)


def _answer_within(proc: subprocess.Popen[bytes], seconds: float) -> Any:
    import select

    assert proc.stdout is not None
    if not select.select([proc.stdout], [], [], seconds)[0]:
        return None
    return read_frame(proc.stdout)


def _describe(answer: Any, seconds: float) -> str:
    if answer is None:
        return f"no answer in {seconds:g} s: worker killed"
    result = answer[0]
    return getattr(result, "message", None) or f"parsed, {len(result.records)} record(s)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parse-memory-mb", type=int, default=768)
    parser.add_argument("--parse-seconds", type=float, default=120.0)
    args = parser.parse_args()
    print(f"{'case':32} {'peak RSS':>9} {'wall':>7}  outcome")
    with tempfile.TemporaryDirectory() as tmp, HostileSite() as site:
        work = Path(tmp)
        for path in CRAWL_CASES:
            peak, wall, outcome = crawl_case(site, path, work)
            print(f"crawl {path:26} {peak / MB:7.0f}MB {wall:6.1f}s  {outcome}", flush=True)
        files = {"zip-bomb.docx": docx_bomb(), "slow.pdf": slow_pdf()}
        for name, data in files.items():
            (work / name).write_bytes(data)
        honest = REPO / "flows/demo/sites/county-attach/uploads/2025/qinghe-2024-summary.docx"
        for path in [work / "zip-bomb.docx", work / "slow.pdf", honest]:
            peak, wall, outcome = parse_case(path, args.parse_memory_mb, args.parse_seconds)
            print(f"parse {path.name:26} {peak / MB:7.0f}MB {wall:6.1f}s  {outcome[:150]}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
