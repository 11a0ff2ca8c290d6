"""Explorer: full-text search over every provision with filters; matches highlighted, each result linked to
its provision and source span. The state is the URL (ExplorerView); the controls only ever write it."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from dash import dcc, html

from dashboard.analysis.fulltext import looks_vietnamese, snippet_window
from dashboard.analysis.search import NameHit, SearchQuery
from dashboard.app import ids
from dashboard.app.components import highlight, highlight_legend, notices_alert, pager, provision_card
from dashboard.app.components.attrs import attrs
from dashboard.app.components.pickers import (
    choice_picker,
    document_picker,
    field,
    name_options,
    theme_picker,
    years_slider,
)
from dashboard.app.context import AppData
from dashboard.app.i18n import t
from dashboard.app.state import ROLES, DocumentView, ExplorerView

PAGE_SIZE = 25


def explorer_page(data: AppData, view: ExplorerView) -> list[Any]:
    """Return the explorer page: controls set from the view, and the results of the view."""
    return [
        html.H1(t("explorer.title", view.lang), className="page-title"),
        controls(data, view),
        html.Div(results(data, view), id=ids.EXP_RESULTS, className="explorer-results"),
    ]


def controls(data: AppData, view: ExplorerView) -> html.Div:
    """Return the search box and the filters, each set to the view's value."""
    lang, vocab = view.lang, data.vocab
    first, last = vocab.years
    issuers = [
        {"label": label, "value": issuer}
        for issuer, label in sorted(vocab.issuers.items(), key=lambda x: x[1])
    ]
    roles = [{"label": t(f"role.{r}", lang), "value": r} for r in ROLES]
    anything = t("common.any", lang)
    return html.Div(
        [
            html.Label(t("explorer.search", lang), htmlFor=ids.EXP_QUERY, className="form-label fw-semibold"),
            dcc.Input(
                id=ids.EXP_QUERY,
                type="search",
                value=view.q,
                debounce=0.4,
                maxLength=200,
                placeholder=t("explorer.placeholder", lang),
                className="form-control mb-3",
                autoComplete="off",
            ),
            html.Div(
                [
                    document_picker(data, ids.EXP_DOCS, view.docs, lang),
                    theme_picker(data, ids.EXP_THEME, view.theme, lang),
                    choice_picker(t("common.issuer", lang), ids.EXP_ISSUER, issuers, view.issuer, anything),
                    _name_picker(
                        t("common.entity", lang), ids.EXP_ENTITY, vocab.entities, view.entity, "mentions", lang
                    ),
                    _name_picker(
                        t("common.actor", lang), ids.EXP_ACTOR, vocab.actors, view.actor, "assignments", lang
                    ),
                    choice_picker(
                        t("common.role", lang), ids.EXP_ROLE, roles, view.role, anything, disabled=vocab.actors is None
                    ),
                ],
                className="filter-grid",
            ),
            html.Div(
                [
                    field(
                        t("common.years", lang),
                        years_slider(
                            ids.EXP_YEARS,
                            first,
                            last,
                            [max(first, view.year_from or first), min(last, view.year_to or last)],
                        ),
                        className="filter wide",
                    ),
                    html.Div(
                        [
                            dcc.Checklist(
                                id=ids.EXP_OWN,
                                options=[{"label": t("explorer.own_only", lang), "value": "own"}],
                                value=["own"] if view.own else [],
                                inputClassName="form-check-input me-2",
                            ),
                            dcc.Link(
                                t("explorer.clear", lang),
                                id=ids.EXP_CLEAR,
                                href=ExplorerView(lang=lang).href(),
                                className="small",
                            ),
                        ],
                        className="filter-side",
                    ),
                ],
                className="filter-row",
            ),
        ],
        className="explorer-controls card card-body mb-3",
    )


def view_from_controls(
    data: AppData,
    search: str | None,
    *,
    q: str | None,
    docs: list[str] | None,
    theme: str | None,
    issuer: str | None,
    years: list[int] | None,
    entity: str | None,
    actor: str | None,
    role: str | None,
    own: list[str] | None,
) -> ExplorerView:
    """Return the view the controls describe (validated like a URL; back to page 1; language kept)."""
    first, last = data.vocab.years
    shown = ExplorerView.from_query(search, data.vocab)
    lang = shown.lang
    span = list(years or [])
    year_from = span[0] if span else None
    year_to = span[-1] if len(span) > 1 else None
    params = {
        "q": q or "",
        "doc": list(docs or []),
        "theme": theme or "",
        "issuer": issuer or "",
        "from": str(year_from) if year_from is not None and year_from > first else "",
        "to": str(year_to) if year_to is not None and year_to < last else "",
        "entity": entity or "",
        "actor": actor or "",
        "role": role or "",
        "own": "1" if own else "",
        "lang": lang,
    }
    view = ExplorerView.from_params({k: v for k, v in params.items() if v}, data.vocab)
    # when the controls rewrite the address (a year at the range's end is no filter), what the address got
    # wrong must stay on screen: keep its notices
    return dataclasses.replace(view, notices=shown.notices + view.notices)


def search_query(view: ExplorerView) -> SearchQuery:
    """Return the search the view asks for."""
    return SearchQuery(
        text=view.q,
        documents=view.docs,
        theme=view.theme,
        issuer=view.issuer,
        year_from=view.year_from,
        year_to=view.year_to,
        entity=view.entity,
        actor=view.actor,
        role=view.role if view.actor else "",
        own_only=view.own,
    )


def outputs(data: AppData, view: ExplorerView) -> dict[str, Any]:
    """Return what the search callback updates for a view, by component id: the results."""
    return {ids.EXP_RESULTS: results(data, view)}


