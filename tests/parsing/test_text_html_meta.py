"""Dates, titles, 信息公开 tables and attachment links on article pages."""

from __future__ import annotations

import datetime as dt

import pytest

from parsing.convert import document_text
from parsing.html_meta import date_from_url, parse_date


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2024-03-26", dt.date(2024, 3, 26)),
        ("2024/3/26", dt.date(2024, 3, 26)),
        ("2024.03.26 10:30:00", dt.date(2024, 3, 26)),
        ("2024年03月26日", dt.date(2024, 3, 26)),
        ("2024 年 3 月 6 日", dt.date(2024, 3, 6)),
        ("二〇二三年十二月五日", dt.date(2023, 12, 5)),
        ("二○二四年一月三十一日", dt.date(2024, 1, 31)),
        ("二〇二四年十月二十日", dt.date(2024, 10, 20)),
        ("2024-02-30", None),
        ("第2024-13-01号", None),
        ("[03-26]", None),
    ],
)
def test_parse_date_forms(written: str, expected: dt.date | None) -> None:
    assert parse_date(written) == expected


def test_bracketed_month_day_takes_year_from_context() -> None:
    assert parse_date("[03-26]", default_year=2024) == dt.date(2024, 3, 26)
    assert parse_date("（3月6日）", default_year=2023) == dt.date(2023, 3, 6)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://kjj.x.gov.cn/art/2024/3/26/art_1_2.html", dt.date(2024, 3, 26)),
        ("http://kjj.x.gov.cn/xxgk/202403/t20240326_123.html", dt.date(2024, 3, 26)),
        ("http://kjj.x.gov.cn/xxgk/content_88.html", None),
    ],
)
def test_date_from_url(url: str, expected: dt.date | None) -> None:
    assert date_from_url(url) == expected


def _page(body: str, head: str = "") -> bytes:
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>".encode()


PROSE = "<p>" + "全市科技创新工作取得新成效，研发投入持续增长，创新主体不断壮大。" * 3 + "</p>"


def test_short_date_on_page_uses_year_from_url_path() -> None:
    page = _page(f"<div>发布时间：[03-26]</div><div>{PROSE}</div>")
    document = document_text(page, url="http://x.gov.cn/news/2024/0326_1.html")
    assert document.published_at == dt.date(2024, 3, 26)


def test_chinese_numeral_signature_date_is_found() -> None:
    page = _page(f"<div>{PROSE}<p>东江市科学技术局</p><p>二〇二三年十二月五日</p></div>")
    assert document_text(page).published_at == dt.date(2023, 12, 5)


def test_title_tag_with_portal_name_falls_back_to_page_heading() -> None:
    page = _page(f"<h1>关于2023年科技工作的总结报告</h1><div>{PROSE}</div>", "<title>东江市科学技术局</title>")
    assert document_text(page).title == "关于2023年科技工作的总结报告"


def test_title_tag_site_suffix_is_removed() -> None:
    page = _page(f"<div>{PROSE}</div>", "<title>2024年工作要点_东江市科学技术局</title>")
    assert document_text(page).title == "2024年工作要点"


def test_info_list_layout_gives_title_and_date() -> None:
    info = ("<ul class='xxgk-info'><li><b>索引号：</b>123/2024-01</li><li><b>名称：</b>2024年科技工作要点</li>"
            "<li><b>发布日期：</b>2024年01月09日</li></ul>")
    document = document_text(_page(f"{info}<div>{PROSE}</div>", "<title>东江市人民政府</title>"))
    assert document.title == "2024年科技工作要点"
    assert document.published_at == dt.date(2024, 1, 9)
    assert "索引号" not in document.text


def test_script_written_and_iframe_attachments_resolve_against_base_href() -> None:
    script = """<script>document.write("<a href=\\"files/a.doc\\">附件1</a>");
    var hasFJ = '<a href="/up/b.wps">b.wps</a>';</script><iframe src="report.pdf"></iframe>"""
    page = _page(f"<div>{PROSE}</div>{script}", "<base href='http://x.gov.cn/dir/'>")
    urls = [a.url for a in document_text(page, url="http://ignored.example/").attachments]
    assert urls == ["http://x.gov.cn/dir/files/a.doc", "http://x.gov.cn/up/b.wps", "http://x.gov.cn/dir/report.pdf"]


def test_navigation_links_are_not_attachments() -> None:
    page = _page(f"<ul><li><a href='/a.html'>首页</a></li></ul><div>{PROSE}</div><a href='#'>附件</a>")
    assert document_text(page).attachments == []


def test_density_picks_prose_over_link_lists() -> None:
    links = "".join(f"<li><a href='/n/{i}.html'>科技新闻标题第{i}条，内容很长很长很长</a></li>" for i in range(30))
    page = _page(f"<div class='list'><ul>{links}</ul></div><div class='x'>{PROSE}{PROSE}</div>")
    text = document_text(page).text
    assert text.startswith("全市科技创新工作")
    assert "科技新闻标题" not in text


def test_widgets_inside_body_are_stripped() -> None:
    body = (f"<div class='TRS_Editor'>{PROSE}<div class='share'>分享到：微信 微博</div>"
            "<p>【字体：大 中 小】【打印本页】【关闭窗口】</p><p>上一篇：某某通知</p></div>")
    text = document_text(_page(body)).text
    assert text == PROSE[3:-4]
