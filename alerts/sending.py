"""One message to one channel through its own apprise object, with the reason when it fails.

apprise never raises: a failed send is a False plus a warning in its log. The
warning is the only account of why, so it is captured, but only the current
thread's (channels send concurrently), and scrubbed of the channel's secrets.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import apprise

from alerts.bots import install_bot_plugins
from alerts.channels import Channel, redact, scrub


class _ThreadWarnings(logging.Handler):
    """Collects warnings logged by apprise from one thread only."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.messages.append(record.getMessage())


@contextmanager
def _apprise_warnings() -> Iterator[_ThreadWarnings]:
    logger = logging.getLogger("apprise")
    handler = _ThreadWarnings()
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def send_message(channel: Channel, title: str, body: str, body_format: apprise.NotifyFormat | None = None
                 ) -> tuple[bool, str | None]:
    """Send and say why not; no configured secret survives in the texts sent or returned.
    `body` is in the channel's style unless `body_format` says otherwise."""
    install_bot_plugins()
    secrets = channel.secrets()
    notifier = apprise.Apprise(asset=apprise.AppriseAsset(async_mode=False))
    if not notifier.add(channel.url):
        return False, f"apprise rejected the URL {channel.name}"
    with _apprise_warnings() as warnings:
        ok = notifier.notify(body=scrub(body, secrets), title=scrub(title, secrets),
                             body_format=body_format or channel.body_format())
    if ok:
        return True, None
    reason = warnings.messages[-1] if warnings.messages else "delivery failed"
    return False, scrub(redact(reason), secrets)[:500]
