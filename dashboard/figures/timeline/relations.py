"""The timeline's relations between documents: a legend entry per relation kind, an arrow per relation (faint
lines when there are too many for the browser), and a hover at each arrow's middle with its evidence.

Part of `figures.timeline.chart`; the kinds' words and styles are in `figures.timeline.text`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import plotly.graph_objects as go

from dashboard.figures.template import escape
from dashboard.figures.timeline.points import arr, nums, wrap
from dashboard.figures.timeline.rows import TimelineDoc, text_of
from dashboard.figures.timeline.text import RELATION_STYLE, relation_label, text
from dashboard.i18n import label, localised

ARROW_LIMIT = 150  # more relations than this are drawn as faint lines, not arrows


def add_relations(
    fig: go.Figure, docs: list[TimelineDoc], rows: dict[str, int], relations: list[dict[str, Any]], lang: str
) -> None:
    """Add a legend entry per relation kind and the arrows (or, when crowded, faint lines) of `relations`."""
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
            annotations=[*fig.layout.annotations, *arrows]  # pyright: ignore[reportAttributeAccessIssue]  (plotly)
        )  # one update: add_annotation is O(n)
    for kind, (xs, ys) in lines.items():
        style = RELATION_STYLE.get(kind, {"colour": "#555555", "width": 1.6})
        fig.add_trace(
            go.Scattergl(
                x=arr(xs),
                y=nums(ys),
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
                x=arr(hover_x),
                y=nums(hover_y),
                mode="markers",
                hoverinfo="text",
                hovertext=arr(hover_text),
                marker={"size": 12, "color": "rgba(0,0,0,0)"},
                showlegend=False,
                name="relation evidence",
            )
        )


def _relation_hover(rel: dict[str, Any], src: TimelineDoc, dst: TimelineDoc, lang: str) -> str:
    lines = [f"<b>{escape(src.symbol)}</b> {escape(relation_label(rel['kind'], lang))} <b>{escape(dst.symbol)}</b>"]
    if text_of(rel.get("evidence")):
        lines.append(f"{text('evidence', lang)}: {wrap(localised(rel, 'evidence', lang), 80)}")
    conf = " · ".join(x for x in (text_of(rel.get("confidence")), label("origin", rel.get("origin"), lang)) if x)
    if conf:
        lines.append(f"{text('confidence', lang)}: {escape(conf)}")
    return "<br>".join(lines)
