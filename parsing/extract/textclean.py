"""Raw report text → clean paragraphs the pattern rules can rely on.

Reports arrive as PDF/DOCX/HTML conversions: full-width digits, half-width
punctuation mixed with Chinese punctuation, spaced-out characters, page numbers,
Word bookmarks and lines wrapped inside a word or a number.  Every later rule is
written against one canonical form, so all of that is normalised here once.
"""

from __future__ import annotations

import re
import unicodedata

from parsing.extract.script import to_simplified
from parsing.extract.spun import unspin

_WIDTH_MAP: dict[str, str] = {
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
    **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
    "．": ".",
    "％": "%",
    "﹪": "%",
    "＋": "+",
    "－": "-",
    "＊": "*",
    "／": "/",
    "＆": "&",
    "～": "~",
    "\u3000": " ",
    "\xa0": " ",
    "\t": " ",
    "\u200b": "",
    "\ufeff": "",
    ";": "；",
    "﹔": "；",
    "﹐": "，",
    "﹑": "、",
    "﹕": "：",
    "﹖": "？",
    "﹗": "！",
    "!": "！",
    "?": "？",
    "(": "（",
    ")": "）",
    "〔": "（",
    "〕": "）",
}
# A character class scan touches only the few characters that change; str.translate
# would look every CJK character up in a dict.
_WIDTH = re.compile("[" + "".join(re.escape(ch) for ch in _WIDTH_MAP) + "]")
_RD = re.compile(r"r&d|R&d|r&D")
_GDP = re.compile(r"(?<![A-Za-z])(?:gdp|Gdp)(?![A-Za-z])")  # 占gdp比重: the acronym in any case
# News pages list figures after bullets (●新增… ●力争…): each bullet opens a new line.
_BULLETS = "●■◆★▲"
_BULLET = re.compile(f"(?P<before>[^\\n]?)[ \\t]*[{_BULLETS}][ \\t]*")


_BULLET_LINE = re.compile(f"^[ \\t]*[{_BULLETS}][ \\t]*(?P<item>[^\\n]*?)[ \\t]*$", re.MULTILINE)


def _bullet_item(match: re.Match[str]) -> str:
    """A bulleted line is an item of its own: it ends as a sentence."""
    item = match.group("item")
    return item if not item or item[-1] in "。！？；：" else item + "。"


def _bullet_break(match: re.Match[str]) -> str:
    """A bullet ends the item before it as a sentence (so no wrap joins the two)."""
    before = match.group("before")
    if not before or before in "。！？；：\n":
        return before + "\n"
    return before + "。\n"
