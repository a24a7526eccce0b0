"""Real local servers for end-to-end tests: SMTP (aiosmtpd) and a webhook receiver that can
also speak the WeCom / DingTalk bot API (`{"errcode": 0, "errmsg": "ok"}`), fail, refuse or hang."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class MailSink:
    """Collects every message the SMTP server accepts."""

    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self) -> None:
        self.sink = MailSink()
        self.port = free_port()
        self.controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()

    def url(self, to: str = "analyst@example.com", fmt: str = "text") -> str:
        return f"mailto://127.0.0.1:{self.port}/{to}?from=kjwatch@example.com&format={fmt}&secure=no"


class _HookHandler(BaseHTTPRequestHandler):
    server: WebhookServer

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        status, reply = self.server.respond(self.path, body)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(reply).encode())

    def log_message(self, *args: Any) -> None:
        return


class WebhookServer(ThreadingHTTPServer):
    """Records accepted JSON posts. Until cleared: `fail_with` answers that HTTP status,
    `errcode` answers HTTP 200 with that bot error code, `hang` waits that many seconds
    before answering. `on_post` runs after a post is accepted, before the reply."""

    daemon_threads = True  # a hanging handler must not hold up shutdown

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _HookHandler)
        self.posts: list[tuple[str, Any]] = []
        self.attempts = 0
        self.fail_with: int | None = None
        self.errcode: int | None = None
        self.hang: float | None = None
        self.on_post: Callable[[str, Any], None] | None = None
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    def respond(self, path: str, body: bytes) -> tuple[int, dict[str, Any]]:
        self.attempts += 1
        if self.hang:
            time.sleep(self.hang)
            return 504, {"errcode": -1, "errmsg": "hung on purpose"}
        if self.fail_with:
            return self.fail_with, {"errcode": 500, "errmsg": "failing on purpose"}
        if self.errcode:
            return 200, {"errcode": self.errcode, "errmsg": "refused on purpose"}
        payload = json.loads(body or b"null")
        self.posts.append((path, payload))
        if self.on_post is not None:
            self.on_post(path, payload)
        return 200, {"errcode": 0, "errmsg": "ok"}

    def __enter__(self) -> WebhookServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def url(self, path: str = "hook") -> str:
        return f"json://127.0.0.1:{self.port}/{path}"

    def wecom_api(self) -> str:
        """The WeCom bot send endpoint on this server, for the plugin's `notify_url` class attribute."""
        return f"http://127.0.0.1:{self.port}/cgi-bin/webhook/send?key={{key}}"
