"""Scale benchmark (issue 17): N generated sources on 127.0.0.1, the real monitor flow, first run and re-run.

    PYTHONPATH=. .venv/bin/python bench/scale.py            # --quick: N = 10, 100 (minutes)
    PYTHONPATH=. .venv/bin/python bench/scale.py --n 10,100,1000,3000

For each N: one local server (bench/scale_sites.py, a TRS-style site per path prefix), a
generated sources file, a fresh state folder with a real DuckDB file. Each run is a fresh
`python bench/scale.py --child …` process that calls the `monitor` flow the way `kjwatch run`
does (real Prefect, ephemeral server, real crawl processes — one per batch, flows/crawl_batch.py —,
parse, load, alerts), with the stage functions wrapped in timers; the parent samples the RSS of
that process tree (psutil, every 0.2 s) and reads the server's request counts. Crawl delay is 0 (KJWATCH_CRAWL_DELAY):
the figure is the machine's, not the politeness wait. Goals: unchanged 3,000-source run
≤ 300 s and ≤ 2 GB on 2 cores, first run ≥ 100 pages/s, re-run ≤ 1.0 request per list page.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.scale_sites import sources_yaml, start_server  # noqa: E402

STAGES = ("prefect_start", "crawl", "parse", "load", "alerts", "report", "finish")


def _timed(module: Any, name: str, times: dict[str, float], stage: str) -> None:
    """Wrap module.name so its duration adds to times[stage] (the flow calls it through the module)."""
    original = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            times[stage] = times.get(stage, 0.0) + time.perf_counter() - started
            times[f"{stage}_end"] = time.perf_counter()
    setattr(module, name, wrapper)


def child_run(state: Path, sources: Path, out: Path) -> None:
    """One run as `kjwatch run` makes it, stage by stage."""
    t0 = time.perf_counter()
    from flows.config import prepare_prefect

    prepare_prefect(state)
    import flows.monitor as monitor_module
    from flows import stages

    times: dict[str, float] = {}
    _timed(stages, "start_run", times, "start_run")
    _timed(stages, "seen_urls", times, "seen_urls")
    _timed(monitor_module, "parse_items", times, "parse")
    _timed(stages, "_detect", times, "detect")
    _timed(stages, "load_run", times, "load_run")
    _timed(stages, "deliver_pending", times, "deliver")
    _timed(monitor_module, "report_after_run", times, "report")
    _timed(stages, "end_run", times, "finish")
    summary = monitor_module.monitor(str(sources), str(state / "kjwatch.duckdb"), str(state / "raw"), None,
                                     None, None, True, True, run_id=f"bench{int(time.time())}", baseline="off")
    t_end = time.perf_counter()
    crawl = times["parse_end"] - times["parse"] - times["seen_urls_end"]
    figures = {
        "prefect_start": times["start_run_end"] - times["start_run"] - t0, "crawl": crawl, "parse": times["parse"],
        "load": times["load_run"] - times["detect"], "alerts": times["detect"] + times["deliver"],
        "report": times["report"], "finish": times["finish"], "in_flow": t_end - t0, "summary": summary}
    out.write_text(json.dumps(figures, default=str), encoding="utf-8")


def _tree_rss(pid: int) -> int:
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for proc in procs:
        try:
            total += proc.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total


def _run(state: Path, sources: Path, name: str) -> dict[str, Any]:
    """One run in a fresh process; wall time and peak RSS of its process tree."""
    out = state / f"{name}.json"
    env = {**os.environ, "KJWATCH_CRAWL_DELAY": "0", "KJWATCH_CRAWL_LOG_LEVEL": "ERROR", "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", str(state), str(sources), str(out)],  # noqa: S603
                            env=env, stdout=subprocess.DEVNULL)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.2)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    proc.wait()
    wall = time.perf_counter() - started
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{name} run exited with status {proc.returncode}")
    return {**json.loads(out.read_text(encoding="utf-8")), "wall": wall, "peak_rss": peak[0]}


def _server_counts(base: str) -> Counter[str]:
    with urllib.request.urlopen(f"{base}/__stats", timeout=60) as reply:  # noqa: S310 - 127.0.0.1 only
        rows = json.loads(reply.read())
    urllib.request.urlopen(f"{base}/__reset", timeout=60).close()  # noqa: S310
    counts: Counter[str] = Counter()
    for kind, status, n in rows:
        counts[f"{kind} {status}"] += n
    return counts


def _crawl_stats(state: Path, name: str) -> Counter[str]:
    """Sum of the spiders' own stats (list pages, not-modified …) of this run's crawls."""
    totals: Counter[str] = Counter()
    for path in (state / "crawls").glob("*/*/stats.json"):
        if path.parent.stat().st_mtime < float((state / f"{name}.started").read_text()):
            continue
        stats = json.loads(path.read_text(encoding="utf-8"))
        for key in ("list_pages", "requests", "pages_fetched", "not_modified", "documents_found"):
            totals[key] += int(stats.get(key, 0))
        totals["errors"] += len(stats.get("errors") or [])
    return totals


def bench(n: int) -> list[dict[str, Any]]:
    server, base = start_server(n)
    results = []
    with tempfile.TemporaryDirectory(prefix="kjwatch-scale-") as tmp:
        state = Path(tmp)
        sources = state / "sources.yaml"
        sources.write_text(sources_yaml(base, n), encoding="utf-8")
        for name in ("first", "rerun"):
            (state / f"{name}.started").write_text(str(time.time()))
            figures = _run(state, sources, name)
            figures.update(requests=_server_counts(base), crawl_stats=_crawl_stats(state, name), name=name, n=n)
            results.append(figures)
            print(_line(figures), flush=True)
    server.terminate()
    return results


def _line(f: dict[str, Any]) -> str:
    requests = sum(f["requests"].values())
    lists = max(f["crawl_stats"]["list_pages"], 1)
    stages = ", ".join(f"{s} {f[s]:.1f}" for s in ("prefect_start", "crawl", "parse", "load", "alerts", "report"))
    s = f["summary"]
    return (f"N={f['n']:5d} {f['name']:5s}: wall {f['wall']:7.1f} s, peak RSS {f['peak_rss'] / 2**20:6.0f} MB, "
            f"{requests} requests ({dict(f['requests'])}), {requests / f['crawl']:.1f} req/s in crawl, "
            f"{requests / lists:.2f} req/list page ({f['crawl_stats']['list_pages']} list pages), "
            f"{f['crawl_stats']['documents_found']} crawled, {s['documents_new']} new / "
            f"{s['documents_changed']} changed docs, {s['indicators']} indicators, "
            f"{s['alerts']} alerts, {s['sources_ok']} ok / {s['sources_failed']} failed; stages (s): {stages}")


def _ratios(results: list[dict[str, Any]]) -> None:
    print("\nsummary (goal: unchanged 3000 ≤ 300 s, ≤ 2048 MB; first ≥ 100 pages/s; re-run ≤ 1.0 req/list page)")
    by = {(r["n"], r["name"]): r for r in results}
    for n in sorted({r["n"] for r in results}):
        first, rerun = by[(n, "first")], by[(n, "rerun")]
        pages_per_s = sum(first["requests"].values()) / first["wall"]
        print(f"N={n:5d}: first/re-run wall {first['wall'] / rerun['wall']:.1f}×, re-run {rerun['wall'] / n:.2f} s "
              f"per source (crawl {rerun['crawl'] / n:.3f} s/source), first {pages_per_s:.1f} pages/s (wall)")


def main() -> int:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child_run(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", default=None, help="comma-separated source counts (default: --quick)")
    parser.add_argument("--quick", action="store_true", help="N = 10, 100: finishes in minutes (the default)")
    args = parser.parse_args()
    counts = [int(x) for x in (args.n or "10,100").split(",")]
    results = [r for n in counts for r in bench(n)]
    _ratios(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
