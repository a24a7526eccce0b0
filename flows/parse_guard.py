"""Text extraction for one document at a time in a worker process with a time and memory limit.

A hostile attachment (a PDF whose content makes the parser run for minutes, a DOCX that
inflates to gigabytes of XML) must cost one recorded failure, not the run: each worker
caps its address space (RLIMIT_AS, set in `flows/parse_worker.py`) and is killed when a
document overruns its time; the next document gets a fresh worker. Workers are
subprocesses, not multiprocessing children, so this also works inside daemonic Dask workers.
"""

from __future__ import annotations

import os
import pickle
import queue
import select
import subprocess
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import IO, Any, Final

from flows.parse_one import ParseFailure
from flows.parse_worker import HEADER, READY
from warehouse.model import ParsedDocument

_MB: Final = 1024 * 1024
STARTUP_SECONDS: Final = 120.0

Result = ParsedDocument | ParseFailure


@dataclass(frozen=True, slots=True)
class WorkerLimits:
    """Per document: wall-clock seconds; per worker process: address space in bytes.

    2 GB because OCR of a scanned page (onnxruntime, OpenCV) maps ~1.5 GB of address space
    (~750 MB resident); 768 MB, enough for text layers, failed every scan."""

    seconds: float = 120.0
    memory_bytes: int = 2048 * _MB


class _Overrun(Exception):
    """The worker did not answer in time."""


class _WorkerGone(Exception):
    """The worker's pipe closed: it died (killed for memory, crashed in a C library)."""


class ParseWorker:
    """One worker process, started on first use and replaced after it is killed or dies."""

    def __init__(self, limits: WorkerLimits) -> None:
        self.limits = limits
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> ParseWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> subprocess.Popen[bytes]:
        command = [sys.executable, "-m", "flows.parse_worker", str(self.limits.memory_bytes)]
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,  # noqa: S603
                                stderr=subprocess.DEVNULL)
        self.proc = proc
        if self._receive(STARTUP_SECONDS) != READY:
            raise _WorkerGone
        return proc

    def parse(self, item: dict[str, Any]) -> Result:
        """The worker's answer, or a failure naming the document and the limit it broke."""
        try:
            stdin, _ = _pipes(self.proc or self._start())
            payload = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
            stdin.write(HEADER.pack(len(payload)) + payload)
            stdin.flush()
            answer, retire = self._receive(self.limits.seconds)
            if retire:
                self.close()
        except _Overrun:
            self._kill()
            return ParseFailure(item["source_id"], item["url"], f"text extraction exceeded the "
                                f"{self.limits.seconds:g} s time limit; the parse worker was stopped")
        except (_WorkerGone, OSError):
            code = self._kill()
            return ParseFailure(item["source_id"], item["url"], f"the parse worker died on this document "
                                f"(exit status {code}; memory limit {self.limits.memory_bytes // _MB} MB)")
        return answer if isinstance(answer, ParsedDocument | ParseFailure) else ParseFailure(
            item["source_id"], item["url"], f"the parse worker answered {type(answer).__name__}")

    def _receive(self, seconds: float) -> Any:
        deadline = time.monotonic() + seconds
        size = HEADER.unpack(self._read_exact(HEADER.size, deadline))[0]
        return pickle.loads(self._read_exact(size, deadline))  # noqa: S301 - our own worker wrote it

    def _read_exact(self, size: int, deadline: float) -> bytes:
        _, stdout = _pipes(self.proc)
        fd, chunks, left = stdout.fileno(), [], size
        while left:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                raise _Overrun
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                raise _WorkerGone
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def _kill(self) -> int | None:
        proc, self.proc = self.proc, None
        if proc is None:
            return None
        proc.kill()
        code = proc.wait()
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                pipe.close()
        return code

    def close(self) -> None:
        """Closing stdin ends the worker's loop; it is killed if it does not leave at once."""
        proc, self.proc = self.proc, None
        if proc is None:
            return
        try:
            if proc.stdin is not None:
                proc.stdin.close()
            proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def _pipes(proc: subprocess.Popen[bytes] | None) -> tuple[IO[bytes], IO[bytes]]:
    if proc is None or proc.stdin is None or proc.stdout is None:
        raise _WorkerGone
    return proc.stdin, proc.stdout


def guarded_parse(items: Sequence[dict[str, Any]], workers: int, limits: WorkerLimits) -> list[Result]:
    """Each item parsed in one of `workers` guarded processes; results in the order given."""
    results: list[Result | None] = [None] * len(items)
    todo: queue.SimpleQueue[int] = queue.SimpleQueue()
    for index in range(len(items)):
        todo.put(index)

    def drain() -> None:
        with ParseWorker(limits) as worker:
            while True:
                try:
                    index = todo.get_nowait()
                except queue.Empty:
                    return
                results[index] = worker.parse(items[index])

    count = max(1, min(workers, len(items)))
    with ThreadPoolExecutor(max_workers=count, thread_name_prefix="parse-guard") as pool:
        for future in [pool.submit(drain) for _ in range(count)]:
            future.result()
    return [r for r in results if r is not None]
