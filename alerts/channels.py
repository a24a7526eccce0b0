"""Apprise channels: one object per target, and a display name without secrets.

One Apprise object with several targets reports a single bool for all of them,
so each configured URL gets its own object to know which channel failed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import apprise

BOT_SCHEMES = ("wecombot", "dingtalk", "feishu", "lark")


class ChannelError(ValueError):
    """An apprise URL that apprise cannot use."""


@dataclass(frozen=True, slots=True)
class Channel:
    url: str     # the real URL, secrets included: never logged or stored
    name: str    # masked, stored in deliveries.channel

    @property
    def scheme(self) -> str:
        return self.url.split("://", 1)[0].lower()

    def body_format(self) -> apprise.NotifyFormat:
        """Bots render markdown; mail and plain webhooks must get text or lines run together."""
        return apprise.NotifyFormat.MARKDOWN if self.scheme in BOT_SCHEMES else apprise.NotifyFormat.TEXT


def mask_url(url: str) -> str:
    """Apprise's privacy rendering minus the query string (tokens hide there too)."""
    plugin = apprise.Apprise.instantiate(url)
    if plugin is None:
        raise ChannelError(f"not a usable apprise URL: {redact(url)}")
    return str(plugin.url(privacy=True)).split("?", 1)[0]


def redact(text: str) -> str:
    """Hide credentials and long tokens in free text such as error messages."""
    text = re.sub(r"(://[^:/@\s]+:)[^@\s]+@", r"\1****@", text)
    text = re.sub(r"((?:key|token|secret|password|access_token)=)[^&\s]+", r"\1****", text, flags=re.I)
    return re.sub(r"([A-Za-z0-9_-]{4})[A-Za-z0-9_-]{16,}", r"\1…", text)


def parse_channels(urls: list[str]) -> list[Channel]:
    """Channels from `--notify` / KJWATCH_NOTIFY values (spaces or commas separate URLs)."""
    channels: list[Channel] = []
    for value in urls:
        for url in re.split(r"[\s,]+", value.strip()):
            if url:
                channels.append(Channel(url=url, name=mask_url(url)))
    return list({c.name: c for c in channels}.values())
