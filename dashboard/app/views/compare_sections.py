"""The Compare page's section summary: what became in B of each part or item of A, one line each, first on the
page (the comparison's `sections`). Text from documents stays text."""

from __future__ import annotations

from typing import Any

from dash import html

from dashboard.analysis.diff.sections import section_line
from dashboard.app import ids
from dashboard.app.views.compare_text import text


def sections_block(result: dict[str, Any], lang: str) -> html.Section:
    """Return the section-level summary, first on the page: one line per part or item of A saying what became
    of it in B (text, never HTML)."""
    return html.Section(
        [
            html.H2(text("sections", lang), className="h6 mt-3"),
            html.Ul(
                [
                    html.Li(section_line(s, lang), className=f"section-line section-{s['outcome']}",
                            **{"data-outcome": s["outcome"], "data-a": s["a"] or ""})
                    for s in result.get("sections") or []
                ],
                className="compare-sections-list small",
            ),
        ],
        id=ids.COMPARE_SECTIONS,
        className="compare-sections",
    )

