"""Reported indicators: dated facts the sources report (partners, free trade agreements …), one row per
indicator, each report a point labelled with its value at the date it describes.

Pure: Dataset + ChartOptions (docs, themes, lang, the year filter of `figures.targets.chart`) in, table or plotly
Figure out; the Targets page, `policy-timeline export indicators` and the briefing pack use these functions.
Indicators that count different things stay on different rows (38 partnership frameworks is not the 34
partner countries of a few months before), and every point says who reported it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.dataset.load import Dataset
from dashboard.figures.compose import compose, empty_note, wrap
from dashboard.figures.labels import chart_documents, chart_lang, text, word
from dashboard.figures.registry import Chart, ChartOptions
from dashboard.figures.targets.chart import CONFLICT, caption_documents
from dashboard.figures.targets.chart import TEXT as TARGET_TEXT
from dashboard.figures.targets.tables import target_records, targets_table, value_text
from dashboard.figures.template import CATEGORICAL, escape, source_caption
from dashboard.figures.themes.tables import coverage_sentence
from dashboard.i18n import localised, table

TEXT = table("indicators_chart")


def indicators_figure(
    ds: Dataset, options: ChartOptions, rows: Sequence[dict[str, Any]] | None = None
) -> go.Figure:
    """Return reported indicators as dated values: one row per indicator, each report a point labelled with
    its value at the date it describes, a line joining reports of the same indicator. `rows` are the view's
    reported indicators when the caller has them already (the app reads them from its target store), in
    target_records' order; else they are read from target_records."""
    lang = chart_lang(options)
    records = indicator_records(ds, options) if rows is None else indicators_of(rows)
    names = list(dict.fromkeys(r["indicator"] for r in records))
    data: list[dict[str, Any]] = []
    labels: list[str] = []
    for i, indicator in enumerate(names):
        rows = [r for r in records if r["indicator"] == indicator]
        colour = CATEGORICAL[i % len(CATEGORICAL)]
        conflict = [bool(text(r.get("conflict_group"))) for r in rows]
        labels.append(wrap(escape(text(rows[0]["text"]) or indicator), 34))
        data.append(
            {
                "type": "scatter",
                "x": [r["date"] for r in rows],
                "y": [i] * len(rows),
                "mode": "lines+markers+text",
                "line": {"color": colour, "width": 2},
                "marker": {
                    "size": 12,
                    "color": colour,
                    "line": {
                        "width": [2.5 if c else 1 for c in conflict],
                        "color": [CONFLICT if c else "white" for c in conflict],
                    },
                },
                "text": [value_text(r) for r in rows],
                "textposition": "top center",
                "textfont": {"size": 13, "color": colour},
                "hovertext": [_indicator_hover(r, lang) for r in rows],
                "hoverinfo": "text",
                "name": labels[-1],
                "showlegend": False,
                "cliponaxis": False,
            }
        )
    sites = sorted({r["source"] for r in records if r["source"]})
    docs = chart_documents(ds, options.docs)
    extra = " ".join(
        [
            coverage_sentence(ds, tuple(d.id for d in docs), lang),
            word(TEXT, "sources", lang, sites=", ".join(sites)) if sites else "",
        ]
    )
    dates = sorted(pd.Timestamp(r["date"]) for r in records)
    lo = (dates[0] - pd.Timedelta(days=240)) if dates else pd.Timestamp("2012-01-01")
    hi = (dates[-1] + pd.Timedelta(days=240)) if dates else pd.Timestamp("2026-01-01")
    layout: dict[str, Any] = {
        "xaxis": {
            "type": "date",
            "range": [lo.date().isoformat(), hi.date().isoformat()],
            "showgrid": True,
            "gridcolor": "#E6E6E6",
            "tickformat": "%Y",
            "dtick": "M12",
            "title": {"text": escape(word(TEXT, "xaxis", lang)), "standoff": 6, "font": {"size": 13}},
            "fixedrange": True,
            "visible": bool(names),
        },
        "yaxis": {
            "tickmode": "array",
            "tickvals": list(range(len(names))),
            "ticktext": labels,
            "range": [len(names) - 0.5, -0.7],
            "showgrid": False,
            "zeroline": False,
            "automargin": True,
            "fixedrange": True,
            "visible": bool(names),
        },
        "annotations": [] if names else [empty_note(word(TEXT, "ind_none", lang))],
        "hovermode": "closest",
        "margin": {"l": 20, "r": 30},
    }
    return compose(
        data,
        layout,
        title=word(TEXT, "ind_title", lang),
        subtitle=word(TEXT, "ind_subtitle", lang) + ".",
        caption=source_caption(caption_documents(docs, lang), ds.version, extra=extra.strip(), lang=lang),
        height=max(240 if not names else 300, 170 + 62 * len(names)),
        top=10,
        bottom=50,
    )


def indicators_table(ds: Dataset, options: ChartOptions) -> pd.DataFrame:
    """Return the reported indicators the options select that have an indicator id and a date, with `date`
    (the as_of date as ISO; a bare year sits mid-year), by indicator then date."""
    columns = [*targets_table(ds, options).columns, "date"]
    return pd.DataFrame(indicator_records(ds, options), columns=columns)


def indicator_records(ds: Dataset, options: ChartOptions) -> list[dict[str, Any]]:
    """Return indicators_table's rows as dicts (what the chart walks)."""
    return indicators_of(target_records(ds, options))


def indicators_of(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the reported indicators of `records` that name an indicator and a date, with their `date`, by
    indicator then date."""
    rows = [
        {**r, "date": _as_of_date(r)}
        for r in records
        if r["kind"] == "reported_indicator" and text(r.get("indicator"))
    ]
    return sorted((r for r in rows if r["date"]), key=lambda r: (r["indicator"], r["date"], r["id"]))


# ---------------------------------------------------------------- helpers


def _indicator_hover(r: dict[str, Any], lang: str) -> str:
    as_of = word(TEXT, "as_of", lang, d=escape(text(r["as_of"])))
    lines = [
        f"<b>{escape(text(r['text']))}</b>",
        f"{value_text(r)} {escape(text(r['unit']))}, {as_of}",
        word(TEXT, "with", lang, doc=escape(r["symbol"])),
        f"{word(TARGET_TEXT, 'reported_by', lang, site=escape(r['source'] or '?'))}; "
        f"{word(TARGET_TEXT, 'confidence', lang, c=escape(text(r['confidence'])))}",
    ]
    if text(r.get("conflict_group")):
        lines.append(
            f"<span style='color:{CONFLICT}'>{escape(word(TARGET_TEXT, 'conflict', lang))}</span>: "
            f"{wrap(escape(localised(r, 'conflict_note', lang)), 80)}"
        )
    if text(r.get("note")) or text(r.get("source_note")):
        lines.append(f"<i>{wrap(escape(text(r.get('note')) or text(r.get('source_note'))), 80)}</i>")
    return "<br>".join(lines)


def _as_of_date(r: dict[str, Any]) -> str:
    value = text(r.get("as_of")) or (str(int(r["end_year"])) if pd.notna(r.get("end_year")) else "")
    parts = value.split("-")
    if not parts[0].isdigit():
        return ""
    if len(parts) == 1:
        return f"{parts[0]}-07-01"  # a bare year: mid-year
    return f"{parts[0]}-{parts[1]}-{parts[2] if len(parts) > 2 else '15'}"


INDICATORS = Chart(
    name="indicators",
    title="Reported indicators",
    description="Reported indicators (partners, free trade agreements …) as values at the dates they "
    "describe, one row per indicator, with their sources in the hover.",
    data=indicators_table,
    figure=indicators_figure,
)
