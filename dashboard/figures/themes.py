"""Theme charts: each theme's weight per document (heatmap) and its course from document to document
(evolution).

Pure: Dataset + ChartOptions in, table or plotly Figure out; the Themes page, `policy-timeline export` and the
briefing pack draw these same functions. Options: `docs` (ids or symbols; all held documents by default),
`themes` (theme ids: the evolution's lines, outlined in the heatmap), `measure` (share_provisions,
share_words or count), `basis` (own: the document's own words; all: the publisher's framing and reported text
too), `lang`; `extra["cell"] = "<doc id>|<theme id>"` outlines the cell a reader clicked.

Every chart names the basis it counts in its subtitle and flags each source's coverage in the document's
label, because every seed is partial and two are secondary accounts: a summary's 7% is not a full text's 7%.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.dataset.load import Dataset
from dashboard.figures.compose import MAX_SQUEEZE, compose, plot_height, wrap
from dashboard.figures.coverage import COVERAGE_STYLE, coverage_label
from dashboard.figures.labels import (
    COVERAGE_WORD,
    ChartDocument,
    chart_lang,
    percent,
    theme_ids,
    theme_labels,
    theme_short_labels,
    word,
)
from dashboard.figures.line_labels import LineEnd, darker, end_labels, label_room
from dashboard.figures.registry import Chart, ChartOptions, register
from dashboard.figures.template import FONT, NEUTRAL, THEME_COLOURS, THEME_DASHES, escape
from dashboard.figures.theme_tables import (
    WORDS,
    basis_label,
    chart_basis,
    chart_measure,
    evolution_table,
    evolution_themes,
    measure_label,
    measures_table,
    no_text_documents,
    theme_caption,
    theme_documents,
)

CELL_TEXT_LIMIT = 14  # above this many documents, heatmap cells carry no printed value (hover only)
# sequential, single hue (ColorBrewer Blues): reads in greyscale and for every colour vision
HEATMAP_SCALE = [[0.0, "#F7FBFF"], [0.15, "#C6DBEF"], [0.4, "#6BAED6"], [0.7, "#2171B5"], [1.0, "#08306B"]]
NO_TEXT = "#E4E4E4"  # cells of a document with no text on the basis
VALUE_LABELS = 3  # the evolution prints each point's value when it draws this many lines or fewer
LEGEND_CHARS = 30  # a theme's name wraps in the legend beyond this, so the legend stays narrow
CLICKED = "#D55E00"  # outline of the clicked cell (Okabe-Ito vermilion)

TEXT: dict[str, dict[str, str]] = {
    "heatmap_title": {
        "en": "Weight of each theme, document by document",
        "vi": "Tỷ trọng từng chủ đề theo văn bản",
    },
    "evolution_title": {"en": "How the weight of themes changed", "vi": "Tỷ trọng chủ đề thay đổi thế nào"},
    "order": {"en": "documents in order of issue", "vi": "văn bản theo thứ tự ban hành"},
    "count_caveat": {
        "en": "raw counts grow with how much of each document the corpus holds",
        "vi": "số đếm phụ thuộc vào lượng văn bản mà kho dữ liệu có",
    },
    "default_lines": {
        "en": "the {n} largest themes on average; choose themes to change",
        "vi": "{n} chủ đề lớn nhất tính trung bình; chọn chủ đề để thay đổi",
    },
    "grey_cells": {"en": "grey cells", "vi": "ô xám"},
    "gaps": {"en": "no point", "vi": "không có điểm"},
    "of": {"en": "{k} of {n} provisions", "vi": "{k} trên {n} điều khoản"},
    "words_of": {"en": "{k} of {n} words", "vi": "{k} trên {n} từ"},
    "legend_themes": {"en": "Theme", "vi": "Chủ đề"},
    "legend_marks": {"en": "Source coverage", "vi": "Mức độ có văn bản"},
    "click": {"en": "Click to list these provisions", "vi": "Bấm để xem các điều khoản này"},
}


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
    cells = {(r.document_id, r.theme_id): r for r in table.itertuples(index=False)}
    z: list[list[float | None]] = []
    gaps: list[list[int | None]] = []
    printed: list[list[str]] = []
    custom: list[list[list[str]]] = []
    for theme in themes:
        row = [cells.get((d.id, theme)) for d in docs]
        values = [None if r is None or pd.isna(r.value) else float(r.value) for r in row]
        z.append(values)
        gaps.append([1 if v is None else None for v in values])
        printed.append(["–" if v is None else _cell_text(v, measure) for v in values])
        custom.append(
            [
                [d.id, theme, hover(d, labels.get(theme, theme), r, lang, click=True)]
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


def evolution_figure(ds: Dataset, options: ChartOptions) -> go.Figure:
    """Return one line per chosen theme across the documents in order of issue, each point marked by its
    source's coverage (● full, ◐ partial, ○ summary), and a key to the marks.

    Each theme has its own line dash as well as its colour (template.THEME_DASHES; some theme colours are
    close), and its short name at the end of its line when every line's name fits there without overlapping
    (figures.line_labels); otherwise a legend names the themes."""
    lang, measure, basis = chart_lang(options), chart_measure(options), chart_basis(options)
    table = measures_table(ds, options)
    docs = theme_documents(ds, options)
    themes = evolution_themes(table, options)
    labels = theme_labels(ds, lang)
    missing = {d.id for d in no_text_documents(ds, options)}
    x = [column_label(d, d.id in missing, lang) for d in docs]
    labelled = len(themes) <= VALUE_LABELS
    data: list[dict[str, Any]] = []
    ends: list[LineEnd] = []
    short = theme_short_labels(ds, lang)
    for theme in themes:
        colour = THEME_COLOURS.get(theme, NEUTRAL)
        rows = {r.document_id: r for r in table[table["theme_id"] == theme].itertuples(index=False)}
        values = [_value(rows.get(d.id)) for d in docs]
        name = wrap(escape(labels.get(theme, theme)), LEGEND_CHARS)
        ends.append(LineEnd(short.get(theme, theme), values[-1] if values else None, colour))
        data.append(
            {
                "type": "scatter",
                "x": x,
                "y": values,
                "mode": "lines",
                "name": name,
                "legendgroup": theme,
                "line": {"color": colour, "width": 2.6, "dash": THEME_DASHES.get(theme, "solid")},
                "hoverinfo": "skip",
            }
        )
        # a white disc under each glyph keeps the line from showing through a hollow (○) or half (◐) mark;
        # with few lines it also carries the value, so a slide reads without hovering
        data.append(
            {
                "type": "scatter",
                "x": x,
                "y": values,
                "mode": "markers+text" if labelled else "markers",
                "marker": {"size": 15, "color": "white"},
                "cliponaxis": False,
                "hoverinfo": "skip",
                "showlegend": False,
                "legendgroup": theme,
                "text": [_cell_text(v, measure) if v is not None else "" for v in values] if labelled else None,
                "textposition": "top center",
                "textfont": {"size": 12, "color": darker(colour)},  # a light line colour is pale as text
            }
        )
        data.append(
            {
                "type": "scatter",
                "x": x,
                "y": values,
                "mode": "text",
                "text": [d.glyph for d in docs],
                "textposition": "middle center",
                "textfont": {"size": 19, "color": colour, "family": FONT},
                "cliponaxis": False,
                "customdata": [[d.id, theme] for d in docs],
                "hovertext": [hover(d, labels.get(theme, theme), rows.get(d.id), lang) for d in docs],
                "hoverinfo": "text",
                "showlegend": False,
                "legendgroup": theme,
                "name": name,
            }
        )
    for key in [k for k in COVERAGE_STYLE if k in {d.coverage for d in docs}]:
        # the key to the marks, in a legend of its own: one entry per coverage class on the chart
        data.append(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "mode": "markers",
                "legend": "legend2",
                "marker": {"size": 1, "color": "white"},
                "hoverinfo": "skip",
                "name": f"{COVERAGE_STYLE[key]['glyph']} {escape(coverage_label(key, lang))}",
            }
        )
    values = table[table["theme_id"].isin(themes)]["value"].dropna()
    top = float(values.max()) if not values.empty else 0.0
    title_themes = f"<b>{escape(word(TEXT, 'legend_themes', lang))}</b>"
    title_marks = f"<b>{escape(word(TEXT, 'legend_marks', lang))}</b>"
    layout = {
        "yaxis": {
            "title": {"text": escape(measure_label(measure, lang, short=True))},
            "range": [0, top * 1.15 if top > 0 else (1 if measure != "count" else 5)],
            "tickformat": ".0%" if measure != "count" else "d",
            "gridcolor": "#E6E6E6",
            "zeroline": True,
            "zerolinecolor": "#999",
            "fixedrange": True,
        },
        "xaxis": {
            "type": "category",
            "categoryorder": "array",
            "categoryarray": x,
            "range": [-0.4, len(x) - 0.6],
            "showgrid": False,
            "fixedrange": True,
            "tickfont": {"size": 12},
            "automargin": True,
        },
        "legend": {
            "x": 1.02,
            "xanchor": "left",
            "y": 1,
            "yanchor": "top",
            "font": {"size": 12},
            "title": {"text": title_themes},
            "tracegroupgap": 4,  # each theme is a group of its own: plotly's 10 px between groups adds up
        },
        # the key to the marks: one line above the plot, clear of the themes' legend however long it grows
        "legend2": {
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1,
            "yanchor": "bottom",
            "font": {"size": 12},
            "itemclick": False,
            "itemdoubleclick": False,
            "title": {"text": title_marks + ":", "side": "left"},
        },
        "margin": {"r": 20},
        "hovermode": "closest",
    }
    note = f" ({word(TEXT, 'default_lines', lang, n=len(themes))})" if not options.themes and themes else ""
    frame = {
        "subtitle": subtitle(measure, basis, lang, note),
        "caption": theme_caption(ds, docs, options, where=word(TEXT, "gaps", lang)),
        "top": 40,
        "bottom": 62 if missing else 46,
    }
    height = max(460, 300 + 22 * len(themes))
    # placed for the plot's height on screen, or the share of it a slide may lay the chart out at
    plot_px = plot_height(round(height * MAX_SQUEEZE), **frame)
    named = end_labels(ends, x=len(x) - 1, top=layout["yaxis"]["range"][1], plot_px=plot_px)
    if named:  # each line named at its end: the themes' legend would only repeat them
        for trace in data:
            if trace.get("mode") == "lines":
                trace["showlegend"] = False
        layout["annotations"] = named
        # the plot ends just after the last column, so that the names sit right of the grid and zero lines
        layout["xaxis"]["range"] = [-0.4, len(x) - 1 + 0.12]
        layout["margin"] = {"r": label_room([e.text for e in ends]) + 10}
    else:  # the legend names the themes: the plot is made as tall as the legend (on a slide too), none cut off
        lines = sum(trace["name"].count("<br>") + 1 for trace in data if trace.get("mode") == "lines")
        legend_px = 40 + 18 * lines + 6 * len(themes)
        height = max(height, round((legend_px + height - plot_height(height, **frame)) / MAX_SQUEEZE))
    return compose(data, layout, title=word(TEXT, "evolution_title", lang), height=height, **frame)


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


def subtitle(measure: str, basis: str, lang: str, note: str = "") -> str:
    """Return the subtitle that says what a theme chart measures and which text it counts."""
    caveat = f" ({word(TEXT, 'count_caveat', lang)})" if measure == "count" else ""
    order = word(TEXT, "order", lang)
    return f"{measure_label(measure, lang)}{caveat}; {basis_label(basis, lang)}; {order}{note}."


def column_label(doc: ChartDocument, no_text: bool, lang: str) -> str:
    """Return a document's axis label: symbol, year, coverage glyph and word, "no own text" when so.

    Symbol, year and coverage each have a line so that five or more columns fit side by side at A4 width.
    """
    coverage = escape(word(COVERAGE_WORD, doc.coverage, lang))
    label = f"<b>{escape(doc.symbol)}</b><br>{doc.year}<br>{doc.glyph} {coverage}"
    return label + (f"<br><i>{escape(word(WORDS, 'no_text', lang))}</i>" if no_text else "")


def hover(doc: ChartDocument, theme: str, row: Any, lang: str, click: bool = False) -> str:
    """Return the hover text of one document × theme value: both shares with the counts behind them."""
    cov = f"{doc.glyph} {escape(coverage_label(doc.coverage, lang))}"
    lines = [f"<b>{escape(doc.symbol)}</b> ({doc.issued}) {cov}", escape(theme)]
    if row is None or row.provisions == 0:
        lines.append(f"<i>{escape(word(WORDS, 'no_text', lang))}</i>")
        return "<br>".join(lines)
    of = word(TEXT, "of", lang, k=row.theme_provisions, n=row.provisions)
    words_of = word(TEXT, "words_of", lang, k=row.theme_words, n=row.words)
    share = percent(row.share_provisions, 1)
    lines.append(f"{escape(measure_label('share_provisions', lang, True))}: <b>{share}</b> ({of})")
    lines.append(f"{escape(measure_label('share_words', lang, True))}: {percent(row.share_words, 1)} ({words_of})")
    if click and row.theme_provisions:
        lines.append(f"<i>{escape(word(TEXT, 'click', lang))}</i>")  # the hover box's own, contrasting colour
    return "<br>".join(lines)


def clicked_cell(options: ChartOptions) -> tuple[str, str] | None:
    """Return the (document id, theme id) of `extra["cell"]`, or None."""
    doc, sep, theme = str(options.extra.get("cell", "")).partition("|")
    return (doc, theme) if sep and doc and theme else None


def _value(row: Any) -> float | None:
    return None if row is None or pd.isna(row.value) else float(row.value)


def _cell_text(value: float, measure: str) -> str:
    if measure == "count":
        return str(int(value))
    return "0" if value == 0 else percent(value)


register(
    Chart(
        name="themes-heatmap",
        title="Theme weight by document",
        description="Heatmap: the share of each document's provisions (or words) carrying each theme, "
        "documents in order of issue with their coverage flagged; own text or all text, as the subtitle "
        "says.",
        data=measures_table,
        figure=heatmap_figure,
    )
)
register(
    Chart(
        name="themes-evolution",
        title="Theme weight over time",
        description="Lines: the weight of the chosen themes from document to document in order of issue, "
        "each point marked by its source's coverage (● full, ◐ partial, ○ summary).",
        data=evolution_table,
        figure=evolution_figure,
    )
)
