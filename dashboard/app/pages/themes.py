"""Themes page (/themes?docs=…&theme=…&measure=share_provisions|share_words|count&basis=own|all
&cell=<doc>|<theme>&lang=vi)."""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, callback
from dash.exceptions import PreventUpdate

from dashboard.app import ids
from dashboard.app.context import current
from dashboard.app.outputs import keyed
from dashboard.app.page import register_page, searchable_documents
from dashboard.app.state import ThemesView
from dashboard.app.views.themes import cell_outputs, outputs, themes_page, view_from_click, view_from_controls

register_page(__name__, ThemesView, themes_page, name="Themes", title="Themes · Policy timeline", order=2)
searchable_documents(ids.THEMES_DOCS)  # typing searches every document

# the outputs a click on the heatmap changes too (the URL, the caption, the outlined cell, its provisions)
CELL_OUTPUTS = (
    Output(ids.URL, "search", allow_duplicate=True),
    Output(ids.THEMES_STATUS, "children", allow_duplicate=True),
    Output(ids.THEMES_HEATMAP, "figure", allow_duplicate=True),
    Output(ids.THEMES_CELL, "children", allow_duplicate=True),
)


@callback(
    output=keyed(
        *CELL_OUTPUTS,
        Output(ids.THEMES_EVOLUTION, "figure"),
        Output(ids.THEMES_TERMS, "figure"),
        Output(ids.THEMES_NEW, "children"),
        Output(ids.THEMES_HEATMAP_LIST, "children"),
    ),
    inputs=dict(
        docs=Input(ids.THEMES_DOCS, "value"),
        themes=Input(ids.THEMES_THEME, "value"),
        measure=Input(ids.THEMES_MEASURE, "value"),
        basis=Input(ids.THEMES_BASIS, "value"),
    ),
    state=dict(search=State(ids.URL, "search")),
    prevent_initial_call=True,
)
def _update_themes(search: str | None, **controls: Any) -> dict[str, Any]:
    view = view_from_controls(current(), search, **controls)
    if view.same_as(search, current().vocab):
        raise PreventUpdate  # fired by the page's own rendering, not by a change
    return {ids.URL: view.to_query(), **outputs(current(), view)}


@callback(
    output=keyed(*CELL_OUTPUTS),
    inputs=[Input(ids.THEMES_HEATMAP, "clickData")],
    state=[State(ids.URL, "search")],
    prevent_initial_call=True,
)
def _on_heatmap_click(click: dict[str, Any] | None, search: str | None) -> dict[str, Any]:
    view = view_from_click(current(), search, click)
    if view.same_as(search, current().vocab):
        raise PreventUpdate  # a click on the cell already shown
    return {ids.URL: view.to_query(), **cell_outputs(current(), view)}

