"""Throughput of the indicator extractor on one core.

Runs `extract_indicators` over the dev gold texts (tests/fixtures/eval/dev)
repeated until at least 5 MB of text have gone through, then prints characters/s,
MB/s (UTF-8) and documents/s, the time for a 30,000-character report, and peak
memory (tracemalloc over one pass, plus the process's max RSS).

    python bench/extract.py [--min-mb 5]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsing.extract import extract_indicators  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "eval" / "dev"
GOAL_MB_PER_S = 2.0


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
            extract_indicators(text)
            docs, chars, size = docs + 1, chars + len(text), size + len(text.encode("utf-8"))
    return docs, chars, size, time.perf_counter() - start


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
    print(f"30,000 chars   {30_000 / (chars / seconds) * 1000:.1f} ms")
    print(f"peak memory    {peak_memory(texts) / 1e6:.1f} MB traced in one pass, "
          f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(f"goal           >= {GOAL_MB_PER_S} MB/s: {'met' if mb_per_s >= GOAL_MB_PER_S else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
