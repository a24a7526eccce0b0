"""The document header: which bureau wrote it, at what level, about which year.

The bureau counts only when named with its place (商河县科技局); 县科技局 or 我局
alone is no name, but still tells the level.  A bureau named only in running
text must agree with the level the text speaks from (我县 / 全县 …), so a county
report citing 济南市科技局 is not taken for the city bureau's own; it agrees too when
the text speaks of its place by the place's own last character (全市 in 邹平市, a
county-level city; 全区 in 淄博高新区 or 广西壮族自治区).
"""

from __future__ import annotations

import re
from collections import Counter

from parsing.extract.doctypes import TITLE_KEYWORD, doc_types
from parsing.extract.gazetteer import ZONE_SUFFIXES, division_level, known_place, place_level
from parsing.extract.jurisdiction import named_place_level, place_counts, province_level_self, spoken_level
from parsing.extract.report_year import TITLE_LINES, any_year, published_year, report_year
from parsing.extract.sections import YEAR, Section
from parsing.extract.subject_place import headline_place, lower_than, subject_level
from parsing.extract.textclean import BREADCRUMB, METADATA
from parsing.records import DocumentHeader, Level

_ORG = (
    r"科学技术局|科技局|科学技术厅|科技厅|科学技术委员会|科委|科技创新局|科学技术和工业信息化局|"
    r"科技和工业信息化局|工业和科技局|科技和信息化局|教育和科学技术局|教育和科技局|教育科技局|"
    r"科技和经济委员会|科技经济委员会|科技创新委员会|科学技术和信息化局|科学技术和经济信息化局|"
    r"科技和经济信息化局|科技经济信息化局|科信局|科工信局|科经信局|科工局|科创委|科创局|经济科技局|"
    r"经济和科技局|科技和大数据局|科技与工业信息化局|工业信息化和科学技术局|工业信息化和科技局|新经济和科技局|"
    r"新科局|科促局|科技经信局"
)
# The organ name comes first so the scan jumps from 科/工/教 to 科/工/教; the two
# place characters that must precede it are checked on each hit.
_BUREAU = re.compile(r"(?P<org>" + _ORG + r")")
_PLACE_CHARS = re.compile(r"[\u4e00-\u9fff]{2}$")
_COMMITTEE = re.compile(r"(?:管委会|管理委员会)$")
_PREAMBLE = re.compile(r"^(?:关于)?(?:印发|转发|下达|公布)")
_PLACE_RUN = re.compile(r"[\u4e00-\u9fff]{1,14}$")
# Every branch starts with the one character class, which the regex engine scans
# for in C; the branch is then chosen by what that character was.
_SELF = re.compile(
    r"[我本全省市县区旗州盟](?:(?<=[我本])(?P<own>[省市县区旗州盟])(?![级直属内外])"
    r"|(?<=(?<!占)全)(?P<all>[省市县区旗州盟])(?![^，。；]{0,12}?(?:第|首位|前列|前茅|排名|排位|最))"
    r"|(?<=[省市县区旗州盟])(?:(?P<bureau>" + _ORG + r")|(?P<gov>委(?!员)|政府)))"
)
_SELF_WEIGHT = {"own": 3, "bureau": 3, "gov": 1, "all": 1}
# What 区 means when the text names its own organ by a bare 区 word (高新区科技局,
# 自治区科技厅): 全区 is then the zone or the region, not a 市辖区.
_BARE_AREAS: tuple[tuple[str, Level], ...] = (("自治区", "province"), *((word, "zone") for word in ZONE_SUFFIXES))
# A bureau named in these fields of a page's metadata is the author, as in a title.
_AUTHOR_FIELD = re.compile(r"(?:信息名称|标题|来源|发布机构|所属机构|发文机关|发布单位)：$")
# An organ named as the website a page sits on is no author (湖南省科学技术厅门户网站).
_SITE = ("门户网", "网站", "微信公众号", "公众号")
_BYLINE = re.compile(r"[^（）()，。；]{4,24}[)）]")
# A cover notice names the document it issues: 现将《…工作总结及2016年工作思路》印发给你们.
_ISSUED = re.compile(r"现将《|关于印发《|》[^，。]{0,8}印发给")
_QUOTED = re.compile(r"《([^》]{4,60})》")
_NAMED_TITLE = re.compile(r"(?:[-•·*]\s*)?(?:信息名称|文件名称|名称|标题)\s*[：:]\s*")
_CHAR_LEVEL: dict[str, Level] = {
    "省": "province",
    "市": "city",
    "县": "county",
    "旗": "county",
    "区": "district",
    "州": "city",
    "盟": "city",
}


