"""Plain-text sources of the demo attachments (DOCX/PDF report bodies).

The reports live as reviewable text so that a diff shows what changed in a demo
report; `build_attachments` turns them into the binary files the county site serves.

Format: ``key: value`` lines (output, title, header, date), a ``---`` line, then the
body: ``# `` a chapter heading, ``## `` a section heading, ``| a | b |`` a table row
(the first row of a run is the table head), any other non-empty line a paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

BlockKind = Literal["chapter", "section", "paragraph", "table"]
REQUIRED_FIELDS = ("output", "title", "header", "date")


@dataclass(frozen=True, slots=True)
class Block:
    """One body element; `rows` is filled only for tables, `text` for the rest."""

    kind: BlockKind
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class AttachmentSource:
    output: str
    title: str
    header: str
    date: str
    blocks: tuple[Block, ...]

    @property
    def plain_text(self) -> str:
        """The text a reader should get back from the built file, for tests and README checks."""
        lines = [self.title]
        for block in self.blocks:
            if block.kind == "table":
                lines.extend(" ".join(row) for row in block.rows)
            else:
                lines.append(block.text)
        return "\n".join(lines)


def read_source(path: Path) -> AttachmentSource:
    return parse_source(path.read_text(encoding="utf-8"), origin=str(path))


def parse_source(text: str, origin: str = "<text>") -> AttachmentSource:
    head, separator, body = text.partition("\n---\n")
    if not separator:
        raise ValueError(f"{origin}: missing '---' line between fields and body")
    fields = _parse_fields(head, origin)
    return AttachmentSource(
        output=fields["output"],
        title=fields["title"],
        header=fields["header"],
        date=fields["date"],
        blocks=tuple(_parse_body(body)),
    )


def _parse_fields(head: str, origin: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for number, line in enumerate(head.splitlines(), start=1):
        key, colon, value = line.partition(":")
        if not colon:
            raise ValueError(f"{origin}:{number}: expected 'key: value', got {line!r}")
        fields[key.strip()] = value.strip()
    missing = [name for name in REQUIRED_FIELDS if not fields.get(name)]
    if missing:
        raise ValueError(f"{origin}: missing field(s) {', '.join(missing)}")
    return fields


def _parse_body(body: str) -> list[Block]:
    blocks: list[Block] = []
    table_rows: list[tuple[str, ...]] = []
    for raw_line in body.splitlines():
        line = raw_line.strip()
        if line.startswith("|"):
            table_rows.append(tuple(cell.strip() for cell in line.strip("|").split("|")))
            continue
        if table_rows:
            blocks.append(Block("table", rows=tuple(table_rows)))
            table_rows = []
        if line:
            blocks.append(_text_block(line))
    if table_rows:
        blocks.append(Block("table", rows=tuple(table_rows)))
    return blocks


def _text_block(line: str) -> Block:
    if line.startswith("## "):
        return Block("section", line[3:].strip())
    if line.startswith("# "):
        return Block("chapter", line[2:].strip())
    return Block("paragraph", line)
