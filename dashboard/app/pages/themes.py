"""Themes page (/themes?docs=…&theme=…&measure=share_provisions|share_words|count&basis=own|all
&cell=<doc>|<theme>&lang=vi)."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, callback
from dash.exceptions import PreventUpdate

from dashboard.app import ids
from dashboard.app.components.pickers import document_options
from dashboard.app.context import current
from dashboard.app.state import ThemesView
from dashboard.app.views.themes import cell_outputs, outputs, themes_page, view_from_click, view_from_controls

dash.register_page(__name__, path="/themes", name="Themes", title="Themes · Policy timeline", order=2)

# the outputs a click on the heatmap changes too (the URL, the caption, the outlined cell, its provisions)
CELL_OUTPUTS = (
    Output(ids.URL, "search", allow_duplicate=True),
    Output(ids.THEMES_STATUS, "children", allow_duplicate=True),
    Output(ids.THEMES_HEATMAP, "figure", allow_duplicate=True),
    Output(ids.THEMES_CELL, "children", allow_duplicate=True),
)


def layout(**params: Any) -> list[Any]:
    """Return the Themes page for the query string's parameters (a pasted URL restores the same view)."""
    data = current()
    return themes_page(data, ThemesView.from_params(params, data.vocab))


@callback(
    *CELL_OUTPUTS,
    Output(ids.THEMES_EVOLUTION, "figure"),
    Output(ids.THEMES_TERMS, "figure"),
    Output(ids.THEMES_NEW, "children"),
    Output(ids.THEMES_HEATMAP_LIST, "children"),
    Input(ids.THEMES_DOCS, "value"),
    Input(ids.THEMES_THEME, "value"),
    Input(ids.THEMES_MEASURE, "value"),
    Input(ids.THEMES_BASIS, "value"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def _update_themes(
    docs: list[str] | None,
    themes: list[str] | None,
    measure: str | None,
    basis: str | None,
    search: str | None,
) -> tuple[Any, ...]:
    view = view_from_controls(current(), search, docs=docs, themes=themes, measure=measure, basis=basis)
    if view.same_as(search, current().vocab):
        raise PreventUpdate  # fired by the page's own rendering, not by a change
    return view.to_query(), *outputs(current(), view)


@callback(
    *CELL_OUTPUTS,
    Input(ids.THEMES_HEATMAP, "clickData"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def _on_heatmap_click(click: dict[str, Any] | None, search: str | None) -> tuple[Any, ...]:
    view = view_from_click(current(), search, click)
    if view.same_as(search, current().vocab):
        raise PreventUpdate  # a click on the cell already shown
    return view.to_query(), *cell_outputs(current(), view)


@callback(
    Output(ids.THEMES_DOCS, "options"),
    Input(ids.THEMES_DOCS, "search_value"),
    State(ids.THEMES_DOCS, "value"),
    prevent_initial_call=True,
)
def _search_documents(search: str | None, chosen: list[str] | None) -> list[dict[str, Any]]:
    return document_options(current(), chosen or [], search or "")  # typing searches every document
