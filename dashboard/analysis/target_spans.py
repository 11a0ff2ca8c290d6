"""A target found in a provision's text (`Target`), and where years, stages, clauses, names and sentences start
and end in that text, for the target extractor (analysis.targets)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from dashboard.analysis.target_patterns import CLAUSE_END, SENTENCE_END


@dataclass(frozen=True)
class Target:
    """One target, horizon or figure found in a text, with its span in that text."""

    kind: str
    start: int
    end: int
    surface: str
    start_year: int | None = None
    end_year: int | None = None
    value: float | None = None
    unit: str = ""
    programme: str = ""
    stage: str = ""
    notes: tuple[str, ...] = field(default=())


def first_year(m: re.Match[str]) -> int:
    """Return the first year a phrase matched (its English or its Vietnamese alternative)."""
    return int(next(g for g in m.groups() if g))


def stage_name(m: re.Match[str]) -> str:
    return f"{' '.join(m.group(1).split()).capitalize()} {m.group(2).upper()}"


def clause_start_at(text: str, at: int) -> int:
    # the last clause end at or before `at`, from the text's clause ends found once (bisect: no rescan per match);
    # a "." just before `at` ends a clause there as when the text is read up to `at` only
    if at and CLAUSE_END.match(text, at - 1, at):
        return at
    ends = _ends(CLAUSE_END, text)
    i = bisect_right(ends, at)
    return ends[i - 1] if i else 0


def name_start(text: str, clause_start: int, at: int) -> int:
    words = list(re.finditer(r"\S+", text[clause_start:at]))
    start = at
    for w in reversed(words[1:]):  # the clause's first word is a verb or an article, not part of the name
        if not w.group(0)[:1].isupper():
            break
        start = clause_start + w.start()
    return start


def name_before(text: str, at: int) -> str:
    start = name_start(text, clause_start_at(text, at), at)
    return text[start:at]


def sentence_bounds(text: str, at: int) -> tuple[int, int]:
    ends = _ends(SENTENCE_END, text)
    i = bisect_right(ends, at)
    return (ends[i - 1] if i else 0), (ends[i] if i < len(ends) else len(text))


def inside_spans(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of `spans` (sorted, not overlapping: a pattern's matches)."""
    i = bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][1] >= end


@lru_cache(maxsize=8)
def _ends(pattern: re.Pattern[str], text: str) -> list[int]:
    """Return where each match of `pattern` ends in `text`, found once per text (the extraction of one
    provision asks for many positions in the same text)."""
    return [m.end() for m in pattern.finditer(text)]
