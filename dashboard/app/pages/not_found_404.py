"""The page for addresses that match no page."""

from __future__ import annotations

from typing import Any

import dash
from dash import dcc, html

from dashboard.app import ids
from dashboard.app.i18n import LANGS, t
from dashboard.app.shell import NAV_PAGES, available_paths

dash.register_page(__name__, path="/404", name="Not found", title="Not found · Policy timeline")


def layout(lang: str = "en", **_: Any) -> html.Div:
    """Return a friendly message with links to the pages that exist."""
    lang = lang if lang in LANGS else "en"
    suffix = "?lang=vi" if lang == "vi" else ""
    links = [
        html.Li(dcc.Link(t(f"nav.{page}", lang), href=f"{path}{suffix}"))
        for page, path in NAV_PAGES
        if path in available_paths()
    ]
    return html.Div(
        [
            html.H1(t("notfound.title", lang), className="h3"),
            html.P(t("notfound.body", lang)),
            html.Ul(links),
        ],
        id=ids.NOT_FOUND,
    )
