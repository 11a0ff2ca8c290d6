"""Targets and horizons on a time axis (targets-timeline); reported indicators have their own chart
(figures.targets.indicators).

Pure: Dataset + ChartOptions in, table or plotly Figure out; the Targets page, `policy-timeline export` and
the briefing pack use these same functions. Options: `docs`, `themes`, `lang`; `targets` (TargetOptions:
the kinds, the years a target falls due in, and `by`, document or theme: how the timeline groups its rows).

Marks say where a target comes from: filled when it was found in the document's own text, hollow when only a
secondary source reports it, and ringed with ⚠ when sources disagree (rows sharing a conflict_group are all
drawn: a conflict is shown, never resolved by hiding a row).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, NamedTuple

import pandas as pd
import plotly.graph_objects as go

from dashboard.dataset.load import Dataset
from dashboard.figures.compose import compose, empty_note, wrap
from dashboard.figures.labels import (
    COVERAGE_WORD,
    chart_documents,
    chart_lang,
    text,
    theme_ids,
    theme_labels,
    word,
)
from dashboard.figures.registry import Chart, ChartOptions
from dashboard.figures.targets.tables import (
    KINDS,
    TARGET_KINDS,
    kind_label,
    shown_kinds,
    target_records,
    targets_table,
    value_text,
    years_text,
)
from dashboard.figures.template import caption_text, escape, source_caption
from dashboard.figures.themes.tables import coverage_sentence
from dashboard.i18n import localised, table

# Okabe-Ito colours and a distinct symbol per kind, so kind never rests on colour alone
KIND_STYLE: dict[str, dict[str, str]] = {
    "goal": {"colour": "#0072B2", "symbol": "star"},
    "milestone": {"colour": "#E69F00", "symbol": "diamond"},
    "programme_period": {"colour": "#009E73", "symbol": "square"},
    "reported_indicator": {"colour": "#CC79A7", "symbol": "circle"},
}
CONFLICT = "#A03D00"
INK = "#333333"
YEAR_BAND = "#FFF1B8"
MAX_ROWS = 60  # targets the timeline draws at most (the earliest due); the page's table lists them all
# documents a Targets chart's source caption names one by one; beyond, how many (10,000 symbols were 131 KB of
# each chart's answer)
CAPTION_DOCUMENTS = 40

TEXT = table("targets_chart")


class Drawn(NamedTuple):
    """What the targets timeline draws of a view: the deadlines of the kinds it draws (`due`), how many are dated
    (the first MAX_ROWS drawn), the rows listed apart, of every kind (as the page counts them), the axis' span."""

    due: int
    apart: int
    dated: int
    first: tuple[dict[str, Any], ...]
    span: tuple[int, int]


def drawn_kinds(options: ChartOptions) -> tuple[str, ...]:
    """Return the kinds the targets timeline draws: those asked for, but no reported indicators unless asked."""
    asked = shown_kinds(options)
    return asked if asked != KINDS else TARGET_KINDS


