"""Document page (/document?doc=<id or symbol>&p=<provision id>&lang=vi)."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, clientside_callback

from dashboard.app import ids
from dashboard.app.context import current
from dashboard.app.state import DocumentView
from dashboard.app.views.document import document_page

dash.register_page(__name__, path="/document", name="Document", title="Document · Policy timeline", order=3)


def layout(**params: Any) -> list[Any]:
    """Return the document page for the query string's parameters (a friendly list when the document is
    unknown)."""
    data = current()
    return document_page(data, DocumentView.from_params(params, data.vocab))


# Scroll the provision named by `p` into view once the page has rendered (a browser-only job: clientside).
clientside_callback(
    """
    function(anchor) {
        if (anchor) {
            setTimeout(function() {
                const el = document.getElementById(anchor);
                if (el) { el.scrollIntoView({block: "center"}); el.focus({preventScroll: true}); }
            }, 60);
        }
        return window.dash_clientside.no_update;
    }
    """,
    Output(ids.DOC_SCROLLED, "data"),
    Input(ids.DOC_ANCHOR, "data"),
)
