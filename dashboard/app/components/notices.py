"""The friendly warning shown when part of the address was ignored or corrected."""

from __future__ import annotations

from collections.abc import Sequence

from dash import html

from dashboard.app.i18n import t
from dashboard.app.state import Notice


def notices_alert(notices: Sequence[Notice], lang: str, id: str | None = None) -> html.Div:
    """Return a warning listing what was wrong with the URL; an empty, hidden box when nothing was."""
    props = {"id": id} if id else {}
    if not notices:
        return html.Div(className="url-notices d-none", **props)
    return html.Div(
        [
            html.Strong(t("notice.title", lang)),
            html.Ul([html.Li(n.message(lang)) for n in notices], className="mb-0"),
        ],
        className="url-notices alert alert-warning",
        role="alert",
        **props,
    )
