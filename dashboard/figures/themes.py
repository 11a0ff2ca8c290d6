"""Theme charts: each theme's weight per document (heatmap) and its course from document to document
(evolution).

Pure: Dataset + ChartOptions in, table or plotly Figure out; the Themes page, `policy-timeline export` and the
briefing pack draw these same functions. Options: `docs` (ids or symbols; all held documents by default),
`themes` (theme ids: the evolution's lines, outlined in the heatmap), `measure` (share_provisions,
share_words or count), `basis` (own: the document's own words; all: the publisher's framing and reported text
too), `lang`; `extra["cell"] = "<doc id>|<theme id>"` outlines the cell a reader clicked.

Every chart names the basis it counts in its subtitle and flags each source's coverage in the document's
label, because every seed is partial and two are secondary accounts: a summary's 7% is not a full text's 7%.

The heatmap is drawn and registered in `figures.theme_heatmap`, the evolution in `figures.theme_evolution`; the
words and labels they share are in `figures.theme_text`. This module re-exports their names, and the catalogue
imports it so that both charts register.
"""

# ruff: noqa: I001  (the heatmap is imported first so that the two charts register in the order they always have)

from dashboard.figures.theme_heatmap import (
    CELL_TEXT_LIMIT,
    CLICKED,
    HEATMAP_SCALE,
    NO_TEXT,
    clicked_cell,
    heatmap_axes,
    heatmap_figure,
)
from dashboard.figures.theme_evolution import LEGEND_CHARS, VALUE_LABELS, evolution_figure
from dashboard.figures.theme_text import TEXT, column_label, hover, subtitle

__all__ = [
    "CELL_TEXT_LIMIT",
    "CLICKED",
    "HEATMAP_SCALE",
    "LEGEND_CHARS",
    "NO_TEXT",
    "TEXT",
    "VALUE_LABELS",
    "clicked_cell",
    "column_label",
    "evolution_figure",
    "heatmap_axes",
    "heatmap_figure",
    "hover",
    "subtitle",
]
