"""Apprise channels: one object per target, a display name without secrets, routing filters.

One Apprise object with several targets reports a single bool for all of them,
so each configured URL gets its own object to know which channel failed. The
display name is what `deliveries.channel` stores, so it must identify a target
without revealing its token or password.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import apprise

from alerts.bots import install_bot_plugins

BOT_SCHEMES = ("wecombot", "dingtalk", "feishu", "lark")
MAIL_SCHEMES = ("mailto", "mailtos")
# Documented bot limits: WeCom and DingTalk 20 messages a minute, Feishu 100 (5 a second).
DEFAULT_PER_MINUTE = {"wecombot": 20, "dingtalk": 20, "feishu": 100, "lark": 100}
_SECRET_MIN_LENGTH = 6


class ChannelError(ValueError):
    """An apprise URL or channel set that kjwatch cannot use; the message names no secret."""


@dataclass(frozen=True, slots=True)
class Channel:
    url: str     # the real URL, secrets included: never logged or stored
    name: str    # masked, stored in deliveries.channel
    kinds: frozenset[str] | None = None   # alert kinds wanted; None: all
    tags: frozenset[str] | None = None    # source tags wanted; None: all
    per_minute: int | None = None         # messages a minute the endpoint accepts; None: no limit
    hidden: tuple[str, ...] | None = None  # parts of `url` its masked form hides; None: work it out

    @property
    def scheme(self) -> str:
        return self.url.split("://", 1)[0].lower()

    @property
    def style(self) -> str:
        """Bots render markdown, mail gets HTML (apprise adds a text alternative), the rest plain text."""
        if self.scheme in BOT_SCHEMES:
            return "markdown"
        return "html" if self.scheme in MAIL_SCHEMES else "text"

    def body_format(self) -> apprise.NotifyFormat:
        return {"markdown": apprise.NotifyFormat.MARKDOWN, "html": apprise.NotifyFormat.HTML,
                "text": apprise.NotifyFormat.TEXT}[self.style]

    def secrets(self) -> list[str]:
        """Parts of the real URL the masked form hides: scrubbed from any text we emit."""
        return list(self.hidden) if self.hidden is not None else url_secrets(self.url, self.name)

    def wants(self, kind: str, tags: frozenset[str] | set[str]) -> bool:
        if self.kinds is not None and kind not in self.kinds:
            return False
        return self.tags is None or bool(self.tags & set(tags))


def mask_url(url: str) -> str:
    """Apprise's privacy rendering minus the query string (tokens hide there too), port kept
    so two mail servers on one host stay two channels."""
    install_bot_plugins()
    plugin = apprise.Apprise.instantiate(url)
    if plugin is None:
        raise ChannelError(f"not a usable apprise URL: {redact(url)}")
    masked = str(plugin.url(privacy=True)).split("?", 1)[0]
    port = _port(url)
    if port and f":{port}" not in masked:
        scheme, rest = masked.split("://", 1)
        host, sep, path = rest.partition("/")
        masked = f"{scheme}://{host}:{port}{sep}{path}"
    return masked


def _port(url: str) -> int | None:
    try:
        return urlsplit(url).port
    except ValueError:
        return None


def url_secrets(url: str, masked: str) -> list[str]:
    """Tokens of `url` (user info, path segments, query values) that its masked form leaves out."""
    parts = urlsplit(url)
    pieces = [parts.username or "", parts.password or "", parts.hostname or "", *parts.path.split("/")]
    pieces += [value for pair in parts.query.split("&") for value in pair.split("=", 1)[1:]]
    shown = unquote(masked)
    found = {unquote(p) for p in pieces if len(p) >= _SECRET_MIN_LENGTH and unquote(p) not in shown}
    return sorted(found, key=len, reverse=True)


def scrub(text: str, secrets: list[str]) -> str:
    """Replace every known secret in `text`; cheaper and surer than guessing from shapes alone."""
    for secret in secrets:
        text = text.replace(secret, "****")
    return text


def redact(text: str) -> str:
    """Hide credentials and long tokens in free text such as error messages."""
    text = re.sub(r"(://[^:/@\s]+:)[^@\s]+@", r"\1****@", text)
    text = re.sub(r"((?:key|token|secret|password|access_token)=)[^&\s]+", r"\1****", text, flags=re.I)
    return re.sub(r"([A-Za-z0-9_-]{4})[A-Za-z0-9_-]{16,}", r"\1…", text)


def make_channel(url: str, name: str | None = None, kinds: frozenset[str] | None = None,
                 tags: frozenset[str] | None = None, per_minute: int | None = None) -> Channel:
    """A channel with its masked name and the scheme's documented rate limit unless told otherwise."""
    masked = mask_url(url)
    limit = per_minute if per_minute is not None else DEFAULT_PER_MINUTE.get(url.split("://", 1)[0].lower())
    return Channel(url=url, name=name or masked, kinds=kinds, tags=tags, per_minute=limit or None,
                   hidden=tuple(url_secrets(url, masked)))


def split_urls(values: list[str]) -> list[str]:
    """`--notify` / KJWATCH_NOTIFY values: spaces or commas separate URLs."""
    return [url for value in values for url in re.split(r"[\s,]+", value.strip()) if url]


def parse_channels(urls: list[str]) -> list[Channel]:
    """Channels from `--notify` / KJWATCH_NOTIFY values; they get every alert."""
    return unique_channels([make_channel(url) for url in split_urls(urls)])


def unique_channels(channels: list[Channel]) -> list[Channel]:
    """The same URL twice is one channel; two targets sharing a display name would share
    outbox rows (one of them silently starved), so that is refused."""
    by_name: dict[str, Channel] = {}
    for channel in channels:
        known = by_name.get(channel.name)
        if known is not None and known.url != channel.url:
            raise ChannelError(f"two different channels would both be recorded as {channel.name!r}; "
                               "give them distinct `name:` entries in notify.yaml")
        by_name.setdefault(channel.name, channel)
    return list(by_name.values())
