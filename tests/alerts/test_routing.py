"""notify.yaml: channels from URLs, env vars and secrets, filters by kind and tag, clear errors."""

from __future__ import annotations

import pytest

from alerts.routing import NotifyConfigError, RoutableAlert, all_channels, parse_notify_config, plan_deliveries

ENV = {"KJ_MAIL": "mailto://bot:hunter2xyz@127.0.0.1:2525/a@example.com?from=bot@example.com",
       "KJ_WECOM": "wecombot://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"}
CONFIG = """
channels:
  - name: 省厅邮件组
    env: KJ_MAIL
    kinds: [new_target, target_met]
  - env: KJ_WECOM
    tags: [shandong]
  - url: json://127.0.0.1:8080/hook
  - secret: feishu-bot
"""


def _secret(name: str) -> str:
    assert name == "feishu-bot"
    return "feishu://t0k3nt0k3nt0k3n/"


def test_channels_come_from_urls_env_vars_and_secrets_with_their_filters() -> None:
    mail, wecom, hook, feishu = parse_notify_config(CONFIG, ENV, _secret)
    assert mail.name == "省厅邮件组"
    assert mail.kinds == frozenset({"new_target", "target_met"})
    assert mail.tags is None
    assert "hunter2xyz" in mail.secrets()
    assert "127.0.0.1" not in mail.secrets()  # a name of our own must not turn the host into a "secret"
    assert (wecom.name, wecom.tags, wecom.per_minute) == ("wecombot://0...0/", frozenset({"shandong"}), 20)
    assert (hook.kinds, hook.tags, hook.per_minute) == (None, None, None)
    assert parse_notify_config("channels:\n  - name: 群\n    url: json://127.0.0.1:8080/hook\n", {})[0].secrets() == []
    assert feishu.per_minute == 100
    assert all("hunter2xyz" not in c.name and "t0k3nt0k3n" not in c.name for c in (mail, wecom, feishu))


def test_alerts_go_only_where_kinds_and_tags_allow() -> None:
    channels = parse_notify_config(CONFIG, ENV, _secret)
    names = [c.name for c in channels]
    alerts = [RoutableAlert("t1", "new_target", frozenset({"shandong"})),
              RoutableAlert("d1", "new_document", frozenset({"jiangsu"}))]
    pairs = plan_deliveries(alerts, channels)
    assert [c for a, c in pairs if a == "t1"] == names
    assert [c for a, c in pairs if a == "d1"] == [names[2], names[3]]


def test_notify_urls_get_everything_beside_the_file() -> None:
    channels = all_channels(["json://127.0.0.1:9/a, json://127.0.0.1:9/b"], "channels:\n  - env: KJ_WECOM\n"
                            "    kinds: [target_met]\n", ENV)
    assert [(c.name, c.kinds) for c in channels] == [
        ("json://127.0.0.1:9/a", None), ("json://127.0.0.1:9/b", None),
        ("wecombot://0...0/", frozenset({"target_met"}))]


@pytest.mark.parametrize(("text", "message"), [
    ("channels:\n  - env: NOPE\n", "notify.yaml: channel 1: environment variable NOPE is not set"),
    ("channels:\n  - url: json://h/x\n    env: KJ_MAIL\n", "channel 1: needs exactly one of url:, env:, secret:"),
    ("channels:\n  - url: json://h/x\n  - name: 群\n    url: json://h/y\n    kinds: [new_thing]\n",
     "channel 2 (群): kinds: unknown new_thing"),
    ("channels:\n  - url: json://h/x\n    tag: [a]\n", "channel 1: unknown field(s) tag"),
    ("channels:\n  - url: nosuch://user:topsecret@h\n", "channel 1: not a usable apprise URL"),
    ("channels:\n  - url: json://h/x\n    per_minute: -1\n", "channel 1: per_minute: must be a whole number"),
    ("channels:\n  - secret: bot\n", "channel 1: secret: bot needs Prefect Secret blocks"),
    ("channels: [\n", "notify.yaml: line 2: not valid YAML"),
    ("targets: []\n", "expected a mapping with one key, channels:"),
    ("channels:\n  - json://h/x\n", "channel 1: must be a mapping"),
])
def test_a_bad_entry_is_named_and_no_secret_is_echoed(text: str, message: str) -> None:
    with pytest.raises(NotifyConfigError) as caught:
        parse_notify_config(text, ENV)
    assert message in str(caught.value)
    assert "topsecret" not in str(caught.value)


def test_a_failing_secret_lookup_is_reported_by_name() -> None:
    def broken(name: str) -> str:
        raise RuntimeError("the value s3cr3t leaked")

    with pytest.raises(NotifyConfigError, match=r"cannot load secret 'feishu-bot' \(RuntimeError\)") as caught:
        parse_notify_config("channels:\n  - secret: feishu-bot\n", ENV, broken)
    assert "s3cr3t" not in str(caught.value)


def test_two_targets_that_would_share_a_name_are_refused() -> None:
    text = ("channels:\n  - url: wecombot://aaaa1111bbbb2222cccc3333dd\n"
            "  - url: wecombot://aXXXX1111bbbb2222cccc3333d\n")
    with pytest.raises(NotifyConfigError, match="give them distinct `name:`"):
        parse_notify_config(text, ENV)


def test_an_empty_file_means_no_channels() -> None:
    assert parse_notify_config("", ENV) == []
    assert parse_notify_config("channels: []\n", ENV) == []
