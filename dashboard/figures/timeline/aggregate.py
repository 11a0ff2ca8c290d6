"""The timeline at scale: above AGGREGATE_LIMIT documents, one circle per lane and year that counts its documents.

A thousand markers cannot be read one by one (they overlap in six rows a lane) and cost about a kilobyte each in
the page's response; a circle per lane and year says how many documents each body issued when, its hover breaks
the count down by coverage and names the first few, and a click on it (in the app) shows that year's documents one
by one. Relations and horizons are drawn only one by one: the caption says they are left out.

Pure: the counts come in as a frame at the grain (lane, year, coverage, held) with n and the first symbols, from
`Query.documents_per_lane_year` (the app, in SQL) or `lane_year_grain` over the documents table (the export and
the briefing, which hold it); `period_table` sums them per lane and year and `aggregate_figure` draws them.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.coverage import COVERAGE_STYLE, coverage_key, coverage_label
from dashboard.figures.date_axis import year_axis
from dashboard.figures.template import caption_text, escape, frame, source_caption
from dashboard.figures.timeline.points import arr, ids, nums, wrap
from dashboard.figures.timeline.rows import lane_rank
from dashboard.figures.timeline.text import lane_label, text
from dashboard.i18n import number, t

AGGREGATE_LIMIT = 300  # above this many documents drawn, the timeline counts them per lane and year
SYMBOLS = 5  # symbols a circle's hover names
GRAIN = ["lane", "year", "coverage", "held", "n", "symbols"]
COVERAGES = tuple(COVERAGE_STYLE)  # full, partial, summary, not_held
COLOUR = "#0072B2"


def aggregated(n_documents: int) -> bool:
    """Return whether a timeline of `n_documents` documents is drawn as counts per lane and year."""
    return n_documents > AGGREGATE_LIMIT


def lane_year_grain(documents: pd.DataFrame, symbols: int = SYMBOLS) -> pd.DataFrame:
    """Return the documents counted at the grain `Query.documents_per_lane_year` returns (lane, year, coverage,
    held, n, first symbols by date): the same frame from the documents table in memory."""
    table = documents.copy()
    table["issued"] = pd.to_datetime(table["issued"], errors="coerce")
    table = table[table["issued"].notna()]
    if table.empty:
        return pd.DataFrame(columns=GRAIN)
    table["lane"] = table["lane"].fillna("").astype(str).replace("", "Other")
    table["year"] = table["issued"].dt.year.astype("int64")
    table["coverage"] = table["coverage"].fillna("").astype(str)
    table["symbol"] = [
        str(s) if isinstance(s, str) and s else str(i) for s, i in zip(table["symbol"], table["id"], strict=True)
    ]
    table = table.sort_values(["issued", "id"])
    out = (
        table.groupby(["lane", "year", "coverage", "held"], sort=True)
        .agg(n=("id", "size"), symbols=("symbol", lambda s: list(s)[:symbols]))
        .reset_index()
    )
    out["n"] = out["n"].astype("int64")
    return out[GRAIN].reset_index(drop=True)


def period_table(grain: pd.DataFrame) -> pd.DataFrame:
    """Return one row per lane and year (lanes in the timeline's order, then years): n, the count of each
    coverage (full, partial, summary, not_held) and the first symbols."""
    columns = ["lane", "year", "n", *COVERAGES, "symbols"]
    if grain.empty:
        return pd.DataFrame(columns=columns)
    rows: dict[tuple[str, int], dict[str, Any]] = {}
    for r in grain.to_dict("records"):
        key = (str(r["lane"]), int(r["year"]))
        row = rows.setdefault(key, {"lane": key[0], "year": key[1], "n": 0, **dict.fromkeys(COVERAGES, 0)})
        row["n"] += int(r["n"])
        row[coverage_key(r["coverage"] or None, r["held"])] += int(r["n"])
        row.setdefault("symbols", []).extend(list(r["symbols"]))
    out = []
    for key in sorted(rows, key=lambda k: (lane_rank(k[0]), k[0], k[1])):
        row = rows[key]
        out.append({**row, "symbols": tuple(row.get("symbols", [])[:SYMBOLS])})
    return pd.DataFrame(out, columns=columns)


def aggregate_figure(
    periods: pd.DataFrame, version: str, lang: str, *, click: bool = True, shown: str = ""
) -> go.Figure:
    """Return the timeline as one circle per lane and year, sized by its count of documents, with a hover that
    breaks the count down by coverage and names the first documents. `shown` names a filter already applied (a
    year range) for the subtitle."""
    lanes = sorted(set(periods["lane"]), key=lambda lane: (lane_rank(lane), lane))
    row = {lane: i for i, lane in enumerate(lanes)}
    total = int(periods["n"].sum()) if not periods.empty else 0
    biggest = int(periods["n"].max()) if not periods.empty else 1
    fig = go.Figure()
    for i, lane in enumerate(lanes):
        fig.add_shape(
            type="rect", xref="paper", yref="y", x0=0, x1=1, y0=i - 0.5, y1=i + 0.5,
            fillcolor="#F3F6FA" if i % 2 == 0 else "#FFFFFF", line={"width": 0}, layer="below",
        )  # fmt: skip
    records: list[dict[str, Any]] = [{str(k): v for k, v in r.items()} for r in periods.to_dict("records")]
    fig.add_trace(
        go.Scatter(
            x=arr(f"{int(r['year'])}-07-01" for r in records),
            y=nums(row[r["lane"]] for r in records),
            mode="markers+text",
            text=arr(str(int(r["n"])) for r in records),
            textposition="middle center",
            textfont={"size": 11, "color": "#FFFFFF"},
            marker={
                "size": nums(12 + 22 * math.sqrt(int(r["n"]) / biggest) for r in records),
                "color": COLOUR,
                "opacity": 0.85,
                "line": {"width": 1, "color": "#333"},
            },
            customdata=ids(f"year:{int(r['year'])}" for r in records),
            hovertext=arr(period_hover(r, lang, click=click) for r in records),
            hoverinfo="text",
            name=text("grouped_legend", lang),
            cliponaxis=False,
        )
    )
    years = [int(y) for y in periods["year"]] if not periods.empty else [2010, 2030]
    partial = total - int(periods["full"].sum()) if not periods.empty else 0
    frame(
        fig,
        title=text("title", lang),
        subtitle=" ".join(
            x
            for x in (
                t(
                    "timeline_chart.grouped_subtitle",
                    lang,
                    count=number(total, lang),
                    limit=number(AGGREGATE_LIMIT, lang),
                ),
                shown,
                text("grouped_click", lang) if click else "",
            )
            if x
        ),
        caption=source_caption(
            [caption_text("n_documents", lang, n=total)],
            version,
            extra=t("timeline_chart.grouped_caption", lang, n=partial),
            lang=lang,
        ),
        height=int(240 + 62 * max(len(lanes), 1)),
    )
    fig.update_layout(
        margin={"l": 150, "r": 40, "t": 150, "b": 110},
        xaxis=year_axis(f"{min(years) - 1}-07-01", f"{max(years) + 1}-07-01", text("grouped_xaxis", lang)),
        yaxis={
            "range": [len(lanes) - 0.5, -0.5],
            "tickmode": "array",
            "tickvals": list(range(len(lanes))),
            "ticktext": [f"<b>{wrap(lane_label(lane, lang), 20)}</b>" for lane in lanes],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
            "ticks": "",
        },
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom", "font": {"size": 12}},
        showlegend=True,
        hovermode="closest",
        clickmode="event",
        dragmode="pan",
    )
    return fig


def period_hover(row: dict[str, Any], lang: str, *, click: bool = True) -> str:
    """Return a circle's hover: lane and year, how many documents and of which coverage, the first few."""
    n = int(row["n"])
    parts = [f"{int(row[key])} {coverage_label(key, lang).lower()}" for key in COVERAGES if int(row.get(key, 0) or 0)]
    lines = [
        f"<b>{escape(lane_label(str(row['lane']), lang))} · {int(row['year'])}</b>",
        t("timeline_chart.grouped_count", lang, n=n) + (f" ({', '.join(escape(p) for p in parts)})" if parts else ""),
    ]
    symbols = [str(s) for s in row.get("symbols") or ()]
    if symbols:
        more = " …" if n > len(symbols) else ""
        lines.append(wrap(f"{text('grouped_first', lang)}: {', '.join(symbols)}{more}", 70))
    if click:
        lines.append(f"<span style='color:#555'>{text('grouped_click_one', lang)}</span>")
    return "<br>".join(lines)
