"""Text spans shared by every analysis: the build's table type, the map from a provision's normalised text back
to raw seed offsets, and a set of occupied spans asked "does this span overlap any of them?" in logarithmic time.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from dashboard.corpus.normalise import normalise_text

Row = dict[str, Any]
Tables = dict[str, list[Row]]  # what a build step takes and returns: table name -> rows

_SPACES = set("\u00a0\u2007\u202f\u2002\u2003\u2009\u200a\u3000")
_GLYPHS = {"So", "Cs", "Co", "Cn"}  # icon glyphs, as corpus.normalise drops them
_INVISIBLE = set("\u200b\u200c\u200d\u2060\ufeff\ufe0e\ufe0f\u00ad")


class SpanMap:
    """A provision's text with, for each of its characters, the raw seed span it came from.

    Provision text is `normalise_text(raw[start:end])`; NFC, dropped glyphs and collapsed spaces shift
    offsets, so every analysis matches on the text and asks this map for raw offsets. Built in one pass over the
    raw text (linear), answered in constant time.
    """

    def __init__(self, raw: str, start: int, end: int) -> None:
        self.base, self.end = start, end
        self.text, self.origins = _normalise_with_origins(raw[start:end])
        if self.text != normalise_text(raw[start:end]):  # a normalisation step this mirror does not know
            self.origins = []

    def raw_span(self, a: int, b: int) -> tuple[int, int] | None:
        """Return raw (start, end) for text[a:b], or None when the text cannot be mapped back."""
        if not self.origins or not 0 <= a < b <= len(self.origins):
            return None
        return self.base + self.origins[a][0], self.base + self.origins[b - 1][1]


def _normalise_with_origins(segment: str) -> tuple[str, list[tuple[int, int]]]:
    # the steps of corpus.normalise.normalise_text, one character at a time, keeping where each came from
    chars: list[tuple[str, int, int]] = []
    i, n = 0, len(segment)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(segment[j]):
            j += 1
        cluster = segment[i:j]
        for ch in cluster if cluster.isascii() else unicodedata.normalize("NFC", cluster):
            if ch in _SPACES or ch in "\t\r\f\v\n":
                ch = " "
            elif ch in _INVISIBLE or (not ch.isascii() and unicodedata.category(ch) in _GLYPHS):
                continue
            chars.append((ch, i, j))
        i = j
    out: list[tuple[str, int, int]] = []
    for ch, a, b in chars:
        if ch == " " and (not out or out[-1][0] == " "):
            continue
        out.append((ch, a, b))
    while out and out[-1][0] == " ":
        out.pop()
    return "".join(c for c, _, _ in out), [(a, b) for _, a, b in out]


class Occupied:
    """Spans [start, end) of a text of `size` characters, asked whether a span overlaps any of them.

    The same answer as `not all(b <= s or a >= e for s, e in spans)`, in O(log size) per question and per span
    added, where the list scan grew with the spans found so far (quadratic over a long provision). A Fenwick
    tree over start positions keeps the farthest end of the spans starting at or before each position: [a, b)
    overlaps a span iff some span starts before b and ends after a.
    """

    def __init__(self, size: int, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._reach = [-1] * (size + 2)
        for s, e in spans:
            self.add(s, e)

    def add(self, start: int, end: int) -> None:
        i, reach = start + 1, self._reach
        while i < len(reach):
            if reach[i] < end:
                reach[i] = end
            i += i & -i

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span [s, e) has s < end and e > start."""
        i, farthest, reach = min(end, len(self._reach) - 1), -1, self._reach
        while i > 0:
            if reach[i] > farthest:
                farthest = reach[i]
            i -= i & -i
        return farthest > start

    def free(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps none of the spans."""
        return not self.overlaps(start, end)
