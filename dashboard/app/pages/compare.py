"""Compare page (/compare?a=…&b=…&theme=…&status=kept,reworded,new,dropped&lang=vi)."""

from __future__ import annotations

from typing import Any

import dash
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, ctx

from dashboard.app import ids
from dashboard.app.context import current
from dashboard.app.page import searchable_documents
from dashboard.app.state import CompareView
from dashboard.app.views.compare import compare_page
from dashboard.app.views.compare_update import BOXES, CONTROLS, PUSH, SHOWN, changed

dash.register_page(__name__, path="/compare", name="Compare", title="Compare · Policy timeline", order=5)
searchable_documents(ids.COMPARE_A)  # typing searches every document
searchable_documents(ids.COMPARE_B)


def layout(**params: Any) -> list[Any]:
    """Return the compare page for the query string's parameters (a pasted URL restores the same view)."""
    data = current()
    return compare_page(data, CompareView.from_params(params, data.vocab))


# A new address (a correction, Back or Forward: `url.search`, told by assets/compare_links.js) that the page does
# not show yet is passed on to the page's own store in the browser: no request for an address on screen (the
# one the callback below wrote), and the callback's inputs are all on the Compare page.
clientside_callback(
    ClientsideFunction(namespace="compare", function_name="address"),
    Output(ids.COMPARE_ADDRESS, "data"),
    Input(ids.URL, "search"),
    State(ids.COMPARE_SHOWN, "data"),
    State(ids.COMPARE_ADDRESS, "data"),
    prevent_initial_call=True,
)


# One callback, one request, for every change: a new address, a control (it writes the address) or the pickers'
# Pair button. It sends the new address and what it changes on the page (views/compare_update.py), by output.
# Every output is on the Compare page: the address a control writes goes to `cmp-push` (`data-push`), and
# assets/compare_links.js puts it in the history and tells `url` as soon as the answer is on the page (as for a
# correction). An output outside the page (`url` itself) would make Dash call this callback once more, for
# nothing, each time the router inserts the page: a fourth request and a longer page load.
@callback(
    output={
        **{box: Output(box, prop) for box, prop in BOXES.items()},
        PUSH: Output(ids.COMPARE_PUSH, "data-push"),
        SHOWN: Output(ids.COMPARE_SHOWN, "data"),
        **{c: Output(c, "value", allow_duplicate=True) for c in CONTROLS},
        ids.COMPARE_PIN_STATUS: Output(ids.COMPARE_PIN_STATUS, "children"),
    },
    inputs={
        "address": Input(ids.COMPARE_ADDRESS, "data"),
        "controls": tuple(Input(c, "value") for c in CONTROLS),
        "clicks": Input(ids.COMPARE_PIN_BUTTON, "n_clicks"),
    },
    state={
        "search": State(ids.URL, "search"),
        "shown": State(ids.COMPARE_SHOWN, "data"),
        "picks": (State(ids.COMPARE_PIN_A, "value"), State(ids.COMPARE_PIN_B, "value")),
    },
    prevent_initial_call=True,
)
def _on_change(
    address: dict[str, Any] | None,
    controls: tuple[Any, ...],
    clicks: int | None,
    search: str | None,
    shown: str | None,
    picks: tuple[Any, ...],
) -> dict[str, Any]:
    trigger = ctx.triggered_id
    if trigger == ids.COMPARE_ADDRESS:
        search = (address or {}).get("search", search)
    return changed(current(), trigger, search, shown, (*controls,), (*picks, clicks))


# The swap button turns the two pickers round in the browser; the callback above then draws the swapped pair.
clientside_callback(
    ClientsideFunction(namespace="compare", function_name="swap"),
    Output(ids.COMPARE_A, "value", allow_duplicate=True),
    Output(ids.COMPARE_B, "value", allow_duplicate=True),
    Input(ids.COMPARE_SWAP, "n_clicks"),
    State(ids.COMPARE_A, "value"),
    State(ids.COMPARE_B, "value"),
    prevent_initial_call=True,
)

# After a correction keep in view the provision it concerns (the address's #a-12 / #b-3): assets/compare_page.js.
clientside_callback(
    ClientsideFunction(namespace="compare", function_name="keepInView"),
    Output(ids.COMPARE_SCROLLED, "data"),
    Input(ids.COMPARE_SHOWN, "data"),
)
