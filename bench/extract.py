"""Throughput of the indicator extractor on one core.

Runs `extract_indicators` over the dev gold texts (tests/fixtures/eval/dev)
repeated until at least 5 MB of text have gone through (the per-text caches
emptied before each document, so repetition flatters nothing), then prints characters/s,
MB/s (UTF-8) and documents/s; then the time for one ~30,000-character report
(the dev texts joined, best and median of repeated runs, since a shared machine
adds noise but never speed); and peak memory (tracemalloc over one pass, plus the
process's max RSS).

    python bench/extract.py [--min-mb 5]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsing.extract import extract_indicators  # noqa: E402
from parsing.extract.memo import clear_text_caches  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "eval" / "dev"
GOAL_MB_PER_S = 3.0  # issue 15: stays >= 3 MB/s on one core
GOAL_MS_30K = 15.0
REPORT_CHARS = 30_000
REPORT_RUNS = 40


def load_corpus() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no texts in {CORPUS}")
    return texts


def timed_run(texts: list[str], min_bytes: int) -> tuple[int, int, int, float]:
    """(documents, characters, utf-8 bytes, seconds) over enough repetitions."""
    docs = chars = size = 0
    start = time.perf_counter()
    while size < min_bytes:
        for text in texts:
            clear_text_caches()  # each pass meets the text as new: no lookups remembered from the last
            extract_indicators(text)
            docs, chars, size = docs + 1, chars + len(text), size + len(text.encode("utf-8"))
    return docs, chars, size, time.perf_counter() - start


def report_of(texts: list[str], size: int = REPORT_CHARS) -> str:
    """A report of about `size` characters made of whole dev texts (cut at a line end)."""
    joined = "\n".join(texts)
    while len(joined) < size:
        joined += "\n" + "\n".join(texts)
    cut = joined.rfind("\n", 0, size)
    return joined[: cut if cut > 0 else size]


def report_ms(report: str, runs: int = REPORT_RUNS) -> tuple[float, float]:
    """(best, median) milliseconds for extracting one report."""
    times: list[float] = []
    for _ in range(runs):
        clear_text_caches()
        start = time.perf_counter()
        extract_indicators(report)
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times)


def peak_memory(texts: list[str]) -> int:
    tracemalloc.start()
    for text in texts:
        extract_indicators(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-mb", type=float, default=5.0, help="text volume to push through (MB, UTF-8)")
    args = parser.parse_args()
    texts = load_corpus()
    extract_indicators(texts[0])  # warm-up: alias table, gazetteer, regex caches
    docs, chars, size, seconds = timed_run(texts, int(args.min_mb * 1_000_000))
    mb_per_s = size / seconds / 1e6
    print(f"documents      {docs} ({len(texts)} distinct), {chars:,} chars, {size / 1e6:.2f} MB")
    print(f"throughput     {chars / seconds:,.0f} chars/s, {mb_per_s:.2f} MB/s, {docs / seconds:,.1f} docs/s")
    report = report_of(texts)
    best, median = report_ms(report)
    print(f"{len(report):,} chars  {best:.1f} ms best, {median:.1f} ms median for one report "
          f"(goal <= {GOAL_MS_30K:.0f} ms: {'met' if best <= GOAL_MS_30K else 'NOT met'})")
    print(f"peak memory    {peak_memory(texts) / 1e6:.1f} MB traced in one pass, "
          f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(f"goal           >= {GOAL_MB_PER_S} MB/s: {'met' if mb_per_s >= GOAL_MB_PER_S else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
