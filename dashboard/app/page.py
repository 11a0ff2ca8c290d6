"""Registering a page whose layout is its View read from the address, then its page builder.

Each page module but Not found calls `register_page(__name__, XView, x_page, name=…, title=…, order=…)`
instead of `dash.register_page` and a `layout(**params)` of its own. (Dash imports only the files of
`pages/` whose text holds "register_page": keep the name.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import dash
from dash import Input, Output, State, callback

from dashboard.app.components.pickers import document_options, name_options
from dashboard.app.context import AppData, current
from dashboard.app.state import View

V = TypeVar("V", bound=View)


def register_page(module: str, view: type[V], page: Callable[[AppData, V], Any], **meta: Any) -> None:
    """Register page `module` at `view.PATH` (`meta`: name, title, order, as `dash.register_page` takes them).
    Its layout parses the query string's parameters into `view` (never raising: what it ignores or corrects
    becomes a notice on the page) and returns `page(data, view)`, so a pasted URL restores the same page."""

    def layout(**params: Any) -> Any:
        data = current()
        return page(data, view.from_params(params, data.vocab))

    dash.register_page(module, path=view.PATH, layout=layout, **meta)


def searchable_documents(picker_id: str) -> None:
    """Let the documents picker `picker_id` search every held document as the reader types: before, it lists the
    latest PICKER_OPTIONS and the chosen ones (components.pickers.document_options)."""

    @callback(
        Output(picker_id, "options"),
        Input(picker_id, "search_value"),
        State(picker_id, "value"),
        prevent_initial_call=True,
    )
    def _search(search: str | None, chosen: list[str] | None) -> list[dict[str, Any]]:
        return document_options(current(), chosen or [], search or "")


def searchable_names(picker_id: str, names: str) -> None:
    """Let the name filter `picker_id` (`names`: "entities" or "actors", of the vocabulary) search every name as
    the reader types: before, it lists the first PICKER_OPTIONS by name and the chosen one
    (components.pickers.name_options; 11,937 entities at 10,000 generated documents)."""

    @callback(
        Output(picker_id, "options"),
        Input(picker_id, "search_value"),
        State(picker_id, "value"),
        prevent_initial_call=True,
    )
    def _search(search: str | None, chosen: str | None) -> list[dict[str, str]]:
        return name_options(getattr(current().vocab, names), chosen or "", search or "")
