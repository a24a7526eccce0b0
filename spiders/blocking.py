"""Recognise anti-bot challenge and firewall pages so a blocked source is a state, not silence.

Evidence is kept short and concrete (status and the marker seen) because it ends
up in the per-source crawl results that people read when a bureau goes quiet.
"""

from __future__ import annotations

CHALLENGE_STATUSES = {412: "瑞数 412 challenge", 521: "加速乐 521 challenge"}
# (status or None for any, marker, evidence); markers on small pages only unless the status is specific.
CHALLENGE_MARKERS = (
    (412, b'<script r="m">', "瑞数 412 challenge (script r=m)"),
    (None, b'<script r="m">', "瑞数 challenge (script r=m)"),
    (521, b"_jsl_clearance", "加速乐 521 challenge (__jsl_clearance)"),
    (None, b"__jsl_clearance", "加速乐 challenge (__jsl_clearance)"),
    (None, b"$_ts=window", "瑞数 challenge ($_ts)"),
)
WAF_MARKERS = (
    "网站防火墙", "安全狗", "云锁", "创宇盾", "知道创宇", "Web应用防火墙", "web应用防火墙", "WAF拦截",
    "已被网站管理员设置拦截", "您的访问被拦截", "访问已被拦截", "请求已被拦截", "疑似攻击", "防火墙拦截",
    "Request blocked", "Access Denied", "安全拦截", "您的请求带有不合法参数",
)
SMALL_PAGE = 8000


def block_evidence(status: int, body: bytes) -> str | None:
    """Why a response looks like a challenge or firewall page, or None when it looks real."""
    head = body[:20000]
    for code, marker, evidence in CHALLENGE_MARKERS:
        if (code is None or code == status) and marker in head and (code is not None or len(body) < SMALL_PAGE):
            return f"HTTP {status}: {evidence}"
    if status in CHALLENGE_STATUSES:
        return f"HTTP {status}: {CHALLENGE_STATUSES[status]} status without a known page"
    waf = _waf_marker(body) if len(body) < SMALL_PAGE else None
    if waf:
        return f"HTTP {status}: web application firewall page ({waf})"
    if status == 200 and not body.strip():
        return "HTTP 200 with an empty body"
    return None


def is_challenge(status: int, body: bytes) -> str | None:
    """The evidence when the page is a JS challenge a browser may solve (not a firewall or an empty page)."""
    evidence = block_evidence(status, body)
    return evidence if evidence and "challenge" in evidence else None


def _waf_marker(body: bytes) -> str | None:
    for encoding in ("utf-8", "gb18030"):
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError:
            continue
        return next((marker for marker in WAF_MARKERS if marker in text), None)
    return None
