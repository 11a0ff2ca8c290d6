"""Timeline: the chart of documents, horizons and relations (figures.timeline.chart), its layer switches, and the
relations behind the arrows with their evidence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from dashboard.analysis.search import records
from dashboard.app import ids
from dashboard.app.components import document_link, external_link, notices_alert
from dashboard.app.components.download import chart_download_menu
from dashboard.app.components.tables import table_head
from dashboard.app.context import AppData
from dashboard.app.i18n import t
from dashboard.app.memo import Memo
from dashboard.app.state import LAYERS, TimelineView
from dashboard.app.views.phone import timeline_list
from dashboard.dataset.load import Dataset
from dashboard.dataset.query import Query
from dashboard.figures.catalogue import get_chart
from dashboard.figures.timeline.aggregate import aggregate_figure, aggregated, period_table
from dashboard.figures.timeline.chart import years_shown
from dashboard.figures.timeline.rows import shown_documents
from dashboard.figures.timeline.text import relation_label
from dashboard.i18n import label, localised

UNRANKED = 1 << 30  # the rank of a relation whose source document is not in the page's order: after the rest
RELATIONS_SHOWN = 100  # rows of the relations table; the data package has them all
GRAPH_CONFIG: dcc.Graph.Config = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
    "toImageButtonOptions": {"format": "png", "filename": "policy-timeline", "scale": 2},
}


def timeline_page(data: AppData, view: TimelineView) -> list[Any]:
    """Return the timeline page."""
    lang = view.lang
    return [
        html.H1(t("timeline.title", lang), className="page-title"),
        html.Div(
            [
                html.Span(f"{t('timeline.layers', lang)}:", className="me-2 fw-semibold"),
                dcc.Checklist(
                    id=ids.TIMELINE_LAYERS,
                    options=layer_options(lang),
                    value=shown_layers(view),
                    inline=True,
                    className="d-inline-block layer-switches",
                    inputClassName="form-check-input me-1",
                    labelClassName="me-3",
                ),
            ],
            className="mb-2",
        ),
        html.Div(status(data, view), id=ids.TIMELINE_STATUS),
        chart_download_menu("timeline", lang),
        _per_language(Memo(data), lang)[1],  # a phone's view of the chart, below the sm breakpoint (views/phone.py)
        html.Div(
            dcc.Graph(
                id=ids.TIMELINE_GRAPH,
                figure=timeline_figure(data, view),
                config=GRAPH_CONFIG,
                className="timeline-graph",
                clear_on_unhover=True,
            ),
            className="phone-hide",
        ),
        html.H2(t("timeline.relations", lang), className="h5 mt-4"),
        _per_language(Memo(data), lang)[0],
    ]


@lru_cache(maxsize=8)
def _per_language(key: Memo, lang: str) -> tuple[html.Div, html.Div]:
    """The parts of the page that depend on the package and the language only, built once each: the relations
    table (its first rows ranked among 42,000 at 10,000 documents) and the phone's list (the latest documents of
    10,000). Dash serialises a component without changing it, so the same ones serve every call."""
    data = key.data()
    return relations_table(data, lang), timeline_list(data, lang)


def layer_options(lang: str) -> list[dict[str, str]]:
    """Return the checklist options, one per layer."""
    return [{"label": t(f"timeline.layer.{layer}", lang), "value": layer} for layer in LAYERS]


def shown_layers(view: TimelineView) -> list[str]:
    """Return the layers the view shows (the checklist's value)."""
    return [layer for layer in LAYERS if layer not in view.hide]


def view_from_layers(shown: list[str] | None, search: str | None, data: AppData) -> TimelineView:
    """Return the view for the layers ticked in the checklist (the language comes from the current URL)."""
    current = TimelineView.from_query(search, data.vocab)
    return current.replace(hide=tuple(layer for layer in LAYERS if layer not in (shown or [])))


def outputs(data: AppData, view: TimelineView) -> dict[str, Any]:
    """Return what the layers callback updates for a view, by component id: the chart and the status line."""
    return {ids.TIMELINE_GRAPH: timeline_figure(data, view), ids.TIMELINE_STATUS: status(data, view)}


def timeline_figure(data: AppData, view: TimelineView) -> go.Figure:
    """Return the timeline figure for a view (the registry's chart: the same one export and briefings use).

    Above AGGREGATE_LIMIT documents the chart counts them per lane and year, the counts read in SQL
    (`Query.documents_per_lane_year`) and drawn by the same pure function the export uses. The data never
    change while the app runs, so each view's figure is drawn once.
    """
    return _figure(data.dataset, data.query, view.lang, view.hide, view.year_from, view.year_to)


@lru_cache(maxsize=32)
def _figure(
    dataset: Dataset, query: Query | None, lang: str, hide: tuple[str, ...], year_from: int | None, year_to: int | None
) -> go.Figure:
    options = TimelineView(lang=lang, hide=hide, year_from=year_from, year_to=year_to).chart_options()
    shown = shown_documents(dataset.documents, options)
    if query is not None and aggregated(int(shown["issued"].notna().sum())):
        counts = query.documents_per_lane_year(held_only="not_held" in hide, year_from=year_from, year_to=year_to)
        return aggregate_figure(period_table(counts), dataset.version, lang, shown=years_shown(options, lang))
    return get_chart("timeline").figure(dataset, options)


def status(data: AppData, view: TimelineView) -> list[Any]:
    """Return the caption of the view and any notices about its URL; when it shows some years only, a link
    back to every year."""
    every = []
    if view.year_from is not None or view.year_to is not None:
        every_year = view.replace(year_from=None, year_to=None).href()
        every = [" · ", dcc.Link(t("timeline.every_year", view.lang), href=every_year, id=ids.TIMELINE_EVERY_YEAR)]
    return [
        notices_alert(view.notices, view.lang),
        html.P([view.caption(data.vocab), *every], className="view-caption text-muted small mb-1"),
    ]


def relations_table(data: AppData, lang: str) -> html.Div:
    """Return the relations between documents, with evidence, confidence and source, in date order."""
    table = data.dataset.table("relations") if "relations" in data.dataset.table_names else None
    if table is None or table.empty:
        return html.Div(html.P(t("timeline.no_relations", lang)), id=ids.TIMELINE_RELATIONS)
    rank = {doc_id: i for i, doc_id in enumerate(data.documents)}
    rows, total = first_relations(table, rank, RELATIONS_SHOWN), len(table)
    keys = ("timeline.from", "timeline.relation", "timeline.to", "timeline.evidence", "timeline.confidence")
    head = table_head([*(t(key, lang) for key in keys), t("common.source", lang)])
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(_doc(data, r["source_id"], lang), className="text-nowrap"),
                    html.Td(relation_label(str(r["kind"]), lang)),
                    html.Td(_doc(data, r["target_id"], lang), className="text-nowrap"),
                    html.Td(localised(r, "evidence", lang), className="small"),
                    html.Td(
                        " · ".join(
                            x for x in (_text(r.get("confidence")), label("origin", r.get("origin"), lang)) if x
                        ),
                        className="small",
                    ),
                    html.Td(external_link(t("common.source", lang), r.get("source_url"), className="small")),
                ]
            )
            for r in rows
        ]
    )
    more = (
        [html.P(t("timeline.more_relations", lang, n=RELATIONS_SHOWN, total=total), className="text-muted")]
        if total > RELATIONS_SHOWN
        else []
    )
    return html.Div(
        [html.Table([head, body], className="table table-sm align-top relations-table"), *more],
        id=ids.TIMELINE_RELATIONS,
        className="table-responsive",
    )


