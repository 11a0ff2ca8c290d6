"""Comparison charts of two documents: theme weight moved (diverging bars) and the distinctive terms of each.

Pure: Dataset + ChartOptions (a, b, lang) in, table or plotly Figure out. The Compare page, `policy-timeline
export compare-themes --a A --b B` and the briefing pack use these same functions. Bars to the right (blue)
gained weight in B, bars to the left (orange) lost it; each chart names the basis it counts (the documents'
own provisions, or all provisions for a secondary account) and the coverage of both sources.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.analysis.diff import Comparison, compare_documents
from dashboard.dataset.load import Dataset
from dashboard.figures.coverage import coverage_key, coverage_label, source_kind_label
from dashboard.figures.registry import Chart, ChartOptions
from dashboard.figures.template import GAIN, LOSS, escape, frame, source_caption
from dashboard.i18n import table

TEXT = table("compare_chart")


@lru_cache(maxsize=64)
def comparison(dataset: Dataset, a: str, b: str, pins: tuple[str, ...] = ()) -> Comparison:
    """Return the comparison of documents `a` and `b` (ids or symbols), computed once per dataset, pair and
    set of a reader's pins (which change the pairs only, never the charts)."""
    return compare_documents(dataset, dataset.resolve_document(a), dataset.resolve_document(b), pins=pins)


@lru_cache(maxsize=64)
def comparison_dict(dataset: Dataset, a: str, b: str, pins: tuple[str, ...] = ()) -> dict[str, Any]:
    """Return `comparison(...).as_dict()`, cached: the JSON shape views and packs render from."""
    return comparison(dataset, a, b, pins).as_dict()


def basis_note(result: dict[str, Any], lang: str = "en") -> str:
    """Return which provisions the shares count: "own provisions", or per document when they differ."""
    docs = result["documents"]
    basis = result["basis"]
    if basis["a"] == basis["b"]:
        return _t(basis["a"], lang)
    return f"{docs['a']['symbol']}: {_t(basis['a'], lang)}; {docs['b']['symbol']}: {_t(basis['b'], lang)}"


def coverage_note(result: dict[str, Any], lang: str = "en") -> str:
    """Return the coverage and source kind of both documents in one line."""
    parts = []
    for side in ("a", "b"):
        doc = result["documents"][side]
        parts.append(
            f"{doc['symbol']}: {coverage_label(coverage_key(doc['coverage']), lang).lower()}, "
            f"{source_kind_label(doc['source_kind'], lang)}"
        )
    return "; ".join(parts) + "."


def coverage_warning(result: dict[str, Any], lang: str = "en") -> str:
    """Return the comparison's coverage warning in `lang` (the analysis writes it in English; "" when none)."""
    if not result.get("coverage_warning") or lang == "en":
        return str(result.get("coverage_warning") or "")
    a, b = result["documents"]["a"], result["documents"]["b"]

    def said(doc: dict[str, Any]) -> str:
        cover = coverage_label(coverage_key(doc["coverage"]), lang).lower()
        return f"{doc['symbol']}: {cover} ({source_kind_label(doc['source_kind'], lang)})"

    return i18n.t("compare.warning", lang, a=said(a), b=said(b))


def theme_delta_table(dataset: Dataset, options: ChartOptions) -> pd.DataFrame:
    """Return one row per theme either document carries: labels, both shares and the delta B − A."""
    result = comparison_dict(dataset, options.a, options.b)
    labels = _theme_labels(dataset, options.lang)
    rows = [
        {
            "theme_id": t["id"],
            "theme": labels.get(t["id"], t["id"]),
            "a": result["a"],
            "b": result["b"],
            "a_share": t["a_share"],
            "b_share": t["b_share"],
            "delta": t["delta"],
            "a_count": t["a_count"],
            "b_count": t["b_count"],
            "a_basis": result["basis"]["a"],
            "b_basis": result["basis"]["b"],
        }
        for t in result["themes"]
        if t["a_share"] or t["b_share"]
    ]
    columns = [
        "theme_id",
        "theme",
        "a",
        "b",
        "a_share",
        "b_share",
        "delta",
        "a_count",
        "b_count",
        "a_basis",
        "b_basis",
    ]
    return pd.DataFrame(rows, columns=columns)