_ARTEFACT = re.compile(r"\[(?:bookmark|image|footnote|comment|endnote)[^\]]*\]", re.IGNORECASE)
# Every pass below starts with a literal character (lookbehinds come after it), so
# the regex engine jumps between candidates in C instead of trying every position.
# (`  *`, not ` +`: only a pattern that opens with a plain literal gets that scan.)
_CN_NUM = "[一二三四五六七八九十]"
_PUNCT_PASSES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r",(?<=\d,)(?=\d{3}(?!\d))"), ""),  # 1,234 → 1234
    (re.compile(r","), "，"),
    (re.compile(r":(?<!\d:)|:(?!\d)"), "："),  # 12:30 keeps its colon
    # 一.加强领导: a heading number, as 一、
    (re.compile(rf"\.(?:(?<=^{_CN_NUM}\.)|(?<=^{_CN_NUM}{{2}}\.)|(?<=^{_CN_NUM}{{3}}\.))(?!\d)", re.M), "、"),
    (re.compile(r"\.(?<=[\u4e00-\u9fff）”]\.)(?!\d)"), "。"),
)
_SPACE_PASSES: tuple[tuple[re.Pattern[str], str], ...] = (
    # 平台已达130余个 高新技术企业…: a space after a counted figure, before the next subject,
    # stands for the punctuation a page lost (spaced-out PDF lines were joined before this).
    (re.compile(r"(?<=\d)((?:余|多)?(?:家|个|项|件|人|名|亿元|万元|元|%))[ \t\u3000]+(?=[\u4e00-\u9fff])"), r"\1，"),
    (re.compile(r"  *(?![!-~])"), ""),  # before a Chinese character or a line end: layout
    (re.compile(r"  +"), " "),
    # after a Chinese character or at a line start: layout; inside 12 % or 3. 5: none
    (re.compile(r" (?:(?<![!-~] )|(?<=\d )(?=[%.])|(?<=\d\. )(?=\d))"), ""),
)
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–_~·•]*\s*\d{1,3}\s*[-—–_~·•]*"
    r"|第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?"
    r"|共\s*\d{1,3}\s*页\s*第\s*\d{1,3}\s*页"
    r"|\d{1,3}\s*/\s*\d{1,3})$"
)
HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.是]|（[一二三四五六七八九十\d]{1,3}）|\d{1,2}[.、](?!\d)|[①-⑳])"
)
# A web page's metadata fields (信息公开 catalogue, article info bar): complete
# lines however long, never a sentence broken by a PDF wrap.
METADATA = re.compile(
    r"(?:[-•·*]\s*)?[【\[]?(?:信息名称|标题|索引号|来源|信息来源|发布机构|所属机构|发文机关|发布单位|"
    r"发布时间|发布日期|生成日期|成文日期|发文日期|印发日期|日期|时间|文号|发文字号|"
    r"内容分类|主题分类|信息分类|公开方式|公开范围|有效性|效力状态|浏览次数|浏览量|访问量|点击数|作者|字体)："
)
BREADCRUMB = re.compile(r"[>＞»›]|当前位置|您的位置|所在位置|现在的位置")
# A line that is a page's breadcrumb (您当前的位置：首页>>人大会议>>…) stands alone like a metadata line.
_BREADCRUMB_LINE = re.compile(r"^(?:您?当前(?:的)?位置|您的位置|所在位置|现在的位置|首页\s*[>＞»›])")
# A line ending in a table border (… |) is a cell of its own.
_TERMINAL = frozenset("。！？；：…”」』|｜")
_WRAP_MIN = 20
_HEADING_MAX = 40
_PAGE_WIDTH = 60  # characters a PDF or DOCX line holds at most
_CELL_MAX = 12


# PDF text from embedded fonts (Word/WPS/Chromium exports) often gives Kangxi or supplement
# radicals for the characters they look like: ⼯⾼⽐⻓⼊ are 工高比长入. Kangxi radicals have
# NFKC forms; the simplified supplement radicals are mapped here.
_RADICAL = re.compile("[\u2e80-\u2ef3\u2f00-\u2fd5]")
_SUPPLEMENT = dict(zip(
    "⻅⻆⻈⻉⻋⻐⻓⻔⻙⻚⻛⻜⻠⻢⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
    "见角讠贝车钅长门韦页风飞饣马鱼鸟卤麦黄黾齐齿龙龟",
    strict=True,
))


def _radical_as_character(match: re.Match[str]) -> str:
    char = match.group()
    return _SUPPLEMENT.get(char) or unicodedata.normalize("NFKC", char)


def normalise(text: str) -> str:
    """Text in canonical form (widths, punctuation, spacing); line breaks are kept.

    Applied to the whole text at once: every rule is line-local, and one pass per
    rule is much cheaper than one per line.  Spaces next to a Chinese character
    are layout (分 别 为) and go; between ASCII words one stays.
    """
    if _RADICAL.search(text):
        text = _RADICAL.sub(_radical_as_character, text)
    text = unspin(to_simplified(text))
    if "r&" in text or "R&d" in text:
        text = _RD.sub("R&D", text)
    if "dp" in text:
        text = _GDP.sub("GDP", text)
    if any(mark in text for mark in _BULLETS):
        text = _BULLET_LINE.sub(_bullet_item, text)
        text = _BULLET.sub(_bullet_break, text)
    text = _WIDTH.sub(lambda m: _WIDTH_MAP[m.group()], text)
    if "[" in text:
        text = _ARTEFACT.sub("", text)
    for pattern, replacement in _PUNCT_PASSES:
        text = pattern.sub(replacement, text)
    if " " in text:
        if _SPACED_OUT.search(text):
            text = _SPACED_LINE.sub(_join_spaced_digits, text)
        for pattern, replacement in _SPACE_PASSES:
            text = pattern.sub(replacement, text)
    text = _UNITLESS_COUNT.sub(r"\1\2家", text)
    text = _UNITLESS_RATE.sub(r"\1\2%", text)
    text = _ROUND_NUMBER.sub(_round_number, text)
    if "%）" in text:
        text = _BRACKETED_RATE.sub(r"\1\2", text)
    if "个亿" in text:
        text = _COLLOQUIAL_YI.sub(r"\1亿", text)
    if "成" in text:
        text = _TENTHS.sub(_tenths_as_percent, text)
    if "/" in text:
        text = _SHARE_FRACTION.sub(_fraction_as_percent, text)
    if "|" in text:
        text = _CELL_BORDER.sub("|\n", text)
    return text


