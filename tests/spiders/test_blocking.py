from __future__ import annotations

from spiders.blocking import block_evidence


def test_challenge_pages_are_recognised() -> None:
    assert "瑞数" in (block_evidence(412, b'<html><script r="m">var a=1</script></html>') or "")
    assert "加速乐" in (block_evidence(521, b"<script>document.cookie='__jsl_clearance=1'</script>") or "")
    assert block_evidence(200, b"   ") == "HTTP 200 with an empty body"


def test_ordinary_pages_are_not_blocked() -> None:
    assert block_evidence(200, "<html><body>工作总结</body></html>".encode()) is None
    assert block_evidence(404, b"not found") is None
