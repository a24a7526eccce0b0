"""Which portal links name the searched S&T bureau (flows/discover_links.py)."""

from __future__ import annotations

import pytest

from flows.bureaus_expected import expected_by_code
from flows.discover_links import Link, bureau_link, navigation_weight, page_links, same_site


@pytest.mark.parametrize(("code", "text", "organ", "score"), [
    ("370126", "商河县科学技术局", "商河县科学技术局", 3),
    ("370126", "商河科工局信息公开", "商河县科工局", 3),
    ("370126", "济南市商河县科技和工业信息化局", "商河县科技和工业信息化局", 3),
    ("370126", "商河县科学技术局（知识产权局）", "商河县科学技术局", 3),
    ("370126", "科技局", "商河县科技局", 1),
    ("370126", "县科技局", "商河县科技局", 1),
    ("522600", "黔东南州科技局", "黔东南苗族侗族自治州科技局", 3),
    ("370000", "省科技厅", "山东省科技厅", 1),
    ("110000", "北京市科学技术委员会", "北京市科学技术委员会", 3),
])
def test_a_link_naming_the_bureau(code: str, text: str, organ: str, score: int) -> None:
    found = bureau_link(Link("http://kjj.example/", text), expected_by_code()[code])
    assert found is not None
    assert (found.organ_name, found.score) == (organ, score)


@pytest.mark.parametrize(("code", "text"), [
    ("370126", "济南市科学技术局"),  # the parent's bureau
    ("370126", "市科技局"),  # a generic name of another level
    ("370100", "济南市商河县科技局"),  # a child's bureau
    ("370126", "县科技局关于开展2024年度高新技术企业认定申报工作的通知"),  # a notice, not the organ
    ("370126", "县科学技术协会"),
    ("370126", "县科技馆"),
])
def test_a_link_that_is_not_the_bureau(code: str, text: str) -> None:
    assert bureau_link(Link("http://x.example/", text), expected_by_code()[code]) is None


def test_links_and_drop_down_options_are_read() -> None:
    html = ("<a href='bm.html'> 部门 网站 </a><a href='#top'>顶部</a><a href='javascript:void(0)'>科技局</a>"
            "<a href='http://k.example/'><img title='县科技局'></a>"
            "<select><option value='http://kjj.example/'>县科技局</option><option value=''>请选择</option></select>")
    assert page_links(html, "http://portal.example/a/index.html") == [
        Link("http://portal.example/a/bm.html", "部门网站"), Link("http://kjj.example/", "县科技局")]


def test_navigation_links_and_sites() -> None:
    assert navigation_weight(Link("u", "部门网站")) > navigation_weight(Link("u", "信息公开")) > 0
    assert navigation_weight(Link("u", "首页")) == 0
    assert navigation_weight(Link("u", "关于进一步加强部门预算信息公开工作的通知")) == 0
    assert same_site("http://xxgk.jinan.gov.cn/bm/", "http://www.jinan.gov.cn/")
    assert not same_site("http://www.qingdao.gov.cn/", "http://www.jinan.gov.cn/")
    assert not same_site("http://127.0.0.2/", "http://127.0.0.1/")
