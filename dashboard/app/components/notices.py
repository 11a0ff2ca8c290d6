"""The friendly warning shown when part of the address was ignored or corrected."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import html

from dashboard.app.i18n import t
from dashboard.app.state import Notice

MAX_SHOWN = 20  # notices listed; a hand-made address can carry hundreds of bad values


def notices_alert(notices: Sequence[Notice], lang: str, id: str | None = None) -> html.Div:
    """Return a warning listing what was wrong with the URL; an empty, hidden box when nothing was."""
    props: dict[str, Any] = {"id": id} if id else {}  # Dash refuses id=None
    if not notices:
        return html.Div(className="url-notices d-none", **props)
    items = [html.Li(n.message(lang)) for n in notices[:MAX_SHOWN]]
    if len(notices) > MAX_SHOWN:
        items.append(html.Li(t("notice.more", lang, n=len(notices) - MAX_SHOWN)))
    return html.Div(
        [html.Strong(t("notice.title", lang)), html.Ul(items, className="mb-0")],
        className="url-notices alert alert-warning",
        role="alert",
        **props,
    )
