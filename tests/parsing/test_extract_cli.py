"""`python -m parsing.extract`: JSON Lines, `doc` as given, encodings, unreadable files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from parsing.extract.__main__ import main

REPO = Path(__file__).resolve().parents[2]
TEXT = "商河县科技局\n2024年工作总结\n全年新认定高新技术企业43家，同比增长20%。\n"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, object]], str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, [json.loads(line) for line in out.splitlines()], err


def test_header_first_then_records_with_doc_as_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.txt"
    path.write_text(TEXT, encoding="utf-8")
    status, lines, _ = run(["--jsonl", str(path)], capsys)
    assert status == 0
    assert lines[0] == {
        "doc": str(path), "kind": "document", "bureau": "商河县科技局", "level": "county",
        "report_year": 2024, "doc_types": ["summary"],
    }
    assert [(x["kind"], x["metric"], x["value"]) for x in lines[1:]] == [
        ("actual", "hte_new", 43.0), ("actual", "hte_new", 20.0),
    ]
    assert all(x["doc"] == str(path) for x in lines)


def test_gb18030_files_are_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(TEXT.encode("gb18030"))
    status, lines, _ = run([str(path)], capsys)
    assert status == 0
    assert lines[0]["bureau"] == "商河县科技局"


def test_unreadable_file_is_reported_and_the_rest_continue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    status, lines, err = run([str(missing), str(good)], capsys)
    assert status == 1
    assert str(missing) in err
    assert len(err.strip().splitlines()) == 1
    assert lines[0]["doc"] == str(good)


def test_module_runs_as_a_program(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(TEXT, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "parsing.extract", "--jsonl", str(path)],
        capture_output=True, text=True, cwd=REPO, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.splitlines()[0])["kind"] == "document"
    assert "ensure_ascii" not in proc.stdout
    assert "商河县" in proc.stdout


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02\x03" * 2000, "binary"),
        (bytes(range(256)) * 400, "binary"),
    ],
)
def test_bad_files_get_one_line_and_the_rest_continue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, reason: str
) -> None:
    bad, good = tmp_path / "bad.txt", tmp_path / "good.txt"
    bad.write_bytes(content)
    good.write_text(TEXT, encoding="utf-8")
    status, lines, err = run([str(bad), str(good)], capsys)
    assert status == 1
    assert err.count("\n") == 1
    assert str(bad) in err
    assert reason in err
    assert lines[0]["doc"] == str(good)


def test_a_few_invalid_bytes_do_not_turn_utf8_into_gbk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes(TEXT.encode("utf-8") * 20 + "高新".encode()[:-1])
    status, lines, _ = run([str(path)], capsys)
    assert status == 0
    assert lines[0]["bureau"] == "商河县科技局"