RELATION_COLUMNS = ("source_id", "kind", "target_id", "evidence", "evidence_vi", "confidence", "origin", "source_url")


def first_relations(
    table: pd.DataFrame, order: Mapping[str, int], n: int, columns: Sequence[str] = RELATION_COLUMNS
) -> list[dict[str, Any]]:
    """Return the first `n` relations of `table` as records of `columns`: by the rank in `order` of their source
    document (those it does not rank last), then by kind, ties in the table's order (what a stable sort of every
    row gives, without making a dict of each of 42,000 rows at 10,000 documents)."""
    if table.empty or n <= 0:
        return []
    rank = table["source_id"].map(order).fillna(UNRANKED).to_numpy(dtype="int64")
    kinds, _uniques = pd.factorize(table["kind"].astype(str), sort=True)  # codes in the kinds' sorted order
    first = np.argsort(rank * (int(kinds.max()) + 1) + kinds, kind="stable")[:n]
    return records(table.iloc[first], list(columns))


def clicked_document(click: dict[str, Any] | None, data: AppData) -> str | None:
    """Return the document id of a clicked point (its customdata), or None when the click was not on one."""
    for point in (click or {}).get("points", [])[:1]:
        custom = point.get("customdata")
        ref = custom[0] if isinstance(custom, list) and custom else custom
        if isinstance(ref, str) and ref in data.documents:
            return ref
    return None


def clicked_year(click: dict[str, Any] | None) -> int | None:
    """Return the year of a clicked circle of the aggregated timeline (its customdata "year:2019"), or None."""
    for point in (click or {}).get("points", [])[:1]:
        custom = point.get("customdata")
        ref = custom[0] if isinstance(custom, list) and custom else custom
        if isinstance(ref, str) and ref.startswith("year:") and ref[5:].isdigit():
            return int(ref[5:])
    return None


def _doc(data: AppData, doc_id: str, lang: str) -> Any:
    doc = data.documents.get(doc_id)
    if not doc:
        return doc_id
    label = [html.Span(doc["symbol"])]
    if not bool(doc.get("held")):
        label.append(html.Span(f" ({t('common.not_held', lang)})", className="text-muted small"))
    return document_link(doc_id, label, lang)


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)
