"""Progress of long work (`run`, `crawl`, `reparse`, `sources check`) as people see it.

On a terminal a live rich bar shows sources done/total, pages, documents, errors and the
elapsed time, with each source's line printed above it; elsewhere (a pipe, a log file, cron)
the same lines come out plain, one per source, as `[kjwatch] [3/117] source …`; `--quiet`
silences both. The bar is fed in the parent process as each source finishes: crawls run in
Scrapy subprocesses that cannot draw on the terminal themselves.
"""

from __future__ import annotations

import sys
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

COUNTS = ("{task.fields[pages]} pages 页 · {task.fields[documents]} documents 文档 · "
          "{task.fields[errors]} errors 错误")


class WorkProgress:
    """One piece of long work over `total` sources; lines go above the bar or out plain."""

    def __init__(self, mode: str, title: str, stream: TextIO) -> None:
        self.mode, self.title, self.stream = mode, title, stream
        self.pages = self.documents = self.errors = 0
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> WorkProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def note(self, message: str) -> None:
        """A line of its own: above the bar when there is one, plain otherwise."""
        if self.mode == "off":
            return
        if self._bar is not None:
            self._bar.console.print(f"[kjwatch] {message}", markup=False, highlight=False)
        else:
            print(f"[kjwatch] {message}", file=self.stream, flush=True)

    def start(self, total: int) -> None:
        """The bar appears (on a terminal) once the number of sources is known."""
        if self.mode != "bar" or self._bar is not None:
            return
        # stdout is redirected above the bar only when it is the terminal too: `kjwatch run > out`
        # keeps every printed line in the file.
        console = Console(file=self.stream, force_terminal=True)
        self._bar = Progress(TextColumn("{task.description}"), BarColumn(bar_width=24), MofNCompleteColumn(),
                             TextColumn("sources 来源 ·"), TextColumn(COUNTS), TimeElapsedColumn(),
                             console=console, transient=False, redirect_stdout=_is_terminal(sys.stdout))
        self._task = self._bar.add_task(self.title, total=total, pages=0, documents=0, errors=0)
        self._bar.start()

    def source_done(self, line: str, pages: int = 0, documents: int = 0, errors: int = 0) -> None:
        """One source finished: its line, and the bar's counts move on."""
        self.pages, self.documents, self.errors = self.pages + pages, self.documents + documents, self.errors + errors
        self.note(line)
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, advance=1, pages=self.pages, documents=self.documents, errors=self.errors)

    def phase(self, description: str) -> None:
        """What the work is doing now (parsing, loading, delivering) in the bar's title."""
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, description=f"{self.title} · {description}")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def _is_terminal(stream: TextIO | None) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


def progress_mode(quiet: bool, stream: TextIO) -> str:
    """'off' under --quiet, 'bar' when the stream is a terminal, 'lines' otherwise."""
    if quiet:
        return "off"
    return "bar" if _is_terminal(stream) else "lines"


def work_progress(title: str, quiet: bool, stream: TextIO | None = None) -> WorkProgress:
    """Progress on stderr (stdout stays for results and the summary)."""
    chosen = stream or sys.stderr
    return WorkProgress(progress_mode(quiet, chosen), title, chosen)
