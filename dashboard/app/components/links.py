"""Links: internal ones keep the language; external ones open in a new tab and only ever use http(s)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from dash import dcc, html

from dashboard.app.i18n import t
from dashboard.app.state import DocumentView


def safe_href(url: Any) -> str | None:
    """Return `url` when it is an absolute http(s) address, else None (no javascript:, data: or file:)."""
    return _safe_href(url) if isinstance(url, str) else None


@lru_cache(maxsize=8192)
def _safe_href(url: str) -> str | None:
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    return text if parts.scheme in ("http", "https") and parts.netloc else None


def source_url(document: Any) -> str | None:
    """Return where a document's seed text was published (seed_url), else the source of its facts."""
    row = document or {}
    return safe_href(row.get("seed_url")) or safe_href(row.get("source_url"))


def external_link(label: Any, url: Any, **kwargs: Any) -> html.A | html.Span:
    """Return a link to a source that opens in a new tab, or the bare label when the address is not usable."""
    href = safe_href(url)
    if not href:
        return html.Span(label, **kwargs)
    return html.A(label, href=href, target="_blank", rel="noopener noreferrer", title=href, **kwargs)


def document_link(doc_id: str, label: Any, lang: str, p: str = "", **kwargs: Any) -> dcc.Link:
    """Return a link to a document's page (and a provision in it), keeping the language."""
    return dcc.Link(label, href=DocumentView(doc=doc_id, p=p, lang=lang).href(), **kwargs)


def pager(view: Any, page: int, pages: int, position: str, nav_id: str, lang: str, **kwargs: Any) -> html.Nav:
    """Return previous/next links around `position` (e.g. "Page 2 / 5"); an empty Nav when one page holds all.

    `view` is the page's URL state (it has `replace(page=…)` and `href()`), so the links are shareable URLs.
    """
    if pages <= 1:
        return html.Nav(id=nav_id)
    items: list[Any] = []
    if page > 1:
        items.append(
            dcc.Link(
                f"← {t('common.previous', lang)}",
                href=view.replace(page=page - 1).href(),
                className="btn btn-outline-secondary btn-sm me-2",
            )
        )
    items.append(html.Span(position, className="me-2"))
    if page < pages:
        items.append(
            dcc.Link(
                f"{t('common.next', lang)} →",
                href=view.replace(page=page + 1).href(),
                className="btn btn-outline-secondary btn-sm",
            )
        )
    return html.Nav(items, id=nav_id, **{"aria-label": t("common.page", lang), **kwargs})
