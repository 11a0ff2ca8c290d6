"""Links: internal ones keep the language; external ones open in a new tab and only ever use http(s)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from dash import dcc, html

from dashboard.app.i18n import t
from dashboard.app.state import DocumentView, SourceView, span_words


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


def seed_url(document: Any) -> str | None:
    """Return where a document's seed text was published (seed_url), or None when that was not recorded.

    Never the source of the document's facts (source_url) in its place: that page holds other words."""
    return safe_href((document or {}).get("seed_url"))


def source_href(doc_id: str, start: Any, end: Any, lang: str) -> str:
    """Return the address of the app's source view of a span of a document's seed text."""
    try:
        a, b = int(start), int(end)
    except (TypeError, ValueError):
        a = b = None  # the view then shows the seed file's beginning
    return SourceView(doc=doc_id, start=a, end=b, lang=lang).href()


def source_link(
    doc_id: str, start: Any, end: Any, lang: str, seed_file: str = "", children: Any = None, **kwargs: Any
) -> dcc.Link:
    """Return a link to a span in the app's source view, by default worded "characters 2,550–3,132 of the seed
    file …" (`children` replaces the words)."""
    try:
        words = span_words(int(start), int(end), lang, seed_file)
    except (TypeError, ValueError):
        words = t("source.title", lang)
    words = words if children is None else children
    kwargs.setdefault("className", "span-ref source-link")
    return dcc.Link(
        words, href=source_href(doc_id, start, end, lang), title=t("source.link_title", lang), **kwargs
    )


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
