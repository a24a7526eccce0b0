"""Put on PYTHONPATH of a test subprocess: the process signals itself (KJWATCH_TEST_SIGNAL, e.g.
SIGINT) as module KJWATCH_TEST_SIGNAL_AT starts to import, so a Ctrl-C or SIGTERM lands at an
exact moment of start-up without any timing."""

from __future__ import annotations

import importlib.abc
import os
import signal
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType


class _SignalOnImport(importlib.abc.MetaPathFinder):
    def __init__(self, module: str, signum: int) -> None:
        self.module = module
        self.signum = signum

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
                  ) -> ModuleSpec | None:
        if fullname == self.module:
            sys.meta_path.remove(self)
            os.kill(os.getpid(), self.signum)
        return None


if os.environ.get("KJWATCH_TEST_SIGNAL_AT"):
    sys.meta_path.insert(0, _SignalOnImport(os.environ["KJWATCH_TEST_SIGNAL_AT"],
                                            int(getattr(signal, os.environ.get("KJWATCH_TEST_SIGNAL", "SIGINT")))))
