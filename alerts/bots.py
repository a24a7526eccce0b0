"""Chat-bot plugins that judge a send by the bot's JSON reply, not by the HTTP status alone.

WeCom, DingTalk and Feishu answer HTTP 200 to a refused message and put the
reason in the body (`{"errcode": 40058, ...}` for an over-long WeCom markdown,
`{"code": 9499, ...}` from Feishu). apprise's own plugins only look at the
status, so a refused alert would be marked sent. These subclasses keep apprise's
URL parsing and masking, send markdown, and read the reply; `install_bot_plugins`
maps them onto the usual schemes (`wecombot://`, `dingtalk://`, `feishu://`), so
the URLs people already use get the check.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import apprise
import requests
from apprise.plugins.dingtalk import NotifyDingTalk
from apprise.plugins.feishu import NotifyFeishu
from apprise.plugins.wecombot import NotifyWeComBot

from alerts.render_text import md_escape

_ERROR_FIELDS = (("errcode", "errmsg"), ("code", "msg"), ("StatusCode", "StatusMessage"))


def reply_error(text: str) -> str | None:
    """Why a bot refused a message, or None when its reply says ok."""
    try:
        data = json.loads(text)
    except ValueError:
        return "the reply is not JSON (a proxy or login page?)"
    if not isinstance(data, dict):
        return "the reply is not a JSON object"
    for code_field, message_field in _ERROR_FIELDS:
        code = data.get(code_field)
        if code is not None and str(code) != "0":
            return f"{code_field}={code} {data.get(message_field) or ''}".strip()
    return None


class _CheckedPost:
    """Mixin for apprise plugins: one JSON POST whose outcome includes the bot's error code."""

    def _post_checked(self: Any, url: str, payload: dict[str, Any], params: dict[str, str] | None = None
                      ) -> bool:
        headers = {"User-Agent": self.app_id, "Content-Type": "application/json; charset=utf-8"}
        self.throttle()
        try:
            reply = requests.post(url, data=json.dumps(payload).encode("utf-8"), headers=headers,
                                  params=params, verify=self.verify_certificate,
                                  timeout=self.request_timeout, allow_redirects=self.redirects)
        except requests.RequestException as exc:
            # The exception text carries the URL and with it the token: name the type only.
            self.logger.warning("%s: no answer (%s)", self.service_name, type(exc).__name__)
            return False
        if reply.status_code != requests.codes.ok:
            self.logger.warning("%s: HTTP %d", self.service_name, reply.status_code)
            return False
        problem = reply_error(reply.text)
        if problem:
            self.logger.warning("%s refused the message: %s", self.service_name, problem)
            return False
        return True


def _markdown_with_title(title: str, body: str) -> str:
    """The title as a heading; it names a crawled document, so its markup is made inert first."""
    return f"### {md_escape(title)}\n{body}" if title else body


class CheckedWeComBot(_CheckedPost, NotifyWeComBot):
    """WeCom group bot: markdown (≤ 4096 bytes, errcode 40058 beyond) and `errcode` checked."""

    notify_format = apprise.NotifyFormat.MARKDOWN
    title_maxlen = 250

    def send(self, body: str, title: str = "", notify_type: Any = None, **kwargs: Any) -> bool:
        if self.notify_format == apprise.NotifyFormat.MARKDOWN:
            payload = {"msgtype": "markdown", "markdown": {"content": _markdown_with_title(title, body)}}
        else:
            text = f"{title}\n{body}" if title else body
            payload = {"msgtype": "text", "text": {"content": text}}
        self.api_url = self.notify_url.format(key=self.key)
        return self._post_checked(self.api_url, payload)


class CheckedDingTalk(_CheckedPost, NotifyDingTalk):
    """DingTalk robot: markdown with its preview title, signed when a secret is set, `errcode` checked."""

    notify_format = apprise.NotifyFormat.MARKDOWN

    def send(self, body: str, title: str = "", notify_type: Any = None, **kwargs: Any) -> bool:
        payload: dict[str, Any] = {"at": {"atMobiles": self.targets, "isAtAll": False}}
        if self.notify_format == apprise.NotifyFormat.MARKDOWN:
            payload |= {"msgtype": "markdown",
                        "markdown": {"title": title or "kjwatch", "text": _markdown_with_title(title, body)}}
        else:
            payload |= {"msgtype": "text", "text": {"content": f"{title}\n{body}" if title else body}}
        params = None
        if self.secret:
            timestamp, signature = self.get_signature()
            params = {"timestamp": timestamp, "sign": signature}
        return self._post_checked(self.notify_url.format(token=self.token), payload, params)


class CheckedFeishu(_CheckedPost, NotifyFeishu):
    """Feishu custom bot: a card whose markdown element renders the alert; `code` checked."""

    notify_format = apprise.NotifyFormat.MARKDOWN
    title_maxlen = 250

    def send(self, body: str, title: str = "", notify_type: Any = None, **kwargs: Any) -> bool:
        if self.notify_format == apprise.NotifyFormat.MARKDOWN:
            card: dict[str, Any] = {"elements": [{"tag": "markdown", "content": body}]}
            if title:
                card["header"] = {"title": {"tag": "plain_text", "content": title}}
            payload: dict[str, Any] = {"msg_type": "interactive", "card": card}
        else:
            payload = {"msg_type": "text", "content": {"text": f"{title}\n{body}" if title else body}}
        return self._post_checked(self.notify_url.format(token=self.token), payload)


@cache
def install_bot_plugins() -> bool:
    """Map the checked plugins onto the standard schemes, once per process, before any URL is parsed."""
    manager = apprise.NotificationManager()
    return all([manager.add(CheckedWeComBot, schemas="wecombot", force=True),
                manager.add(CheckedDingTalk, schemas="dingtalk", force=True),
                manager.add(CheckedFeishu, schemas="feishu", force=True)])
