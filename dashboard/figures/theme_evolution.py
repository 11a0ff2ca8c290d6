"""The theme evolution: one line per theme across the documents in order of issue, each point marked by its
source's coverage, the lines named at their ends when the names fit there and in a legend otherwise. Options as
in `figures.themes`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.dataset.load import Dataset
from dashboard.figures.compose import MAX_SQUEEZE, compose, plot_height, wrap
from dashboard.figures.coverage import COVERAGE_STYLE, coverage_label
from dashboard.figures.labels import chart_lang, theme_labels, theme_short_labels, word
from dashboard.figures.line_labels import LineEnd, darker, end_labels, label_room
from dashboard.figures.registry import Chart, ChartOptions, register
from dashboard.figures.template import FONT, NEUTRAL, THEME_COLOURS, THEME_DASHES, escape
from dashboard.figures.theme_tables import (
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
from dashboard.figures.theme_text import TEXT, cell_text, column_label, hover, subtitle

VALUE_LABELS = 3  # the evolution prints each point's value when it draws this many lines or fewer
LEGEND_CHARS = 30  # a theme's name wraps in the legend beyond this, so the legend stays narrow


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
                "text": [cell_text(v, measure) if v is not None else "" for v in values] if labelled else None,
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


def _value(row: Any) -> float | None:
    return None if row is None or pd.isna(row.value) else float(row.value)


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
