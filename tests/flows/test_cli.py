from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from flows.cli import main
from warehouse.db import writer


@pytest.fixture
def small_db(db_path: Path) -> Path:
    with writer(db_path) as con:
        con.execute("INSERT INTO sources (id, name, level) VALUES ('demo', '临川市科学技术局', 'city')")
    return db_path


def test_sql_formats(small_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    query = "SELECT id, name FROM sources"
    assert main(["sql", "--db", str(small_db), query]) == 0
    assert "临川市科学技术局" in capsys.readouterr().out
    assert main(["sql", "--db", str(small_db), "--format", "csv", query]) == 0
    assert capsys.readouterr().out.splitlines() == ["id,name", "demo,临川市科学技术局"]
    assert main(["sql", "--db", str(small_db), "--format", "json", query]) == 0
    assert json.loads(capsys.readouterr().out) == {"id": "demo", "name": "临川市科学技术局"}


def test_sql_is_read_only_and_reports_errors(small_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sql", "--db", str(small_db), "DELETE FROM sources"]) == 1
    assert "query failed" in capsys.readouterr().err
    assert main(["sql", "--db", str(small_db.parent / "missing.duckdb"), "SELECT 1"]) == 2
    assert "kjwatch run" in capsys.readouterr().err


def test_extract_goes_on_after_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "report.txt"
    good.write_text("临川市科学技术局2024年工作总结\n2024年，全市高新技术企业总数达到1200家，同比增长15%。\n"
                    "2025年工作计划\n力争高新技术企业总数达到1400家。\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(bytes(range(256)) * 64)
    code = main(["extract", "--jsonl", str(empty), str(garbage), str(good), str(tmp_path / "missing.pdf")])
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert code == 1
    assert records[0]["kind"] == "document"
    assert records[0]["doc"] == str(good)
    assert {(r["kind"], r["metric"], r["value"]) for r in records[1:]} >= {
        ("actual", "hte_total", 1200), ("target", "hte_total", 1400)}
    errors = captured.err.strip().splitlines()
    assert any(str(tmp_path / "missing.pdf") in e for e in errors)
    assert all("Traceback" not in e for e in errors)


def test_run_refuses_a_bad_sources_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text("sources:\n  - id: BAD id\n    name: x\n    level: city\n    start_urls: [http://h/]\n",
                       encoding="utf-8")
    code = main(["run", "--sources", str(sources), "--db", str(tmp_path / "db.duckdb"), "--quiet"])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err.startswith("kjwatch: ")
    assert "field 'id'" in err
    assert len(err.splitlines()) == 1


@pytest.mark.e2e
def test_demo_command_prints_what_it_found(tmp_path: Path) -> None:
    """What `make demo` runs, in a subprocess exactly as a user would."""
    env = {**os.environ, "KJWATCH_DB": str(tmp_path / "data" / "kjwatch.duckdb"),
           "KJWATCH_DATA": str(tmp_path / "data" / "raw")}
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "run", "--demo"], env=env, capture_output=True,
                          text=True, timeout=300, check=False, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "documents:" in proc.stdout
    assert "indicators:" in proc.stdout
    assert "alerts:" in proc.stdout
    assert "kjwatch sql" in proc.stdout
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_partitions_by_year(small_db: Path, tmp_path: Path, fmt: str) -> None:
    from datetime import UTC, datetime

    from parsing.records import DocumentHeader, IndicatorRecord
    from warehouse.load import load_documents
    from warehouse.model import ParsedDocument

    record = IndicatorRecord("target", "hte_total", "level", 900.0, "家", False, 2025, None, None, "达到900家")
    doc = ParsedDocument("demo", "http://h/a", "a" * 64, datetime.now(UTC), text="x", records=[record],
                         header=DocumentHeader("临川市科学技术局", "city", 2024, ("plan",)))
    with writer(small_db) as con:
        load_documents(con, [doc], "r1")
    out = tmp_path / "export"
    assert main(["export", "--db", str(small_db), "--format", fmt, str(out)]) == 0
    assert list((out / "indicators" / "year=2025").glob(f"*.{fmt}"))
    assert list((out / "documents" / "year=2024").glob(f"*.{fmt}"))
    # issue 21 item 8: every table and view, and the year typed the same for every reader.
    for name in ("sources", "alerts", "deliveries", "document_versions", "indicator_versions", "metrics",
                 "indicator_latest", "targets_progress", "rankings", "bureau_scorecard"):
        assert (out / f"{name}.{fmt}").exists(), name
    if fmt == "parquet":
        import pyarrow.parquet as pq

        (docs,) = (out / "documents" / "year=2024").glob("*.parquet")
        assert str(pq.read_schema(docs).field("report_year").type) == "int32"
        (rows,) = (out / "indicators" / "year=2025").glob("*.parquet")
        assert str(pq.read_schema(rows).field("indicator_year").type) == "int32"


def test_version_and_several_urls_after_one_flag(capsys: pytest.CaptureFixture[str]) -> None:
    """issue 21 item 9: no --version, and `crawl --url A B` was refused although the README shows it."""
    from flows.cli import build_parser

    with pytest.raises(SystemExit) as shown:
        main(["--version"])
    assert shown.value.code == 0
    assert capsys.readouterr().out.startswith("kjwatch ")
    args = build_parser().parse_args(["crawl", "--url", "http://a.example/", "http://b.example/", "--url",
                                      "http://c.example/"])
    assert args.url == ["http://a.example/", "http://b.example/", "http://c.example/"]


def _parsers(parser: object) -> list[object]:
    import argparse

    found = [parser]
    for action in parser._actions:  # type: ignore[attr-defined]
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                found += _parsers(child)
    return found


def test_every_command_and_flag_has_chinese_and_english_help() -> None:
    """issue 21 item 9: --help was English only and many flags had none."""
    import argparse
    import re

    from flows.cli import build_parser

    missing = []
    for parser in _parsers(build_parser()):
        for action in parser._actions:  # type: ignore[attr-defined]
            if isinstance(action, argparse._HelpAction):
                continue
            text = action.help or ""
            if isinstance(action, argparse._SubParsersAction):
                text = " ".join(a.help or "" for a in action._choices_actions)
            if not (re.search(r"[\u4e00-\u9fff]", text) and re.search(r"[A-Za-z]{3}", text)):
                missing.append(f"{parser.prog} {action.dest}")  # type: ignore[attr-defined]
    assert missing == []


@pytest.mark.e2e
def test_crawl_by_url_names_the_source_after_the_bureau_its_documents_name(tmp_path: Path) -> None:
    """issue 21 item 9: `crawl --url` named the bureau after the host."""
    from flows.demo.server import DemoSites

    db = tmp_path / "k.duckdb"
    with DemoSites() as sites:
        url = sites.urls["trs-city"]
        proc = subprocess.run([sys.executable, "-m", "flows.cli", "crawl", "--url", url, "--db", str(db), "--quiet"],
                              env={**os.environ, "KJWATCH_DATA": str(tmp_path / "raw")}, capture_output=True,
                              text=True, timeout=300, check=False, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        (name,) = con.execute("SELECT name FROM sources WHERE id = 'adhoc-1'").fetchone() or ("",)
        titles = [t for (t,) in con.execute("SELECT title FROM documents").fetchall()]
    assert "127.0.0.1" not in name
    assert name.endswith("科学技术局")
    assert all(title.startswith(name) for title in titles)
