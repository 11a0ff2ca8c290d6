"""Clauses for the theme tagger (analysis.themes): the side clause a marker opens, where a clause starts, and
whether a position lies inside one of a set of spans."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache
from itertools import accumulate

_CLAUSE_END = re.compile(r"[;.](?:\s|$)|$")
_CLAUSE_START = re.compile(r"[;.:](?:\s|$)")
# a provision's own marker is not a word of its sentence: "a)", "3.", "01", "-", "Part V"
_LEADING_MARKER = re.compile(r"^\s*(?:\(?[0-9a-zA-Z]{1,3}[.)]|0\d|[-–•*])?\s*")
_LETTER = re.compile(r"[^\W\d_]")


def side_clause(text: str, at: int, *, after_comma: bool) -> tuple[int, int]:
    """Return the span of the side clause a marker at `at` opens, or (-1, -1) when it opens none.

    A marker opens none at the start of its sentence ("Contribute to maintaining peace"), nor, for a
    participle, unless a comma stands before it.
    """
    if after_comma and not _comma_before(text, at):
        return -1, -1
    before = text[_clause_start(text, at) : at]
    before = _LEADING_MARKER.sub("", before, count=1)
    if not _LETTER.search(before):
        return -1, -1
    end = _CLAUSE_END.search(text, at)
    return at, end.start() if end else len(text)


def _comma_before(text: str, at: int) -> bool:
    """Whether the last character before `at` that is not white space is a comma (text[:at].rstrip()
    .endswith(","), without copying the text up to `at` for every marker)."""
    i = at - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i >= 0 and text[i] == ","


def _clause_start(text: str, at: int) -> int:
    """Return where the last clause start in text[:at] ends, as `_CLAUSE_START.finditer(text, 0, at)` finds
    it: from the text's clause starts found once, by bisection (a mark just before `at` ends at `at`, its `$`)."""
    if at and text[at - 1] in ";.:":
        return at
    ends = _clause_start_ends(text)
    i = bisect_right(ends, at)
    return ends[i - 1] if i else 0


@lru_cache(maxsize=8)
def _clause_start_ends(text: str) -> list[int]:
    return [m.end() for m in _CLAUSE_START.finditer(text)]


def in_any(spans: list[tuple[int, int]]) -> Callable[[int], bool]:
    """Return a test of whether a position lies in one of `spans` ([lo, hi), possibly overlapping; lo < 0 is no
    span), answered by bisection over the spans sorted by start with the running maximum of their ends."""
    ordered = sorted((lo, hi) for lo, hi in spans if lo >= 0)
    los = [lo for lo, _ in ordered]
    reach = list(accumulate((hi for _, hi in ordered), max))

    def inside(at: int) -> bool:
        i = bisect_right(los, at)
        return bool(i) and reach[i - 1] > at

    return inside