def theme_delta_figure(dataset: Dataset, options: ChartOptions) -> go.Figure:
    """Return diverging horizontal bars of the change in theme share from A to B, largest gain on top."""
    result = comparison_dict(dataset, options.a, options.b)
    table = theme_delta_table(dataset, options).sort_values(["delta", "theme_id"], ascending=[True, False])
    sym_a, sym_b = result["documents"]["a"]["symbol"], result["documents"]["b"]["symbol"]
    lang = options.lang
    fig = go.Figure()
    for sign, colour, key in ((1, GAIN, "gain"), (-1, LOSS, "loss")):
        rows = table[(table["delta"] * sign > 0) | ((table["delta"] == 0) & (sign == 1))]
        fig.add_bar(
            x=rows["delta"] * 100,
            y=rows["theme"],
            orientation="h",
            marker_color=colour,
            name=escape(_t(key, lang).format(a=sym_a, b=sym_b)),
            customdata=list(
                zip(
                    rows["a_share"] * 100,
                    rows["b_share"] * 100,
                    rows["a_count"],
                    rows["b_count"],
                    strict=True,
                )
            ),
            hovertemplate=(
                f"%{{y}}<br>{escape(sym_a)}: %{{customdata[0]:.0f}}% (%{{customdata[2]}})<br>"
                f"{escape(sym_b)}: %{{customdata[1]:.0f}}% (%{{customdata[3]}})<br>"
                "change: %{x:+.0f} points<extra></extra>"
            ),
        )
    if table.empty:
        fig.add_annotation(
            text=escape(_t("empty", lang)),
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.5,
            showarrow=False,
            font={"size": 14, "color": "#555"},
        )
    limit = max(10.0, float(table["delta"].abs().max() * 100) * 1.1) if not table.empty else 10.0
    fig.update_layout(
        barmode="relative",
        bargap=0.25,
        showlegend=True,
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
    )
    fig.update_xaxes(
        range=[-limit, limit],
        zeroline=True,
        zerolinecolor="#444",
        zerolinewidth=1.5,
        ticksuffix=" pt",
        gridcolor="#eee",
        title={"text": escape(_t("themes_xaxis", lang)), "font": {"size": 13}},
    )
    fig.update_yaxes(categoryorder="array", categoryarray=list(table["theme"]), automargin=True)
    return _coverage_line(
        frame(
            fig,
            title=_t("themes_title", lang).format(a=sym_a, b=sym_b),
            subtitle=_t("themes_subtitle", lang).format(basis=basis_note(result, lang)),
            caption=source_caption([sym_a, sym_b], dataset.version, lang=lang),
            height=max(360, 150 + 34 * len(table)),
        ),
        result,
        lang,
    )


def distinctive_terms_table(dataset: Dataset, options: ChartOptions) -> pd.DataFrame:
    """Return the terms distinctive of A (side "a") and of B (side "b") with their G² scores and counts."""
    result = comparison_dict(dataset, options.a, options.b)
    rows = [
        {"side": side[0], "document": result[side[0]], **term}
        for side in ("a_distinctive", "b_distinctive")
        for term in result["terms"][side]
    ]
    return pd.DataFrame(rows, columns=["side", "document", "term", "stem", "score", "count_a", "count_b"])


def distinctive_terms_figure(dataset: Dataset, options: ChartOptions, top: int = 12) -> go.Figure:
    """Return back-to-back bars: A's distinctive terms to the left, B's to the right, strongest outermost."""
    result = comparison_dict(dataset, options.a, options.b)
    sym_a, sym_b = result["documents"]["a"]["symbol"], result["documents"]["b"]["symbol"]
    terms_a = result["terms"]["a_distinctive"][:top]
    terms_b = result["terms"]["b_distinctive"][:top]
    fig = go.Figure()
    for terms, sign, colour, symbol in ((terms_a, -1, LOSS, sym_a), (terms_b, 1, GAIN, sym_b)):
        fig.add_bar(
            x=[sign * t["score"] for t in terms],
            y=list(range(len(terms))),
            orientation="h",
            marker_color=colour,
            name=escape(symbol),
            text=[escape(t["term"]) for t in terms],
            textposition="outside",
            cliponaxis=False,
            customdata=[[t["count_a"], t["count_b"], t["score"]] for t in terms],
            hovertemplate=(
                f"%{{text}}<br>G² %{{customdata[2]:.1f}}<br>{escape(sym_a)}: %{{customdata[0]}}, "
                f"{escape(sym_b)}: %{{customdata[1]}}<extra></extra>"
            ),
        )
    limit = max([t["score"] for t in terms_a + terms_b] or [1.0]) * 1.45
    fig.update_layout(
        barmode="overlay",
        showlegend=True,
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
    )
    fig.update_yaxes(autorange="reversed", showticklabels=False)
    fig.update_xaxes(range=[-limit, limit], zeroline=True, zerolinecolor="#444", title_text="G²")
    lang = options.lang
    return _coverage_line(
        frame(
            fig,
            title=_t("terms_title", lang).format(a=sym_a, b=sym_b),
            subtitle=_t("terms_subtitle", lang).format(a=sym_a, b=sym_b),
            caption=source_caption([sym_a, sym_b], dataset.version, lang=lang),
            height=max(420, 190 + 26 * max(len(terms_a), len(terms_b))),
        ),
        result,
        lang,
    )


def _coverage_line(fig: go.Figure, result: dict[str, Any], lang: str) -> go.Figure:
    # a second caption line under the source: what each source holds, so no one reads an excerpt as the whole
    fig.add_annotation(
        text=escape(coverage_note(result, lang)),
        xref="paper",
        yref="paper",
        x=0,
        y=-0.02,
        yshift=-68,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        align="left",
        font={"size": 11, "color": "#555"},
    )
    fig.update_layout(margin={"b": 120})
    return fig


def _theme_labels(dataset: Dataset, lang: str) -> dict[str, str]:
    if "themes" not in dataset.table_names:
        return {}
    themes = dataset.table("themes")
    column = "label_vi" if lang == "vi" and "label_vi" in themes else "label_en"
    return {str(i): str(label) for i, label in zip(themes["id"], themes[column], strict=True)}


def _t(key: str, lang: str, **values: Any) -> str:
    return i18n.t(f"compare_chart.{key}", lang, **values)


COMPARE_THEMES = Chart(
    name="compare-themes",
    title="Theme weight, A to B",
    description="Diverging bars: how the share of provisions carrying each theme moved from A to B.",
    data=theme_delta_table,
    figure=theme_delta_figure,
    needs_pair=True,
)
COMPARE_TERMS = Chart(
    name="compare-terms",
    title="Distinctive terms of A and B",
    description="Back-to-back bars: the terms most distinctive of A and of B (log-likelihood keyness).",
    data=distinctive_terms_table,
    figure=distinctive_terms_figure,
    needs_pair=True,
)
