"""Term emergence: the terms each document uses that no earlier document did (term_emergence, status new).

Pure: Dataset + ChartOptions (docs, basis, lang) in, table or plotly Figure out; the Themes page ("new in this
document"), `policy-timeline export term-emergence` and the briefing pack use these same functions. A
document has new terms only against earlier ones on the same basis, so the first documents on a basis (and a
secondary account on the own basis) are named in the caption instead of drawn.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.dataset.load import Dataset
from dashboard.figures.compose import MAX_SQUEEZE, axis_key, compose, empty_note, grid, plot_height
from dashboard.figures.labels import COVERAGE_WORD, chart_documents, chart_lang, theme_labels, word
from dashboard.figures.registry import Chart, ChartOptions
from dashboard.figures.template import NEUTRAL, THEME_COLOURS, escape
from dashboard.figures.themes.tables import BASES, basis_label, chart_basis, listed, theme_caption, theme_documents
from dashboard.i18n import table

TOP_TERMS = 8  # new terms drawn (and listed on the page) per document
MAX_PANELS = 6  # documents the chart draws: the latest ones
ROW_GAP_PX = 75  # between two rows of panels: the upper axis (ticks, title) and the lower panel title
OTHER_TERM = "#B8B8B8"  # bars of words and phrases that are not codebook terms
COLUMNS = [
    "document_id",
    "symbol",
    "term",
    "kind",
    "theme_ids",
    "count",
    "provisions",
    "score",
    "earlier_documents",
    "example_provision_id",
    "basis",
]

TEXT = table("emergence_chart")


def emergence_table(ds: Dataset, options: ChartOptions) -> pd.DataFrame:
    """Return the table behind the chart: each chosen document's new terms on the basis, codebook terms first,
    each group strongest first (G², then uses), at most TOP_TERMS each, documents in order of issue."""
    docs = tuple(d.id for d in theme_documents(ds, options))
    return _emergence_table(ds, docs, chart_basis(options))


@lru_cache(maxsize=32)
def _emergence_table(ds: Dataset, doc_ids: tuple[str, ...], basis: str) -> pd.DataFrame:
    """Return emergence_table for resolved options (cached; callers must not modify it)."""
    docs = chart_documents(ds, doc_ids)
    terms = _new_terms(ds).get(basis)
    if terms is None or not docs:
        return pd.DataFrame(columns=COLUMNS)
    order = {d.id: i for i, d in enumerate(docs)}
    rows = terms[terms["document_id"].isin(order)].copy()
    rows["_d"] = rows["document_id"].map(order)
    # codebook terms first: they name a subject a reader can look up ("food security", "copyright"); a word new
    # by chance ("early", "ensuring") only fills the remaining bars
    rows["_word"] = rows["kind"] != "codebook"
    rows = rows.sort_values(["_d", "_word", "score", "count", "term"], ascending=[True, True, False, False, True])
    rows = rows.groupby("document_id", sort=False).head(TOP_TERMS)
    rows["symbol"] = rows["document_id"].map({d.id: d.symbol for d in docs})
    rows["theme_ids"] = rows["theme_ids"].map(listed)
    rows["basis"] = basis
    return rows[COLUMNS].reset_index(drop=True)


def new_term_counts(ds: Dataset, basis: str) -> dict[str, tuple[int, int]]:
    """Return document id → (its new terms, the earlier documents they are new against) on a basis."""
    return _counts(ds).get(basis, {})


def emergence_figure(ds: Dataset, options: ChartOptions) -> go.Figure:
    """Return one panel per document (the latest MAX_PANELS) of its strongest new terms, bars of their
    uses, codebook terms in their theme's colour."""
    lang, basis = chart_lang(options), chart_basis(options)
    docs = theme_documents(ds, options)
    table = emergence_table(ds, options)
    counts = new_term_counts(ds, basis)
    present = set(table["document_id"])
    with_terms = [d for d in docs if d.id in present]
    panels = with_terms[-MAX_PANELS:]
    cols = 1 if len(panels) <= 1 else 2
    n_rows = max(1, math.ceil(len(panels) / cols))
    titles = [
        f"<b>{escape(d.symbol)}</b> ({d.year}) {d.glyph} {escape(word(COVERAGE_WORD, d.coverage, lang))}: "
        f"{escape(word(TEXT, 'new_terms', lang, n=counts.get(d.id, (0, 0))[0]))}"
        for d in panels
    ]
    labels = theme_labels(ds, lang)
    data: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    layout: dict[str, Any] = {"bargap": 0.3}
    # every panel on one scale, so that a bar of 2 uses is not as long as a bar of 8 in the next panel; whole
    # numbers only (counts), the value printed at the end of each bar
    most = int(table["count"].max()) if len(table) else 1
    x_range = [0, most * 1.12 + 0.3]
    notes = []
    first = [d.symbol for d in docs if d.id not in present]
    if first:
        notes.append(word(TEXT, "first_docs", lang, docs=", ".join(first)))
    if len(with_terms) > MAX_PANELS:
        notes.append(word(TEXT, "capped", lang, n=MAX_PANELS))
    frame = {
        "subtitle": word(TEXT, "subtitle", lang, basis=basis_label(basis, lang)),
        "caption": theme_caption(ds, docs, options, extra=" ".join(notes)),
        "top": 20,
        "bottom": 40,
    }
    height = 170 + (260 + ROW_GAP_PX) * n_rows - ROW_GAP_PX
    # between two rows: the upper panel's ticks and axis title, then the lower panel's title, in px of the plot
    # as drawn on a slide too (squeezed up to MAX_SQUEEZE), so the axis title never runs into the next row
    v_space = ROW_GAP_PX / plot_height(round(height * MAX_SQUEEZE), **frame) if n_rows > 1 else 0.1
    for doc, title, (x_id, y_id, xaxis, yaxis) in zip(
        panels, titles, grid(len(panels), cols, h_space=0.24, v_space=v_space), strict=True
    ):
        rows = table[table["document_id"] == doc.id]
        colours = [THEME_COLOURS.get(t[0], NEUTRAL) if t else OTHER_TERM for t in rows["theme_ids"]]
        data.append(
            {
                "type": "bar",
                "xaxis": x_id,
                "yaxis": y_id,
                "x": list(rows["count"]),
                "y": [escape(t) for t in rows["term"]],
                "orientation": "h",
                "marker": {"color": colours},
                "text": list(rows["count"]),
                "textposition": "outside",
                "cliponaxis": False,
                "hovertext": [_hover(r, doc.symbol, labels, lang) for r in rows.itertuples(index=False)],
                "hoverinfo": "text",
                "customdata": [[doc.id, p] for p in rows["example_provision_id"]],
                "showlegend": False,
            }
        )
        layout[axis_key(x_id)] = {
            **xaxis,
            "showgrid": True,
            "gridcolor": "#EEE",
            "range": x_range,
            **({"dtick": 1} if most <= 6 else {}),
            "tickformat": "d",
            "title": {"text": escape(word(TEXT, "axis_uses", lang)), "standoff": 4, "font": {"size": 12}},
            "fixedrange": True,
        }
        layout[axis_key(y_id)] = {
            **yaxis,
            "autorange": "reversed",
            "automargin": True,
            "tickfont": {"size": 12},
            "fixedrange": True,
        }
        # the panel's title, over the panel and ending at its right edge: the terms' labels leave room to the
        # left, so a long title (Vietnamese) stays inside the image where a centred one ran off its right edge
        annotations.append(
            {
                "text": title,
                "xref": "paper",
                "yref": "paper",
                "x": xaxis["domain"][1],
                "y": yaxis["domain"][1],
                "xanchor": "right",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 13, "color": "#222"},
            }
        )
    if not panels:
        annotations.append(empty_note(word(TEXT, "none", lang)))
        layout.update(xaxis={"visible": False}, yaxis={"visible": False})
    layout["annotations"] = annotations
    return compose(data, layout, title=word(TEXT, "title", lang), height=height, **frame)


