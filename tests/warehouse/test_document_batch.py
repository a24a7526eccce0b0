from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from parsing.records import DocumentHeader, IndicatorRecord
from warehouse.db import writer
from warehouse.document_batch import concat_batches, pack_documents, utc_timestamps
from warehouse.load import load_documents
from warehouse.model import ParsedDocument


def _record(value: float) -> IndicatorRecord:
    return IndicatorRecord("actual", "hte_total", "level", value, "家", False, 2024, None, None, f"达到{value:g}家")


def _doc(url: str, sha: str, values: list[float]) -> ParsedDocument:
    return ParsedDocument(source_id="demo", url=url, content_sha256=sha, fetched_at=datetime.now(UTC),
                          text="正文", header=DocumentHeader("临川市科学技术局", "city", 2024, ("summary",)),
                          records=[_record(v) for v in values], extractor_version="t/1")


def test_chunks_from_several_workers_join_with_their_records_still_attached() -> None:
    first = pack_documents([_doc("http://h/a", "a" * 64, [1, 2])])
    second = pack_documents([_doc("http://h/b", "b" * 64, [3]), _doc("http://h/c", "c" * 64, [4, 5])])
    joined = concat_batches([first, second, pack_documents([])])
    rows = joined.indicators.select(["doc_row", "document_id", "seq", "value"]).to_pylist()
    assert all(r["document_id"] == joined.keys[r["doc_row"]].id for r in rows)
    assert [(r["doc_row"], r["seq"], r["value"]) for r in rows] == [
        (0, 0, 1.0), (0, 1, 2.0), (1, 0, 3.0), (2, 0, 4.0), (2, 1, 5.0)]
    assert joined.documents.column("url").to_pylist() == ["http://h/a", "http://h/b", "http://h/c"]


def test_a_url_fetched_twice_in_one_batch_loads_the_last_fetch_only(db_path: Path) -> None:
    batch = concat_batches([pack_documents([_doc("http://h/a", "a" * 64, [1, 2])]),
                            pack_documents([_doc("http://h/a", "b" * 64, [3])])])
    with writer(db_path) as con:
        result = load_documents(con, batch, "r1")
        values = con.execute("SELECT value FROM indicators").fetchall()
        sha = con.execute("SELECT content_sha256 FROM documents").fetchall()
    assert (len(result.new_ids), result.indicators) == (1, 1)
    assert values == [(3.0,)]
    assert sha == [("b" * 64,)]


def test_moments_are_stored_as_utc_instants() -> None:
    shanghai = timezone(timedelta(hours=8))
    stamps = utc_timestamps([datetime(2026, 3, 1, 8, tzinfo=shanghai), datetime(2026, 3, 1), None])
    assert stamps.type.tz == "UTC"
    midnight = datetime(2026, 3, 1, tzinfo=UTC)
    assert stamps.to_pylist() == [midnight, midnight, None]
