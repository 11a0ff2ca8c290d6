"""The timeline's documents: one marker per document, grouped by coverage (colour, shape and glyph in the
legend), labelled with its symbol while the chart is not crowded, with a hover that names its issuer and coverage.

Documents the corpus does not hold are drawn hollow and grey and labelled "not held". Part of `figures.timeline.chart`,
which lays out the rows and draws the frame.
"""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures.coverage import COVERAGE_STYLE, coverage_label, source_kind_label
from dashboard.figures.template import escape
from dashboard.figures.timeline.points import arr, ids, nums, wrap
from dashboard.figures.timeline.rows import LABEL_LIMIT, TimelineDoc
from dashboard.figures.timeline.text import text


def add_documents(
    fig: go.Figure, docs: list[TimelineDoc], rows: dict[str, int], lang: str, *, click: bool = True
) -> None:
    """Add one trace of document markers per coverage (full, partial, summary, not held) to `fig`; with
    `click` a held document's hover says that a click opens it."""
    labels = len(docs) <= LABEL_LIMIT
    for key in ("full", "partial", "summary", "not_held"):
        group = [d for d in docs if d.coverage == key]
        if not group:
            continue
        style = COVERAGE_STYLE[key]
        # a document known only through references is a placeholder: its one-line label sits to the right of
        # its mark, clear of the year labels that hang under the horizon bar of the row above
        held = key != "not_held"
        label = (
            (lambda d: f"<b>{escape(d.symbol)}</b> {style['glyph']} ")
            if held
            else (lambda d: f" <b>{escape(d.symbol)}</b> ({escape(text('not_held_tag', lang))})")
        )
        fig.add_trace(
            go.Scatter(
                x=arr(d.issued.isoformat() for d in group),
                y=nums(rows[d.id] for d in group),
                mode="markers+text" if labels else "markers",
                text=arr(label(d) for d in group) if labels else None,
                textposition="middle left" if held else "middle right",
                textfont={"size": 12, "color": "#8C8C8C" if key == "not_held" else "#222"},
                marker={
                    "symbol": style["symbol"],
                    "size": (15 if key != "not_held" else 13) if labels else 8,
                    "color": style["colour"],
                    "line": {
                        "width": 2 if key == "not_held" else 1.2,
                        "color": style["colour"] if key == "not_held" else "#333",
                    },
                },
                customdata=ids(d.id for d in group),
                hovertext=arr(_document_hover(d, lang, brief=not labels, click=click) for d in group),
                hoverinfo="text",
                name=f"{style['glyph']} {coverage_label(key, lang)}",
                legendgroup="coverage",
                cliponaxis=False,
                legendrank=100 + list(COVERAGE_STYLE).index(key),
            )
        )


def _document_hover(doc: TimelineDoc, lang: str, *, brief: bool = False, click: bool = True) -> str:
    lines = [f"<b>{escape(doc.symbol)}</b> · {doc.issued.isoformat()}", wrap(doc.title, 70)]
    if doc.issuer:
        lines.append(escape(doc.issuer))
    cov = coverage_label(doc.coverage, lang)
    kind = source_kind_label(doc.source_kind, lang)
    lines.append(f"{text('coverage', lang)}: {escape(cov)}{f' ({escape(kind)})' if kind else ''}")
    if doc.coverage_note and not brief:  # a crowded chart keeps hovers short; the document page has the note
        lines.append(f"<i>{wrap(doc.coverage_note, 80)}</i>")
    if doc.held and click:
        lines.append(f"<span style='color:#555'>{text('click', lang)}</span>")
    return "<br>".join(lines)