def timeline_figure(ds: Dataset, options: ChartOptions, drawn: Drawn | None = None) -> go.Figure:
    """Return targets on a time axis: one row per target under its document (or theme), bars over a
    period's years, a mark at the year it falls due, symbol and colour by kind. `drawn` is what to draw of the
    view when the caller has it already (the app reads it from its target store); else it is computed from
    target_records."""
    lang = chart_lang(options)
    asked = shown_kinds(options)
    kinds = drawn_kinds(options)
    due, apart, n_dated, first, (x0, x1) = drawn or _drawn(ds, options, kinds)
    # one row per target reads for a few dozen; beyond, the earliest due are drawn and the table has the rest
    rows, ticks = _rows(ds, list(first[:MAX_ROWS]), options)
    data: list[dict[str, Any]] = []
    shapes: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    lo, hi = options.targets.year_from, options.targets.year_to
    if lo is not None or hi is not None:
        band = (lo if lo is not None else x0) - 0.5, (hi if hi is not None else x1) + 0.5
        x0, x1 = min(x0, band[0] - 0.5), max(x1, band[1] + 0.5)
        span = f"{lo}" if lo == hi else f"{lo or '…'}–{hi or '…'}"
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": band[0],
                "x1": band[1],
                "y0": 0,
                "y1": 1,
                "fillcolor": YEAR_BAND,
                "opacity": 0.8,
                "line": {"width": 0},
                "layer": "below",
            }
        )
        annotations.append(
            {
                "text": escape(word(TEXT, "due", lang, years=span)),
                "xref": "x",
                "yref": "paper",
                "x": band[0],
                "y": 1,
                "xanchor": "left",
                "yanchor": "top",
                "showarrow": False,
                "font": {"size": 11, "color": "#6b5500"},
            }
        )
    for kind in kinds:
        for origin in ("extracted", "cited"):
            group = [
                r for r in rows if r["row"]["kind"] == kind and (r["row"]["origin"] == "cited") == (origin == "cited")
            ]
            if group:
                _add_marks(data, group, kind, origin, lang)
    conflicts = [r for r in rows if text(r["row"].get("conflict_group"))]
    if conflicts:
        data.append(
            dict(
                type="scatter",
                x=[_mark_year(r["row"]) for r in conflicts],
                y=[r["y"] for r in conflicts],
                mode="markers+text",
                marker={"symbol": "circle-open", "size": 25, "color": CONFLICT, "line": {"width": 2.2}},
                text=["⚠"] * len(conflicts),
                textposition="middle right",
                textfont={"size": 14, "color": CONFLICT},
                hoverinfo="skip",
                name=escape(word(TEXT, "conflict", lang)),
                cliponaxis=False,
            )
        )
    issued = [t for t in ticks if t.get("issued")]
    if issued:
        data.append(
            dict(
                type="scatter",
                x=[t["issued"] for t in issued],
                y=[t["y"] for t in issued],
                mode="markers",
                marker={"symbol": "triangle-down", "size": 10, "color": "#8C8C8C"},
                hovertext=[f"{escape(t['symbol'])}: {word(TEXT, 'issued', lang)} {t['date']}" for t in issued],
                hoverinfo="text",
                name=escape(word(TEXT, "issued", lang)),
                legendrank=1200,
            )
        )
    for key, symbol in (("found", "circle"), ("cited", "circle-open")):
        data.append(
            dict(
                type="scatter",
                x=[None],
                y=[None],
                mode="markers",
                name=escape(word(TEXT, key, lang)),
                marker={"symbol": symbol, "size": 11, "color": INK, "line": {"width": 1.5}},
                hoverinfo="skip",
                legendrank=1100,
            )
        )
    if not rows:
        annotations.append(empty_note(word(TEXT, "none", lang)))
    notes = [coverage_sentence(ds, tuple(d.id for d in chart_documents(ds, options.docs)), lang)]
    if due > n_dated:
        notes.append(word(TEXT, "undated", lang, n=due - n_dated))
    if apart:
        notes.append(word(TEXT, "apart", lang, n=apart))
    if n_dated > MAX_ROWS:
        notes.append(word(TEXT, "capped", lang, n=MAX_ROWS, total=n_dated))
    docs = chart_documents(ds, options.docs)
    subtitle = word(TEXT, "timeline_subtitle", lang)
    extras = [word(TEXT, "by_theme", lang)] if options.targets.by == "theme" else []
    if asked == KINDS:
        extras.append(word(TEXT, "no_indicators", lang))
    subtitle += f" ({'; '.join(extras)})." if extras else "."
    n = max(len(ticks), 1)
    layout = {
        "xaxis": {
            "range": [x0, x1],
            "dtick": 5 if x1 - x0 > 14 else 1,
            "showgrid": True,
            "gridcolor": "#E6E6E6",
            "zeroline": False,
            "title": {"text": escape(word(TEXT, "xaxis", lang))},
            "fixedrange": True,
        },
        "yaxis": {
            "tickmode": "array",
            "tickvals": [t["y"] for t in ticks],
            "ticktext": [t["text"] for t in ticks],
            "range": [n - 0.4, -0.8],
            "showgrid": False,
            "zeroline": False,
            "automargin": True,
            "fixedrange": True,
            "tickfont": {"size": 12},
        },
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1, "yanchor": "bottom", "font": {"size": 12}},
        "shapes": shapes,
        "annotations": annotations,
        "hovermode": "closest",
        "margin": {"l": 20, "r": 30},
    }
    return compose(
        data,
        layout,
        title=word(TEXT, "timeline_title", lang),
        subtitle=subtitle,
        caption=source_caption(caption_documents(docs, lang), ds.version, extra=" ".join(notes), lang=lang),
        height=max(400, 220 + 25 * n),
        top=80,
        bottom=30,
    )