def self_level(text: str) -> Level | None:
    """The level the text speaks from (我县, 县科技局, 全县 …), by weighted votes.

    县科技局 counts only as a name of its own, not inside 商河县科技局; a bare
    高新区科技局 or 自治区科技厅 is one, and tells what 全区 / 我区 mean.
    """
    votes: Counter[str] = Counter()
    areas: Counter[Level] = Counter()  # what its own organ calls 区: 市辖区, zone or region
    for match in _SELF.finditer(text):
        group = match.lastgroup or ""
        if group in ("own", "all"):
            level_char = match.group(group)
        elif match.start() and _is_cjk(text[match.start() - 1]) and group == "bureau":
            bare = _bare_area(text, match.start())
            if bare is None:
                continue
            areas[bare] += 1
            level_char = "区"
        else:
            level_char = text[match.start()]
            if level_char == "区" and group == "bureau":
                areas["district"] += 1
        votes[level_char] += _SELF_WEIGHT[group]
    if not votes:
        return None
    top = votes.most_common(1)[0][0]
    if top == "区":
        return areas.most_common(1)[0][0] if areas else "district"
    return _CHAR_LEVEL[top]


def _bare_area(text: str, at: int) -> Level | None:
    """The level of a bare 区 word (高新区, 自治区) ending at `at`, with no place before it."""
    for word, level in _BARE_AREAS:
        begin = at + 1 - len(word)
        if begin >= 0 and text.startswith(word, begin) and not (begin and _is_cjk(text[begin - 1])):
            return level
    return None


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


_Candidate = tuple[int, int, str, Level, Level | None]


def _candidates(paragraphs: list[str]) -> list[_Candidate]:
    """(score, -order, name, level, level its place's last character speaks of:
    邹平市 → city) of every bureau named with a known place."""
    found: list[_Candidate] = []
    top = _top_lines(paragraphs)
    for index, paragraph in enumerate(paragraphs):
        for match in _BUREAU.finditer(paragraph):
            shared = _shared_place(paragraph, match.start() - 1, paragraph[match.start() - 1 : match.start()])
            if shared is None and not _PLACE_CHARS.search(paragraph, max(0, match.start() - 2), match.start()):
                continue
            if paragraph.startswith(_SITE, match.end()):
                continue
            run = _PLACE_RUN.search(paragraph, max(0, match.start() - 14), match.start())
            named = _named_place(run.group()) if run else None
            if run is not None and named is None and index in top and run.start() == 0:
                named = _unlisted_place(run.group())  # 青禾县科学技术局 heading the page: a place the gazetteer lacks
            named = named or shared
            if run is None or named is None:
                continue
            place, between, level = named
            standalone = len(paragraph) <= len(place) + len(match.group("org")) + 14
            leads_title = index in top and run.start() == 0
            begins = match.start() - len(between) - len(place)
            sourced = _SOURCED.search(paragraph, max(0, begins - 16), begins) is not None
            score = 5 if standalone or leads_title or sourced or _authored(paragraph, run.start()) else 1
            name = place + between + match.group("org")
            found.append((score, -index, name, level, _CHAR_LEVEL.get(place[-1])))
    return found


_UNLISTED = re.compile(r"(?![各全我本该每诸省市县区]|高新|开发|经开|自治)[^\W\d年月季度半级新_]{2}[省市县区旗州盟]")


