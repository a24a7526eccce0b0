"""Owed alerts packed into messages a channel accepts: a digest per bureau, under its size cap.

A WeCom markdown message over 4096 bytes is refused (errcode 40058) and other
bots cap near there too, so bot messages stay under 4000 bytes, title included.
Each alert's delivery row takes the outcome of the message that carried it.

A stored digest (one alert summing up many) keeps its items as plain lines under
`## bureau` / `### title` headings, never pre-rendered: rendering it again for a
channel would wrap its links twice. At send time its items are split like a
run's alerts into numbered parts (1/3 …) under each channel's cap, none clipped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from alerts.grouping import blocks, bureau_name, ordered
from alerts.render import body_lines, render_digest

MAX_MESSAGE_BYTES = 4000  # markdown bots: WeCom refuses more than 4096 bytes
PER_BUREAU_MAX = 10  # a run's alerts of up to this many bureaus go out as one message (or parts) per bureau
STYLE_LIMITS = {"markdown": MAX_MESSAGE_BYTES, "text": 20_000, "html": 400_000}
_CLIPPED = "\n…（内容过长，已截断）"
DIGEST_MARK = "<!-- kjwatch digest -->"  # first line of a stored digest body


@dataclass(frozen=True, slots=True)
class PendingAlert:
    alert_id: str
    bureau: str
    title: str
    body: str
    kind: str | None = None             # what the outbox knows of the alert, for grouping and order;
    document_title: str | None = None   # without them the stored lines say it (`alerts.grouping`)
    url: str | None = None
    published_at: date | None = None
    report_url: str | None = None       # the bureau's page of the report (flows knows where it is)


@dataclass(frozen=True, slots=True)
class Message:
    title: str
    body: str
    alerts: tuple[PendingAlert, ...]
    part: int = 1    # numbered parts (1/3 …) of one run's alerts or one stored digest
    parts: int = 1
    shared: bool = False  # every part carries the same row (a digest's): recorded after the last part


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


Fits = Callable[[Sequence[PendingAlert]], bool]


def pack(alerts: Sequence[PendingAlert], fits: Fits) -> list[list[PendingAlert]]:
    """Parts in reading order (`alerts.grouping`) for which `fits` holds: a document's block is
    never split when it fits in a part of its own; a longer one is split between its alerts."""
    if fits(alerts):
        return [ordered(alerts)] if alerts else []
    parts: list[list[PendingAlert]] = []
    current: list[PendingAlert] = []
    for block in blocks(alerts):
        if fits([*current, *block]):
            current += block
            continue
        if current:
            parts.append(current)
        current = []
        for alert in block:
            if current and not fits([*current, alert]):
                parts.append(current)
                current = []
            current.append(alert)
    if current:
        parts.append(current)
    return parts


def split_batches(alerts: Sequence[PendingAlert], limit: int = MAX_MESSAGE_BYTES, style: str = "markdown"
                  ) -> list[list[PendingAlert]]:
    """The parts of a run's alerts under `limit` bytes (one alert at least)."""
    title = digest_title(alerts) + "（99/99）"
    return pack(alerts, lambda batch: message_bytes(title, _part_body(batch, style, 99, 99, len(alerts))) <= limit)


def _part_body(batch: Sequence[PendingAlert], style: str, part: int, parts: int, total: int,
               noun: str = "本次共") -> str:
    heading = (f"kjwatch 科技局监测：{noun} {total} 条提醒" if parts == 1
               else f"第 {part}/{parts} 部分：{len(batch)} 条，共 {total} 条提醒")
    return render_digest(batch, style, heading=heading)


def build_messages(alerts: Sequence[PendingAlert], style: str, limit: int | None = None) -> list[Message]:
    """Messages for one channel: the run's alerts in numbered parts, then each stored digest in its parts."""
    limit = limit or STYLE_LIMITS[style]
    digests = [(a, items) for a in alerts if (items := digest_items(a))]
    plain = [a for a in alerts if not digest_items(a)]
    messages = _plain_messages(plain, style, limit)
    for digest, items in digests:
        messages += digest_messages(digest, items, style, limit)
    return messages


