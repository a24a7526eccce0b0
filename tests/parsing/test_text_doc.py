"""Legacy .doc/.wps through antiword or LibreOffice, with stub converters on PATH."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from parsing.convert import DocumentError, Limits, document_text
from parsing.doc_text import INSTALL_HINT
from parsing.sniff import OLE2_MAGIC


def fake_ole2(*streams: str) -> bytes:
    directory = b"".join(name.encode("utf-16-le") + b"\x00\x00" for name in streams)
    return OLE2_MAGIC + b"\x00" * 504 + directory + b"\x00" * 512


WORD = fake_ole2("Root Entry", "WordDocument", "1Table")
# PATH holds only the stub directory, so stubs call coreutils by absolute path.
MKDIR, BASENAME, SLEEP = (shutil.which(tool) or tool for tool in ("mkdir", "basename", "sleep"))


def install_stub(directory: Path, name: str, script: str) -> None:
    path = directory / name
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


@pytest.fixture
def bin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "bin"
    directory.mkdir()
    monkeypatch.setenv("PATH", str(directory))
    return directory


def test_without_converters_the_error_says_what_to_install(bin_dir: Path) -> None:
    with pytest.raises(DocumentError) as raised:
        document_text(WORD)
    assert str(raised.value) == INSTALL_HINT


def test_antiword_output_is_cleaned(bin_dir: Path) -> None:
    install_stub(bin_dir, "antiword", "printf '2023年研发投入达到\\n823亿元。\\n\\n— 1 —\\n'\n")
    document = document_text(WORD)
    assert document.kind == "doc"
    assert document.text == "2023年研发投入达到823亿元。"


def test_wps_falls_back_to_libreoffice_when_antiword_fails(bin_dir: Path) -> None:
    install_stub(bin_dir, "antiword", "echo 'not a Word Document' >&2; exit 1\n")
    install_stub(bin_dir, "soffice", f"""
while [ $# -gt 0 ]; do
  case "$1" in --outdir) shift; out="$1";; *) last="$1";; esac; shift
done
{MKDIR} -p "$out"; name=$({BASENAME} "$last"); printf 'WPS正文内容。\\n' > "$out/${{name%.*}}.txt"
""")
    document = document_text(fake_ole2("Root Entry", "WordDocument", "WpsCustomData"))
    assert (document.kind, document.text) == ("wps", "WPS正文内容。")


def test_all_converters_failing_names_each_reason(bin_dir: Path) -> None:
    install_stub(bin_dir, "antiword", "echo 'not a Word Document' >&2; exit 1\n")
    with pytest.raises(DocumentError, match="antiword: exit status 1: not a Word Document"):
        document_text(WORD)


def test_hanging_converter_is_stopped_by_the_time_limit(bin_dir: Path) -> None:
    install_stub(bin_dir, "antiword", f"exec {SLEEP} 5\n")
    with pytest.raises(DocumentError, match="timed out"):
        document_text(WORD, limits=Limits(max_seconds=0.3))


@pytest.mark.skipif(shutil.which("antiword") is None, reason="antiword not installed")
def test_real_antiword_rejects_a_fake_doc_with_a_one_line_error() -> None:
    with pytest.raises(DocumentError) as raised:
        document_text(WORD)
    assert "\n" not in str(raised.value)