def _unlisted_place(run: str) -> tuple[str, str, Level] | None:
    """A place of two characters and its kind (澄川市) that opens the title line."""
    return (run, "", _CHAR_LEVEL[run[-1]]) if _UNLISTED.fullmatch(run) else None


# 记者从南宁市科技局获悉: the bureau a news item's figures come from speaks for it.
_SOURCED = re.compile(r"记者[^，。；]{0,10}?从$")


def _authored(paragraph: str, start: int) -> bool:
    """The name at `start` fills a page's 来源 / 所属机构 … field, or opens a byline
    (（钦州市科技局高新科 廖东颖）): the author, as in a title."""
    opens = start == 1 or (start > 1 and paragraph[start - 2] in "。！？ ")
    if opens and paragraph[start - 1] in "(（" and _BYLINE.match(paragraph, start):
        return True
    return bool(METADATA.match(paragraph)) and _AUTHOR_FIELD.search(paragraph, max(0, start - 5), start) is not None


def _top_lines(paragraphs: list[str]) -> set[int]:
    """The first three lines that may be the title: a page's metadata and
    breadcrumb lines above the title are skipped."""
    top: set[int] = set()
    for index, paragraph in enumerate(paragraphs[:TITLE_LINES]):
        if len(top) < 3 and not METADATA.match(paragraph) and not BREADCRUMB.search(paragraph):
            top.add(index)
    return top


def _shared_place(paragraph: str, start: int, run: str) -> tuple[str, str, Level] | None:
    """陕西省委科技工委书记、省科技厅厅长: a bare 省 after 、 shares the place named before it."""
    if run not in ("省", "市", "县", "区") or paragraph[start - 1 : start] != "、":
        return None
    shared = re.search(r"([\u4e00-\u9fff]{2,6}?" + run + r")(?:委|人民政府|政府)[^、，。；]{0,12}$",
                       paragraph[max(0, start - 30) : start - 1])
    return _named_place(shared.group(1)) if shared else None


def _named_place(run: str) -> tuple[str, str, Level] | None:
    """(place as written, words between place and organ, level) of the Chinese run before
    an organ (the place written may be a chain: 银川市西夏区).

    关于印发 in front and 管委会 behind (…开发区管委会科技局) are not part of the place.
    """
    between = _COMMITTEE.search(run)
    core = _PREAMBLE.sub("", run[: between.start()] if between else run)
    place = known_place(core) if core else None
    level = place_level(place, whole=place == core) if place else None
    if place is None or level is None:
        return None
    return _parents(core[: -len(place)]) + place, between.group() if between else "", level


def _parents(rest: str) -> str:
    """江苏省启东市科技局 / 银川市西夏区科学技术局: the wider places written before the
    bureau's own are part of its name as the text gives it."""
    chain = ""
    while rest:
        parent = known_place(rest)
        if parent is None or division_level(parent) is None:
            break
        chain, rest = parent + chain, rest[: -len(parent)]
    return chain


def bureau_place(bureau: str | None) -> str | None:
    """The place a bureau's name opens with (淄博市科学技术局 → 淄博市)."""
    match = _BUREAU.search(bureau or "")
    named = _named_place(bureau[: match.start()]) if bureau and match and match.start() else None
    return known_place(named[0]) if named else None


_SUBJECT_MENTIONS = 3


def find_bureau(paragraphs: list[str], spoken: Level | None) -> tuple[str | None, Level | None]:
    """The bureau's name and level, or (None, None) when it is never named."""
    totals: dict[str, list[int]] = {}
    levels: dict[str, tuple[Level, Level | None]] = {}
    for score, order, name, level, said in _candidates(paragraphs):
        entry = totals.setdefault(name, [0, order])
        entry[0] += score
        levels[name] = (level, said)
    ranked = sorted(totals.items(), key=lambda item: (-item[1][0], -item[1][1]))
    text = "\n".join(paragraphs)
    headline = headline_place(paragraphs)
    below = place_level(headline) if headline and text.count(headline) >= _SUBJECT_MENTIONS else None
    for name, (score, _) in ranked:
        if score < 5 and _another_place_dominates(text, name):
            continue
        if score < 5 and lower_than(below, levels[name][0]):
            continue  # 河北省科技厅…发布公报 in news headlined on 唐山市: the issuer, not the subject
        if score >= 5 or spoken is None or spoken in levels[name]:
            return name, levels[name][0]
    return None, None


