from __future__ import annotations

from spiders.links import is_document_url, page_links, pagination_urls, within_domains

LIST_PAGE = """<html><body>
<ul>
 <li><a href="./202403/t20240326_1.html"
        title="临川市科学技术局2023年工作总结和2024年工作要点">临川市科学技术局2023年...</a></li>
 <li><span onclick="window.open('/col/col9/index.html')">更多</span></li>
</ul>
<meta http-equiv="refresh" content="0; url=/portal/index.html">
<script>function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){}</script>
<script>createPageHTML(3, 0, "index", "html");</script>
</body></html>"""


def test_trs_pagination_classic_signature() -> None:
    urls = pagination_urls("http://h/col/col1/index.html", LIST_PAGE)
    assert urls == ["http://h/col/col1/index_1.html", "http://h/col/col1/index_2.html"]


def test_trs_pagination_hai_yun_signature() -> None:
    body = "<script>createPageHTML('page_div', 4, 1, 'index', 'shtml', 58);</script>"
    urls = pagination_urls("http://h/xxgk/index.shtml", body)
    assert urls == [f"http://h/xxgk/index_{i}.shtml" for i in (1, 2, 3)]


def test_links_include_full_titles_onclick_and_meta_refresh() -> None:
    links = page_links("http://h/col/col1/index.html", LIST_PAGE)
    by_url = {link.url: link.text for link in links}
    assert by_url["http://h/col/col1/202403/t20240326_1.html"] == "临川市科学技术局2023年工作总结和2024年工作要点"
    assert by_url["http://h/col/col9/index.html"] == "更多"
    assert "http://h/portal/index.html" in by_url


def test_document_urls_and_domains() -> None:
    assert is_document_url("http://h/uploads/a.DOCX")
    assert is_document_url("http://h/module/download/downfile.jsp?id=3")
    assert not is_document_url("http://h/art/2024/3/26/art_1.html")
    assert within_domains("http://kjj.example.gov.cn/a", ("example.gov.cn",))
    assert not within_domains("http://evil.com/a", ("example.gov.cn",))
