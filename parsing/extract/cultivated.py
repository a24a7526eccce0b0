"""培育 in an account of the year is the count reached, in a goal a programme.

A summary's 全市培育国家高新技术企业218家 or 成功培育…13家 reports the firms the place
now has, so the family's own key applies; a plan's bare 培育高新技术企业5家 is a
cultivation programme and stays `other:` (corpus decision on bare 培育 goals).
The alias table marks 培育 as a cue of no key, so the choice is remade here for
actuals with 培育 masked out.
"""

from __future__ import annotations

import re

from parsing.extract.metrics import choose_key
from parsing.extract.state import Figure

# Only a place-wide 培育 (全市培育…) counts: 重点培育, 新培育的12家 and 培育入库 name a pool.
_CULTIVATED = re.compile(r"(?<=全[市县区省])培育(?!库|入库|指导|对象|后备|储备|计划|工程|行动)")


def cultivated_key(text: str, figure: Figure) -> str | None:
    """The key of an actual whose only cue was a bare 培育, else None."""
    family = figure.family
    window = text[figure.clause[0] : figure.mention.start]
    if family is None or not _CULTIVATED.search(window):
        return None
    masked = _CULTIVATED.sub("  ", window)
    return choose_key(family, masked, len(masked))
