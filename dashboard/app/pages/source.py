"""Source view (/source?doc=<id or symbol>&start=<offset>&end=<offset>&lang=vi): a span of a seed text in
context."""

from __future__ import annotations

from typing import Any

import dash

from dashboard.app.context import current
from dashboard.app.state import SourceView
from dashboard.app.views.source import source_page

dash.register_page(__name__, path="/source", name="Source", title="Source text · Policy timeline", order=8)


def layout(**params: Any) -> list[Any]:
    """Return the source view for the query string's parameters (a friendly page for any address)."""
    data = current()
    return source_page(data, SourceView.from_params(params, data.vocab))
