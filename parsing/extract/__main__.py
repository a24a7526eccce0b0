"""`python -m parsing.extract [--jsonl] FILE...`: print header and records as JSON lines.

Output is always JSON Lines (`--jsonl` is accepted so the command reads like the
product's `kjwatch extract --jsonl`).  An unreadable file (missing, empty, binary,
over 60 MB, no decodable text) is reported in one stderr line and skipped; the
exit status is then 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from parsing.extract import extract_indicators

MAX_BYTES = 60 * 1024 * 1024
# A few bad bytes in UTF-8 text (a file cut mid-character) are noise, not GBK.
_STRAY_SHARE = 0.001
_STRAY_CHARS = 4
_BINARY_SHARE = 0.05
_CONTROL = "".join(chr(code) for code in range(32) if chr(code) not in "\t\n\r\f\v")


class UnreadableError(ValueError):
    """The file holds no text this command can read."""


def read_text(path: Path) -> str:
    """UTF-8 (a few stray bytes replaced), else GB18030, which GBK/GB2312 pages use.

    Empty files, binary data and oversized files raise UnreadableError with a
    one-line reason.
    """
    if path.stat().st_size > MAX_BYTES:
        raise UnreadableError(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    data = path.read_bytes()
    if not data.strip():
        raise UnreadableError("empty file")
    text = data.decode("utf-8-sig", errors="replace")
    utf8 = text.count("\ufffd") <= max(_STRAY_CHARS, _STRAY_SHARE * len(text))
    if not utf8:
        text = data.decode("gb18030", errors="replace")
    if _share(text, _CONTROL) > _BINARY_SHARE:
        raise UnreadableError("binary data, not text")
    if not utf8 and _share(text, "\ufffd") > _BINARY_SHARE:
        raise UnreadableError("neither UTF-8 nor GB18030 text")
    return text


def _share(text: str, characters: str) -> float:
    return sum(text.count(ch) for ch in characters) / len(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m parsing.extract", description=__doc__.splitlines()[0])
    parser.add_argument("--jsonl", action="store_true", help="JSON Lines output (the default and only format)")
    parser.add_argument("files", nargs="+", help="text files; `doc` is each path exactly as given")
    args = parser.parse_args(argv)
    status = 0
    for name in args.files:
        try:
            text = read_text(Path(name))
        except (OSError, UnreadableError) as exc:
            print(f"parsing.extract: cannot read {name}: {exc}", file=sys.stderr)
            status = 1
            continue
        result = extract_indicators(text)
        lines = [result.header.to_json(name)] + [r.to_json(name) for r in result.records]
        sys.stdout.write("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
