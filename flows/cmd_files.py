"""`kjwatch extract` and `kjwatch text`: one file at a time, a bad file never stops the rest."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from flows.ocr_setting import document_limits
from parsing.convert import DocumentError, DocumentText, document_text

MAX_INPUT_BYTES = 60 * 1024 * 1024


def _read(path: str) -> DocumentText | None:
    """The file's clean text, or None after one stderr line naming the file."""
    try:
        file = Path(path)
        if file.stat().st_size > MAX_INPUT_BYTES:
            raise DocumentError(f"file is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB")
        return document_text(file.read_bytes(), url=None, limits=document_limits())
    except (DocumentError, OSError, ValueError) as exc:
        print(f"kjwatch: {path}: {exc}", file=sys.stderr)
        return None


def extract(args: argparse.Namespace) -> int:
    from parsing.extract import extract_indicators
    from parsing.extract.doctypes import titled_header

    failed = False
    for path in args.paths:
        page = _read(path)
        if page is None:
            failed = True
            continue
        result = extract_indicators(page.text)
        result.header = titled_header(result.header, page.title, page.text)
        if args.jsonl:
            lines = [result.header.to_json(path)] + [r.to_json(path) for r in result.records]
            sys.stdout.write("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))
        else:
            _print_table(path, result)
    return 1 if failed else 0


def _print_table(path: str, result: object) -> None:
    header = result.header  # type: ignore[attr-defined]
    print(f"# {path}: {header.bureau or '(bureau not named)'} · {header.level or '?'} · "
          f"{header.report_year or '?'} · {','.join(header.doc_types) or '-'}")
    for r in result.records:  # type: ignore[attr-defined]
        value = f"rank {r.rank} {r.scope or ''}" if r.kind == "ranking" else f"{r.value:g} {r.unit or ''}"
        print(f"{r.kind:8} {r.metric:28} {r.measure:10} {r.year or '':>4} {value:>18}  {r.text}")


def text(args: argparse.Namespace) -> int:
    failed = False
    for path in args.paths:
        page = _read(path)
        if page is None:
            failed = True
            continue
        if args.json:
            print(json.dumps({"path": path, **page.to_json()}, ensure_ascii=False))
        else:
            if len(args.paths) > 1:
                print(f"==> {path} <==")
            print(page.text)
    return 1 if failed else 0
