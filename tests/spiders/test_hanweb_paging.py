from __future__ import annotations

from spiders.hanweb import first_proxy_start, hanweb_column, is_dataproxy_answer, record_links, total_records
from spiders.links import canonical_url, page_links
from spiders.memory import CrawlMemory
from spiders.paging import next_anchor_urls, page_counter, trs_next_pages

JCMS = """<div id="88001"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=12&path=/&columnid=4567&unitid=88001">
</a>]]></nextgroup><recordset>
<record><![CDATA[<li><a href="/art/2024/3/1/art_4567_1.html" title="2024年工作总结">2024年...</a></li>]]></record>
<record><![CDATA[<li><a href="/art/2024/3/2/art_4567_2.html">通知</a></li>]]></record>
</recordset></datastore></script></div>
<script>$('#88001').jpage({ perPage: 1, totalRecord: 5, groupSize: 2,
 proxyUrl: '/module/web/jpage/dataproxy.jsp' });</script>"""


def test_hanweb_records_and_column_come_from_the_datastore_and_script() -> None:
    links = record_links("http://h/col/col4567/index.html", JCMS)
    assert [(link.url, link.text) for link in links] == [
        ("http://h/art/2024/3/1/art_4567_1.html", "2024年工作总结"), ("http://h/art/2024/3/2/art_4567_2.html", "通知")]
    column = hanweb_column("http://h/col/col4567/index.html", JCMS)
    assert column is not None
    assert (column.form["columnid"], column.form["unitid"], column.form["webid"]) == ("4567", "88001", "12")
    assert (column.per_page, column.group_size, column.total) == (1, 2, 5)
    assert first_proxy_start(column, 2) == 3
    url, form = column.group(3)
    assert url == "http://h/module/web/jpage/dataproxy.jsp?startrecord=3&endrecord=4&perpage=1"
    assert form["columnid"] == "4567"


def test_dataproxy_answers_and_their_totals() -> None:
    answer = "<datastore><totalrecord>23</totalrecord><recordset><record><![CDATA[x]]></record></recordset></datastore>"
    assert is_dataproxy_answer(200, answer)
    assert total_records(answer) == 23
    assert not is_dataproxy_answer(405, "<html>405</html>")
    assert hanweb_column("http://h/", "<html>no datastore</html>") is None


def test_pagers_walk_one_page_at_a_time() -> None:
    assert trs_next_pages("http://h/c/index_1.html", 'createPageHTML(3, 1, "index", "html")') == [
        "http://h/c/index_2.html"]
    assert trs_next_pages("http://h/c/index_2.html", 'createPageHTML(3, 2, "index", "html")') == []
    body = "var countPage = 4; var currentPage = 0; createPageHTML(countPage, currentPage, 'index', 'shtml');"
    assert trs_next_pages("http://h/x/index.shtml", body) == ["http://h/x/index_1.shtml"]
    assert page_counter("共3页 当前( 2 / 3 )页") == (2, 3)
    assert page_counter("第2页 共5页") == (2, 5)
    anchors = [("http://h/list_4.html", "下一页"), ("http://h/list.html", "首页")]
    assert next_anchor_urls(anchors, "当前(3/3)页") == []
    assert next_anchor_urls(anchors, "当前(2/3)页") == ["http://h/list_4.html"]


def test_session_ids_and_fragments_are_canonicalised_away() -> None:
    assert canonical_url("http://H/a/t1.html;jsessionid=AB12?x=1&JSESSIONID=9#top") == "http://h/a/t1.html?x=1"
    assert canonical_url("http://h/list.jsp?page=2&phpsessid=zz") == "http://h/list.jsp?page=2"


def test_script_redirects_and_onclick_paths_are_links() -> None:
    body = """<html><head><script>window.location.href = "/portal/main.html";</script></head><body>
    <a href="javascript:;" onclick="changeCatalog('/xxgk/ghjh/list.html')">规划计划</a>
    <iframe src="/frame/list.html"></iframe></body></html>"""
    links = {link.url: link for link in page_links("http://h/", body)}
    assert links["http://h/portal/main.html"].is_automatic
    assert links["http://h/xxgk/ghjh/list.html"].text == "规划计划"
    assert links["http://h/frame/list.html"].via == "frame"


def test_memory_counts_entries_new_to_earlier_crawls_and_to_the_walk(tmp_path) -> None:  # type: ignore[no-untyped-def]
    listed = tmp_path / "listed.txt"
    listed.write_text("http://h/a\n", encoding="utf-8")
    memory = CrawlMemory(None, listed)
    assert memory.note_listed("walk1", ["http://h/a", "http://h/b"]) == 1
    assert memory.note_listed("walk1", ["http://h/b"]) == 0        # an endless pager repeating itself
    assert memory.note_listed("walk2", ["http://h/b"]) == 1        # another list may repeat the homepage's items
    memory.save()
    assert listed.read_text(encoding="utf-8").split() == ["http://h/a", "http://h/b"]
