"""The theme heatmap: each theme's weight per document, documents left to right in order of issue and themes
top to bottom in codebook order; the chosen themes' rows and the clicked cell are outlined.

A click on a cell reaches the Themes page with the cell's labels only, which `heatmap_axes` maps back to the
document and the theme. Options as in `figures.themes`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.dataset.load import Dataset
from dashboard.figures.compose import compose
from dashboard.figures.labels import chart_lang, theme_ids, theme_labels, word
from dashboard.figures.registry import Chart, ChartOptions, interactive
from dashboard.figures.template import escape
from dashboard.figures.themes.tables import (
    WORDS,
    chart_basis,
    chart_measure,
    measure_label,
    measures_table,
    no_text_documents,
    theme_caption,
    theme_documents,
)
from dashboard.figures.themes.text import TEXT, cell_text, column_label, hover, subtitle

CELL_TEXT_LIMIT = 14  # above this many documents, heatmap cells carry no printed value (hover only)
# sequential, single hue (ColorBrewer Blues): reads in greyscale and for every colour vision
HEATMAP_SCALE = [[0.0, "#F7FBFF"], [0.15, "#C6DBEF"], [0.4, "#6BAED6"], [0.7, "#2171B5"], [1.0, "#08306B"]]
NO_TEXT = "#E4E4E4"  # cells of a document with no text on the basis
CLICKED = "#D55E00"  # outline of the clicked cell (Okabe-Ito vermilion)


def heatmap_figure(ds: Dataset, options: ChartOptions) -> go.Figure:
    """Return the document × theme heatmap: documents left to right in order of issue (coverage in each
    label), themes top to bottom in codebook order, each cell annotated with its value."""
    lang, measure, basis = chart_lang(options), chart_measure(options), chart_basis(options)
    table = measures_table(ds, options)
    docs = theme_documents(ds, options)
    labels = theme_labels(ds, lang)
    chosen = set(options.themes)
    x_labels, y_labels = heatmap_axes(ds, options)
    x, y, themes = list(x_labels), list(y_labels), list(y_labels.values())
    cells: dict[tuple[Any, Any], Any] = {(r.document_id, r.theme_id): r for r in table.itertuples(index=False)}
    z: list[list[float | None]] = []
    gaps: list[list[int | None]] = []
    printed: list[list[str]] = []
    custom: list[list[list[str]]] = []
    for theme in themes:
        row = [cells.get((d.id, theme)) for d in docs]
        values = [None if r is None or pd.isna(r.value) else float(r.value) for r in row]
        z.append(values)
        gaps.append([1 if v is None else None for v in values])
        printed.append(["–" if v is None else cell_text(v, measure) for v in values])
        custom.append(
            [
                [d.id, theme, hover(d, labels.get(theme, theme), r, lang, click=interactive(options))]
                for d, r in zip(docs, row, strict=True)
            ]
        )
    show_text = len(docs) <= CELL_TEXT_LIMIT
    common: dict[str, Any] = {
        "type": "heatmap",
        "x": x,
        "y": y,
        "customdata": custom,
        "text": printed if show_text else None,
        "texttemplate": "%{text}" if show_text else None,
        "xgap": 2,
        "ygap": 2,
        "hovertemplate": "%{customdata[2]}<extra></extra>",
    }
    top = max([v for values in z for v in values if v is not None] or [1.0])
    data = [
        # grey underlay for documents with no text on this basis: their cells stay clickable and say why
        # (the coloured trace above it answers hovers and clicks on every cell, gaps included)
        {
            "type": "heatmap",
            "x": x,
            "y": y,
            "z": gaps,
            "xgap": 2,
            "ygap": 2,
            "text": [["–" if g else "" for g in row] for row in gaps] if show_text else None,
            "texttemplate": "%{text}" if show_text else None,
            "colorscale": [[0, NO_TEXT], [1, NO_TEXT]],
            "showscale": False,
            "hoverinfo": "skip",
            "textfont": {"size": 11, "color": "#666"},
            "name": word(WORDS, "no_text", lang),
        },
        {
            **common,
            "z": z,
            "colorscale": HEATMAP_SCALE,
            "zmin": 0,
            "zmax": top if top > 0 else 1,
            "textfont": {"size": 11},
            "name": measure_label(measure, lang),
            "colorbar": {
                "title": {"text": escape(measure_label(measure, lang, short=True)), "side": "right"},
                "tickformat": ".0%" if measure != "count" else "d",
                "thickness": 12,
                "len": 0.75,
                "outlinewidth": 0,
            },
        },
    ]
    shapes = [
        {
            "type": "rect",
            "xref": "paper",
            "yref": "y",
            "x0": 0,
            "x1": 1,
            "y0": i - 0.5,
            "y1": i + 0.5,
            "line": {"color": "#222", "width": 2},
            "layer": "above",
        }
        for i, theme in enumerate(themes)
        if theme in chosen
    ]
    cell = clicked_cell(options)
    doc_ids = [d.id for d in docs]
    if cell and cell[0] in doc_ids and cell[1] in themes:
        j, i = doc_ids.index(cell[0]), themes.index(cell[1])
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "y",
                "x0": j - 0.5,
                "x1": j + 0.5,
                "y0": i - 0.5,
                "y1": i + 0.5,
                "line": {"color": CLICKED, "width": 3},
                "layer": "above",
            }
        )
    layout = {
        "xaxis": {
            "side": "top",
            "tickangle": 0,
            "showgrid": False,
            "automargin": True,
            "fixedrange": True,
            "tickfont": {"size": 12},
        },
        "yaxis": {
            "autorange": "reversed",
            "showgrid": False,
            "automargin": True,
            "fixedrange": True,
            "ticksuffix": "  ",
        },
        "shapes": shapes,
        "margin": {"l": 20, "r": 20},
        "clickmode": "event",
    }
    return compose(
        data,
        layout,
        title=word(TEXT, "heatmap_title", lang),
        subtitle=subtitle(measure, basis, lang),
        caption=theme_caption(ds, docs, options, where=word(TEXT, "grey_cells", lang)),
        height=max(440, 230 + 28 * len(themes)),
        top=58,
        bottom=4,
    )


def heatmap_axes(ds: Dataset, options: ChartOptions) -> tuple[dict[str, str], dict[str, str]]:
    """Return the heatmap's column labels → document ids and row labels → theme ids, in drawing order.

    A click on a heatmap reaches a Dash callback with the cell's labels only (Dash drops a heatmap point's
    customdata), so the page maps them back through this same function.
    """
    lang = chart_lang(options)
    present = set(measures_table(ds, options)["theme_id"])
    labels = theme_labels(ds, lang)
    chosen = set(options.themes)
    missing = {d.id for d in no_text_documents(ds, options)}
    columns = {column_label(d, d.id in missing, lang): d.id for d in theme_documents(ds, options)}
    rows = {}
    for theme in (t for t in theme_ids(ds) if t in present):
        label = escape(labels.get(theme, theme))
        rows[f"<b>{label}</b>" if theme in chosen else label] = theme
    return columns, rows


def clicked_cell(options: ChartOptions) -> tuple[str, str] | None:
    """Return the (document id, theme id) of the clicked cell (`options.heatmap.cell`), or None."""
    cell = options.heatmap.cell
    return cell if cell and cell[0] and cell[1] else None


THEMES_HEATMAP = Chart(
    name="themes-heatmap",
    uses_basis=True,
    title="Theme weight by document",
    description="Heatmap: the share of each document's provisions (or words) carrying each theme, "
    "documents in order of issue with their coverage flagged; own text or all text, as the subtitle "
    "says.",
    data=measures_table,
    figure=heatmap_figure,
)