# ---------------------------------------------------------------- helpers


@lru_cache(maxsize=64)
def _drawn(ds: Dataset, options: ChartOptions, kinds: tuple[str, ...]) -> Drawn:
    """Return what the timeline draws of a view (drawn_rows over target_records; cached per view: 130,000
    targets at 10,000 documents take ~100 ms to walk)."""
    return drawn_rows(target_records(ds, options), kinds)


def drawn_rows(records: Sequence[dict[str, Any]], kinds: Sequence[str]) -> Drawn:
    """Return what the timeline draws of a view's rows (target_records) when it draws `kinds`; the rows listed
    apart are counted over every kind, as on the page (a reported indicator in a publisher's framing too)."""
    deadlines = [r for r in records if r.get("role", "deadline") == "deadline"]
    due = [r for r in deadlines if r["kind"] in kinds]
    dated = tuple(r for r in due if r["start_year"] is not None or r["end_year"] is not None)
    years = [r[col] for r in dated for col in ("start_year", "end_year") if r[col] is not None]
    span = (min(years) - 1, max(years) + 1) if years else (2010, 2035)
    return Drawn(len(due), len(records) - len(deadlines), len(dated), dated[:MAX_ROWS], span)


def caption_documents(docs: Sequence[Any], lang: str) -> list[str]:
    """Return the documents a chart's source caption names: their symbols, or past CAPTION_DOCUMENTS their
    count ("10,000 documents")."""
    if len(docs) <= CAPTION_DOCUMENTS:
        return [d.symbol for d in docs]
    return [caption_text("n_documents", lang, n=len(docs))]