def _another_place_dominates(text: str, name: str) -> bool:
    """A bureau named once in passing (青岛市科技局组织… in an 安顺 report) is a visitor
    when another place of its kind is named more often."""
    place = bureau_place(name)
    if place is None:
        return False
    counts = place_counts(text)
    own = sum(count for other, count in counts.items() if _same_place(other, place))  # 兰州 is 兰州市
    return any(count > own and division_level(other) == division_level(place) and not _same_place(other, place)
               for other, count in counts.items())


def _same_place(one: str, other: str) -> bool:
    return one.startswith(other) or other.startswith(one)


def find_title(paragraphs: list[str]) -> str:
    """The first title-like line (up to its first comma) near the top; a breadcrumb
    (首页 > 政务公开 > 规划计划) names the site's column, not the document; a page's
    信息名称 field holds the title."""
    for paragraph in paragraphs[:TITLE_LINES]:
        if _ISSUED.search(paragraph):
            quoted = "、".join(_QUOTED.findall(paragraph))
            if TITLE_KEYWORD.search(quoted):
                return quoted
    for paragraph in paragraphs[:TITLE_LINES]:
        if BREADCRUMB.search(paragraph):
            continue
        named = _NAMED_TITLE.match(paragraph)
        paragraph = paragraph[named.end() :] if named else paragraph
        head = re.split(r"[，。：]", paragraph, maxsplit=1)[0]
        if head.startswith(_CITING):
            continue  # 根据《…实施方案（2024—2026年）》，…将建立…: a sentence citing a plan, not a title
        keyword = TITLE_KEYWORD.search(head)
        # 2024年是实现“十四五”规划目标任务的关键之年。…: a sentence naming a plan is no title.
        if keyword and (len(paragraph) <= _TITLE_MAX or _DOCUMENT_WORD.search(head)):
            return head
        if len(paragraph) > 2 * _TITLE_MAX and "。" in paragraph:
            break  # the body has begun: a later 推进“双倍增”计划，… is a heading, not the title
    return ""


_TITLE_MAX = 60
_CITING = ("根据", "按照", "依据", "依照", "对照", "结合")
_DOCUMENT_WORD = re.compile(r"总结|计划|要点|报告|方案|汇报|述职|答复|规划(?:$|[（(》”及和与暨])")


def _not_after_publication(year: int, published: int | None) -> int:
    """News cannot report on a year after its page went up: a later year it names most
    (明年目标, 2025年计划 in a 2024 item) is what it announces, not what it is about."""
    return published if published is not None and year > published else year


def build_header(paragraphs: list[str], sections: list[Section]) -> DocumentHeader:
    """The header record of a document."""
    text = "\n".join(paragraphs)
    spoken = self_level(text)
    bureau, level = find_bureau(paragraphs, spoken)
    if level is None:
        level = subject_level(paragraphs, text, spoken)
    if level is None and province_level_self(text, spoken):
        level = "province"
    title = find_title(paragraphs)
    types = doc_types(title, paragraphs)
    year = report_year(title, paragraphs, sections, types)
    if types == ("plan",) and not YEAR.search(title):
        year = published_year(title, paragraphs, types) or year
    if year is None:
        year = published_year(title, paragraphs, types) or any_year(text)
    elif types == ("report",):
        year = _not_after_publication(year, published_year(title, paragraphs, types))
    return DocumentHeader(
        bureau=bureau,
        level=level or spoken_level(text, spoken) or named_place_level(text),
        report_year=year if year is not None else published_year(title, paragraphs, types),
        doc_types=types,
    )
