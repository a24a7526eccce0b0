"""Saved pages imitating each CMS: body, title, date and attachments as a reader sees them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from parsing.convert import Attachment, document_text

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"

CASES = {
    "trs_wcm": (
        "http://kjj.dongjiang.gov.cn/xxgk/gzzj/202401/t20240118_512345.html",
        "东江市科学技术局2023年工作总结和2024年工作思路",
        dt.date(2024, 1, 18),
        [Attachment("http://kjj.dongjiang.gov.cn/xxgk/gzzj/202401/P020240118512345678901.pdf",
                    "2023年主要科技指标完成情况.pdf")],
    ),
    "hanweb_jcms": (
        "http://kjj.beishan.gov.cn/art/2024/2/5/art_1229_5566.html",
        "北山市科技局2023年度工作总结",
        dt.date(2024, 2, 5),
        [Attachment("http://kjj.beishan.gov.cn/module/download/downfile.jsp?classid=0&filename=2402051620123.pdf",
                    "2023年度科技统计表.pdf"),
         Attachment("http://kjj.beishan.gov.cn/picture/0/2402051620456.docx", "附件2：重点项目清单.docx")],
    ),
    "xxgk": (
        "https://www.xichuan.gov.cn/xxgk/gzzj/content_88.html",
        "西川市科学技术局关于2023年度科技工作情况的报告",
        dt.date(2023, 12, 8),
        [Attachment("https://www.xichuan.gov.cn/upload/2023/12/kjgzbg.pdf", "kjgzbg.pdf")],
    ),
    "generic_layout": (
        "http://www.nanhu.gov.cn/bmdt/2024/0326_88.html",
        "南湖区科技局2024年工作要点",
        dt.date(2024, 3, 26),
        [],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_page_matches_expected_text_and_metadata(name: str) -> None:
    url, title, published, attachments = CASES[name]
    document = document_text((PAGES / f"{name}.html").read_bytes(), url=url)
    expected = (PAGES / f"{name}.expected.txt").read_text(encoding="utf-8").strip()
    assert document.kind == "html"
    assert document.text == expected
    assert document.title == title
    assert document.published_at == published
    assert document.attachments == attachments
    assert document.warnings == []


@pytest.mark.parametrize("name", sorted(CASES))
def test_page_furniture_is_gone(name: str) -> None:
    url = CASES[name][0]
    text = document_text((PAGES / f"{name}.html").read_bytes(), url=url).text
    for furniture in ("首页", "分享到", "打印", "关闭", "字体", "版权所有", "ICP", "索引号", "当前位置"):
        assert furniture not in text


def test_trs_table_rows_are_lines_with_tab_separated_cells() -> None:
    document = document_text((PAGES / "trs_wcm.html").read_bytes())
    assert "高新技术企业（家）\t1544\t1856" in document.text.split("\n")


def test_trs_full_width_numbers_are_normalised() -> None:
    document = document_text((PAGES / "trs_wcm.html").read_bytes())
    assert "123.45亿元，同比增长15.2%" in document.text


def test_gb2312_layout_page_keeps_source_wrapped_paragraph_whole() -> None:
    document = document_text((PAGES / "generic_layout.html").read_bytes())
    assert "推动规上工业企业研发机构覆盖率达到60%。" in document.text


def test_relative_attachment_links_stay_relative_without_base_url() -> None:
    document = document_text((PAGES / "trs_wcm.html").read_bytes())
    assert document.attachments[0].url == "./P020240118512345678901.pdf"


def test_xxgk_page_without_url_takes_publish_date_from_table() -> None:
    document = document_text((PAGES / "xxgk.html").read_bytes())
    assert document.published_at == dt.date(2023, 12, 8)
