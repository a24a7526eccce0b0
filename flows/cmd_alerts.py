"""`kjwatch alerts test URL`: does a channel work before a run relies on it?"""

from __future__ import annotations

import argparse
import sys

from alerts.channels import ChannelError, parse_channels
from alerts.deliver import send_message


def test(args: argparse.Namespace) -> int:
    try:
        channels = parse_channels([args.url])
    except ChannelError as exc:
        print(f"kjwatch: {exc}", file=sys.stderr)
        return 2
    failed = 0
    for channel in channels:
        ok, error = send_message(channel, "kjwatch 测试消息",
                                 "这是一条来自 kjwatch 科技局监测的测试消息。收到即表示通道可用。")
        print(f"{channel.name}: {'sent' if ok else 'FAILED: ' + (error or 'unknown error')}")
        failed += not ok
    return 1 if failed else 0
