"""Indicator extraction from 科技局 work reports (INDICATORS.md).

`extract_indicators(text)` is a pure function: clean text → sections → header →
per-sentence figures and rankings → one record per distinct fact.
"""

from __future__ import annotations

from parsing.extract.clauses import SENTENCE_BREAKS, target_cue_start
from parsing.extract.header import build_header
from parsing.extract.sections import Section, tag_sections
from parsing.extract.segment import Context, segment_records
from parsing.extract.textclean import HEADING_START, paragraphs
from parsing.records import DocumentHeader, Extraction, IndicatorRecord

__all__ = ["extract_indicators"]


def _paragraph_records(paragraph: str, section: Section, header: DocumentHeader) -> list[IndicatorRecord]:
    plan_year = section.plan_year(header.report_year) if section.mode == "plan" else None
    records: list[IndicatorRecord] = []
    for sentence in SENTENCE_BREAKS.split(HEADING_START.sub("", paragraph, count=1)):
        cue = target_cue_start(sentence)
        offset = 0
        for segment in sentence.split("；"):
            target_from = None if cue is None else cue - offset
            ctx = Context(section, header.report_year, plan_year, sentence[:offset], target_from)
            records += segment_records(segment, ctx)
            offset += len(segment) + 1
    return records


def extract_indicators(text: str) -> Extraction:
    """Header and de-duplicated indicator records of one document's text."""
    paras = paragraphs(text)
    sections = tag_sections(paras)
    header = build_header(paras, sections)
    seen: set[tuple[object, ...]] = set()
    records: list[IndicatorRecord] = []
    for paragraph, section in zip(paras, sections, strict=True):
        for record in _paragraph_records(paragraph, section, header):
            if record.identity() not in seen:
                seen.add(record.identity())
                records.append(record)
    return Extraction(header=header, records=records)
