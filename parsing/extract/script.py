"""Traditional characters and pinyin glosses → the plain simplified text.

Reprints on Hong Kong / Taiwan portals and some doc-sharing sites give reports in
traditional characters, and teaching copies add a pinyin gloss after each word
(專(zhuān)利授權(quán)量).  Every alias and cue table is written in simplified
Chinese, so the text is brought to that form first (OpenCC's phrase-aware t2s
tables, not a hand list) and the glosses are dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_SYLLABLE = f"[a-zü{_TONED}]{{1,6}}"
# A gloss follows a Chinese character and holds one or more pinyin syllables, at
# least one of them tone-marked (so (r&d), (pp) or (a) are never taken for one). The
# bracket comes first and the character is looked back at, so the engine can skip to brackets.
_GLOSS = re.compile(
    rf"[(（](?<=[\u4e00-\u9fff][(（])\s*(?={_SYLLABLE}(?:[\s'’-]*{_SYLLABLE})*\s*[)）])"
    rf"(?=[^)）]*[{_TONED}])[a-zü{_TONED}\s'’-]+[)）]"
)


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """The text in simplified characters without pinyin glosses; simplified text is unchanged."""
    if "(" in text or "（" in text:
        text = _GLOSS.sub("", text)
    return str(_converter().convert(text))
