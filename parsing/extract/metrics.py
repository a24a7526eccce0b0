"""The metric alias table (parsing/data/metric_aliases.yaml) as compiled matchers.

The table is data so that analysts can add a province's wording without touching
code; this module only compiles it into one alternation (one scan per sentence)
and implements the "nearest cue wins" choice between a family's keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from parsing.extract.firstchars import guard

TABLE_PATH = Path(__file__).resolve().parent.parent / "data" / "metric_aliases.yaml"


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    units: tuple[str, ...]
    default: str | None
    cue_keys: dict[str, str | None]
    cue_re: re.Pattern[str] | None
    exclude: re.Pattern[str] | None
    weak_re: re.Pattern[str] | None = None  # cues that count only when no other cue is in reach
    # The family a level in % of this subject belongs to (研发经费投入达到1.75% → rd_intensity).
    percent_family: str | None = None
    # The family a sum of money of this subject belongs to (技术合同登记12亿元 → the value).
    money_family: str | None = None

    def report_unit(self, written: str) -> str:
        """Core metrics report the table's unit; 人次 and 件 stay (a visit or a permit is not a person)."""
        return written if written in ("人次", "件") else self.units[0]


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    family: Family


@dataclass(frozen=True, slots=True)
class AliasTable:
    """`scan` finds where aliases are; `pattern` (one named group per family) says
    which family each is.  Capturing groups make the regex engine do more work
    at every text position, so they are only run where the plain scan hit."""

    scan: re.Pattern[str]
    pattern: re.Pattern[str]
    families: dict[str, Family]

    def hits(self, text: str) -> list[Hit]:
        """Every alias occurrence, leftmost-first, as one pass of `pattern` would find them."""
        found: list[Hit] = []
        for candidate in self.scan.finditer(text):
            match = self.pattern.match(text, candidate.start())
            if match is not None:
                found.append(Hit(match.start(), match.end(), self.families[match.lastgroup or ""]))
        return found


def _alternation(words: list[str]) -> re.Pattern[str] | None:
    ordered = sorted(words, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered))) if ordered else None


def _family(index: int, spec: dict[str, Any]) -> Family:
    cue_keys: dict[str, str | None] = {}
    weak: list[str] = []
    for variant in spec.get("variants") or ():
        for cue in variant["cues"]:
            cue_keys.setdefault(cue, variant["key"])
        for cue in variant.get("weak_cues") or ():
            cue_keys.setdefault(cue, variant["key"])
            weak.append(cue)
    return Family(
        name=f"f{index}",
        units=tuple(spec["units"]),
        default=spec.get("default"),
        cue_keys=cue_keys,
        cue_re=_alternation([cue for cue in cue_keys if cue not in weak]),
        exclude=re.compile(spec["exclude"]) if spec.get("exclude") else None,
        weak_re=_alternation(weak),
        percent_family=spec.get("percent_family"),
        money_family=spec.get("money_family"),
    )


_OPENS_WITH_LITERAL = re.compile(r"[^\\()\[\]{}?*+|^$.]")


def _quick_to_reject(alias: str) -> str:
    """The alias, guarded by its first characters unless it opens with a literal.

    The regex engine skips an alternative that opens with a literal (or a class)
    after one comparison; `(?:全社会)?(?:研发|R&D…)` would otherwise be tried in full
    at every candidate position.
    """
    return alias if _OPENS_WITH_LITERAL.match(alias) else f"{guard(alias)}(?:{alias})"


def build_table(specs: list[dict[str, Any]]) -> AliasTable:
    """Compile a list of family specs (the YAML's `metrics`) into one matcher."""
    families = {f"f{i}": _family(i, spec) for i, spec in enumerate(specs)}
    groups = "|".join(f"(?P<f{i}>{'|'.join(spec['aliases'])})" for i, spec in enumerate(specs))
    plain = "|".join(_quick_to_reject(alias) for spec in specs for alias in spec["aliases"])
    return AliasTable(re.compile(guard(plain) + f"(?:{plain})"), re.compile(groups), families)


def family_named(default: str) -> Family | None:
    """The shipped family whose default key is `default`."""
    return next((f for f in alias_table().families.values() if f.default == default), None)


@lru_cache(maxsize=64)
def family_of_key(key: str) -> Family | None:
    """The shipped family one of whose keys `key` is (hte_new → the 高新技术企业 family)."""
    for family in alias_table().families.values():
        if key == family.default or key in family.cue_keys.values():
            return family
    return None


@lru_cache(maxsize=1)
def alias_table() -> AliasTable:
    """The shipped table, loaded once per process."""
    data = yaml.safe_load(TABLE_PATH.read_text(encoding="utf-8"))
    return build_table(data["metrics"])


def _nearest_cue(cues: re.Pattern[str], text: str, anchor: int) -> tuple[int, str] | None:
    best: tuple[int, str] | None = None
    for match in cues.finditer(text):
        distance = anchor - match.end() if match.end() <= anchor else match.start() - anchor
        if best is None or abs(distance) < best[0]:
            best = (abs(distance), match.group())
    return best


def choose_key(family: Family, clause: str, anchor: int, earlier: str = "") -> str | None:
    """The family's key for a figure at `anchor` in `clause`.

    The nearest cue decides (申报 747 家 vs 通过认定 626 家); a clause with no cue
    borrows the last cue of the clause before it (力争申报A1家，B5家以上). Weak cues
    (达到, a verb any count takes) decide only when no other cue is in reach:
    新认定高新技术企业达到35家 counts new ones.
    """
    found = None
    for cues in (family.cue_re, family.weak_re):
        if cues is not None and found is None:
            found = _nearest_cue(cues, clause, anchor)
            if found is None and earlier:
                found = _nearest_cue(cues, earlier, len(earlier))
    return family.default if found is None else family.cue_keys[found[1]]