def results(data: AppData, view: ExplorerView) -> list[Any]:
    """Return the notices, the count, the caption, the titles and names matched, one page of result cards (a
    highlighted snippet of each, best match first) and the pager."""
    lang = view.lang
    found = data.index.search(search_query(view))
    total, n_docs = len(found), found.documents
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(view.page, pages)
    shown = found.page((page - 1) * PAGE_SIZE, page * PAGE_SIZE)  # the page's matches only
    focus = tuple(x for x in (view.entity, view.actor) if x)
    cards, kinds = [], set()
    data.provision_rows(list(shown["id"]))  # the page's rows, in one query
    for pid, row, tier in zip(shown["id"], shown["row"], shown["tier"], strict=True):
        prov = data.provisions[pid]
        text = str(prov.get("text") or "")
        matches = data.index.spans(int(row), found.include, text)
        spans = data.notes.spans(pid, text, focus=focus, matches=matches)
        kinds |= {s.kind for s in spans}
        doc = data.documents.get(str(prov["document_id"]), {})
        cards.append(
            provision_card(
                prov,
                spans,
                document=doc,
                themes=data.notes.themes.get(pid, []),
                targets=data.notes.targets.get(pid, []),
                actors=data.notes.actors(pid, lang),
                lang=lang,
                href=DocumentView(doc=str(prov["document_id"]), p=pid, lang=lang).href(),
                show_document=True,
                indent=False,
                sources=data.notes.mention_sources(pid, (view.entity,)) if view.entity else (),
                snippet=snippet_window(text, matches) if found.include else None,
                note=t("explorer.partial", lang) if tier else "",
            )
        )
    key = "explorer.count"
    if n_docs == 1:
        key = "explorer.count_one" if total == 1 else "explorer.count_one_doc"
    count = t(key, lang, n=total, d=n_docs)
    if total > PAGE_SIZE:
        count += (
            f" · {t('explorer.showing', lang, a=(page - 1) * PAGE_SIZE + 1, b=min(page * PAGE_SIZE, total))}"
        )
    if found.include and total > 1:
        count += f" · {t('explorer.ranked', lang)}"
    if cards:
        empty: list[Any] = []
    elif (
        found.include
        and not data.index.vietnamese_documents
        and (found.vietnamese or any(looks_vietnamese(n.text) for n in found.names))
    ):  # Vietnamese words ("hội nhập", or "hoi nhap" that only Vietnamese names hold) in an English corpus
        empty = [
            html.P(t("explorer.no_vietnamese", lang), id=ids.EXP_NO_VIETNAMESE, className="alert alert-info")
        ]
    else:
        empty = [html.P(t("explorer.none", lang), className="text-muted")]
    return [
        notices_alert(view.notices, lang, id=ids.EXP_NOTICES),
        html.P(count, id=ids.EXP_COUNT, className="fw-semibold mb-0", **attrs(data_count=str(total))),
        html.P(view.caption(data.vocab), id=ids.EXP_CAPTION, className="view-caption text-muted small"),
        name_hits(data, view, found.names),
        highlight_legend(kinds, lang),
        html.Div(cards or empty, id=ids.EXP_LIST),
        _pager(view, page, pages),
    ]


def name_hits(data: AppData, view: ExplorerView, hits: list[NameHit]) -> html.Div:
    """Return the titles and names the words match (English or Vietnamese), each linked to what lists its
    provisions: the document, or the explorer filtered on the theme, body or entity."""
    lang = view.lang
    items = []
    for hit in hits:
        if hit.kind == "document":
            label = t("explorer.name.document", lang, doc=data.vocab.symbol(hit.id))
            href = DocumentView(doc=hit.id, lang=lang).href()
        elif hit.kind == "theme" and hit.id in data.vocab.themes:
            label, href = t("explorer.name.theme", lang), ExplorerView(theme=hit.id, lang=lang).href()
        elif hit.kind == "actor" and hit.id in (data.vocab.actors or {}):
            label, href = t("explorer.name.actor", lang), ExplorerView(actor=hit.id, lang=lang).href()
        elif hit.kind == "entity" and hit.id in (data.vocab.entities or {}):
            label, href = t("explorer.name.entity", lang), ExplorerView(entity=hit.id, lang=lang).href()
        else:
            continue
        items.append(
            html.Li(
                [
                    html.Span(f"{label}: ", className="text-muted"),
                    dcc.Link(highlight(hit.text, hit.spans), href=href, className="name-hit"),
                ]
            )
        )
    if not items:
        return html.Div(id=ids.EXP_NAMES, className="d-none")
    return html.Div(
        [html.Strong(t("explorer.names", lang)), html.Ul(items, className="mb-0 small")],
        id=ids.EXP_NAMES,
        className="explorer-names card card-body py-2 my-2",
    )


def _pager(view: ExplorerView, page: int, pages: int) -> html.Nav:
    position = f"{t('common.page', view.lang)} {page} / {pages}"
    return pager(view, page, pages, position, ids.EXP_PAGER, view.lang, className="pager my-3")


def _name_picker(
    label: str, picker_id: str, names: Mapping[str, str] | None, chosen: str, table: str, lang: str
) -> html.Div:
    """Return a filter of one of `names` ({id: name}, listed by name); greyed out, saying so, when the data
    package has no `table` to name them from (names is None)."""
    options = name_options(names, chosen)  # the first PICKER_OPTIONS by name; typing searches them all
    unavailable = names is None
    placeholder = t("explorer.filter_unavailable", lang, what=table) if unavailable else t("common.any", lang)
    return choice_picker(label, picker_id, options, chosen, placeholder, disabled=unavailable)
