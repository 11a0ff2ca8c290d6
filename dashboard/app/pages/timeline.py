"""Timeline page (/timeline?hide=relations,horizons,not_held&lang=vi)."""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, callback
from dash.exceptions import PreventUpdate

from dashboard.app import ids
from dashboard.app.context import current
from dashboard.app.outputs import keyed
from dashboard.app.page import register_page
from dashboard.app.state import DocumentView, TimelineView
from dashboard.app.views.timeline import clicked_document, outputs, timeline_page, view_from_layers

register_page(__name__, TimelineView, timeline_page, name="Timeline", title="Timeline · Policy timeline", order=1)


@callback(
    output=keyed(
        Output(ids.URL, "search", allow_duplicate=True),
        Output(ids.TIMELINE_GRAPH, "figure"),
        Output(ids.TIMELINE_STATUS, "children"),
    ),
    inputs=[Input(ids.TIMELINE_LAYERS, "value")],
    state=[State(ids.URL, "search")],
    prevent_initial_call=True,
)
def _update_timeline(shown: list[str] | None, search: str | None) -> dict[str, Any]:
    view = view_from_layers(shown, search, current())
    if view.same_as(search, current().vocab):
        raise PreventUpdate  # fired by the page's own rendering, not by a change
    return {ids.URL: view.to_query(), **outputs(current(), view)}


@callback(
    Output(ids.NAV, "href"),
    Input(ids.TIMELINE_GRAPH, "clickData"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def _on_timeline_click(click: dict[str, Any] | None, search: str | None) -> str:
    doc = clicked_document(click, current())
    lang = TimelineView.from_query(search, current().vocab).lang
    if not doc:
        raise PreventUpdate
    return DocumentView(doc=doc, lang=lang).href()
