"""The timeline: every document on a time axis, in lanes by issuing body, with its horizons, targets and
relations.

Pure: Dataset + ChartOptions in, plotly Figure out. The page, `policy-timeline export timeline` and the
briefing use this same function. Documents the corpus does not hold (known only through relations) are drawn
hollow and grey and labelled "not held"; held documents carry their coverage (colour, shape and glyph) so that
nobody reads a partial excerpt or a secondary account as the whole document.

Options (ChartOptions): `docs` restricts the documents; `lang` is en or vi; `extra["hide"]` is a
comma-separated list of layers to leave out: relations, horizons, not_held.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.dataset.load import Dataset
from dashboard.figures.coverage import (
    COVERAGE_STYLE,
    coverage_label,
    coverage_summary,
    source_kind_label,
)
from dashboard.figures.registry import Chart, ChartOptions, register
from dashboard.figures.template import caption_text, escape, frame, source_caption
from dashboard.figures.timeline_rows import (
    LABEL_LIMIT,
    TimelineDoc,
    document_relations,
    hidden_layers,
    lane_rows,
    layout,
    targets_by_document,
    text_of,
)
from dashboard.figures.timeline_text import RELATION_STYLE, lane_label, relation_label, text

ARROW_LIMIT = 150  # more relations than this are drawn as faint lines, not arrows
BAR_OFFSET = 0.3  # the horizon bar sits just below its document's marker (the y axis runs downwards)


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
    """Return the timeline figure (one marker per document, bars to horizons, arrows for relations)."""
    lang = options.lang if options.lang in ("en", "vi") else "en"
    hidden = hidden_layers(options)
    docs, rows, (x_start, x_end) = layout(ds, options)
    lanes = lane_rows(docs, rows)
    fig = go.Figure()
    _add_lane_bands(fig, lanes, lang)
    if "horizons" not in hidden:
        _add_horizons(fig, docs, rows, targets_by_document(ds), lang)
    if "relations" not in hidden:
        _add_relations(fig, docs, rows, document_relations(ds, {d.id for d in docs}, options), lang)
    _add_documents(fig, docs, rows, lang)

    n_rows = max((r for r in rows.values()), default=0) + 1
    held = [d for d in docs if d.held]
    held_frame = ds.documents[ds.documents["id"].isin([d.id for d in held])]
    extra = coverage_summary(held_frame, lang)
    if len(docs) > LABEL_LIMIT:
        extra += f" ({text('many', lang)})"
    frame(
        fig,
        title=text("title", lang),
        subtitle=text("subtitle", lang),
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
        xaxis={
            "type": "date",
            "range": [_date_of(x_start), _date_of(x_end)],
            "title": {"text": text("xaxis", lang)},
            "showgrid": True,
            "gridcolor": "#E6E6E6",
            "zeroline": False,
            "tickformat": "%Y",
            "ticks": "outside",
        },
        yaxis={
            "range": [n_rows - 0.35, -0.75],
            "tickmode": "array",
            "tickvals": [(first + last) / 2 for _lane, first, last in lanes],
            "ticktext": [f"<b>{_wrap(lane_label(lane, lang), 20)}</b>" for lane, _f, _l in lanes],
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


# ---------------------------------------------------------------- traces


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


def _add_documents(fig: go.Figure, docs: list[TimelineDoc], rows: dict[str, int], lang: str) -> None:
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
                x=_arr(d.issued.isoformat() for d in group),
                y=_nums(rows[d.id] for d in group),
                mode="markers+text" if labels else "markers",
                text=_arr(label(d) for d in group) if labels else None,
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
                customdata=_ids(d.id for d in group),
                hovertext=_arr(_document_hover(d, lang, brief=not labels) for d in group),
                hoverinfo="text",
                name=f"{style['glyph']} {coverage_label(key, lang)}",
                legendgroup="coverage",
                cliponaxis=False,
                legendrank=100 + list(COVERAGE_STYLE).index(key),
            )
        )


def _document_hover(doc: TimelineDoc, lang: str, *, brief: bool = False) -> str:
    lines = [f"<b>{escape(doc.symbol)}</b> · {doc.issued.isoformat()}", _wrap(doc.title, 70)]
    if doc.issuer:
        lines.append(escape(doc.issuer))
    cov = coverage_label(doc.coverage, lang)
    kind = source_kind_label(doc.source_kind, lang)
    lines.append(f"{text('coverage', lang)}: {escape(cov)}{f' ({escape(kind)})' if kind else ''}")
    if doc.coverage_note and not brief:  # a crowded chart keeps hovers short; the document page has the note
        lines.append(f"<i>{_wrap(doc.coverage_note, 80)}</i>")
    if doc.held:
        lines.append(f"<span style='color:#555'>{text('click', lang)}</span>")
    return "<br>".join(lines)


def _add_horizons(
    fig: go.Figure,
    docs: list[TimelineDoc],
    rows: dict[str, int],
    targets: dict[str, list[dict[str, Any]]],
    lang: str,
) -> None:
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
            x=_arr(bar_x),
            y=_nums(bar_y),
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
                x=_arr(_year_x(year, doc.issued) for doc, year in ticks),
                y=_nums(rows[doc.id] + BAR_OFFSET for doc, _ in ticks),
                mode="markers" if crowded else "markers+text",
                text=None if crowded else _arr(str(year) for _doc, year in ticks),
                textposition="bottom center",
                textfont={"size": 10, "color": "#555"},
                marker={
                    "symbol": "line-ns",
                    "size": 14,
                    "line": {"width": 2.5, "color": "#44546A"},
                    "color": "#44546A",
                },
                customdata=_ids((doc.id, escape(doc.symbol)) for doc, _ in ticks),
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
                x=_arr(_year_x(year, doc.issued) for doc, year in marks),
                y=_nums(rows[doc.id] + BAR_OFFSET for doc, _ in marks),
                mode="markers",
                marker={
                    "symbol": "star",
                    "size": 12,
                    "color": "#332288",
                    "line": {"width": 1, "color": "white"},
                },
                customdata=_ids((doc.id, escape(doc.symbol)) for doc, _ in marks),
                hovertext=None
                if crowded
                else _arr(_target_hover(doc, year, targets.get(doc.id, []), lang) for doc, year in marks),
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
        source = ", ".join(x for x in (text_of(t.get("origin")), text_of(t.get("confidence"))) if x)
        lines.append(f"• {_wrap(words, 80)}{f' ({escape(source)})' if source else ''}{conflict}")
    return "<br>".join(lines[:8])


def _add_relations(
    fig: go.Figure, docs: list[TimelineDoc], rows: dict[str, int], relations: list[dict[str, Any]], lang: str
) -> None:
    by_id = {d.id: d for d in docs}
    hover_x, hover_y, hover_text = [], [], []
    for kind in sorted(
        {r["kind"] for r in relations},
        key=lambda k: list(RELATION_STYLE).index(k) if k in RELATION_STYLE else 99,
    ):
        style = RELATION_STYLE.get(kind, {"colour": "#555555", "width": 1.6})
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                name=f"→ {relation_label(kind, lang)}",
                line={"color": style["colour"], "width": style["width"]},
                legendgroup="relation",
                hoverinfo="skip",
                legendrank=300,
            )
        )
    arrows: list[dict[str, Any]] = []
    lines: dict[str, tuple[list[Any], list[Any]]] = {}
    for rel in relations:
        src, dst = by_id[rel["source_id"]], by_id[rel["target_id"]]
        style = RELATION_STYLE.get(rel["kind"], {"colour": "#555555", "width": 1.6})
        if len(relations) <= ARROW_LIMIT:
            arrows.append(
                {
                    "x": dst.issued.isoformat(),
                    "y": rows[dst.id],
                    "ax": src.issued.isoformat(),
                    "ay": rows[src.id],
                    "xref": "x",
                    "yref": "y",
                    "axref": "x",
                    "ayref": "y",
                    "text": "",
                    "showarrow": True,
                    "arrowhead": 2,
                    "arrowsize": 1.1,
                    "arrowwidth": style["width"],
                    "arrowcolor": style["colour"],
                    "standoff": 10,
                    "startstandoff": 10,
                    "opacity": 0.9,
                }
            )
        else:  # thousands of arrows overwhelm the browser: plain lines, direction in the hover text
            xs, ys = lines.setdefault(rel["kind"], ([], []))
            xs += [src.issued.isoformat(), dst.issued.isoformat(), None]
            ys += [rows[src.id], rows[dst.id], None]
        if len(relations) > ARROW_LIMIT:
            continue
        mid = date.fromordinal((src.issued.toordinal() + dst.issued.toordinal()) // 2)
        hover_x.append(mid.isoformat())
        hover_y.append((rows[src.id] + rows[dst.id]) / 2)
        hover_text.append(_relation_hover(rel, src, dst, lang))
    if arrows:
        fig.update_layout(
            annotations=[*fig.layout.annotations, *arrows]
        )  # one update: add_annotation is O(n)
    for kind, (xs, ys) in lines.items():
        style = RELATION_STYLE.get(kind, {"colour": "#555555", "width": 1.6})
        fig.add_trace(
            go.Scattergl(
                x=_arr(xs),
                y=_nums(ys),
                mode="lines",
                hoverinfo="skip",
                showlegend=False,
                line={"color": style["colour"], "width": 1},
                opacity=0.15,
            )
        )
    if hover_x:
        fig.add_trace(
            go.Scatter(
                x=_arr(hover_x),
                y=_nums(hover_y),
                mode="markers",
                hoverinfo="text",
                hovertext=_arr(hover_text),
                marker={"size": 12, "color": "rgba(0,0,0,0)"},
                showlegend=False,
                name="relation evidence",
            )
        )


def _relation_hover(rel: dict[str, Any], src: TimelineDoc, dst: TimelineDoc, lang: str) -> str:
    lines = [
        f"<b>{escape(src.symbol)}</b> {escape(relation_label(rel['kind'], lang))} <b>{escape(dst.symbol)}</b>"
    ]
    if text_of(rel.get("evidence")):
        lines.append(f"{text('evidence', lang)}: {_wrap(text_of(rel.get('evidence')), 80)}")
    conf = " · ".join(x for x in (text_of(rel.get("confidence")), text_of(rel.get("origin"))) if x)
    if conf:
        lines.append(f"{text('confidence', lang)}: {escape(conf)}")
    return "<br>".join(lines)


# ---------------------------------------------------------------- small helpers


def _wrap_caption(fig: go.Figure, width: int = 170) -> int:
    """Break the source caption (the last annotation `frame` added) into lines; return how many."""
    if not fig.layout.annotations:
        return 0
    note = fig.layout.annotations[-1]
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


def _arr(values: Any) -> np.ndarray:
    """Return an object array: plotly validates arrays in one step, lists item by item (slow on big charts)."""
    return np.array(list(values), dtype=object)


def _nums(values: Any) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def _ids(values: Any) -> np.ndarray:
    """Return customdata: one row per point whose first item is the document id (what a click opens)."""
    rows = [list(v) if isinstance(v, tuple) else [v] for v in values]
    return np.array(rows, dtype=object).reshape(len(rows), -1) if rows else np.empty((0, 1), dtype=object)


def _date_of(year: float) -> str:
    whole = math.floor(year)
    return (date(whole, 1, 1) + timedelta(days=int((year - whole) * 365.25))).isoformat()


def _year_x(year: int, issued: date) -> str:
    """Place a horizon year mid-year, but never before the document's own date."""
    mid = date(year, 7, 1)
    return max(mid, issued).isoformat()


def _wrap(text: str, width: int) -> str:
    """Return `text` escaped for a plotly hover label and wrapped at `width` characters (at most four
    lines)."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "<br>".join(escape(x) for x in lines[:4]) + (" …" if len(lines) > 4 else "")


register(
    Chart(
        name="timeline",
        title="Timeline of documents",
        description="Every document at its date of issue in the lane of its issuing body, with bars to its "
        "horizon and target years, arrows for relations, and its coverage and source kind flagged.",
        data=timeline_table,
        figure=timeline_figure,
    )
)
