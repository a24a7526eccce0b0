"""The end-of-run summary of `kjwatch run` / `crawl`, in Chinese and English (issue 20).

Counts alone ("failed 3") leave a reader asking which and why: the summary names each source
with its outcome and reason, the new targets and rankings, the deliveries per channel and what
to run next. Everything is read back from the warehouse after the run, so it says what was
stored, also of deliveries made by the alert senders (their outbox rows, not their code).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warehouse.db import query, reader

STATUS_WORDS = {"ok": "ok 正常", "blocked": "blocked 被拦截", "failed": "failed 失败"}
FACT_KINDS = (("new_target", "new targets 新目标"), ("target_revised", "revised 目标修订"),
              ("new_ranking", "new rankings 新排名"), ("ranking_changed", "moved 排名变动"),
              ("target_met", "met 目标达成"))
REASON_CHARS = 160


@dataclass(frozen=True, slots=True)
class RunDetails:
    """What the summary needs beyond the run's counts: per source, per alert kind, per channel."""

    sources: list[dict[str, Any]]
    alert_kinds: dict[str, int]
    channels: list[dict[str, Any]]


def run_details(db: Path, run_id: str) -> RunDetails:
    with reader(db) as con:
        params = {"run_id": run_id}
        sources = query(con, "run_summary_sources", params)
        kinds = {r["kind"]: int(r["alerts"]) for r in query(con, "run_summary_alert_kinds", params)}
        channels = query(con, "run_summary_deliveries", params)
    return RunDetails(sources, kinds, channels)


def _source_lines(summary: dict[str, Any], details: RunDetails) -> list[str]:
    lines = [f"来源 sources: {summary['sources_ok']} ok 正常 · {summary['sources_blocked']} blocked 被拦截 · "
             f"{summary['sources_failed']} failed 失败"]
    for s in details.sources:
        status = STATUS_WORDS.get(s["status"], s["status"])
        name = s["source_id"] if s["name"] == s["source_id"] else f"{s['source_id']} {s['name']}"
        counts = (f"{s['pages_fetched']} page(s) 页, {s['documents_new']} new 新增, "
                  f"{s['documents_changed']} changed 变更")
        reason = f" — {_short(s['reason'])}" if s["status"] != "ok" and s["reason"] else ""
        lines.append(f"  [{status}] {name}: {counts}{reason}")
    return lines


def _short(text: str) -> str:
    one_line = " ".join(str(text).split())
    return one_line if len(one_line) <= REASON_CHARS else one_line[:REASON_CHARS - 1] + "…"


def _count_lines(summary: dict[str, Any], details: RunDetails, command: str) -> list[str]:
    lines = [f"文档 documents: {summary['documents_new']} new 新增, {summary['documents_changed']} changed 变更 "
             f"({summary['total_documents']} stored 共存)",
             f"指标 indicators: {summary['indicators']} loaded 载入 ({summary['total_indicators']} stored 共存)"]
    if command == "crawl":
        lines.append("目标与排名 targets and rankings: not compared by crawl 抓取不比对 "
                     "(`kjwatch run` detects them 运行时检测)")
        return lines
    facts = ", ".join(f"{details.alert_kinds.get(kind, 0)} {words}" for kind, words in FACT_KINDS)
    lines.append(f"目标与排名 targets and rankings: {facts}")
    lines.append(f"提醒 alerts: {summary['alerts']} new 新增 ({summary['total_alerts']} stored 共存)")
    return lines


def _delivery_lines(summary: dict[str, Any], details: RunDetails, command: str) -> list[str]:
    if command == "crawl":
        return []
    lines = [f"投递 deliveries per channel 各渠道投递 (this run 本次: {summary['deliveries_sent']} sent 已发送, "
             f"{summary['deliveries_failed']} failed 失败):"]
    for c in details.channels:
        lines.append(f"  {c['channel']}: {c['sent']} sent 已发送, {c['failed']} failed 失败, "
                     f"{c['pending']} pending 待发")
    if not details.channels:
        lines.append("  none 无 — no channel configured or nothing to send 未配置渠道或无需发送 "
                     "(alerts are stored and printed 提醒已存储并打印)")
    if summary.get("message"):
        lines.append(f"  {summary['message']}")
    return lines


def _next_lines(summary: dict[str, Any], details: RunDetails, db: Path, command: str,
                try_query: str) -> list[str]:
    from flows.report.command import default_out

    lines = ["下一步 next steps:",
             f"  kjwatch report --db {db}    重新生成报告网页 rebuild the report "
             f"(now at 当前 {default_out(db) / 'index.html'})"]
    if command == "run" and (summary["alerts"] or summary["deliveries_failed"]):
        lines.append(f"  kjwatch alerts list --db {db}    查看提醒与欠发 see the alerts and what is owed")
    if command == "run" and not details.channels:
        lines.append("  kjwatch alerts test URL    试发一条消息 try a channel, then `kjwatch run --notify URL`")
    if command == "crawl":
        lines.append("  kjwatch run    比对并发送提醒 compare and send alerts")
    stuck = [s["source_id"] for s in details.sources if s["status"] != "ok"]
    if stuck:
        lines.append(f"  kjwatch sources check {' '.join(stuck[:10])}    查看失败或被拦截的来源 "
                     "look at the failed or blocked sources")
    lines.append(f"  kjwatch sql --db {db} \"{try_query}\"")
    return lines


def render_summary(summary: dict[str, Any], details: RunDetails, db: Path, command: str, try_query: str) -> str:
    """The whole summary; `command` is "run" or "crawl" (a crawl compares nothing, sends nothing)."""
    title = f"kjwatch {command} {summary['run_id']} completed 已完成"
    return "\n".join([title, *_source_lines(summary, details), *_count_lines(summary, details, command),
                      *_delivery_lines(summary, details, command),
                      *_next_lines(summary, details, db, command, try_query)])
