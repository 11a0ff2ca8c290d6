"""Explorer page (/explorer?q=…&doc=…&theme=…&issuer=…&from=…&to=…&entity=…&actor=…&role=…&own=1&page=2)."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, callback
from dash.exceptions import PreventUpdate

from dashboard.app import ids
from dashboard.app.context import current
from dashboard.app.outputs import keyed
from dashboard.app.state import ExplorerView
from dashboard.app.views.explorer import explorer_page, outputs, view_from_controls

dash.register_page(__name__, path="/explorer", name="Explorer", title="Explorer · Policy timeline", order=4)


def layout(**params: Any) -> list[Any]:
    """Return the explorer page for the query string's parameters (a pasted URL restores the same view)."""
    data = current()
    return explorer_page(data, ExplorerView.from_params(params, data.vocab))


@callback(
    output=keyed(Output(ids.URL, "search", allow_duplicate=True), Output(ids.EXP_RESULTS, "children")),
    inputs=[
        Input(ids.EXP_QUERY, "value"),
        Input(ids.EXP_DOCS, "value"),
        Input(ids.EXP_THEME, "value"),
        Input(ids.EXP_ISSUER, "value"),
        Input(ids.EXP_YEARS, "value"),
        Input(ids.EXP_ENTITY, "value"),
        Input(ids.EXP_ACTOR, "value"),
        Input(ids.EXP_ROLE, "value"),
        Input(ids.EXP_OWN, "value"),
    ],
    state=[State(ids.URL, "search")],
    prevent_initial_call=True,
)
def _update_results(
    q: str | None,
    docs: list[str] | None,
    theme: str | None,
    issuer: str | None,
    years: list[int] | None,
    entity: str | None,
    actor: str | None,
    role: str | None,
    own: list[str] | None,
    search: str | None,
) -> dict[str, Any]:
    view = view_from_controls(
        current(),
        search,
        q=q,
        docs=docs,
        theme=theme,
        issuer=issuer,
        years=years,
        entity=entity,
        actor=actor,
        role=role,
        own=own,
    )
    if view.same_as(search, current().vocab, ignore=("page",)):
        raise PreventUpdate  # fired by the page's own rendering, not by a change
    return {ids.URL: view.to_query(), **outputs(current(), view)}