def _rows(
    ds: Dataset, records: list[dict[str, Any]], options: ChartOptions
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Return the drawn targets (row, y) and the axis ticks: a header per group, then its targets."""
    lang = chart_lang(options)
    groups: list[tuple[str, dict[str, Any], list[dict[str, Any]]]] = []
    if options.targets.by == "theme":
        labels = theme_labels(ds, lang)
        for theme in [*theme_ids(ds), ""]:
            members = [r for r in records if (theme in r["theme_ids"]) or (not theme and not r["theme_ids"])]
            if members:
                head = f"<b>{escape(labels.get(theme, theme) if theme else word(TEXT, 'no_theme', lang))}</b>"
                groups.append((head, {}, members))
    else:
        by_document: dict[Any, list[dict[str, Any]]] = {}  # one pass, not a scan of the 60 per document of 10,000
        for r in records:
            by_document.setdefault(r["document_id"], []).append(r)
        for doc in chart_documents(ds, options.docs):
            members = by_document.get(doc.id, [])
            if members:
                cov = escape(word(COVERAGE_WORD, doc.coverage, lang))
                head = f"<b>{escape(doc.symbol)}</b> ({doc.year}) {doc.glyph} {cov}"
                groups.append(
                    (
                        head,
                        {
                            "issued": doc.year + (int(doc.issued[5:7]) - 0.5) / 12,
                            "symbol": doc.symbol,
                            "date": doc.issued,
                        },
                        members,
                    )
                )
    rows: list[dict[str, Any]] = []
    ticks: list[dict[str, Any]] = []
    by_theme = options.targets.by == "theme"
    for head, extra, members in groups:
        ticks.append({"y": len(ticks), "text": head, **extra})
        repeated = Counter(r["label"] for r in members)
        for r in sorted(members, key=lambda r: (_mark_year(r), r["id"])):
            label = escape(r["label"])
            if repeated[r["label"]] > 1:  # one text, several periods (Stage 2 … 2021-2025, 2026-2030)
                label += f" ({years_text(r)})"
            if by_theme:  # rows of one theme come from several documents: name each one's
                label = f"{escape(r['symbol'])} · {label}"
            y = len(ticks)
            ticks.append({"y": y, "text": label + " "})
            rows.append({"row": r, "y": y})
    return rows, ticks


def _add_marks(data: list[dict[str, Any]], group: list[dict[str, Any]], kind: str, origin: str, lang: str) -> None:
    style = KIND_STYLE.get(kind, {"colour": INK, "symbol": "circle"})
    cited = origin == "cited"
    bar_x: list[float | None] = []
    bar_y: list[float | None] = []
    for item in group:
        r = item["row"]
        if pd.notna(r["start_year"]) and pd.notna(r["end_year"]) and r["start_year"] != r["end_year"]:
            bar_x += [r["start_year"], r["end_year"], None]
            bar_y += [item["y"], item["y"], None]
    if bar_x:
        data.append(
            dict(
                type="scatter",
                x=bar_x,
                y=bar_y,
                mode="lines",
                hoverinfo="skip",
                showlegend=False,
                line={"color": style["colour"], "width": 7, "dash": "dot" if cited else "solid"},
                opacity=0.55,
            )
        )
    data.append(
        dict(
            type="scatter",
            x=[_mark_year(i["row"]) for i in group],
            y=[i["y"] for i in group],
            mode="markers",
            marker={
                "symbol": style["symbol"] + ("-open" if cited else ""),
                "size": 14 if kind == "goal" else 12,
                "color": style["colour"],
                "line": {"width": 2 if cited else 1, "color": style["colour"] if cited else "white"},
            },
            hovertext=[_target_hover(i["row"], lang) for i in group],
            hoverinfo="text",
            customdata=[[i["row"]["id"], text(i["row"]["provision_id"])] for i in group],
            name=escape(kind_label(kind, lang)),
            legendgroup=kind,
            showlegend=not any(t.get("legendgroup") == kind and t.get("showlegend") for t in data),
            cliponaxis=False,
        )
    )


def _target_hover(r: dict[str, Any], lang: str) -> str:
    lines = [
        f"<b>{escape(r['symbol'])}</b> · {escape(kind_label(r['kind'], lang))} · {escape(years_text(r))}",
        wrap(escape(text(r["text"])), 80),
    ]
    if text(r.get("value")) and text(r.get("unit")):
        lines.append(f"{value_text(r)} {escape(text(r['unit']))}")
    if r["origin"] == "cited":
        where = word(TEXT, "reported_by", lang, site=escape(r["source"] or text(r["source_url"])))
    else:
        where = word(TEXT, "provision", lang, p=escape(text(r["provision_id"]).split(":", 1)[-1]))
    lines.append(f"{where}; {word(TEXT, 'confidence', lang, c=escape(text(r['confidence'])))}")
    if text(r.get("conflict_group")):
        note = localised(r, "conflict_note", lang)
        lines.append(
            f"<span style='color:{CONFLICT}'>{escape(word(TEXT, 'conflict', lang))}</span>"
            + (f": {wrap(escape(note), 80)}" if note else "")
        )
    if text(r.get("note")):
        lines.append(f"<i>{wrap(escape(text(r['note'])), 80)}</i>")
    return "<br>".join(lines)


def _mark_year(r: dict[str, Any]) -> float:
    end, start = r["end_year"], r["start_year"]
    return float(end) if pd.notna(end) else float(start)


TARGETS_TIMELINE = Chart(
    name="targets-timeline",
    title="Targets and horizons",
    description="Targets on a time axis, one row per target under its document (or theme): bars over a "
    "period's years, a mark at the year it falls due, symbol by kind, hollow when only a secondary "
    "source reports it, ⚠ where sources disagree.",
    data=targets_table,
    figure=timeline_figure,
)
