"""How long OCR may read one document's scanned pages: `KJWATCH_OCR_SECONDS` (0 turns OCR off).

Read here because only flows/ reads the environment; parsing gets it as `Limits.ocr_seconds`.
The default stays under the parse worker's own limit (`KJWATCH_PARSE_SECONDS`, 120 s), so a long
scan stops with the pages read so far (`ocr_incomplete`) rather than having its worker killed
and losing every page.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Final

from parsing.convert import DEFAULT_LIMITS, Limits

DEFAULT_OCR_SECONDS: Final = 90.0
_SHARE_OF_PARSE_LIMIT: Final = 0.75


def ocr_seconds() -> float:
    """KJWATCH_OCR_SECONDS, else 90 s or three quarters of KJWATCH_PARSE_SECONDS if that is less."""
    configured = os.environ.get("KJWATCH_OCR_SECONDS")
    if configured:
        return max(0.0, float(configured))
    parse_seconds = os.environ.get("KJWATCH_PARSE_SECONDS")
    if parse_seconds:
        return min(DEFAULT_OCR_SECONDS, _SHARE_OF_PARSE_LIMIT * float(parse_seconds))
    return DEFAULT_OCR_SECONDS


def document_limits() -> Limits:
    """The parsing limits of one document with the configured OCR time."""
    return replace(DEFAULT_LIMITS, ocr_seconds=ocr_seconds())