# 全市国家高新技术企业达到38。: a count of firms or platforms whose 家 the page dropped
# (a year such as 企业2023 is left alone).
_UNITLESS_COUNT = re.compile(
    r"((?:企业|创新平台|研发平台|实验室|孵化器|众创空间)(?:数量|总数)?(?:达到|达|为|共|累计)?)"
    r"(?!(?:19|20)\d\d[，。；])(\d{1,5})(?=[，。；])"
)
# 同比增长26.75，占GDP比重达1.91。: a rate whose % the page dropped (a year is left alone).
_UNITLESS_RATE = re.compile(
    r"((?:同比|比上年|较上年)(?:增长|上升|提高|增加|下降)了?|(?:增幅|增速)(?:为|达到?)?|(?:比重|占比)(?:达到?|为))"
    r"(?!(?:19|20)\d\d[，。；,])(\d{1,3}(?:\.\d{1,2})?)(?=[，。；,])"
)
# 突破千家, 超千项, 接近百亿元, 首破百亿元: a round figure said as one numeral character.
_ROUND_NUMBER = re.compile(
    r"((?:突破|超过|超|过|首破|破|逾|近|接近|达到|达)了?)([百千万])(?=亿元|亿|万元|家|项|个|人|件|名|户)"
)
_ROUND_VALUE = {"百": "100", "千": "1000", "万": "10000"}


# 有九个县级市（区）的有效高企数超千家: a bound that places pass, not a figure.
_PLACES_PASSING = re.compile(r"有[一二三四五六七八九十\d]+个[^，。；]{0,8}的[^，。；]{0,16}$")


def _round_number(match: re.Match[str]) -> str:
    if _PLACES_PASSING.search(match.string, max(0, match.start() - 40), match.start()):
        return match.group()
    return match.group(1) + _ROUND_VALUE[match.group(2)]


# 占全市1/8, 占全市比重超1/4: a share written as a fraction is that percentage (12.5%, 25%).
_SHARE_FRACTION = re.compile(r"(占[^，。；\d/]{0,10}?)(?<![\d./])([1-9])/([1-9]\d?)(?![\d./])")


def _fraction_as_percent(match: re.Match[str]) -> str:
    share = 100 * int(match.group(2)) / int(match.group(3))
    return f"{match.group(1)}{share:.2f}".rstrip("0").rstrip(".") + "%"


# 同比净增三成, 增长近两成: a growth in tenths is that percentage (30%, 20%).
_TENTHS = re.compile(
    r"((?:增长|增加|净增|提高|提升|下降|减少)了?(?:近|约|超过?|逾)?)([一二两三四五六七八九])成(?=[，。；、以左多]|$)",
    re.MULTILINE,
)
_TENTH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _tenths_as_percent(match: re.Match[str]) -> str:
    return f"{match.group(1)}{10 * _TENTH_DIGITS[match.group(2)]}%"


# 技术交易额达2个亿: a hundred million said the spoken way.
_COLLOQUIAL_YI = re.compile(r"(\d+(?:\.\d+)?)个亿")
# 科普宣传活动次数 | 3次 | ||||: each cell of a table row is a line of its own (a line ending in
# | closes its paragraph), as when the page gives one cell per line.
_CELL_BORDER = re.compile(r"(?:\s*\|)+\s*(?=[^\s|])")


