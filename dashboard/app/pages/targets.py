"""Targets page (/targets?docs=…&theme=…&kind=goal,milestone&from=2030&to=2030&by=theme&lang=vi)."""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, callback
from dash.exceptions import PreventUpdate

from dashboard.app import ids
from dashboard.app.context import current
from dashboard.app.outputs import keyed
from dashboard.app.page import register_page, searchable_documents
from dashboard.app.state import TargetsView
from dashboard.app.views.targets import outputs, targets_page, view_from_controls

register_page(__name__, TargetsView, targets_page, name="Targets", title="Targets · Policy timeline", order=3)
searchable_documents(ids.TARGETS_DOCS)  # typing searches every document


@callback(
    output=keyed(
        Output(ids.URL, "search", allow_duplicate=True),
        Output(ids.TARGETS_STATUS, "children"),
        Output(ids.TARGETS_CONFLICTS, "children"),
        Output(ids.TARGETS_TIMELINE, "figure"),
        Output(ids.TARGETS_INDICATORS, "figure"),
        Output(ids.TARGETS_TABLE, "children"),
        Output(ids.TARGETS_YEARS_TEXT, "children"),
        Output(ids.TARGETS_LIST, "children"),
    ),
    inputs=dict(
        docs=Input(ids.TARGETS_DOCS, "value"),
        theme=Input(ids.TARGETS_THEME, "value"),
        kinds=Input(ids.TARGETS_KIND, "value"),
        years=Input(ids.TARGETS_YEARS, "value"),
        by=Input(ids.TARGETS_BY, "value"),
    ),
    state=dict(search=State(ids.URL, "search")),
    prevent_initial_call=True,
)
def _update_targets(search: str | None, **controls: Any) -> dict[str, Any]:
    view = view_from_controls(current(), search, **controls)
    if view.same_as(search, current().vocab, ignore=("page",)):
        raise PreventUpdate  # fired by the page's own rendering, not by a change
    return {ids.URL: view.to_query(), **outputs(current(), view)}