def _plain_messages(alerts: Sequence[PendingAlert], style: str, limit: int) -> list[Message]:
    """A run's alerts in one message when they fit; when many arrive at once, one message (or its
    numbered parts) per bureau, so no part mixes bureaus and each ends with its bureau's report page.
    Beyond PER_BUREAU_MAX bureaus they share numbered parts again: a first run of the whole registry
    must not spend a bot's per-minute quota on one small message per bureau."""
    by_bureau: dict[str, list[PendingAlert]] = {}
    for alert in alerts:
        by_bureau.setdefault(bureau_name(alert), []).append(alert)
    whole = _run_messages(alerts, style, limit)
    if len(whole) == 1 or len(by_bureau) == 1 or len(by_bureau) > PER_BUREAU_MAX:
        return whole
    return [m for name in sorted(by_bureau) for m in _run_messages(by_bureau[name], style, limit)]


def _run_messages(alerts: Sequence[PendingAlert], style: str, limit: int) -> list[Message]:
    """A lone alert is its own message under its title (its body clipped if too long, never dropped);
    more are grouped bureau → document → kind in numbered parts, each carrying its own rows."""
    if not alerts:
        return []
    if len(alerts) == 1:
        (alert,) = alerts
        return [_fit(Message(alert.title, render_digest(alerts, style, lone_body=True), (alert,)), limit)]
    title = digest_title(alerts)
    parts = split_batches(alerts, limit, style)
    return [_fit(Message(title + _numbered(n, len(parts)), _part_body(batch, style, n, len(parts), len(alerts)),
                         tuple(batch), part=n, parts=len(parts)), limit)
            for n, batch in enumerate(parts, 1)]


def _numbered(part: int, parts: int) -> str:
    return f"（{part}/{parts}）" if parts > 1 else ""


def _fit(message: Message, limit: int) -> Message:
    """Only a lone alert can exceed `limit` (parts are packed under it): clip its body."""
    if message_bytes(message.title, message.body) <= limit:
        return message
    return replace(message, body=clip_bytes(message.body, limit - message_bytes(message.title, "")))


def compose_digest(alerts: Sequence[PendingAlert]) -> str:
    """The stored body of a digest: each alert's own lines, unrendered, under bureau and title headings."""
    groups: dict[str, list[PendingAlert]] = {}
    for alert in alerts:
        groups.setdefault(alert.bureau, []).append(alert)
    lines = [DIGEST_MARK]
    for bureau, items in sorted(groups.items()):
        lines.append(f"## {' '.join(bureau.split())}")
        for item in items:
            lines.append(f"### {' '.join(item.title.split())}")
            lines += [f"- {line}" for line in body_lines(item.body)]
    return "\n".join(lines)


def digest_items(alert: PendingAlert) -> list[PendingAlert]:
    """The alerts a stored digest sums up (ids `<digest id>#<n>`); empty for any other alert.
    Body lines never start with `#` (`body_lines` strips it), so the headings are unambiguous."""
    lines = alert.body.splitlines()
    if not lines or lines[0].strip() != DIGEST_MARK:
        return []
    items: list[PendingAlert] = []
    bureau = ""
    for line in lines[1:]:
        if line.startswith("## "):
            bureau = line[3:].strip()
        elif line.startswith("### "):
            items.append(PendingAlert(f"{alert.alert_id}#{len(items) + 1}", bureau, line[4:].strip(), ""))
        elif items and line.strip():
            last = items[-1]
            items[-1] = replace(last, body=f"{last.body}\n{line}".lstrip("\n"))
    return items


def digest_messages(digest: PendingAlert, items: Sequence[PendingAlert], style: str, limit: int
                    ) -> list[Message]:
    """A digest's items in numbered parts under `limit`; each part carries the digest's row."""
    total, worst = len(items), digest.title + "（99/99）"
    parts = pack(items, lambda batch: message_bytes(worst, _part_body(batch, style, 99, 99, total, "共")) <= limit)
    return [_fit(Message(digest.title + _numbered(n, len(parts)),
                         _part_body(batch, style, n, len(parts), total, "共"), (digest,),
                         part=n, parts=len(parts), shared=True), limit)
            for n, batch in enumerate(parts, 1)]
