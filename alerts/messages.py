"""Owed alerts packed into messages a channel accepts: a digest per bureau, under its size cap.

A WeCom markdown message over 4096 bytes is refused (errcode 40058) and other
bots cap near there too, so bot messages stay under 4000 bytes, title included.
Each alert's delivery row takes the outcome of the message that carried it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from alerts.render import render_digest

MAX_MESSAGE_BYTES = 4000  # markdown bots: WeCom refuses more than 4096 bytes
STYLE_LIMITS = {"markdown": MAX_MESSAGE_BYTES, "text": 20_000, "html": 400_000}
_CLIPPED = "\n…（内容过长，已截断）"


@dataclass(frozen=True, slots=True)
class PendingAlert:
    alert_id: str
    bureau: str
    title: str
    body: str


@dataclass(frozen=True, slots=True)
class Message:
    title: str
    body: str
    alerts: tuple[PendingAlert, ...]


def digest_title(batch: Sequence[PendingAlert]) -> str:
    if len(batch) == 1:
        return batch[0].title
    bureaus = list(dict.fromkeys(a.bureau for a in batch))
    who = bureaus[0] + (f" 等{len(bureaus)}个单位" if len(bureaus) > 1 else "")
    return f"kjwatch 科技局监测：{len(batch)} 条新提醒（{who}）"


def message_bytes(title: str, body: str) -> int:
    return len(title.encode("utf-8")) + len(body.encode("utf-8")) + 8  # heading marks and newlines


def clip_bytes(text: str, limit: int) -> str:
    """Cut at a character boundary so the message stays valid UTF-8 and under `limit` bytes."""
    if len(text.encode("utf-8")) <= limit:
        return text
    room = max(limit - len(_CLIPPED.encode("utf-8")), 0)
    return text.encode("utf-8")[:room].decode("utf-8", errors="ignore").rstrip() + _CLIPPED


def _render(batch: Sequence[PendingAlert], style: str) -> Message:
    return Message(digest_title(batch), render_digest(batch, style, lone_body=True), tuple(batch))


def split_batches(alerts: Sequence[PendingAlert], limit: int = MAX_MESSAGE_BYTES, style: str = "markdown"
                  ) -> list[list[PendingAlert]]:
    """Greedy batches, in order, whose rendered message stays under `limit` bytes (one alert at least)."""
    batches: list[list[PendingAlert]] = []
    current: list[PendingAlert] = []
    for alert in alerts:
        trial = _render([*current, alert], style)
        if current and message_bytes(trial.title, trial.body) > limit:
            batches.append(current)
            current = [alert]
        else:
            current.append(alert)
    if current:
        batches.append(current)
    return batches


def build_messages(alerts: Sequence[PendingAlert], style: str, limit: int | None = None) -> list[Message]:
    """Messages for one channel; a lone alert still too long has its body clipped, never dropped."""
    limit = limit or STYLE_LIMITS[style]
    messages = []
    for batch in split_batches(alerts, limit, style):
        message = _render(batch, style)
        room = limit - message_bytes(message.title, "")
        if message_bytes(message.title, message.body) > limit:
            message = Message(message.title, clip_bytes(message.body, room), message.alerts)
        messages.append(message)
    return messages
