"""Compare page (/compare?a=…&b=…&theme=…&status=kept,reworded,new,dropped&lang=vi)."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, callback, clientside_callback

from dashboard.app import ids
from dashboard.app.context import current
from dashboard.app.state import CompareView
from dashboard.app.views.compare import compare_page
from dashboard.app.views.compare_pins import pin_problem, pinned_anchor, view_with_pin
from dashboard.app.views.compare_update import BOXES, control_values, refreshed, view_from_controls

dash.register_page(__name__, path="/compare", name="Compare", title="Compare · Policy timeline", order=5)


def layout(**params: Any) -> list[Any]:
    """Return the compare page for the query string's parameters (a pasted URL restores the same view)."""
    data = current()
    return compare_page(data, CompareView.from_params(params, data.vocab))


@callback(
    Output(ids.URL, "search", allow_duplicate=True),
    Output(ids.URL, "hash", allow_duplicate=True),
    Input(ids.COMPARE_A, "value"),
    Input(ids.COMPARE_B, "value"),
    Input(ids.COMPARE_THEME, "value"),
    Input(ids.COMPARE_STATUS, "value"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def _on_controls(
    a: str | None, b: str | None, theme: str | None, status: list[str] | None, search: str | None
) -> tuple[str, str]:
    view = view_from_controls(current(), search, a=a, b=b, theme=theme, status=status)
    if view == CompareView.from_query(search, current().vocab).replace(unknown_a="", unknown_b=""):
        return dash.no_update, dash.no_update  # the controls show the address already (drawn from it, or Back)
    # a new filter or pair: no correction's #anchor should pull the reader away from the controls
    return view.to_query(), ""


@callback(
    *(Output(box, "children") for box in BOXES),
    Output(ids.COMPARE_SHOWN, "data"),
    Output(ids.COMPARE_A, "value", allow_duplicate=True),
    Output(ids.COMPARE_B, "value", allow_duplicate=True),
    Output(ids.COMPARE_THEME, "value", allow_duplicate=True),
    Output(ids.COMPARE_STATUS, "value", allow_duplicate=True),
    Input(ids.URL, "search"),
    State(ids.COMPARE_SHOWN, "data"),
    State(ids.COMPARE_A, "value"),
    State(ids.COMPARE_B, "value"),
    State(ids.COMPARE_THEME, "value"),
    State(ids.COMPARE_STATUS, "value"),
    prevent_initial_call=True,
)
def _on_address(search: str | None, shown: str | None, *controls: Any) -> tuple[Any, ...]:
    # every change of the view goes through the address; only what changed is sent (Patch), see compare_update
    update = refreshed(current(), shown, search)
    if update is None:
        return (dash.no_update,) * (len(BOXES) + 5)
    wanted = control_values(current(), search)  # after Back the controls follow the address
    return (*update, search, *(w if w != c else dash.no_update for w, c in zip(wanted, controls, strict=True)))


@callback(
    Output(ids.COMPARE_A, "value"),
    Output(ids.COMPARE_B, "value"),
    Input(ids.COMPARE_SWAP, "n_clicks"),
    State(ids.COMPARE_A, "value"),
    State(ids.COMPARE_B, "value"),
    prevent_initial_call=True,
)
def _on_swap(clicks: int, a: str | None, b: str | None) -> tuple[str | None, str | None]:
    return b, a


@callback(
    Output(ids.URL, "search", allow_duplicate=True),
    Output(ids.URL, "hash", allow_duplicate=True),
    Output(ids.COMPARE_PIN_STATUS, "children"),
    Input(ids.COMPARE_PIN_BUTTON, "n_clicks"),
    State(ids.COMPARE_PIN_A, "value"),
    State(ids.COMPARE_PIN_B, "value"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def _on_pin(clicks: int, a: str | None, b: str | None, search: str | None) -> tuple[str, str, str]:
    view = view_with_pin(current(), search, a, b)
    if view is None or not clicks:  # nothing chosen, or not provisions of these documents: say so
        return dash.no_update, dash.no_update, pin_problem(current(), search, a, b) if clicks else dash.no_update
    return view.to_query(), pinned_anchor(current(), a, b), ""  # a new history entry: Back undoes it


# After a correction the rows are drawn again: keep in view the provision it concerns (the address's
# #a-12 / #b-3, which every correction link carries), and mark it for a moment. A browser-only job: clientside.
clientside_callback(
    """
    function(shown) {
        const anchor = decodeURIComponent((window.location.hash || "").slice(1));
        if (!/^[ab]-[0-9]+$/.test(anchor)) { return window.dash_clientside.no_update; }
        // the charts above are still being drawn and the page's height moves: keep the provision in view
        // until it has stayed there a few frames (at most 4 s), unless the reader scrolls first
        let tries = 0, steady = 0, stop = false;
        const cancel = function() { stop = true; };
        window.addEventListener("wheel", cancel, {once: true});
        window.addEventListener("touchmove", cancel, {once: true});
        window.addEventListener("keydown", cancel, {once: true});
        const timer = setInterval(function() {
            const el = document.getElementById(anchor);
            tries += 1;
            if (stop || tries > 40) { clearInterval(timer); return; }
            if (!el) { return; }
            const r = el.getBoundingClientRect();
            if (r.top >= 0 && r.top < window.innerHeight * 0.6) {
                steady += 1;
                if (steady === 1) { el.classList.add("pin-target"); }
                if (steady >= 5) {
                    clearInterval(timer);
                    setTimeout(function() { el.classList.remove("pin-target"); }, 2000);
                }
            } else {
                steady = 0;
                el.scrollIntoView({block: "center", behavior: "instant"});  // Bootstrap makes scrolling smooth
            }
        }, 100);
        return window.dash_clientside.no_update;
    }
    """,
    Output(ids.COMPARE_SCROLLED, "data"),
    Input(ids.COMPARE_SHOWN, "data"),
)
