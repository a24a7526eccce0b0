"""What a link on a bureau page leads to: a report, a report file, a list worth walking, or nothing.

Only titles decide what is a report; URLs and navigation words only decide which
pages are worth reading for more links, so a site the crawler has never seen still
leads from its homepage to its lists.
"""

from __future__ import annotations

import re
from enum import Enum

from spiders.attachments import is_document_url
from spiders.classify import is_report_title
from spiders.links import Link
from spiders.paging import is_next_text

NAV_WORDS = re.compile(
    r"通知公告|工作动态|规划计划|计划规划|计划总结|总结计划|工作总结|工作计划|工作要点|信息公开|政务公开|部门文件|"
    r"年度报告|工作报告|更多|more|公示公告|政策文件|科技要闻|法定主动公开|部门动态|科技动态|主动公开|公开目录|"
    r"其他文件|部门信息|文件通知|通知|公告|动态|规划|计划|总结|要点|政务|公开|文件|栏目|列表|进入|首页|index",
    re.IGNORECASE,
)
SKIP_WORDS = re.compile(
    r"English|繁體|无障碍|登录|注册|邮箱|留言|信箱|搜索|网站地图|联系我们|关于我们|打印|关闭|上一页|尾页|末页")
LIST_URL = re.compile(r"/col/|/index(_\d+)?\.s?html?$|list|/node_|channel|column|catalog|/$", re.IGNORECASE)
ARTICLE_URL = re.compile(
    r"/t\d{8}_\d+\.s?html?$|/art/|content_\d+|post_\d+|/\d{6}/|detail|/\d{4}-?\d{2}-?\d{2}/|/\d{4}/\d{4}-|"
    r"[?&](?:id|articleid|infoid|contentid)=",
    re.IGNORECASE,
)
CALENDAR_URL = re.compile(r"calendar|rili|[?&](?:date|day|month|year|ym|y|m)=\d", re.IGNORECASE)


class LinkKind(Enum):
    REPORT_PAGE = "report_page"
    REPORT_FILE = "report_file"
    LIST = "list"
    SKIP = "skip"


def link_kind(link: Link) -> LinkKind:
    """Reports by title; lists by navigation words or list-like URLs; articles and calendars never walked."""
    if is_report_title(link.text):
        return LinkKind.REPORT_FILE if is_document_url(link.url) else LinkKind.REPORT_PAGE
    if is_document_url(link.url) or CALENDAR_URL.search(link.url) or is_next_text(link.text):
        return LinkKind.SKIP
    if link.text and SKIP_WORDS.search(link.text):
        return LinkKind.SKIP
    if ARTICLE_URL.search(link.url) and not _is_nav_text(link.text):
        return LinkKind.SKIP
    if link.is_automatic or _is_nav_text(link.text) or (not link.text and LIST_URL.search(link.url)):
        return LinkKind.LIST
    return LinkKind.SKIP


def _is_nav_text(text: str) -> bool:
    """Navigation labels are short; a long title with 通知 in it is an article, not a column."""
    return bool(text) and len(text) <= 12 and bool(NAV_WORDS.search(text))
