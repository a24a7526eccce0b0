"""What kind of document a text is: summary, plan, points, or a report.

A title names its kind (…工作总结, …规划, …工作要点, 述职报告, 提案答复).  Without
such a title, most real texts are news: a reprint of a work meeting, a bureau's
news item, a bulletin.  Those are reports; only a text that reads as a bureau's
own account (numbered section headings, 我局) is taken for an untitled summary.
"""

from __future__ import annotations

import re
from dataclasses import replace

from parsing.extract.textclean import paragraphs as text_paragraphs
from parsing.records import DocumentHeader

TITLE_KEYWORD = re.compile(
    r"总结(?!如下|了)|工作计划|计划(?!项目|专项|资金|经费|立项|管理)|要点|打算|工作思路|报告|规划|工作重点|"
    r"述职|答复|复函|提案|方案|汇报|谋划|进展情况|推进情况|情况说明|情况通报|工作完成情况|绩效目标|任务分解|重点工作任务|重点工作[^，。]{0,12}?清单"
)
_TITLE_TYPES = (
    (re.compile(r"总结(?!如下)|工作完成情况"), "summary"),
    (re.compile(r"计划(?!项目|专项|资金|经费|立项|管理)|打算|思路|安排|规划|谋划|(?:行动|实施|工作)方案"
                r"|绩效目标(?![^，。]{0,6}?(?:完成|自查|自评|执行))"), "plan"),
    # 年度重点工作任务的任务分解: the year's work items, each with its goal and deadline.
    (re.compile(r"要点|工作重点|任务分解|重点工作任务(?![^，。]{0,6}?(?:完成|进展|推进|落实))"
                r"|重点工作[^，。]{0,12}?清单"), "points"),
    # …任务进展情况一览表: a quarterly progress item (corpus decision 2).
    (re.compile(r"报告|述职|答复|复函|提案|汇报|进展情况|推进情况|情况说明|情况通报"), "report"),
)
# Words a news item carries and a bureau's own summary does not.
_NEWS = re.compile(
    r"记者|通讯员|责任编辑|原标题|本报讯|\d日讯|网讯|\d日电|获悉|新闻发布会"
    r"|来源[:：]\s*[\u4e00-\u9fff]{1,12}(?:网|报|新闻|电视台|融媒体?)(?![\u4e00-\u9fff])"  # 来源:河北经济网
)
# A meeting held, in a headline or the opening lines: news of the meeting.
_MEETING_HELD = re.compile(r"(?:会议?|大会|座谈会|推进会)(?:在\S{0,8})?(?:召开|举行)")
_OPENING_NEWS = re.compile(r"^(?:近日|日前|近年来|\d{1,2}月\d{1,2}日)")
_HEADLINE_FIGURE = re.compile(r"\d(?:\.\d+)?\s*(?:家|项|个|亿元|万元|%|件|人)(?![\d，。；])")
_SECTION_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
# A bureau's own voice, or its own disclosure page (信息索引号 … 发布机构).
_OWN_VOICE = re.compile(r"我局|局党组|局领导班子|索引号|正确领导下")
# A headline reporting that a plan was issued (磐安县出台了科技发展“十四五”规划) is news of it.
_ISSUED_HEADLINE = re.compile(r"(?:出台|印发|发布|公布|出炉|召开|举行)了?[^，。]{0,24}(?:规划|计划|方案|要点|总结)")
# …关于印发…规划的通知: the notice that issues a plan carries the plan; it is no news of it.
_NOTICE_TITLE = re.compile(r"关于(?:印发|下达|公布|发布)[^，。]{0,60}的通知")
# 《南京市“十四五”科技创新规划》实施中期评估情况: a review of a plan, not the plan.
# …规划》实施情况, 中期评估; 超额完成“十三五”科技创新规划目标: news of a plan met, not the plan.
_REVIEWED_PLAN = re.compile(
    r"[》”][^，。]{0,4}?(?:实施|执行|落实)?(?:中期|终期|年度)?(?:评估|情况|进展|成效)"
    r"|(?:完成|实现|超额完成)[^，。]{0,16}?规划[^，。]{0,2}?(?:目标|任务)"
)
# A page filed under a news column of its site (首页 工作动态 正文).
_NEWS_COLUMN = re.compile(r"(?:首页|位置)[^。，]{0,40}?(?:工作动态|新闻|要闻|动态|资讯)")
_PLAN_HEADING = re.compile(r"\d{4}年.{0,12}?(?:工作计划|工作打算)|下半年工作(?:计划|打算)")
_POINTS_HEADING = re.compile(r"工作要点")


