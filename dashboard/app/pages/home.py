"""Home page (/)."""

from __future__ import annotations

from typing import Any

import dash

from dashboard.app.context import current
from dashboard.app.state import HomeView
from dashboard.app.views.home import home_page

dash.register_page(__name__, path="/", name="Home", title="Policy timeline", order=0)


def layout(**params: Any) -> list[Any]:
    """Return the home page for the query string's parameters."""
    data = current()
    return home_page(data, HomeView.from_params(params, data.vocab))
