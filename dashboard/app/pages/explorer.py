"""Explorer page (/explorer?q=…&doc=…&theme=…&issuer=…&from=…&to=…&entity=…&actor=…&role=…&own=1&page=2)."""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, callback
from dash.exceptions import PreventUpdate

from dashboard.app import ids
from dashboard.app.context import current
from dashboard.app.outputs import keyed
from dashboard.app.page import register_page, searchable_documents, searchable_names
from dashboard.app.state import ExplorerView
from dashboard.app.views.explorer import explorer_page, outputs, view_from_controls

register_page(__name__, ExplorerView, explorer_page, name="Explorer", title="Explorer · Policy timeline", order=4)
searchable_documents(ids.EXP_DOCS)  # typing searches every document
searchable_names(ids.EXP_ENTITY, "entities")  # and every entity, every responsible body
searchable_names(ids.EXP_ACTOR, "actors")


@callback(
    output=keyed(Output(ids.URL, "search", allow_duplicate=True), Output(ids.EXP_RESULTS, "children")),
    inputs=dict(
        q=Input(ids.EXP_QUERY, "value"),
        docs=Input(ids.EXP_DOCS, "value"),
        theme=Input(ids.EXP_THEME, "value"),
        issuer=Input(ids.EXP_ISSUER, "value"),
        years=Input(ids.EXP_YEARS, "value"),
        entity=Input(ids.EXP_ENTITY, "value"),
        actor=Input(ids.EXP_ACTOR, "value"),
        role=Input(ids.EXP_ROLE, "value"),
        own=Input(ids.EXP_OWN, "value"),
    ),
    state=dict(search=State(ids.URL, "search")),
    prevent_initial_call=True,
)
def _update_results(search: str | None, **controls: Any) -> dict[str, Any]:
    view = view_from_controls(current(), search, **controls)
    if view.same_as(search, current().vocab, ignore=("page",)):
        raise PreventUpdate  # fired by the page's own rendering, not by a change
    return {ids.URL: view.to_query(), **outputs(current(), view)}