# 关于…第0377号提案的复函 / 对…建议的答复: a reply to a proposal, whatever its page title.
_REPLY = re.compile(r"(?:提案|建议|议案)[^，。]{0,12}?(?:的)?(?:答复|复函|办理)|答复如下")


def is_reply(paragraphs: list[str]) -> bool:
    return any(_REPLY.search(p) for p in paragraphs)


def doc_types(title: str, paragraphs: list[str]) -> tuple[str, ...]:
    """Types named by the title; else a report for news, a summary (+ plan / points by headings)."""
    if any(_NEWS.search(p) for p in paragraphs[:12]) or is_reply(paragraphs[:24]):
        return ("report",)  # news of a meeting, a plan or a summary is a report (corpus decision 2)
    named = () if _SECTION_HEADING.match(title) else title_types(title)  # 一、重点工作完成情况: a heading
    issued = _ISSUED_HEADLINE.search(title) and not _NOTICE_TITLE.search(title)
    if named and (issued or _REVIEWED_PLAN.search(title)):
        return ("report",)
    if named:
        return named
    if any(_NOTICE_ISSUES.search(p) for p in opening_paragraphs(paragraphs)):
        return ("plan",)  # 现将《…行动计划》印发给你们: the notice that issues a plan, and the plan
    if reads_as_work_items(paragraphs):
        return ("points",)
    if reads_as_year_plan(paragraphs):
        return ("plan",)
    if any(_YEARBOOK.search(p) for p in paragraphs[:3]):
        return ("summary",)  # 双流年鉴2020 科技事业发展: a yearbook's column sums up the year
    if looks_like_news(paragraphs) or opens_on_months(paragraphs):
        return ("report",)
    found = ["summary"]
    if any(len(p) <= 40 and _PLAN_HEADING.search(p) for p in paragraphs):
        found.append("plan")
    if any(len(p) <= 40 and _POINTS_HEADING.search(p) for p in paragraphs):
        found.append("points")
    return tuple(found)


_YEARBOOK = re.compile(r"年鉴\s*[（(]?\d{4}")
_REPORT_ONLY = re.compile(r"述职|答复|提案")
_CELL = 20


def opening_paragraphs(paragraphs: list[str]) -> tuple[str, ...]:
    """The first four paragraphs longer than a cell: past a page's metadata cells."""
    return tuple(p for p in paragraphs if len(p) > _CELL)[:4]


_ITEM = re.compile(r"^(?:\d{1,2}[、.．]|[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）)")
_GOAL_CUE = re.compile(r"力争|争取|确保|全年[^，。；]{0,20}?\d[^，。；]{0,8}?以上")
# Words that state a fact of the past: a text with none of them reports nothing done.
_PAST_FACT = re.compile(
    r"同比|比上年|较上年|比去年|较去年|已经|已[完有达获建认]|截至|截止|累计|共计|了\d|增长了|实现了|完成了|取得了"
)


def reads_as_work_items(paragraphs: list[str]) -> bool:
    """Untitled numbered work items that set goals and state no fact done (a page of
    工作要点 whose title was lost) read as points."""
    items = sum(1 for p in paragraphs if _ITEM.match(p))
    goals = sum(len(_GOAL_CUE.findall(p)) for p in paragraphs)
    return items >= 3 and goals >= 2 and not any(_PAST_FACT.search(p) for p in paragraphs)


# 2024年，我们将…: an untitled text that opens on what the year will bring.
# 将 as the object marker (2016年，我局将32家企业纳入…) is no plan.
_OPENS_ON_YEAR_PLAN = re.compile(
    r"^\d{4}年[，,]\s*[^，。；\d]{0,12}?(?:将|要)"
    r"(?=认真|继续|进一步|全力|大力|坚持|着力|重点|围绕|聚焦|持续|深入|加快|推动|推进|紧扣|锚定|以)"
)


def reads_as_year_plan(paragraphs: list[str]) -> bool:
    """An untitled plan (a page of the year's work plan whose title was lost or generic): it
    opens on 2024年，我们将… and states no fact done anywhere."""
    opening = opening_paragraphs(paragraphs)[:2]
    return any(_OPENS_ON_YEAR_PLAN.match(p) for p in opening) and not any(
        _PAST_FACT.search(p) for p in paragraphs)


