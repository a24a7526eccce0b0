"""The guarded parse worker: `python -m flows.parse_worker MEMORY_BYTES`.

It caps its own address space (RLIMIT_AS) before importing any parser, then reads
length-prefixed pickled items on stdin and answers each with a pickled
ParsedDocument or ParseFailure on its stdout. The parent (`flows/parse_guard.py`)
enforces the time limit by killing it; a document that needs more memory than the
cap gets a MemoryError here (or the process dies) instead of taking the machine.
"""

from __future__ import annotations

import os
import pickle
import resource
import struct
import sys
from typing import IO, Any

HEADER = struct.Struct(">Q")
READY = "ready"


def write_frame(out: IO[bytes], value: Any) -> None:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(HEADER.pack(len(payload)) + payload)
    out.flush()


def read_frame(source: IO[bytes]) -> Any:
    """One frame, or None at end of input (the parent closed the pipe)."""
    header = source.read(HEADER.size)
    if len(header) < HEADER.size:
        return None
    return pickle.loads(source.read(HEADER.unpack(header)[0]))  # noqa: S301 - our own parent writes it


def limit_memory(memory_bytes: int) -> None:
    if memory_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))


def _near_limit(memory_bytes: int) -> bool:
    """Peak resident memory past 60% of the cap: a failure now was most likely the cap."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return memory_bytes > 0 and peak > 0.6 * memory_bytes


def serve(source: IO[bytes], out: IO[bytes], memory_bytes: int) -> None:
    """Answers are (result, retire): a worker that came near its cap retires after answering,
    so the next document starts in a fresh process and a later failure is not blamed on memory."""
    from flows.parse_one import ParseFailure, parse_item

    write_frame(out, READY)
    while (item := read_frame(source)) is not None:
        try:
            result: Any = parse_item(item)
        except MemoryError:
            result = ParseFailure(item["source_id"], item["url"], "text extraction ran out of memory")
        retire = _near_limit(memory_bytes)
        if retire and isinstance(result, ParseFailure):
            result = ParseFailure(result.source_id, result.url, f"{result.message} (the parse worker "
                                  f"reached its {memory_bytes // (1024 * 1024)} MB memory limit)")
        write_frame(out, (result, retire))
        if retire:
            return


def main(argv: list[str]) -> int:
    """Answers go to a private copy of stdout; anything a library prints lands on stderr."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    memory_bytes = int(argv[1]) if len(argv) > 1 else 0
    limit_memory(memory_bytes)
    serve(sys.stdin.buffer, out, memory_bytes)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
