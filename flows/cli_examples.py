"""Examples at the end of every `kjwatch … --help` (issue 20): a flag list says what each flag is,
an example says what people type, so a new user can copy a working line instead of guessing.

One table keyed by the command as typed after `kjwatch`; `attach_examples` walks the built parser
tree and gives each parser its `示例 / Example:` epilog. Each line is a real command line: a test
parses every one with the real parser.
"""

from __future__ import annotations

import argparse
import re

HEADING = "示例 / Example:"
Example = tuple[str, str]  # (what it does, in Chinese / English; the command line)

EXAMPLES: dict[str, tuple[Example, ...]] = {
    "": (("用内置演示网站试一次 / try a whole run on the bundled demo sites", "kjwatch run --demo"),
         ("写 HTML 报告（各命令另有 --help）/ write the HTML report (every command has --help)", "kjwatch report")),
    "run": (("用内置演示网站试一次 / a whole run on the bundled demo sites", "kjwatch run --demo"),
            ("山东的来源，首次运行只记基线 / Shandong's sources, first run recorded as a baseline",
             "kjwatch run --tag shandong --baseline new --notify wecombot://BOT_KEY")),
    "crawl": (("只抓一个网址 / crawl one start URL only",
               "kjwatch crawl --url http://kjj.example.gov.cn/col/col1234/index.html"),
              ("按来源文件抓取，不显示进度 / crawl a sources file, no progress",
               "kjwatch crawl --sources sources.yaml --quiet")),
    "digest": (("把近 7 天的提醒汇总发到邮箱 / mail the last 7 days' alerts as one summary",
                "kjwatch digest --days 7 --notify mailto://user:password@smtp.example.com:587/to@example.com"),),
    "reparse": (("升级抽取器后重抽，不联网 / re-extract after upgrading the extractor, offline",
                 "kjwatch reparse --db data/kjwatch.duckdb"),),
    "serve": (("每天监测、每周汇总 / monitor daily, digest weekly", "kjwatch serve"),
              ("每小时监测一次 / monitor every hour", "kjwatch serve --every 3600")),
    "extract": (("一份报告的指标，每行一个 JSON / a report's indicators, one JSON a line",
                 "kjwatch extract --jsonl 2024年工作总结.pdf"),),
    "text": (("抽取器看到的文本与标题、日期 / the text the extractor sees, with title and date",
              "kjwatch text --json 2024年工作总结.docx"),),
    "sql": (("各局的目标 / every bureau's targets",
             "kjwatch sql \"SELECT bureau, metric, year, value FROM indicator_latest WHERE kind = 'target'\""),
            ("排名导出为 CSV / rankings as CSV", "kjwatch sql --format csv \"SELECT * FROM rankings\" > rankings.csv")),
    "export": (("按年份分区导出 Parquet / Parquet files partitioned by year", "kjwatch export export/"),
               ("导出 CSV / CSV files", "kjwatch export --format csv export-csv/")),
    "report": (("报告写到网站目录 / write the report into a web server's folder",
                "kjwatch report --out /srv/www/kjwatch"),),
    "alerts": (("最近 7 天的提醒 / alerts of the last 7 days", "kjwatch alerts list --since 7"),
               ("各渠道是否欠发 / what each channel still owes", "kjwatch alerts channels")),
    "alerts test": (("向企业微信机器人发一条测试 / one test message to a WeCom bot",
                     "kjwatch alerts test wecombot://BOT_KEY"),),
    "alerts list": (("近 7 天的新目标，JSON / new targets of the last 7 days as JSON",
                     "kjwatch alerts list --kind new_target --since 7 --format json"),),
    "alerts channels": (("各渠道欠发与最近错误 / alerts owed and last error per channel", "kjwatch alerts channels"),),
    "alerts resend": (("把一条提醒改发到钉钉 / send one alert again, to DingTalk",
                       "kjwatch alerts resend new_target:shandong-zibo:hte_total:level:2025 --notify dingtalk://TOKEN/"),),
    "sources": (("山东的来源 / Shandong's sources", "kjwatch sources list --tag shandong"),
                ("检查一个来源的起始网址 / check one source's start URLs", "kjwatch sources check shandong-jinan")),
    "sources list": (("县级来源 / county-level sources", "kjwatch sources list --level county"),
                     ("山东尚无监测的县 / Shandong's counties no source monitors",
                      "kjwatch sources list --missing --tag shandong --level county")),
    "sources add": (("校验后添加一个市局 / validate and add a city bureau",
                     "kjwatch sources add http://kjj.example.gov.cn/ --name 某市科学技术局 --level city "
                     "--region-code 370300"),),
    "sources check": (("检查两个来源 / check two sources", "kjwatch sources check shandong-jinan shandong-zibo"),),
    "sources discover": (("在门户上找到并添加 / find a bureau on its portal and add it",
                          "kjwatch sources discover --region 370126 --add"),),
}


class ExampleFormatter(argparse.HelpFormatter):
    """Fills prose paragraphs as usual but keeps a paragraph with indented lines as written: the
    default formatter would join the example lines into one wrapped paragraph nobody can copy."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        filled = []
        for block in re.split(r"\n\s*\n", text.strip("\n")):
            if re.search(r"^  \S", block, re.MULTILINE):
                filled.append("\n".join(indent + line for line in block.splitlines()))
            else:
                filled.append(super()._fill_text(block, width, indent))
        return "\n\n".join(filled)


def epilog(examples: tuple[Example, ...]) -> str:
    """`示例 / Example:` then, per example, its comment line and its command line."""
    lines = [HEADING]
    for said, command in examples:
        lines += [f"  # {said}", f"  {command}"]
    return "\n".join(lines)


def command_of(parser: argparse.ArgumentParser) -> str:
    """The command as typed after `kjwatch` ("" for kjwatch itself, "sources list" …)."""
    return parser.prog.removeprefix("kjwatch").strip()


def subparsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The parser and every parser below it, depth first."""
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                found += subparsers(child)
    return found


HELP_FLAG = "显示本帮助并退出 / show this help message and exit"
TITLES = {"options": "选项 / options", "positional arguments": "参数 / positional arguments"}


def _describe_children(parser: argparse.ArgumentParser) -> None:
    """A sub-command given only a one-line `help` (alerts list …) shows it as its description too."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for pseudo in action._choices_actions:
                child = action.choices[pseudo.dest]
                child.description = child.description or pseudo.help


def _bilingual_chrome(parser: argparse.ArgumentParser) -> None:
    """argparse's own words (-h, the group titles) in Chinese and English like everything else."""
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = HELP_FLAG
    for group in parser._action_groups:
        group.title = TITLES.get(group.title or "", group.title)


def attach_examples(root: argparse.ArgumentParser) -> None:
    """Give every parser of the tree its examples, bilingual argparse words and a formatter that
    keeps the example lines."""
    for parser in subparsers(root):
        parser.formatter_class = ExampleFormatter
        _describe_children(parser)
        _bilingual_chrome(parser)
        examples = EXAMPLES.get(command_of(parser))
        if examples:
            parser.epilog = epilog(examples)
