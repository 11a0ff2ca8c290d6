"""Coverage and source-kind badges, the coverage note banner and theme chips."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from dash import html

from dashboard.app.components.attrs import attrs
from dashboard.app.i18n import theme_label
from dashboard.figures.coverage import (
    COVERAGE_HELP,
    COVERAGE_STYLE,
    coverage_key,
    coverage_label,
    source_kind_label,
)
from dashboard.figures.template import THEME_COLOURS
from dashboard.i18n import localised


def source_badge(
    coverage: Any, source_kind: Any = "", note: Any = "", *, held: Any = True, lang: str = "en"
) -> html.Span:
    """Return a badge like "◐ Partial excerpt · press quotation" whose tooltip is the coverage note.

    Colour, glyph and words all carry the coverage, so the badge reads without colour vision.
    """
    key = coverage_key(coverage, held)
    kind = source_kind_label(source_kind, lang)
    tooltip = _text(note) or COVERAGE_HELP[key].get(lang, COVERAGE_HELP[key]["en"])
    return html.Span(
        [
            html.Span(COVERAGE_STYLE[key]["glyph"], className="badge-glyph", **attrs(aria_hidden="true")),
            html.Span(coverage_label(key, lang)),
            *([html.Span(f" · {kind}", className="badge-kind")] if kind else []),
        ],
        className=f"coverage-badge coverage-{key}",
        title=tooltip,
    )


def coverage_note(document: Mapping[str, Any], lang: str = "en") -> html.Div:
    """Return the banner saying how much of the document the corpus holds and what it lacks."""
    key = coverage_key(document.get("coverage"), document.get("held"))
    help_text = COVERAGE_HELP[key].get(lang, COVERAGE_HELP[key]["en"])
    note = localised(document, "coverage_note", lang)
    return html.Div(
        [
            source_badge(
                document.get("coverage"),
                document.get("source_kind"),
                note,
                held=document.get("held"),
                lang=lang,
            ),
            html.Span(f" {help_text}.", className="coverage-help"),
            *([html.Div(note, className="coverage-text")] if note else []),
        ],
        className=f"coverage-note coverage-note-{key}",
        role="note",
    )


def theme_chip(theme_id: str, lang: str = "en", score: Any = None) -> html.Span:
    """Return a chip in the theme's fixed colour (the same colour as in every chart)."""
    colour = THEME_COLOURS.get(theme_id, "#DDDDDD")
    title = theme_label(theme_id, lang) + (f" ({float(score):.2f})" if _is_number(score) else "")
    return html.Span(
        theme_label(theme_id, lang),
        className="theme-chip",
        title=title,
        style={"backgroundColor": colour, "color": _ink(colour)},
    )


def theme_chips(themes: Iterable[Mapping[str, Any]], lang: str = "en") -> html.Span:
    """Return the chips of a provision's themes (highest score first)."""
    seen: dict[str, Any] = {}
    for row in themes:
        seen.setdefault(str(row.get("theme_id")), row.get("score"))
    return html.Span([theme_chip(tid, lang, score) for tid, score in seen.items()], className="theme-chips")


def _ink(hex_colour: str) -> str:
    """Return black or white, whichever reads better on `hex_colour` (WCAG relative luminance)."""
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    luminance = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#111111" if luminance > 0.22 else "#FFFFFF"


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and value == value
