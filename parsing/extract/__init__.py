"""Indicator extraction from 科技局 work reports (INDICATORS.md).

`extract_indicators(text)` is a pure function: clean text → sections → header →
per-sentence figures and rankings → one record per distinct fact.
"""

from __future__ import annotations

from parsing.extract.clauses import (
    SENTENCE,
    bounded,
    continues_goal,
    explicit_year,
    target_cue_end,
    target_cue_start,
)
from parsing.extract.context import Context, Found
from parsing.extract.doctypes import opening_paragraphs, reads_as_plan
from parsing.extract.header import build_header, bureau_place, find_title
from parsing.extract.jurisdiction import ranked_within_city
from parsing.extract.restated import drop_rounded_restatements
from parsing.extract.sections import PLAN_DOCUMENT, Section, tag_sections
from parsing.extract.segment import Carry, segment_records
from parsing.extract.subarea import Home
from parsing.extract.textclean import HEADING_START, paragraphs
from parsing.records import DocumentHeader, Extraction, IndicatorRecord

__all__ = ["extract_indicators"]


def _sentence_records(sentence: str, begin: int, found: Found, section: Section, report_year: int | None,
                      plan_year: int | None, home: Home, carry: Carry, previous: str = "",
                      review: int | None = None) -> list[IndicatorRecord]:
    """Records of the sentence starting at `begin` of the paragraph `found` was scanned in.

    `review`: the past year the paragraph of a plan has been reviewing so far."""
    cue = target_cue_start(sentence, report_year)
    if cue is None and continues_goal(previous, sentence, report_year):
        cue = 0
    dated = f"{review}年，" if review is not None and cue is None else ""
    cue_end = target_cue_end(sentence, cue)
    later = _later_goals(sentence, cue_end, report_year)
    records: list[IndicatorRecord] = []
    offset = 0
    for segment in sentence.split("；"):
        here = found.between(begin + offset, begin + offset + len(segment))
        if here:
            target_from = None if cue is None else cue - offset
            until = None if cue_end is None else cue_end - offset
            shifted = tuple((s - offset, None if e is None else e - offset) for s, e in later)
            ctx = Context(section, report_year, plan_year, dated + sentence[:offset], target_from, home, until,
                          shifted)
            records += segment_records(segment, ctx, here, carry)
        offset += len(segment) + 1
    return records


def _later_goals(sentence: str, after: int | None, report_year: int | None) -> tuple[tuple[int, int | None], ...]:
    """Goal stretches that begin after a past clause ended the first one."""
    found: list[tuple[int, int | None]] = []
    while after is not None:
        cue = target_cue_start(sentence[after:], report_year)
        if cue is None:
            break
        start = after + cue
        end = target_cue_end(sentence, start)
        found.append((start, end))
        after = end if end is not None and end > start else None
    return tuple(found)


def _paragraph_records(body: str, base: int, found: Found, section: Section,
                       header: DocumentHeader, home: Home) -> list[IndicatorRecord]:
    """Records of one paragraph (its heading number removed) that starts at `base` of
    the text `found` was scanned in; sentences without a figure are skipped."""
    plan_year = section.plan_year(header.report_year) if section.mode == "plan" else None
    records: list[IndicatorRecord] = []
    begin = base
    carry = Carry()
    previous = ""
    review: int | None = None
    for sentence in (piece for whole in SENTENCE.findall(body) for piece in bounded(whole)):
        if found.holds(begin, begin + len(sentence)):
            records += _sentence_records(
                sentence, begin, found, section, header.report_year, plan_year, home, carry, previous, review
            )
        begin += len(sentence)
        previous = sentence
        if plan_year is not None:
            review = _review_year(sentence, header.report_year, plan_year, review)
    return records


def _review_year(sentence: str, report_year: int | None, plan_year: int, review: int | None) -> int | None:
    """A plan's paragraph that opens on a past year (2023年，全市高企达到500家。) goes on
    reviewing it in the sentences that state no year and set no goal of their own."""
    if target_cue_start(sentence, report_year) is not None:
        return None
    year = explicit_year(sentence)
    if year is None:
        return review
    return year if year < plan_year else None


def extract_indicators(text: str) -> Extraction:
    """Header and de-duplicated indicator records of one document's text.

    Figures and ranked positions are found in one scan of all paragraphs (neither
    can span a line), and only the sentences holding one are read further.
    """
    paras = paragraphs(text)
    sections = tag_sections(paras)
    header = build_header(paras, sections)
    if reads_as_plan(find_title(paras), header.doc_types, opening_paragraphs(paras)):
        sections = tag_sections(paras, PLAN_DOCUMENT)
    bodies = [HEADING_START.sub("", paragraph, count=1) for paragraph in paras]
    found = Found.scan("\n".join(bodies))
    home = Home(bureau_place(header.bureau), header.level)
    seen: set[tuple[object, ...]] = set()
    positions: dict[tuple[object, ...], str] = {}
    records: list[IndicatorRecord] = []
    base = 0
    for body, section in zip(bodies, sections, strict=True):
        if found.holds(base, base + len(body)):
            for record in _paragraph_records(body, base, found, section, header, home):
                if record.identity() not in seen and not _restated_position(record, positions):
                    seen.add(record.identity())
                    records.append(record)
        base += len(body) + 1
    return Extraction(header=ranked_within_city(header, records, text), records=drop_rounded_restatements(records))


_POSITION_WORDS = 12


def _restated_position(record: IndicatorRecord, positions: dict[tuple[object, ...], str]) -> bool:
    """综合评价排名升至全国第37位 in a headline, the body and a page footer is one ranking of
    no core metric however its subject phrase was cut; the subjects of one list (A、B均居
    全国首位) share one text and stay apart."""
    if record.kind != "ranking" or not record.metric.startswith("other:"):
        return False
    key = (record.measure, record.rank, record.scope, record.text[-_POSITION_WORDS:])
    first = positions.setdefault(key, record.text)
    return first != record.text
