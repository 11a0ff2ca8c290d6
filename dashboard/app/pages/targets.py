"""Targets page (/targets?docs=…&theme=…&kind=goal,milestone&from=2030&to=2030&by=theme&lang=vi)."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, callback
from dash.exceptions import PreventUpdate

from dashboard.app import ids
from dashboard.app.components.pickers import document_options
from dashboard.app.context import current
from dashboard.app.state import TargetsView
from dashboard.app.views.targets import outputs, targets_page, view_from_controls

dash.register_page(__name__, path="/targets", name="Targets", title="Targets · Policy timeline", order=3)


def layout(**params: Any) -> list[Any]:
    """Return the Targets page for the query string's parameters (a pasted URL restores the same view)."""
    data = current()
    return targets_page(data, TargetsView.from_params(params, data.vocab))


@callback(
    Output(ids.URL, "search", allow_duplicate=True),
    Output(ids.TARGETS_STATUS, "children"),
    Output(ids.TARGETS_CONFLICTS, "children"),
    Output(ids.TARGETS_TIMELINE, "figure"),
    Output(ids.TARGETS_INDICATORS, "figure"),
    Output(ids.TARGETS_TABLE, "children"),
    Output(ids.TARGETS_YEARS_TEXT, "children"),
    Output(ids.TARGETS_LIST, "children"),
    Input(ids.TARGETS_DOCS, "value"),
    Input(ids.TARGETS_THEME, "value"),
    Input(ids.TARGETS_KIND, "value"),
    Input(ids.TARGETS_YEARS, "value"),
    Input(ids.TARGETS_BY, "value"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def _update_targets(
    docs: list[str] | None,
    theme: str | None,
    kinds: list[str] | None,
    years: list[int] | None,
    by: str | None,
    search: str | None,
) -> tuple[Any, ...]:
    view = view_from_controls(current(), search, docs=docs, theme=theme, kinds=kinds, years=years, by=by)
    if view.same_as(search, current().vocab):
        raise PreventUpdate  # fired by the page's own rendering, not by a change
    return view.to_query(), *outputs(current(), view)


@callback(
    Output(ids.TARGETS_DOCS, "options"),
    Input(ids.TARGETS_DOCS, "search_value"),
    State(ids.TARGETS_DOCS, "value"),
    prevent_initial_call=True,
)
def _search_documents(search: str | None, chosen: list[str] | None) -> list[dict[str, Any]]:
    return document_options(current(), chosen or [], search or "")  # typing searches every document
