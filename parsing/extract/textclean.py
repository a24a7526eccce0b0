"""Raw report text → clean paragraphs the pattern rules can rely on.

Reports arrive as PDF/DOCX/HTML conversions: full-width digits, half-width
punctuation mixed with Chinese punctuation, spaced-out characters, page numbers,
Word bookmarks and lines wrapped inside a word or a number.  Every later rule is
written against one canonical form, so all of that is normalised here once.
"""

from __future__ import annotations

import re

_TRANSLATE = str.maketrans(
    {
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
        "!": "！",
        "?": "？",
        "(": "（",
        ")": "）",
        "〔": "（",
        "〕": "）",
    }
)

_ARTEFACT = re.compile(r"\[(?:bookmark|image|footnote|comment|endnote)[^\]]*\]", re.IGNORECASE)
_THOUSANDS = re.compile(r"(\d),(?=\d{3}(?!\d))")
_COMMA = re.compile(r",")
_COLON = re.compile(r"(\d?):(\d?)")
_PERIOD = re.compile(r"([\u4e00-\u9fff）”])\.(?!\d)")
_SPACES = re.compile(r"(.?) +(.?)")
_SPACE_BEFORE_SIGN = re.compile(r"(\d) +(?=[%.])|(\d\.) +(?=\d)")
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–_~·•]*\s*\d{1,3}\s*[-—–_~·•]*"
    r"|第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?"
    r"|共\s*\d{1,3}\s*页\s*第\s*\d{1,3}\s*页"
    r"|\d{1,3}\s*/\s*\d{1,3})$"
)
HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.是]|（[一二三四五六七八九十\d]{1,3}）|\d{1,2}[.、](?!\d)|[①-⑳])"
)
_TERMINAL = frozenset("。！？；：…”」』")
_WRAP_MIN = 20
_HEADING_MAX = 40


def normalise(text: str) -> str:
    """Text in canonical form (widths, punctuation, spacing); line breaks are kept.

    Applied to the whole text at once: every rule is line-local, and one pass per
    rule is much cheaper than one per line.
    """
    text = _ARTEFACT.sub("", text.translate(_TRANSLATE))
    text = _THOUSANDS.sub(r"\1", text)
    text = _COMMA.sub("，", text)
    text = _COLON.sub(_colon, text)
    text = _PERIOD.sub(r"\1。", text)
    text = _SPACES.sub(_space, text)
    return _SPACE_BEFORE_SIGN.sub(lambda m: m.group(1) or m.group(2), text)


def _colon(match: re.Match[str]) -> str:
    """12:30 keeps its colon; every other colon is the Chinese clause mark."""
    left, right = match.group(1), match.group(2)
    return f"{left}{':' if left and right else '：'}{right}"


def _space(match: re.Match[str]) -> str:
    """Spaces next to a Chinese character are layout (分 别 为); between ASCII words one stays."""
    left, right = match.group(1), match.group(2)
    if (left and ord(left) > 0x7F) or (right and ord(right) > 0x7F) or not left or not right:
        return left + right
    return f"{left} {right}"


def looks_like_heading(line: str) -> bool:
    """Short lines without sentence punctuation are titles or section headings."""
    if len(line) > _HEADING_MAX or line.endswith("。"):
        return False
    return bool(HEADING_START.match(line)) or not any(ch in line for ch in "，。；")


def _continues(previous: str, line: str) -> bool:
    """A PDF wrap: the previous line stops mid-sentence and this one is no new block."""
    if previous[-1] in _TERMINAL or HEADING_START.match(line):
        return False
    if previous[-1].isdigit() and (line[0].isdigit() or line[0] in ".%"):
        return True
    return len(previous) >= _WRAP_MIN and not looks_like_heading(previous)


def paragraphs(text: str) -> list[str]:
    """Logical paragraphs: junk lines dropped, wrapped lines re-joined."""
    out: list[str] = []
    for raw in normalise(text).splitlines():
        line = raw.strip()
        if not line or _PAGE_NUMBER.match(line):
            continue
        if out and _continues(out[-1], line):
            out[-1] += line
        else:
            out.append(line)
    return out
