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
from dashboard.figures.date_axis import AXIS_PX, document_labels, label_places, labels_px, place, x_range
from dashboard.figures.labels import COVERAGE_WORD, ChartDocument, chart_lang, theme_labels, theme_short_labels, word
from dashboard.figures.line_labels import LineEnd, darker, end_labels, label_room, spread
from dashboard.figures.registry import Chart, ChartOptions
from dashboard.figures.template import FONT, NEUTRAL, THEME_COLOURS, THEME_DASHES, escape
from dashboard.figures.themes.tables import (
    WORDS,
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
from dashboard.figures.themes.text import TEXT, cell_text, hover, subtitle

VALUE_LABELS = 3  # the evolution prints each point's value when it draws this many lines or fewer
LEGEND_CHARS = 30  # a theme's name wraps in the legend beyond this, so the legend stays narrow
SHORT_SPAN_DAYS = 4 * 365  # an x axis shorter than this gets one tick a year (_year_ticks)


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
    x = place([d.issued for d in docs])  # each at its date of issue; the same day's side by side
    places = label_places(x)
    labelled = len(themes) <= VALUE_LABELS
    data: list[dict[str, Any]] = []
    ends: list[LineEnd] = []
    series: list[tuple[list[float | None], str]] = []  # each theme's values and colour
    short = theme_short_labels(ds, lang)
    for theme in themes:
        colour = THEME_COLOURS.get(theme, NEUTRAL)
        rows = {r.document_id: r for r in table[table["theme_id"] == theme].itertuples(index=False)}
        values = [_value(rows.get(d.id)) for d in docs]
        # the line joins only points that compare like for like: it breaks at an excerpt or a summary
        joined = [v if d.comparable else None for v, d in zip(values, docs, strict=True)]
        name = wrap(escape(labels.get(theme, theme)), LEGEND_CHARS)
        series.append((values, colour))
        end_value = values[-1] if values else None
        end_text = short.get(theme, theme)
        if labelled and end_value is not None:  # the name at the line's end carries the last value too
            end_text += f" {cell_text(end_value, measure)}"
        ends.append(LineEnd(end_text, end_value, colour))
        data.append(
            {
                "type": "scatter",
                "x": x,
                "y": joined,
                "mode": "lines",
                "connectgaps": False,
                "name": name,
                "legendgroup": theme,
                "line": {"color": colour, "width": 2.6, "dash": THEME_DASHES.get(theme, "solid")},
                "hoverinfo": "skip",
            }
        )
        # a white disc under each glyph keeps the line from showing through a hollow (○) or half (◐) mark
        data.append(
            {
                "type": "scatter",
                "x": x,
                "y": values,
                "mode": "markers",
                "marker": {"size": 15, "color": "white"},
                "cliponaxis": False,
                "hoverinfo": "skip",
                "showlegend": False,
                "legendgroup": theme,
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
            "type": "date",
            "range": x_range(x),
            "tickformat": "%Y",
            **_year_ticks(x),
            "showgrid": True,
            "gridcolor": "#F0F0F0",
            "ticks": "outside",
            "fixedrange": True,
            "tickfont": {"size": 11, "color": "#777"},
            # under the documents' labels (date_axis), which sit between the year ticks and this title
            "title": {
                "text": escape(word(TEXT, "date_axis", lang)),
                "standoff": labels_px(places) - AXIS_PX + 4,
                "font": {"size": 12, "color": "#555"},
            },
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
        "annotations": document_labels([_label(d, d.id in missing, lang) for d in docs], x, places),
    }
    note = f" ({word(TEXT, 'default_lines', lang, n=len(themes))})" if not options.themes and themes else ""
    if any(not d.comparable for d in docs):
        note += f"; {word(TEXT, 'unjoined', lang)}"
    frame = {
        "subtitle": subtitle(measure, basis, lang, note),
        "caption": theme_caption(ds, docs, options, where=word(TEXT, "gaps", lang)),
        "top": 40,
        "bottom": labels_px(places) + (16 if missing else 0) + 20,
    }
    height = max(460, 300 + 22 * len(themes)) + frame["bottom"]
    # placed for the plot's height on screen, or the share of it a slide may lay the chart out at
    plot_px = plot_height(round(height * MAX_SQUEEZE), **frame)
    named = end_labels(ends, x=x[-1] if x else 0, top=layout["yaxis"]["range"][1], plot_px=plot_px)
    if named:  # each line named at its end: the themes' legend would only repeat them
        for trace in data:
            if trace.get("mode") == "lines":
                trace["showlegend"] = False
        layout["annotations"] += named
        # the plot ends just after the last document, so that the names sit right of the grid and zero lines
        layout["xaxis"]["range"] = x_range(x, right_share=0.01)
        layout["margin"] = {"r": label_room([e.text for e in ends]) + 10}
    if labelled:  # with few lines each point carries its value, so a slide reads without hovering
        columns = [[(v[i], c) for v, c in series] for i in range(len(docs) - (1 if named else 0))]
        top = layout["yaxis"]["range"][1]
        layout["annotations"] += value_labels(columns, x, places, measure, top, plot_px)
    if not named:  # the legend names the themes: the plot is made as tall as the legend (on a slide too), none cut off
        lines = sum(trace["name"].count("<br>") + 1 for trace in data if trace.get("mode") == "lines")
        legend_px = 40 + 18 * lines + 6 * len(themes)
        height = max(height, round((legend_px + height - plot_height(height, **frame)) / MAX_SQUEEZE))
    return compose(data, layout, title=evolution_title(themes, short, lang), height=height, **frame)


TITLE_THEMES = 5  # the title names up to this many themes; beyond, it counts them and the legend names them


def evolution_title(themes: list[str], short: dict[str, str], lang: str) -> str:
    """Return the chart's title, naming the themes it draws ("Theme weight over time: Diplomacy · Economy and
    trade"), so that an exported image says what it shows."""
    if not themes:
        return word(TEXT, "evolution_title", lang)
    if len(themes) > TITLE_THEMES:
        shown = word(TEXT, "n_themes", lang, n=len(themes))
    else:
        shown = " · ".join(short.get(t, t) for t in themes)
    return f"{word(TEXT, 'evolution_title', lang)}: {shown}"


def _label(doc: ChartDocument, no_text: bool, lang: str) -> str:
    """Return a document's label under the axis: symbol, date of issue, coverage glyph and word."""
    coverage = escape(word(COVERAGE_WORD, doc.coverage, lang))
    label = f"<b>{escape(doc.symbol)}</b><br>{doc.issued}<br>{doc.glyph} {coverage}"
    return label + (f"<br><i>{escape(word(WORDS, 'no_text', lang))}</i>" if no_text else "")


VALUE_GAP_PX = 14  # the values printed beside one document's points are at least this far apart


def value_labels(
    columns: list[list[tuple[float | None, str]]],
    x: list[str],
    places: list[tuple[str, int]],
    measure: str,
    top: float,
    plot_px: float,
) -> list[dict[str, Any]]:
    """Return the value of each point as text beside it, in its line's colour, on the side of the document's
    label (left of the left one of two documents close together), the values of one document moved apart
    (line_labels.spread) so that none is written over another; a document whose values do not fit has none."""
    out: list[dict[str, Any]] = []
    scale = plot_px / top if top > 0 else 0
    for column, position, (anchor, _) in zip(columns, x, places, strict=False):  # columns may stop short
        points = [(v, c) for v, c in column if v is not None]
        spots = spread([v * scale for v, _ in points], VALUE_GAP_PX, 0, plot_px + VALUE_GAP_PX) if scale else None
        if spots is None:
            continue
        side = "right" if anchor == "right" else "left"  # the text's anchor: it stands left of a right one
        for (value, colour), spot in zip(points, spots, strict=True):
            out.append(
                {
                    "text": cell_text(value, measure),
                    "x": position,
                    "xref": "x",
                    "y": spot / scale,
                    "yref": "y",
                    "xanchor": side,
                    "yanchor": "middle",
                    "xshift": -11 if side == "right" else 11,
                    "showarrow": False,
                    "font": {"size": 11, "color": darker(colour)},  # a light line colour is pale as text
                }
            )
    return out


def _value(row: Any) -> float | None:
    return None if row is None or pd.isna(row.value) else float(row.value)


THEMES_EVOLUTION = Chart(
    name="themes-evolution",
    uses_basis=True,
    title="Theme weight over time",
    description="Lines: the weight of the chosen themes from document to document in order of issue, "
    "each point marked by its source's coverage (● full, ◐ partial, ○ summary).",
    data=evolution_table,
    figure=evolution_figure,
)


def _year_ticks(x: list[str]) -> dict[str, str]:
    """Ticks on 1 January only when the axis spans a few years or less (one document, or a few close together):
    plotly's own ticks there are months, each labelled with the same year ("2026 2026 2026 …")."""
    bounds = x_range(x)
    if not bounds or (pd.Timestamp(bounds[1]) - pd.Timestamp(bounds[0])).days >= SHORT_SPAN_DAYS:
        return {}
    return {"dtick": "M12", "tick0": "2000-01-01"}
