"""Document page (/document?doc=<id or symbol>&p=<provision id>&lang=vi)."""

from __future__ import annotations

from dash import Input, Output, clientside_callback

from dashboard.app import ids
from dashboard.app.page import register_page
from dashboard.app.state import DocumentView
from dashboard.app.views.document import document_page

register_page(__name__, DocumentView, document_page, name="Document", title="Document · Policy timeline", order=3)


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
