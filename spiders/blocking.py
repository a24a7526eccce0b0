"""Recognise anti-bot challenge pages so a blocked source is a state, not silence."""

from __future__ import annotations

CHALLENGE_MARKERS = (
    (412, b'<script r="m">', "瑞数 412 challenge (script r=m)"),
    (521, b"__jsl_clearance", "加速乐 521 challenge (__jsl_clearance)"),
    (None, b"__jsl_clearance", "加速乐 challenge (__jsl_clearance)"),
    (None, b"waf.", "web application firewall page"),
)


def block_evidence(status: int, body: bytes) -> str | None:
    """Why a response looks like a challenge page, or None when it looks real."""
    head = body[:20000]
    for code, marker, evidence in CHALLENGE_MARKERS:
        if (code is None or code == status) and marker in head and (code is not None or len(body) < 5000):
            return f"HTTP {status}: {evidence}"
    if status in (412, 521):
        return f"HTTP {status}: challenge status without a page"
    if status == 200 and not body.strip():
        return "HTTP 200 with an empty body"
    return None
