"""Normalise extracted text so indicator patterns see prose as a reader sees it.

Every format leaves its own debris: PDFs break lines where the page wrapped and
repeat headers/page numbers on each page, HTML and PDF both space out CJK text
("分 别 为 823.57 亿 元"), and typists use full-width digits.  Pages may be
separated by form feeds ("\\f"); that is how running headers and footers are found.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Final

from parsing.extract.textclean import METADATA

# Only characters that matter for numbers and identifiers are folded to ASCII;
# Chinese punctuation (，。：；“”) is kept as the reader sees it.
_FOLD: Final = {**{0xFF10 + i: 0x30 + i for i in range(10)},
                **{0xFF21 + i: 0x41 + i for i in range(26)},
                **{0xFF41 + i: 0x61 + i for i in range(26)},
                ord("．"): ".", ord("％"): "%", ord("＋"): "+", ord("－"): "-", ord("／"): "/",
                ord("＝"): "=", ord("＜"): "<", ord("＞"): ">", ord("\u00a0"): " ", ord("\u3000"): " ",
                ord("\u200b"): None, ord("\u200c"): None, ord("\u200d"): None, ord("\ufeff"): None,
                ord("\r"): None, ord("\xad"): None}
_BOOKMARK = re.compile(r"\[bookmark:[^\]\n]*\]")
_SPACES = re.compile(r"[ \x0b]+")
_CJK = r"\u2e80-\u2fff\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uffef"
# A space touching CJK on one side and CJK/number on the other is layout, not meaning.
_LAYOUT_SPACE = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}0-9%])|(?<=[0-9%.]) (?=[{_CJK}%])")
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－─_~～·•\s]*\d{1,4}[-—–－─_~～·•\s]*"
    r"|第\s*\d+\s*页(?:\s*[,，/、]?\s*共\s*\d+\s*页)?"
    r"|共\s*\d+\s*页\s*[,，/、]?\s*第\s*\d+\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}|page\s*\d+(?:\s*of\s*\d+)?)$",
    re.IGNORECASE,
)
_DASHED_NUMBER = re.compile(r"^[-—–－─~～]+\s*\d{1,4}\s*[-—–－─~～]+$")
# Lines that open a heading or list item must stay lines even after an unfinished one.
_LIST_ITEM = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.]|[（(][一二三四五六七八九十百\d]+[）)]|\d{1,2}[、.](?!\d)"
    r"|[①-⑳⑴-⒇]|第[一二三四五六七八九十百\d]+[章节条部分篇]|[一二三四五六七八九十]是"
    r"|附件|[■□●◆◇★☆▲△•·—-]\s?\S)"
)
_TERMINAL = frozenset("。！？!?；;：:…")
_CLOSERS = frozenset("”’」』）)》】")
_OPEN_ENDED = frozenset("，,、（(《“‘【")
_CONTINUATION_START = frozenset("，。、；：！？）》」』”%,.;:!?)")
_FULL_LINE_RATIO: Final = 0.85
_REPEAT_MIN_PAGES: Final = 3
_EDGE_LINES: Final = 2


def clean_text(text: str) -> str:
    """Return the text with layout debris removed, one paragraph per line."""
    text = _BOOKMARK.sub("", text.translate(_FOLD))
    pages = [_tidy_lines(page) for page in text.split("\f")]
    if len(pages) >= _REPEAT_MIN_PAGES:
        pages = _drop_running_lines(pages)
    pages = [_drop_edge_page_numbers(lines) for lines in pages]
    lines = [line for page in pages for line in page if not is_page_number(line)]
    return "\n".join(_join_wrapped(lines))


def _tidy_lines(page: str) -> list[str]:
    """Collapse spaces, drop layout spaces around CJK, trim, and drop blank lines."""
    tidy = []
    for raw in page.split("\n"):
        cells = [_LAYOUT_SPACE.sub("", _SPACES.sub(" ", cell).strip()) for cell in raw.split("\t")]
        line = "\t".join(cells).strip()
        if line:
            tidy.append(line)
    return tidy


def _page_key(line: str) -> str:
    """Running headers differ only in their page number, so digits are masked."""
    return re.sub(r"\d+", "#", line)


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop lines at a page edge that recur at the edge of at least half the pages.

    Finished sentences are never furniture, which protects short pages whose
    body lines all sit at an "edge".
    """
    counts: Counter[str] = Counter()
    for lines in pages:
        edges = {_page_key(line) for line in lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]
                 if not _ends_sentence(line)}
        counts.update(edges)
    threshold = max(_REPEAT_MIN_PAGES - 1, len(pages) // 2)
    running = {key for key, count in counts.items() if count >= threshold}
    cleaned = []
    for lines in pages:
        head = [line for line in lines[:_EDGE_LINES] if _page_key(line) not in running]
        tail_start = max(_EDGE_LINES, len(lines) - _EDGE_LINES)
        tail = [line for line in lines[tail_start:] if _page_key(line) not in running]
        cleaned.append(head + lines[_EDGE_LINES:tail_start] + tail)
    return cleaned


def _drop_edge_page_numbers(lines: list[str]) -> list[str]:
    """A bare number alone at the top or bottom of a page is its page number."""
    while lines and lines[-1].isdigit() and len(lines[-1]) <= 4:
        lines = lines[:-1]
    while lines and lines[0].isdigit() and len(lines[0]) <= 4:
        lines = lines[1:]
    return lines


def _display_width(line: str) -> int:
    return sum(2 if ord(char) > 0x2E80 else 1 for char in line)


def _full_width(lines: list[str]) -> int:
    """The width of a visually full line: wrapped lines are about this wide."""
    widths = sorted(_display_width(line) for line in lines if "\t" not in line)
    if not widths:
        return 0
    return widths[int(len(widths) * 0.8)] if len(widths) >= 5 else widths[-1]


def is_page_number(line: str) -> bool:
    """Page furniture such as "— 3 —", "- 3 -", "第 3 页", "第3页 共10页", "3/10"."""
    if _DASHED_NUMBER.match(line):
        return True
    return not line.isdigit() and bool(_PAGE_NUMBER.match(line)) and any(c.isdigit() for c in line)


def _ends_sentence(line: str) -> bool:
    last = line[-1]
    if last in _CLOSERS and len(line) > 1:
        return line[-2] in _TERMINAL
    return last in _TERMINAL


def _should_join(previous: str, line: str, width: int) -> bool:
    """Layout broke the line if it was cut mid-clause or filled the whole width."""
    if "\t" in previous or "\t" in line or _LIST_ITEM.match(line):
        return False
    if METADATA.match(previous) or METADATA.match(line):  # 索引号：… 生成日期：… is a field, never a wrap
        return False
    if line[0] in _CONTINUATION_START:
        return True
    if _ends_sentence(previous):
        return False
    if previous[-1] in _OPEN_ENDED:
        return True
    return width > 0 and _display_width(previous) >= width * _FULL_LINE_RATIO


def _glue_separator(left: str, right: str) -> str:
    """Wrapped Latin words need their space back; CJK and numbers do not."""
    if left[-1].isascii() and left[-1].isalpha() and right[0].isascii() and right[0].isalnum():
        return " "
    return ""


def _join_wrapped(lines: list[str]) -> list[str]:
    """Merge each line into the previous one when layout, not the author, broke it.

    Pieces are collected and joined once per paragraph: growing a string line by
    line is quadratic on a long table without sentence ends.
    """
    width = _full_width(lines)
    paragraphs: list[list[str]] = []
    previous = ""
    for line in lines:
        if paragraphs and _should_join(previous, line, width):
            paragraphs[-1].append(_glue_separator(previous, line) + line)
        else:
            paragraphs.append([line])
        previous = line
    return ["".join(parts) for parts in paragraphs]
