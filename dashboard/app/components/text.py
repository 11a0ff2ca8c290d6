"""Highlighted text: spans become html.Mark children around plain strings, never an HTML string."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from dash import html

from dashboard.analysis.annotations import HIGHLIGHT_KINDS, Span
from dashboard.app.i18n import t


def highlight(text: str, spans: Iterable[Span | Sequence[Any]]) -> list[str | html.Mark]:
    """Return `text` as children with each span wrapped in html.Mark (class `hl-<kind>`, title as tooltip).

    Spans may be `Span`s or (start, end[, kind[, title]]) tuples; out-of-range and overlapping spans are
    clipped, so any input gives every character of `text` exactly once, in order.
    """
    children: list[str | html.Mark] = []
    cursor = 0
    for span in sorted((_as_span(s) for s in spans), key=lambda s: (s.start, -s.end)):
        start, end = max(span.start, cursor), min(span.end, len(text))
        if end <= start:
            continue
        if start > cursor:
            children.append(text[cursor:start])
        props: dict[str, Any] = {"title": span.title} if span.title else {}
        children.append(html.Mark(text[start:end], className=f"hl hl-{span.kind}", **props))
        cursor = end
    if cursor < len(text):
        children.append(text[cursor:])
    return children


def highlight_legend(kinds: Iterable[str], lang: str) -> html.Div:
    """Return a one-line key to the highlight colours in use."""
    used = [k for k in HIGHLIGHT_KINDS if k in set(kinds)]
    if not used:
        return html.Div(className="d-none")
    return html.Div(
        [html.Span(f"{t('highlight.legend', lang)}: ", className="text-muted")]
        + [html.Mark(t(f"highlight.{k}", lang), className=f"hl hl-{k} me-2") for k in used],
        className="highlight-legend small",
    )


def _as_span(span: Span | Sequence[Any]) -> Span:
    if isinstance(span, Span):
        return span
    start, end, *rest = span
    kind = str(rest[0]) if rest else "query"
    title = str(rest[1]) if len(rest) > 1 else ""
    return Span(int(start), int(end), kind, title)
