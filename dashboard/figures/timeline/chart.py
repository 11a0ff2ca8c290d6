"""The timeline: every document on a time axis, in lanes by issuing body, with its horizons, targets and
relations.

Pure: Dataset + ChartOptions in, plotly Figure out. The page, `policy-timeline export timeline` and the
briefing use this same function. Documents the corpus does not hold (known only through relations) are drawn
hollow and grey and labelled "not held"; held documents carry their coverage (colour, shape and glyph) so that
nobody reads a partial excerpt or a secondary account as the whole document.

Options (ChartOptions): `docs` restricts the documents; `lang` is en or vi; `timeline.hide` lists
the layers to leave out: relations, horizons, not_held.

This module holds the figure (its frame: lane bands, axes, legend, caption), the table behind it and the chart's
registration. The parts it draws live beside it, split by what they draw: `figures.timeline.documents` (the
document markers), `figures.timeline.horizons` (bars to horizon and target years), `figures.timeline.relations`
(arrows between documents); `figures.timeline.points` holds the array and hover-text helpers they share, and
`figures.timeline.rows` and `figures.timeline.text` the layout and the words. ARROW_LIMIT and BAR_OFFSET are
re-exported here.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from dashboard.dataset.load import Dataset
from dashboard.figures.coverage import coverage_summary
from dashboard.figures.date_axis import year_axis
from dashboard.figures.registry import Chart, ChartOptions, interactive
from dashboard.figures.template import caption_text, frame, source_caption
from dashboard.figures.timeline.aggregate import aggregate_figure, aggregated, lane_year_grain, period_table
from dashboard.figures.timeline.documents import add_documents
from dashboard.figures.timeline.horizons import BAR_OFFSET, add_horizons
from dashboard.figures.timeline.points import wrap
from dashboard.figures.timeline.relations import ARROW_LIMIT, add_relations
from dashboard.figures.timeline.rows import (
    LABEL_LIMIT,
    document_relations,
    hidden_layers,
    lane_rows,
    layout,
    shown_documents,
    targets_by_document,
)
from dashboard.figures.timeline.text import lane_label, text

__all__ = ["ARROW_LIMIT", "BAR_OFFSET", "timeline_figure", "timeline_table"]


def timeline_table(ds: Dataset, options: ChartOptions) -> pd.DataFrame:
    """Return the table behind the timeline: one row per document drawn, with its lane row, horizons and
    relations."""
    docs, rows, _x = layout(ds, options)
    relations = document_relations(ds, {d.id for d in docs}, options)
    out = []
    for doc in docs:
        outgoing = [f"{r['kind']} {r['target_id']}" for r in relations if r["source_id"] == doc.id]
        out.append(
            {
                "id": doc.id,
                "symbol": doc.symbol,
                "title": doc.title,
                "lane": doc.lane,
                "row": rows[doc.id],
                "issued": doc.issued.isoformat(),
                "held": doc.held,
                "coverage": doc.coverage,
                "source_kind": doc.source_kind,
                "coverage_note": doc.coverage_note,
                "horizons": ";".join(map(str, doc.horizons)),
                "target_years": ";".join(map(str, doc.target_years)),
                "relations": "; ".join(outgoing),
            }
        )
    return pd.DataFrame(
        out,
        columns=[
            "id",
            "symbol",
            "title",
            "lane",
            "row",
            "issued",
            "held",
            "coverage",
            "source_kind",
            "coverage_note",
            "horizons",
            "target_years",
            "relations",
        ],
    )


def timeline_figure(ds: Dataset, options: ChartOptions) -> go.Figure:
    """Return the timeline figure (one marker per document, bars to horizons, arrows for relations); above
    AGGREGATE_LIMIT documents, one circle per lane and year that counts them (figures.timeline.aggregate)."""
    lang = options.lang if options.lang in ("en", "vi") else "en"
    shown = shown_documents(ds.documents, options)
    if aggregated(int(pd.to_datetime(shown["issued"], errors="coerce").notna().sum())):
        periods = period_table(lane_year_grain(shown))
        return aggregate_figure(periods, ds.version, lang, click=interactive(options), shown=years_shown(options, lang))
    hidden = hidden_layers(options)
    docs, rows, (x_start, x_end) = layout(ds, options)
    lanes = lane_rows(docs, rows)
    fig = go.Figure()
    _add_lane_bands(fig, lanes, lang)
    if "horizons" not in hidden:
        add_horizons(fig, docs, rows, targets_by_document(ds), lang)
    if "relations" not in hidden:
        add_relations(fig, docs, rows, document_relations(ds, {d.id for d in docs}, options), lang)
    add_documents(fig, docs, rows, lang, click=interactive(options))

    n_rows = max((r for r in rows.values()), default=0) + 1
    held = [d for d in docs if d.held]
    held_frame = ds.documents[ds.documents["id"].isin([d.id for d in held])]
    extra = coverage_summary(held_frame, lang)
    if len(docs) > LABEL_LIMIT:
        extra += f" ({text('many', lang)})"
    frame(
        fig,
        title=text("title", lang),
        # an export cannot be clicked: its subtitle does not say to
        subtitle=text("subtitle", lang)
        + (f" {years_shown(options, lang)}" if years_shown(options, lang) else "")
        + (f" {text('click_subtitle', lang)}" if interactive(options) else ""),
        caption=source_caption(
            [d.symbol for d in held] if len(held) <= LABEL_LIMIT else [caption_text("n_documents", lang, n=len(held))],
            ds.version,
            extra=extra,
            lang=lang,
        ),
        height=int(240 + 62 * n_rows),
    )
    caption_lines = _wrap_caption(fig)
    fig.update_layout(
        margin={"l": 150, "r": 40, "t": 150, "b": 95 + 15 * caption_lines},
        xaxis=year_axis(_date_of(x_start), _date_of(x_end), text("xaxis", lang)),
        yaxis={
            "range": [n_rows - 0.35, -0.75],
            "tickmode": "array",
            "tickvals": [(first + last) / 2 for _lane, first, last in lanes],
            "ticktext": [f"<b>{wrap(lane_label(lane, lang), 20)}</b>" for lane, _f, _l in lanes],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
            "ticks": "",
        },
        legend={
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1.0,
            "yanchor": "bottom",
            "font": {"size": 12},
            "itemclick": False,
            "itemdoubleclick": False,
        },
        hovermode="closest",
        clickmode="event",
        dragmode="pan",
    )
    return fig


def years_shown(options: ChartOptions, lang: str) -> str:
    """Return the years of issue a timeline is limited to, in words ("" for every year)."""
    low, high = options.timeline.year_from, options.timeline.year_to
    if low is None and high is None:
        return ""
    years = str(low) if low == high else f"{low if low is not None else '…'}–{high if high is not None else '…'}"
    return text("years_shown", lang).format(years=years)


# ---------------------------------------------------------------- frame


def _add_lane_bands(fig: go.Figure, lanes: list[tuple[str, int, int]], lang: str) -> None:
    for i, (_lane, first, last) in enumerate(lanes):
        fig.add_shape(
            type="rect",
            xref="paper",
            yref="y",
            x0=0,
            x1=1,
            y0=first - 0.6,
            y1=last + 0.6,
            fillcolor="#F3F6FA" if i % 2 == 0 else "#FFFFFF",
            line={"width": 0},
            layer="below",
        )


# ---------------------------------------------------------------- small helpers


def _wrap_caption(fig: go.Figure, width: int = 170) -> int:
    """Break the source caption (the last annotation `frame` added) into lines; return how many."""
    annotations = fig.layout.annotations  # pyright: ignore[reportAttributeAccessIssue]  (plotly: untyped layout)
    if not annotations:
        return 0
    note = annotations[-1]
    lines, line = [], ""
    for word in str(note.text).split(" "):
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    note.text = "<br>".join(lines)
    return len(lines)


def _date_of(year: float) -> str:
    whole = math.floor(year)
    return (date(whole, 1, 1) + timedelta(days=int((year - whole) * 365.25))).isoformat()


TIMELINE = Chart(
    name="timeline",
    title="Timeline of documents",
    description="Every document at its date of issue in the lane of its issuing body, with bars to its "
    "horizon and target years, arrows for relations, and its coverage and source kind flagged.",
    data=timeline_table,
    figure=timeline_figure,
)
