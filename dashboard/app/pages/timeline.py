"""Timeline page (/timeline?hide=relations,horizons,not_held&lang=vi)."""

from __future__ import annotations

from typing import Any

import dash
import plotly.graph_objects as go
from dash import Input, Output, State, callback
from dash.exceptions import PreventUpdate

from dashboard.app import ids
from dashboard.app.context import current
from dashboard.app.state import DocumentView, TimelineView
from dashboard.app.views.timeline import (
    clicked_document,
    clicked_year,
    status,
    timeline_figure,
    timeline_page,
    view_from_layers,
)

dash.register_page(__name__, path="/timeline", name="Timeline", title="Timeline · Policy timeline", order=1)


def layout(**params: Any) -> list[Any]:
    """Return the timeline page for the query string's parameters."""
    data = current()
    return timeline_page(data, TimelineView.from_params(params, data.vocab))


@callback(
    Output(ids.URL, "search", allow_duplicate=True),
    Output(ids.TIMELINE_GRAPH, "figure"),
    Output(ids.TIMELINE_STATUS, "children"),
    Input(ids.TIMELINE_LAYERS, "value"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def _update_timeline(shown: list[str] | None, search: str | None) -> tuple[str, go.Figure, list[Any]]:
    view = view_from_layers(shown, search, current())
    if view.same_as(search, current().vocab):
        raise PreventUpdate  # fired by the page's own rendering, not by a change
    return view.to_query(), timeline_figure(current(), view), status(current(), view)


@callback(
    Output(ids.NAV, "href"),
    Input(ids.TIMELINE_GRAPH, "clickData"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def _on_timeline_click(click: dict[str, Any] | None, search: str | None) -> str:
    doc = clicked_document(click, current())
    view = TimelineView.from_query(search, current().vocab)
    if doc:
        return DocumentView(doc=doc, lang=view.lang).href()
    year = clicked_year(click)  # a circle of the aggregated chart: that year's documents one by one
    return view.replace(year_from=year, year_to=year).href() if year is not None else dash.no_update
