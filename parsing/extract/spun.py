"""Reprints whose words a synonym spinner replaced (伪原创): back to the plain words.

Content farms repost work-meeting news through a spinner that swaps words for
near-synonyms (研发经费投入增长14.2% → 研发经费加入伸长14.2%, 全国 → 寰宇).  Every
alias and cue table is written in the plain words, so such a text is read back
through the spinner's table (parsing/data/spun_words.yaml).  Only a text showing
several of the spinner's signatures is touched: the replaced words (正在, 加入, 改进)
are ordinary words in plain prose.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

TABLE_PATH = Path(__file__).resolve().parent.parent / "data" / "spun_words.yaml"


@lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern[str], int, re.Pattern[str], dict[str, str]]:
    data = yaml.safe_load(TABLE_PATH.read_text(encoding="utf-8"))
    signatures = re.compile("|".join(map(re.escape, data["signatures"])))
    words: dict[str, str] = data["words"]
    spun = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    return signatures, int(data["min_signatures"]), spun, words


def unspin(text: str) -> str:
    """The text in plain words when it reads as a spinner's output; else unchanged."""
    signatures, needed, spun, words = _table()
    if len(set(signatures.findall(text))) < needed:
        return text
    return spun.sub(lambda match: words[match.group()], text)
