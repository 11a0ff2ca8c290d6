"""The Compare page's section summary: what became in B of each part or item of A, one line each, first on the
page (the comparison's `sections`). Text from documents stays text."""

from __future__ import annotations

from typing import Any

from dash import html

from dashboard.app import ids
from dashboard.app.views.compare_text import text

SHOWN = 6  # B provisions named in one line; the rest are counted (as analysis.diff.sections does)


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


def section_line(section: dict[str, Any], lang: str) -> str:
    """Return a section's line in `lang`: "7. Environmental cooperation → merged into p13, p14" (the analysis
    writes it in English as `summary`; the words here come from the catalogue)."""
    paths = [str(b).split(":", 1)[-1] for b in section.get("b") or ()]
    names = ", ".join(paths[:SHOWN])
    if len(paths) > SHOWN:
        names = text("section.more", lang, names=names, n=len(paths) - SHOWN)
    said = text(f"section.{section['outcome']}", lang, names=names)
    return said if section["outcome"] == "new" else f"{section['title']} → {said}"
