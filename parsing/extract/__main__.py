"""`python -m parsing.extract [--jsonl] FILE...`: print header and records as JSON lines.

Output is always JSON Lines (`--jsonl` is accepted so the command reads like the
product's `kjwatch extract --jsonl`).  An unreadable file is reported on stderr
and skipped; the exit status is then 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from parsing.extract import extract_indicators


def read_text(path: Path) -> str:
    """UTF-8, else GB18030 (which decodes any byte string GBK/GB2312 pages use)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m parsing.extract", description=__doc__.splitlines()[0])
    parser.add_argument("--jsonl", action="store_true", help="JSON Lines output (the default and only format)")
    parser.add_argument("files", nargs="+", help="text files; `doc` is each path exactly as given")
    args = parser.parse_args(argv)
    status = 0
    for name in args.files:
        try:
            text = read_text(Path(name))
        except (OSError, UnicodeDecodeError) as exc:
            print(f"parsing.extract: cannot read {name}: {exc}", file=sys.stderr)
            status = 1
            continue
        result = extract_indicators(text)
        lines = [result.header.to_json(name)] + [r.to_json(name) for r in result.records]
        sys.stdout.write("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
