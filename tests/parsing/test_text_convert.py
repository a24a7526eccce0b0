"""document_text as a whole: limits, JSON shape and error wrapping."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

import parsing.convert as convert
from parsing.convert import DocumentError, DocumentText, Limits, document_text

PAGE = ("<html><head><meta name='ArticleTitle' content='2024年工作要点'><meta name='PubDate' content='2024-03-26'>"
        "</head><body><div class='TRS_Editor'><p>全年新增高新技术企业50家以上，科技型中小企业突破400家。</p>"
        "<a href='a.pdf'>附件</a></div></body></html>").encode()


def test_to_json_has_plain_types_for_the_cli() -> None:
    payload = document_text(PAGE, url="http://x.gov.cn/c/").to_json()
    assert json.loads(json.dumps(payload, ensure_ascii=False)) == {
        "kind": "html",
        "title": "2024年工作要点",
        "published_at": "2024-03-26",
        "text": "全年新增高新技术企业50家以上，科技型中小企业突破400家。\n附件",
        "attachments": [{"url": "http://x.gov.cn/c/a.pdf", "title": "附件"}],
        "warnings": [],
        "text_source": "text",
    }


def test_size_cap_names_the_size() -> None:
    with pytest.raises(DocumentError, match=r"document is 1,000 bytes, over the 999-byte limit"):
        document_text(b"x" * 1000, limits=Limits(max_bytes=999))


def test_unexpected_library_failures_are_wrapped(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*_: object, **__: object) -> None:
        raise KeyError("/Root")

    monkeypatch.setattr(convert, "extract_html", explode)
    with pytest.raises(DocumentError, match=r"cannot read html document: KeyError: '/Root'"):
        document_text(PAGE)


def _nested(depth: int) -> bytes:
    return b"<html><body>" + b"<div>" * depth + "很深的正文。".encode() + b"</div>" * depth + b"</body></html>"


def test_nesting_past_libxml2_default_depth_keeps_its_text() -> None:
    assert document_text(_nested(600)).text == "很深的正文。"


def test_pathological_nesting_is_a_document_error_not_a_recursion_error() -> None:
    with pytest.raises(DocumentError, match="too deeply nested"):
        document_text(_nested(5000))


def test_text_kind_gets_title_and_signature_date() -> None:
    text = "东江市科技局2023年工作总结\n一、总体情况。\n东江市科学技术局\n2024年1月18日\n"
    document = document_text(text.encode())
    assert isinstance(document, DocumentText)
    assert (document.kind, document.title, document.published_at) == (
        "text", "东江市科技局2023年工作总结", dt.date(2024, 1, 18))


def test_document_error_is_exported_and_is_an_exception() -> None:
    assert issubclass(DocumentError, Exception)
    assert convert.DEFAULT_LIMITS.max_bytes == 50 * 1024 * 1024


def test_mutated_documents_only_ever_raise_document_error() -> None:
    """A small deterministic fuzz: corrupt HTML/PDF/DOCX bytes never leak library exceptions."""
    from tests.parsing.test_text_docx import make_docx
    from tests.parsing.test_text_pdf import BODY, make_pdf

    rng = random.Random(7)  # noqa: S311
    seeds = [PAGE, make_pdf([BODY]), make_docx()]
    for _ in range(300):
        data = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 8)):
            position = rng.randrange(len(data))
            data[position:position + rng.randint(0, 50)] = bytes(rng.randrange(256) for _ in range(rng.randint(0, 9)))
        try:
            document_text(bytes(data))
        except DocumentError as error:
            assert "\n" not in str(error)  # noqa: PT017
