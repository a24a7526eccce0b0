"""Help texts of the `kjwatch` command line, in Chinese and English (issue 21 item 9).

One table, so every flag has a help text and a test can see that none is missing.
"""

from __future__ import annotations

DB = "DuckDB 文件 / DuckDB file (default $KJWATCH_DB or data/kjwatch.duckdb)"
SOURCES = "来源文件 / sources file (default $KJWATCH_SOURCES, ./sources.yaml, else the bundled registry)"
NOTIFY = "提醒渠道 apprise URL，可重复 / apprise URL of a channel; repeatable"
NOTIFY_CONFIG = "渠道路由文件 / channel routing file (default $KJWATCH_NOTIFY_CONFIG, else notify.yaml if present)"
QUIET = "只打印摘要 / print only the summary"
FORMAT = "输出格式 / output format"
WAIT = "等待写入者的秒数 / seconds to wait for a writer (default 30)"

COMMANDS = {
    "run": "一次完整监测 / one monitoring run: crawl → text → indicators → DuckDB → alerts",
    "crawl": "只抓取并保存文档，不发提醒 / crawl and store documents only; no alerts",
    "digest": "发送近几天提醒的汇总 / send a summary of the last days' alerts",
    "reparse": "用当前抽取器重抽所有已存文档 / re-extract every stored document with the current extractor",
    "serve": "常驻运行定时部署 / serve the scheduled deployments (monitor daily, digest weekly)",
    "extract": "文件的指标记录 / indicator records of files",
    "text": "文件的清洗文本 / clean text of files as the extractor sees it",
    "sql": "对数据仓库的只读 SQL / read-only SQL against the warehouse",
    "export": "导出为 Parquet 或 CSV / write the warehouse as Parquet or CSV, partitioned by year",
    "report": "生成静态 HTML 报告 / write the static HTML report of the warehouse",
    "alerts": "提醒渠道与已发提醒 / alert channels and the alerts raised",
    "sources": "来源登记：列出、添加、检查、发现 / the sources registry: list, add, check, discover",
}

FLAGS = {
    "demo": "启动并抓取内置演示网站 / serve and crawl the bundled demo sites",
    "tag": "只选带此标签的来源（省份拼音或级别），可重复 / only sources with this tag (province or level); repeatable",
    "dask": "在此 Dask 调度器上解析 / parse on this Dask scheduler (or $KJWATCH_DASK_ADDRESS)",
    "baseline": "安静的首次运行：记录提醒作为基线，不发送（new：只对尚无文档的来源）/ record this run's alerts as a "
                "baseline without sending them (new: only sources with no stored document; default $KJWATCH_BASELINE)",
    "url": "抓取这些起始网址而非来源文件 / crawl these start URLs instead of a sources file (--url A B)",
    "days": "汇总的天数 / days the digest covers (default 7)",
    "every": "每 N 秒运行一次监测（默认每天）/ run the monitor every N seconds instead of daily",
    "jsonl": "每行一个 JSON，文档头在前 / one JSON object a line, header first",
    "paths": "要读取的文件 / files to read",
    "json": "附加标题、日期、附件、警告 / add title, date, attachments, warnings",
    "query": "SQL 查询 / the SQL query",
    "dir": "导出目录 / folder to write",
    "out": "输出目录 / output folder (default: report/ beside the database)",
    "test_url": "要测试的 apprise URL / apprise URL to send one test message to",
    "kind": "只列此类提醒 / only alerts of this kind",
    "since": "最近 DAYS 天的提醒 / raised in the last DAYS days (30)",
    "key": "要重发的提醒键 / key of the alert to send again",
    "resend_notify": "改发到此 apprise URL，可重复 / send to this apprise URL instead of the alert's channels",
    "list_level": "只列此级别 / only sources of this level",
    "list_tag": "只列带此标签的来源 / only sources with this tag",
    "add_url": "来源的起始网址 / start URL of the new source",
    "name": "局名 / the bureau's name (淄博市科学技术局)",
    "level": "级别 / level: province, city, county, district, zone",
    "id": "来源 id（默认由网址生成）/ source id (default: made from the URL's host)",
    "region": "行政区名 / region name (山东省淄博市)",
    "region_code": "行政区划代码 / six-digit division code (370300)",
    "add_tag": "标签（默认省份与级别），可重复 / tag (default: its province and level); repeatable",
    "add_sources": "写入的来源文件 / file to write (default ./sources.yaml)",
    "ids": "要检查的来源 id（默认全部）/ ids of the sources to check (default: all)",
}
