from __future__ import annotations

from parsing.extract import extract_indicators
from parsing.extract.script import to_simplified


def test_traditional_characters_read_as_simplified() -> None:
    assert to_simplified("高新技術企業達到1200家") == "高新技术企业达到1200家"


def test_pinyin_glosses_are_dropped() -> None:
    assert to_simplified("專(zhuān)利授權(quán)量") == "专利授权量"


def test_latin_parentheses_are_no_gloss() -> None:
    assert to_simplified("研发(R&D)投入和(pp)") == "研发(R&D)投入和(pp)"


def test_glossed_traditional_report_gives_the_plain_records() -> None:
    plain = extract_indicators("全年新增高新技术企业120家。")
    glossed = extract_indicators("全年新增高(gāo)新技術(shù)企業(yè)120家。")
    assert glossed.records == plain.records != []
