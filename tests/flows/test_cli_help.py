"""`kjwatch <command> --help` for every command of the real parser tree (issue 20): each option
explained in Chinese and English, and the help ending with an example a user can copy."""

from __future__ import annotations

import argparse
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from flows.cli import build_parser, main
from flows.cli_examples import HEADING, command_of, subparsers

CJK = re.compile(r"[\u4e00-\u9fff]")
WORD = re.compile(r"[A-Za-z]{3}")


def _commands() -> list[str]:
    return [command_of(p) for p in subparsers(build_parser())]


def _parser(command: str) -> argparse.ArgumentParser:
    return next(p for p in subparsers(build_parser()) if command_of(p) == command)


def _help_of(command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit) as stopped:
        main([*command.split(), "--help"])
    assert stopped.value.code == 0
    return capsys.readouterr().out


def _example_lines(help_text: str) -> list[str]:
    """The command lines of the example section, which must be the last section of the help."""
    assert HEADING in help_text, "no example section"
    section = help_text.rsplit(HEADING, 1)[1]
    lines = [line.strip() for line in section.strip("\n").splitlines()]
    assert all(line.startswith(("#", "kjwatch")) for line in lines), f"example section is not last: {lines}"
    return [line for line in lines if line.startswith("kjwatch")]


def _argv(example: str) -> list[str]:
    """The arguments after `kjwatch`, without a shell redirect or pipe at the end."""
    words = shlex.split(example, comments=True)
    cut = next((i for i, w in enumerate(words) if w in (">", "|")), len(words))
    return words[1:cut]


def test_the_tree_has_every_command_and_sub_command() -> None:
    assert {"", "run", "crawl", "digest", "reparse", "serve", "extract", "text", "sql", "export", "report",
            "alerts", "alerts test", "alerts list", "alerts channels", "alerts resend", "sources",
            "sources list", "sources add", "sources check", "sources discover"} <= set(_commands())


@pytest.mark.parametrize("command", _commands(), ids=lambda c: c or "kjwatch")
def test_help_ends_with_an_example_of_that_command_that_parses(
        command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    examples = _example_lines(_help_of(command, capsys, monkeypatch))
    assert examples, f"kjwatch {command} --help shows no example command"
    prefix = f"kjwatch {command}".strip()
    for example in examples:
        assert example == prefix or example.startswith(prefix + " "), example
        build_parser().parse_args(_argv(example))  # a usage error would exit 2 and fail the test


@pytest.mark.parametrize("command", _commands(), ids=lambda c: c or "kjwatch")
def test_every_option_is_listed_with_a_chinese_and_english_line(
        command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _help_of(command, capsys, monkeypatch)
    unexplained = []
    for action in _parser(command)._actions:
        lines = [(action.help or "", "/".join(action.option_strings) or action.dest)]
        if isinstance(action, argparse._SubParsersAction):  # the line of each sub-command instead
            lines = [(pseudo.help or "", pseudo.dest) for pseudo in action._choices_actions]
        unexplained += [name for text, name in lines if not (CJK.search(text) and WORD.search(text))]
        for flag in action.option_strings:
            assert re.search(rf"(^|[ ,]){re.escape(flag)}\b", shown, re.MULTILINE), f"{flag} not in the help"
    assert unexplained == []
    assert "选项 / options" in shown


def test_installed_command_prints_the_example_lines_unwrapped(tmp_path: Path) -> None:
    """Through the real `kjwatch` entry point at 80 columns: the examples keep their own lines
    (argparse's default formatter would run them together into one wrapped paragraph)."""
    kjwatch = Path(sys.executable).with_name("kjwatch")
    checkout = str(Path(__file__).resolve().parents[2])  # this checkout's code, whatever is installed
    proc = subprocess.run([str(kjwatch), "sources", "list", "--help"], capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "80", "PYTHONPATH": checkout}, cwd=tmp_path,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "  kjwatch sources list --missing --tag shandong --level county" in lines
    assert lines[-1].startswith("  kjwatch sources list ")