def _hover(r: Any, symbol: str, labels: dict[str, str], lang: str) -> str:
    themes = ", ".join(str(labels.get(t, t)) for t in r.theme_ids)
    return (
        f"<b>{escape(r.term)}</b> · {escape(symbol)}<br>"
        f"{r.count} {word(TEXT, 'uses', lang)} ({r.provisions} {word(TEXT, 'provisions', lang)}), "
        f"G² {r.score:.1f} ({word(TEXT, 'against', lang, n=r.earlier_documents)})"
        + (f"<br>{escape(themes)}" if themes else "")
    )


@lru_cache(maxsize=8)
def _new_terms(ds: Dataset) -> dict[str, pd.DataFrame]:
    if "term_emergence" not in ds.table_names:
        return {}
    table = ds.table("term_emergence")
    new = table[table["status"] == "new"]
    return {basis: new[new["basis"] == basis] for basis in BASES}


@lru_cache(maxsize=8)
def _counts(ds: Dataset) -> dict[str, dict[str, tuple[int, int]]]:
    out: dict[str, dict[str, tuple[int, int]]] = {}
    for basis, terms in _new_terms(ds).items():
        grouped = terms.groupby("document_id", sort=False)["earlier_documents"].agg(["size", "max"])
        out[basis] = {
            str(d): (int(n), int(e)) for d, n, e in zip(grouped.index, grouped["size"], grouped["max"], strict=True)
        }
    return out


TERM_EMERGENCE = Chart(
    name="term-emergence",
    uses_basis=True,
    title="New terms per document",
    description="Bars: the terms each document uses that no earlier document did, codebook terms first, "
    "strongest first (log-likelihood against the earlier documents pooled), own text or all text as the subtitle "
    "says.",
    data=emergence_table,
    figure=emergence_figure,
)
