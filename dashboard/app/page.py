"""Registering a page whose layout is its View read from the address, then its page builder.

Each page module but Not found calls `register_page(__name__, XView, x_page, name=…, title=…, order=…)`
instead of `dash.register_page` and a `layout(**params)` of its own. (Dash imports only the files of
`pages/` whose text holds "register_page": keep the name.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import dash

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
