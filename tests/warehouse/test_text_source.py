"""documents.text_source (migration 0026, issue 18): set when loading, kept when only the
indicators are replaced, and 'text' for documents stored before OCR existed."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from warehouse.db import migrate, writer
from warehouse.load import load_documents, replace_indicators
from warehouse.model import ParsedDocument


def _doc(url: str, source: str | None) -> ParsedDocument:
    return ParsedDocument(source_id="demo", url=url, content_sha256=url[-1] * 64, fetched_at=datetime.now(UTC),
                          text="正文", text_source=source)


def test_text_source_is_stored_and_kept_when_indicators_are_replaced(db_path: Path) -> None:
    with writer(db_path) as con:
        result = load_documents(con, [_doc("http://h/a", "ocr"), _doc("http://h/b", "text")], "r1")
        replace_indicators(con, result.new_ids[0], "http://h/a", [], "v2")
        rows = con.execute("SELECT url, text_source FROM documents ORDER BY url").fetchall()
    assert rows == [("http://h/a", "ocr"), ("http://h/b", "text")]


def test_documents_stored_before_the_migration_are_text(db_path: Path) -> None:
    with writer(db_path) as con:
        load_documents(con, [_doc("http://h/a", None)], "r1")
        con.execute("ALTER TABLE documents DROP COLUMN text_source")
        con.execute("DELETE FROM schema_migrations WHERE name LIKE '0026_%'")
        assert [name for name in migrate(con) if name.startswith("0026")] == ["0026_documents_text_source"]
        assert con.execute("SELECT text_source FROM documents").fetchall() == [("text",)]
