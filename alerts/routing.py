"""Which channel gets which alert: `notify.yaml` parsed and checked, and the delivery rows to create.

Pure on purpose: the YAML text, an environment mapping and a secret resolver come
in, channels come out, so `flows` decides where those come from (os.environ,
Prefect Secret blocks) and tests need neither.

```yaml
channels:
  - name: 省厅邮件组              # optional; stored in deliveries.channel instead of the masked URL
    env: KJWATCH_MAIL_URL         # exactly one of url: / env: / secret:
    kinds: [new_target, target_met]   # default: every kind
    tags: [shandong]              # default: every source
  - url: json://127.0.0.1:8080/hook
  - secret: wecom-bot-url         # a Prefect Secret block holding the URL
    per_minute: 20                # default from the scheme (WeCom, DingTalk 20; Feishu 100)
```
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from alerts.channels import Channel, ChannelError, make_channel, parse_channels, unique_channels
from alerts.model import ALERT_KINDS

SecretResolver = Callable[[str], str]
_URL_KEYS = ("url", "env", "secret")
_KNOWN_KEYS = {*_URL_KEYS, "name", "kinds", "tags", "per_minute"}
ROUTABLE_KINDS = (*ALERT_KINDS, "digest")  # `digest`: the periodic summary of flows/digest.py


class NotifyConfigError(ChannelError):
    """notify.yaml is unusable; the message names the file and the entry at fault, never a secret."""


@dataclass(frozen=True, slots=True)
class RoutableAlert:
    alert_id: str
    kind: str
    tags: frozenset[str]


def _where(origin: str, number: int, entry: Mapping[str, Any]) -> str:
    name = entry.get("name")
    return f"{origin}: channel {number}" + (f" ({name})" if isinstance(name, str) else "")


def _resolve_url(entry: Mapping[str, Any], where: str, env: Mapping[str, str],
                 resolve_secret: SecretResolver | None) -> str:
    given = [key for key in _URL_KEYS if key in entry]
    if len(given) != 1:
        raise NotifyConfigError(f"{where}: needs exactly one of url:, env:, secret: (found {given or 'none'})")
    key, value = given[0], entry[given[0]]
    if not isinstance(value, str) or not value.strip():
        raise NotifyConfigError(f"{where}: {key}: must be a non-empty string")
    if key == "url":
        return value.strip()
    if key == "env":
        url = env.get(value, "").strip()
        if not url:
            raise NotifyConfigError(f"{where}: environment variable {value} is not set or empty")
        return url
    if resolve_secret is None:
        raise NotifyConfigError(f"{where}: secret: {value} needs Prefect Secret blocks, not available here")
    try:
        return resolve_secret(value).strip()
    except Exception as exc:
        raise NotifyConfigError(f"{where}: cannot load secret {value!r} ({type(exc).__name__})") from exc


def _name_set(entry: Mapping[str, Any], key: str, where: str, allowed: Sequence[str] | None = None
              ) -> frozenset[str] | None:
    if key not in entry or entry[key] is None:
        return None
    values = entry[key]
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
        raise NotifyConfigError(f"{where}: {key}: must be a non-empty list of names")
    unknown = sorted(set(values) - set(allowed)) if allowed is not None else []
    if unknown:
        raise NotifyConfigError(f"{where}: {key}: unknown {', '.join(unknown)} (known: {', '.join(allowed or [])})")
    return frozenset(values)


def _per_minute(entry: Mapping[str, Any], where: str) -> int | None:
    value = entry.get("per_minute")
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise NotifyConfigError(f"{where}: per_minute: must be a whole number ≥ 0 (0: no limit)")
    return value


def _channel(entry: Any, number: int, origin: str, env: Mapping[str, str],
             resolve_secret: SecretResolver | None) -> Channel:
    if not isinstance(entry, dict):
        raise NotifyConfigError(f"{origin}: channel {number}: must be a mapping with url:, env: or secret:")
    where = _where(origin, number, entry)
    unknown = sorted(set(entry) - _KNOWN_KEYS)
    if unknown:
        raise NotifyConfigError(f"{where}: unknown field(s) {', '.join(map(str, unknown))}")
    name = entry.get("name")
    if name is not None and (not isinstance(name, str) or not name.strip()):
        raise NotifyConfigError(f"{where}: name: must be a non-empty string")
    url = _resolve_url(entry, where, env, resolve_secret)
    try:
        return make_channel(url, name=name, kinds=_name_set(entry, "kinds", where, ROUTABLE_KINDS),
                            tags=_name_set(entry, "tags", where), per_minute=_per_minute(entry, where))
    except NotifyConfigError:
        raise
    except ChannelError as exc:
        raise NotifyConfigError(f"{where}: {exc}") from None


def _entries(text: str, origin: str) -> list[Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        raise NotifyConfigError(f"{origin}:{line}: not valid YAML") from None
    if data is None:
        return []
    if not isinstance(data, dict) or set(data) - {"channels"} or not isinstance(data.get("channels", []), list):
        raise NotifyConfigError(f"{origin}: expected a mapping with one key, channels: (a list)")
    return list(data.get("channels") or [])


def parse_notify_config(text: str, env: Mapping[str, str], resolve_secret: SecretResolver | None = None,
                        origin: str = "notify.yaml") -> list[Channel]:
    """Channels of a notify.yaml, all checked before any is used: one bad entry refuses the file."""
    channels = [_channel(entry, n, origin, env, resolve_secret)
                for n, entry in enumerate(_entries(text, origin), 1)]
    return _unique(channels, origin)


def _unique(channels: list[Channel], origin: str) -> list[Channel]:
    try:
        return unique_channels(channels)
    except ChannelError as exc:
        raise NotifyConfigError(f"{origin}: {exc}") from None


def all_channels(notify_urls: Sequence[str], config_text: str | None, env: Mapping[str, str],
                 resolve_secret: SecretResolver | None = None, origin: str = "notify.yaml") -> list[Channel]:
    """`--notify` / KJWATCH_NOTIFY URLs (every alert) beside the routed channels of notify.yaml."""
    routed = parse_notify_config(config_text, env, resolve_secret, origin) if config_text is not None else []
    return _unique([*parse_channels(list(notify_urls)), *routed], f"--notify and {origin}")


def plan_deliveries(alerts: Iterable[RoutableAlert], channels: Sequence[Channel]) -> list[tuple[str, str]]:
    """(alert id, channel name) outbox rows: each alert to every channel whose filters it passes."""
    return [(alert.alert_id, channel.name) for alert in alerts for channel in channels
            if channel.wants(alert.kind, alert.tags)]
