"""The timeline's horizons and targets: a bar from each document to its furthest horizon or target year, a
tick at each horizon year and a star at each target year, with the targets in the stars' hover.

Part of `figures.timeline.chart`; the bar sits just below its document's marker, on the same row.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import plotly.graph_objects as go

from dashboard.figures.template import escape
from dashboard.figures.timeline.points import arr, ids, nums, wrap
from dashboard.figures.timeline.rows import LABEL_LIMIT, TimelineDoc, text_of
from dashboard.figures.timeline.text import text
from dashboard.i18n import label

BAR_OFFSET = 0.3  # the horizon bar sits just below its document's marker (the y axis runs downwards)


def add_horizons(
    fig: go.Figure,
    docs: list[TimelineDoc],
    rows: dict[str, int],
    targets: dict[str, list[dict[str, Any]]],
    lang: str,
) -> None:
    """Add the horizon bars, the horizon-year ticks and the target-year stars of `docs` to `fig`."""
    bar_x: list[str | None] = []
    bar_y: list[float | None] = []
    ticks: list[tuple[TimelineDoc, int]] = []
    marks: list[tuple[TimelineDoc, int]] = []
    for doc in docs:
        years = sorted(set(doc.horizons) | set(doc.target_years))
        if not years:
            continue
        y = rows[doc.id] + BAR_OFFSET
        bar_x += [doc.issued.isoformat(), _year_x(max(years), doc.issued), None]
        bar_y += [y, y, None]
        ticks += [(doc, year) for year in doc.horizons]
        marks += [(doc, year) for year in doc.target_years]
    if not bar_x:
        return
    fig.add_trace(
        go.Scatter(
            x=arr(bar_x),
            y=nums(bar_y),
            mode="lines",
            line={"color": "#A9BCD0", "width": 5 if len(docs) <= LABEL_LIMIT else 2},
            hoverinfo="skip",
            name=text("horizon_span", lang),
            legendgroup="horizon",
            legendrank=200,
        )
    )
    crowded = len(docs) > LABEL_LIMIT
    if ticks:
        fig.add_trace(
            go.Scatter(
                x=arr(_year_x(year, doc.issued) for doc, year in ticks),
                y=nums(rows[doc.id] + BAR_OFFSET for doc, _ in ticks),
                mode="markers" if crowded else "markers+text",
                text=None if crowded else arr(str(year) for _doc, year in ticks),
                textposition="bottom center",
                textfont={"size": 10, "color": "#555"},
                marker={
                    "symbol": "line-ns",
                    "size": 14,
                    "line": {"width": 2.5, "color": "#44546A"},
                    "color": "#44546A",
                },
                customdata=ids((doc.id, escape(doc.symbol)) for doc, _ in ticks),
                hovertemplate=f"<b>%{{customdata[1]}}</b> · {text('horizon', lang).lower()} %{{x|%Y}}<extra></extra>",
                name=text("horizon", lang),
                legendgroup="horizon",
                cliponaxis=False,
                legendrank=201,
            )
        )
    if marks:
        # a crowded chart names the document and the year only (the Targets page lists the targets): per-point
        # hover texts would make the page megabytes heavier
        fig.add_trace(
            go.Scatter(
                x=arr(_year_x(year, doc.issued) for doc, year in marks),
                y=nums(rows[doc.id] + BAR_OFFSET for doc, _ in marks),
                mode="markers",
                marker={
                    "symbol": "star",
                    "size": 12,
                    "color": "#332288",
                    "line": {"width": 1, "color": "white"},
                },
                customdata=ids((doc.id, escape(doc.symbol)) for doc, _ in marks),
                hovertext=None
                if crowded
                else arr(_target_hover(doc, year, targets.get(doc.id, []), lang) for doc, year in marks),
                hoverinfo=None if crowded else "text",
                hovertemplate=f"<b>%{{customdata[1]}}</b> · {text('target', lang).lower()} %{{x|%Y}}<extra></extra>"
                if crowded
                else None,
                name=text("target", lang),
                legendgroup="target",
                cliponaxis=False,
                legendrank=202,
            )
        )


def _target_hover(doc: TimelineDoc, year: int, targets: list[dict[str, Any]], lang: str) -> str:
    lines = [f"<b>{escape(doc.symbol)}</b> · {text('target', lang).lower()} {year}"]
    for t in (t for t in targets if int(t["end_year"]) == year):
        conflict = f" ⚠ {text('conflict', lang)}" if text_of(t.get("conflict_group")) else ""
        words = f"“{text_of(t.get('surface'))}”" if text_of(t.get("surface")) else text_of(t.get("text"))
        source = ", ".join(x for x in (label("origin", t.get("origin"), lang), text_of(t.get("confidence"))) if x)
        lines.append(f"• {wrap(words, 80)}{f' ({escape(source)})' if source else ''}{conflict}")
    return "<br>".join(lines[:8])


def _year_x(year: int, issued: date) -> str:
    """Place a horizon year mid-year, but never before the document's own date."""
    mid = date(year, 7, 1)
    return max(mid, issued).isoformat()