# Spaced-out PDF text (高 新 技 术 企 业 达 到 1 2 0 家): its digits are spaced out too.
_SPACED_OUT = re.compile(r"[\u4e00-\u9fff] [\u4e00-\u9fff] [\u4e00-\u9fff] ")
_SPACED_LINE = re.compile(r"^.*(?:[\u4e00-\u9fff] [\u4e00-\u9fff] [\u4e00-\u9fff] ).*$", re.MULTILINE)
_DIGIT_CHAIN = re.compile(r"(?<![\d.])\d(?: \.(?= \d))?(?: \d(?: \.(?= \d))?)+(?![\d.])")


def _join_spaced_digits(line: re.Match[str]) -> str:
    return _DIGIT_CHAIN.sub(lambda chain: chain.group().replace(" ", ""), line.group())


# 认定数增速（51.6%）、总量增速（26.7%）: a rate's value in brackets right after its name is the
# rate's own figure (a bracket after a place, 滨海新区（2452家）, stays: another area's figure).
_BRACKETED_RATE = re.compile(r"(率|增速|增幅|比重|占比|强度)（(\d+(?:\.\d+)?%)）")


def looks_like_heading(line: str) -> bool:
    """Short lines without sentence punctuation are titles or section headings."""
    if len(line) > _HEADING_MAX or line.endswith("。"):
        return False
    return bool(HEADING_START.match(line)) or not any(ch in line for ch in "，。；")


def _continues(previous: str, length: int, line: str) -> bool:
    """A PDF wrap: the previous line stops mid-sentence and this one is no new block.

    `previous` is the paragraph so far, or only its last line when it is long
    (a long paragraph is no heading either way).
    """
    if previous[-1] in _TERMINAL or HEADING_START.match(line) or METADATA.match(line):
        return False
    if previous[-1].isdigit() and (line[0].isdigit() or line[0] in ".%"):
        return True
    if len(previous) > _PAGE_WIDTH and len(line) <= _CELL_MAX and not any(ch.isdigit() for ch in line):
        return False  # 县发改局 after a web paragraph on one line: a table cell, not a PDF wrap
    return length >= _WRAP_MIN and (length > _HEADING_MAX or not looks_like_heading(previous))


def paragraphs(text: str) -> list[str]:
    """Logical paragraphs: junk lines dropped, wrapped lines re-joined.

    Wrapped lines are collected and joined once, so a table of a million short
    lines without a full stop costs linear time, not quadratic.  A metadata line
    (索引号：…  生成日期：2024-01-11) stands alone: it ends in no full stop, yet the
    title and the body after it are no part of it.
    """
    out: list[str] = []
    parts: list[str] = []
    length = 0
    closed = gap = paged = False
    for raw in normalise(text).splitlines():
        line = raw.strip()
        if not line:
            gap = gap or not paged  # a blank line ends a web page's paragraph, even mid-sentence
            continue
        if _PAGE_NUMBER.match(line):
            gap, paged = False, True  # …同比增长 / — 3 — / 2.1个百分点: a PDF page break
            continue
        paged, gapped, gap = False, gap, False
        tail = parts[-1] if length > _HEADING_MAX else "".join(parts)
        if parts and not closed and not gapped and _continues(tail, length, line):
            parts.append(line)
            length += len(line)
            continue
        if parts:
            out.append("".join(parts))
        parts, length = [line], len(line)
        closed = METADATA.match(line) is not None or _BREADCRUMB_LINE.match(line) is not None
    if parts:
        out.append("".join(parts))
    return _joined_value_cells(out) if "|" in text else out


# 科普宣传活动次数 | 3次 |: a cell holding only a value belongs to the name cell before it.
_VALUE_CELL = re.compile(r"[\d.]+\s*[^\s\d|｜]{0,3}?(?:以上|以下|左右)?[\s|｜]*")
_NAME_CELL = re.compile(r"[^\d，。；|｜]{2,30}[|｜][\s|｜]*")


def _joined_value_cells(paragraphs: list[str]) -> list[str]:
    joined: list[str] = []
    for paragraph in paragraphs:
        if joined and _VALUE_CELL.fullmatch(paragraph) and _NAME_CELL.fullmatch(joined[-1]):
            joined[-1] = joined[-1].rstrip("|｜ ") + paragraph
        else:
            joined.append(paragraph)
    return joined