def title_types(title: str) -> tuple[str, ...]:
    """The types a title names (…工作总结及2024年工作要点 → summary, points)."""
    named = tuple(kind for pattern, kind in _TITLE_TYPES if pattern.search(title))
    if len(named) > 1 and "report" in named and not _REPORT_ONLY.search(title):
        named = tuple(kind for kind in named if kind != "report")
    return named


_OPENING_CHARS = 600
_SPACES = re.compile(r"\s+")


def with_page_title(types: tuple[str, ...], page_title: str | None, text: str) -> tuple[str, ...]:
    """The types of a web page whose text lacks its title: the <title> holds it and the body
    opens on 一、主要工作完成情况, so the types read from the text alone are a guess (an untitled
    account is a summary). A page title that names its kinds (…2024年工作总结和2025年工作计划)
    then decides, as it would at the top of the text; news stays news."""
    title = _SPACES.sub("", page_title or "")
    if not title or not title_types(title) or title in _SPACES.sub("", text[:_OPENING_CHARS]):
        return types
    return doc_types(title, text_paragraphs(text))


def titled_header(header: DocumentHeader, page_title: str | None, text: str) -> DocumentHeader:
    """The header with the types its page's title names, when the text lacks that title."""
    types = with_page_title(header.doc_types, page_title, text)
    return header if types == header.doc_types else replace(header, doc_types=types)


def looks_like_news(paragraphs: list[str]) -> bool:
    """A news item: news words, or an account without the headings and voice of a summary."""
    opening = paragraphs[:12]
    if any(_NEWS.search(p) for p in opening) or any(_MEETING_HELD.search(p) for p in opening[:4]):
        return True
    if any(_NEWS_COLUMN.search(p) for p in opening[:4]):
        return True
    if any(len(p) <= 40 and _HEADLINE_FIGURE.search(p) for p in opening[:3]):
        return True  # 阳江市科技型中小企业入库数达178家: a headline that states a figure
    own = sum(1 for p in paragraphs if _SECTION_HEADING.match(p)) >= 2 or any(
        _OWN_VOICE.search(p) for p in paragraphs
    )
    return not own and (any(_OPENING_NEWS.match(p) for p in opening) or len(paragraphs) < 40)


# 今年1-3季度，… / 2022年1-5月份，…: progress over months that are not the half year.
_MONTHS_SPAN = re.compile(
    r"^(?:今年|\d{4}年)?(?:(?:1|一)\s*[-—－–~～至到]\s*(?:[2-57-9]|1[01]|[二三四五七八九]|十一?)\s*(?:月份?|季度)"
    r"|前三季度|一季度|第[一三]季度)"
)


def opens_on_months(paragraphs: list[str]) -> bool:
    """An untitled text that opens on a stretch of months other than the half year is a
    progress report (corpus decision 2: quarterly progress items → report)."""
    return any(_MONTHS_SPAN.match(p) for p in opening_paragraphs(paragraphs)[:1])


# 辛集着力实施县域科技创新跃升计划: a headline about carrying out a programme, not a plan's title.
_PROGRAMME_HEADLINE = re.compile(r"(?:实施|推进|着力|开展|启动|落实|推动)[^，。]{0,14}计划")
_PLAN_TYPES = (("plan",), ("points",))


# 浙江官方对外公布《…关于下达2020年…发展计划的通知》: news that opens on a plan being issued.
# 现将《…行动计划（2023—2027年）》印发给你们: the notice that issues a plan.
_NOTICE_ISSUES = re.compile(r"现将《[^》]{0,40}(?:计划|要点|方案|规划)[^》]{0,16}》印发")
_PLAN_ISSUED = re.compile(
    r"(?:印发|下达|公布|发布)[^。]{0,12}《[^》]{0,30}\d{4}年[^》]{0,30}(?:计划|要点)(?:的通知)?》"
    "|" + _NOTICE_ISSUES.pattern
)


def reads_as_plan(title: str, types: tuple[str, ...], opening: tuple[str, ...] = ()) -> bool:
    """Whether every figure of the text states a goal: a plan or points document, a
    reprint of one whose title names it (XX县2024年科技工作要点 on a news site), or news
    that opens on the plan being issued."""
    if types in _PLAN_TYPES or any(_PLAN_ISSUED.search(p) for p in opening):
        return True
    return (title_types(title) in _PLAN_TYPES and not _PROGRAMME_HEADLINE.search(title)
            and not _REVIEWED_PLAN.search(title))
