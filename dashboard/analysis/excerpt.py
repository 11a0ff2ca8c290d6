"""A span of a seed text in its context: what the source view shows around a provision, a target, a mention, an
assignment or a piece of theme evidence (every table gives such spans as [start:end) offsets into the seed text
that the package's seed_texts table holds).

Pure: a text and two offsets in, an `Excerpt` out. Offsets from a request are checked here, so that no request
can make the view slice outside the text.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT = 700  # characters shown on each side of the span
MAX_SPAN = 20_000  # characters of a span shown in full; a longer one is cut in the middle


@dataclass(frozen=True)
class Excerpt:
    """The text before the span, the span, and the text after it; `problem` says why no span could be shown."""

    before: str = ""
    span: str = ""
    after: str = ""
    start: int = 0
    end: int = 0
    clipped_before: bool = False  # text precedes `before` in the seed
    clipped_after: bool = False  # text follows `after` in the seed
    problem: str = ""  # "" | "malformed" | "out-of-range" | "empty"


def parse_offset(value: str | None) -> int | None:
    """Return a character offset written in an address (digits only, at most 9 of them), else None."""
    text = (value or "").strip()
    return int(text) if text.isdigit() and len(text) <= 9 else None


def excerpt(text: str, start: int | None, end: int | None, *, context: int = CONTEXT) -> Excerpt:
    """Return `text[start:end]` with up to `context` characters around it, cut at whitespace where one is near.

    A missing or reversed span, or one that runs past the text, gives an Excerpt with `problem` set and the
    beginning of the text as `after` (so the reader still sees the source).
    """
    if not text:
        return Excerpt(problem="empty")
    if start is None or end is None:
        return _opening(text, "malformed")
    if not 0 <= start < end <= len(text):
        return _opening(text, "out-of-range")
    lo = _cut_before(text, max(0, start - context), start)
    hi = _cut_after(text, end, min(len(text), end + context))
    span = text[start:end]
    if len(span) > MAX_SPAN:
        half = MAX_SPAN // 2
        span = f"{span[:half]} … {span[-half:]}"
    return Excerpt(
        before=text[lo:start],
        span=span,
        after=text[end:hi],
        start=start,
        end=end,
        clipped_before=lo > 0,
        clipped_after=hi < len(text),
    )


def _opening(text: str, problem: str) -> Excerpt:
    hi = _cut_after(text, 0, min(len(text), 2 * CONTEXT))
    return Excerpt(after=text[:hi], clipped_after=hi < len(text), problem=problem)


def _cut_before(text: str, lo: int, start: int) -> int:
    # begin the context after a line break or a space close to its edge, not inside a word
    if lo == 0:
        return 0
    for mark in ("\n", " "):
        found = text.find(mark, lo, start)
        if found != -1 and found - lo < 120:
            return found + 1
    return lo


def _cut_after(text: str, end: int, hi: int) -> int:
    if hi >= len(text):
        return len(text)
    for mark in ("\n", " "):
        found = text.rfind(mark, end, hi)
        if found != -1 and hi - found < 120:
            return found
    return hi
