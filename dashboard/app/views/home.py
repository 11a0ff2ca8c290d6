"""Home: what this is, the corpus with each document's source kind and coverage, and a warning about both."""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import dcc, html

from dashboard.app import ids
from dashboard.app.components import (
    document_link,
    external_link,
    notices_alert,
    pager,
    source_badge,
    source_href,
)
from dashboard.app.components.tables import table_head
from dashboard.app.context import AppData
from dashboard.app.i18n import t
from dashboard.app.state import CompareView, ExplorerView, HomeView, ThemesView, TimelineView
from dashboard.figures.coverage import coverage_summary
from dashboard.i18n import localised

PAGE_SIZE = 100  # rows of the corpus table per page (a thousand documents would be a 2 MB page)


def home_page(data: AppData, view: HomeView) -> list[Any]:
    """Return the home page."""
    lang = view.lang
    held = data.held_documents()
    referenced = [d for d in data.documents.values() if not bool(d.get("held"))]
    pages = max(1, -(-len(held) // PAGE_SIZE))
    page = min(view.page, pages)
    return [
        notices_alert(view.notices, lang, id=ids.HOME_NOTICES),
        html.H1(t("home.title", lang), className="page-title"),
        html.P(t("home.lead", lang), className="lead"),
        html.P(t("home.lead2", lang)),
        _coverage_warning(data, lang),
        _try_links(data, lang),
        html.H2(t("home.corpus", lang), className="h4 mt-4"),
        _corpus_table(held[(page - 1) * PAGE_SIZE : page * PAGE_SIZE], lang),
        _pager(view, page, pages, len(held)),
        *(
            [
                html.H2(t("home.referenced", lang), className="h5 mt-4"),
                html.P(t("home.referenced_note", lang), className="text-muted small"),
                _referenced_table(referenced[:PAGE_SIZE], lang),
                *(
                    [html.P(f"… +{len(referenced) - PAGE_SIZE}", className="text-muted")]
                    if len(referenced) > PAGE_SIZE
                    else []
                ),
            ]
            if referenced
            else []
        ),
    ]


def _pager(view: HomeView, page: int, pages: int, total: int) -> html.Nav:
    first, last = (page - 1) * PAGE_SIZE + 1, min(page * PAGE_SIZE, total)
    return pager(view, page, pages, f"{first}–{last} / {total}", ids.HOME_PAGER, view.lang, className="pager my-2")


def _coverage_warning(data: AppData, lang: str) -> html.Div:
    summary = coverage_summary(data.dataset.documents, lang)
    return html.Div(
        [
            html.Strong(t("home.coverage_title", lang) + ". "),
            html.Span(summary + " "),
            html.Span(t("home.coverage_body", lang)),
        ],
        id=ids.HOME_COVERAGE,
        className="alert alert-info coverage-warning",
        role="note",
    )


def _try_links(data: AppData, lang: str) -> html.P:
    entities, actors = data.vocab.entities or {}, data.vocab.actors or {}
    asean = (
        ExplorerView(entity="asean", lang=lang) if "asean" in entities else ExplorerView(q="ASEAN", lang=lang)
    )
    mofa = (
        ExplorerView(actor="mofa", lang=lang)
        if "mofa" in actors
        else ExplorerView(q='"Ministry of Foreign Affairs"', lang=lang)
    )
    themes = ThemesView(themes=("science_technology",), lang=lang)
    if "science_technology" not in data.vocab.themes:
        themes = ThemesView(lang=lang)
    a, b = data.vocab.resolve("40/QĐ-TTg"), data.vocab.resolve("153/NQ-CP")
    held = [d["id"] for d in data.held_documents()]
    if not (a in data.vocab.held and b in data.vocab.held) and len(held) > 1:
        a, b = held[0], held[-1]  # another corpus: its first and last documents
    compare = CompareView(a=a or "", b=b or "", lang=lang)
    links = [
        (TimelineView(lang=lang).href(), t("home.try_timeline", lang)),
        (themes.href(), t("home.try_themes", lang, a=data.vocab.years[0], b=data.vocab.years[1])),
        (compare.href(), t("home.try_compare", lang)),
        (asean.href(), t("home.try_asean", lang)),
        (mofa.href(), t("home.try_mofa", lang)),
    ]
    children: list[Any] = [html.Span(f"{t('home.try', lang)}: ", className="text-muted")]
    for i, (href, label) in enumerate(links):
        children += ([" · "] if i else []) + [dcc.Link(label, href=href)]
    return html.P(children, className="try-links")


def _corpus_table(documents: list[dict[str, Any]], lang: str) -> html.Div:
    keys = ("common.symbol", "common.date", "common.issuer", "common.title", "common.source", "common.coverage")
    head = table_head([*(t(key, lang) for key in keys), t("common.provisions", lang)])
    rows = [
        html.Tr(
            [
                html.Td(document_link(d["id"], html.Strong(d["symbol"]), lang), className="text-nowrap"),
                html.Td(_date(d.get("issued")), className="text-nowrap"),
                html.Td(localised(d, "issuer_detail", lang) or localised(d, "issuer_label", lang)),
                html.Td(_titles(d, lang)),
                html.Td(
                    [
                        source_badge(
                            d.get("coverage"), d.get("source_kind"), localised(d, "coverage_note", lang), lang=lang
                        ),
                        html.Div(
                            dcc.Link(
                                localised(d, "seed_publisher", lang) or t("common.source_text", lang),
                                href=source_href(d["id"], None, None, lang),
                                className="source-link",
                            ),
                            className="small mt-1",
                        ),
                    ]
                ),
                html.Td(localised(d, "coverage_note", lang), className="small coverage-cell"),
                html.Td(
                    [
                        html.Span(str(int(d.get("provisions") or 0))),
                        html.Span(
                            f" ({int(d.get('own_provisions') or 0)} {t('common.own', lang)})",
                            className="text-muted small",
                        ),
                    ],
                    className="text-nowrap",
                ),
            ],
            id=f"home-row-{d['id']}",
        )
        for d in documents
    ]
    return html.Div(
        html.Table([head, html.Tbody(rows)], className="table table-sm align-top corpus-table"),
        id=ids.HOME_CORPUS,
        className="table-responsive",
    )


def _referenced_table(documents: list[dict[str, Any]], lang: str) -> html.Div:
    rows = [
        html.Tr(
            [
                html.Td(document_link(d["id"], d["symbol"], lang), className="text-nowrap"),
                html.Td(_date(d.get("issued")), className="text-nowrap"),
                html.Td(localised(d, "issuer_detail", lang) or localised(d, "issuer_label", lang)),
                html.Td(_titles(d, lang)),
                html.Td(source_badge(None, None, held=False, lang=lang)),
                html.Td(
                    external_link(t("common.facts_source", lang), d.get("source_url"), className="small")
                ),
            ]
        )
        for d in documents
    ]
    return html.Div(
        html.Table(html.Tbody(rows), className="table table-sm align-top referenced-table"),
        id=ids.HOME_REFERENCED,
        className="table-responsive",
    )


def _titles(doc: dict[str, Any], lang: str) -> list[Any]:
    first, second = ("title_vi", "title_en") if lang == "vi" else ("title_en", "title_vi")
    main = _text(doc.get(first)) or _text(doc.get(second))
    other = _text(doc.get(second)) if _text(doc.get(first)) else ""
    return [html.Div(main)] + (
        [html.Div(other, className="text-muted small", lang="vi" if lang == "en" else "en")] if other else []
    )


def _date(value: Any) -> str:
    return pd.Timestamp(value).date().isoformat() if _text(value) else ""


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)
