"""Themes: how much of each document each theme takes up (heatmap), how that weight moved (evolution), what is
new in each document, and the provisions behind a clicked cell with their evidence words marked.

The state is the URL (ThemesView); the controls and a click on the heatmap only ever write it. Every chart
says which text it counts (own or all) and flags each source's coverage; the page adds a notice when a
document has no text on the chosen basis and when the compared sources differ in coverage.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import plotly.graph_objects as go
from dash import dcc, html

from dashboard import i18n
from dashboard.analysis.annotations import Span
from dashboard.app import ids
from dashboard.app.components import notices_alert, provision_card, source_badge
from dashboard.app.components.attrs import attrs
from dashboard.app.components.charts import chart_card
from dashboard.app.components.pickers import document_picker, field, themes_picker
from dashboard.app.context import AppData
from dashboard.app.i18n import theme_label
from dashboard.app.memo import Memo
from dashboard.app.state import DocumentView, ThemesView
from dashboard.app.views.phone import heatmap_list
from dashboard.dataset.load import Dataset
from dashboard.figures.labels import chart_documents
from dashboard.figures.registry import ChartOptions
from dashboard.figures.themes.emergence import emergence_figure, emergence_table
from dashboard.figures.themes.evolution import evolution_figure
from dashboard.figures.themes.heatmap import heatmap_axes, heatmap_figure
from dashboard.figures.themes.tables import (
    MEASURES,
    cell_provisions,
    counted_provisions,
    coverage_sentence,
    documents_note,
    no_text_documents,
    theme_documents,
)
from dashboard.i18n import localised, table

BADGES = 12  # documents whose coverage badges the coverage notice lists; beyond, one sentence says it
TEXT = table("themes")


def themes_page(data: AppData, view: ThemesView) -> list[Any]:
    """Return the Themes page: controls set from the view, then the notices, charts and lists of the view."""
    lang = view.lang
    figures = charts(data, view)
    return [
        html.H1(_t("title", lang), className="page-title"),
        html.P(_t("lead", lang), className="text-muted mb-2"),
        controls(data, view),
        html.Div(status(data, view), id=ids.THEMES_STATUS),
        chart_card(
            ids.THEMES_HEATMAP,
            "themes-heatmap",
            figures[0],
            hint=_t("click_hint", lang),
            lang=lang,
            className="phone-hide",
        ),
        html.Div(heatmap_list(data, view), id=ids.THEMES_HEATMAP_LIST),
        html.Div(cell_section(data, view), id=ids.THEMES_CELL, className="themes-cell"),
        # at phone width the evolution and the new-terms panels cannot be read: the lists above and below
        # (each document's themes; the new terms in context) say the same, and a note says where the charts are
        html.P(_t("phone_charts", lang), className="phone-only small text-muted"),
        chart_card(ids.THEMES_EVOLUTION, "themes-evolution", figures[1], lang=lang, className="phone-hide"),
        chart_card(ids.THEMES_TERMS, "term-emergence", figures[2], lang=lang, className="phone-hide"),
        html.Div(new_terms(data, view), id=ids.THEMES_NEW, className="themes-new"),
    ]


def controls(data: AppData, view: ThemesView) -> html.Div:
    """Return the pickers of documents and themes and the measure and basis switches, set to the view."""
    lang = view.lang
    return html.Div(
        [
            html.Div(
                [
                    document_picker(data, ids.THEMES_DOCS, view.docs, lang),
                    themes_picker(data, ids.THEMES_THEME, view.themes, lang, _t("themes_placeholder", lang)),
                    field(
                        _t("measure", lang),
                        dcc.RadioItems(
                            id=ids.THEMES_MEASURE,
                            options=[{"label": _t(m, lang), "value": m} for m in MEASURES],
                            value=view.measure,
                            inputClassName="form-check-input me-1",
                            labelClassName="form-check-label me-3",
                        ),
                    ),
                    field(
                        _t("basis", lang),
                        dcc.RadioItems(
                            id=ids.THEMES_BASIS,
                            options=[{"label": _t(b, lang), "value": b} for b in ("own", "all")],
                            value=view.basis,
                            inputClassName="form-check-input me-1",
                            labelClassName="form-check-label me-3",
                        ),
                        help_text=_t("basis_help", lang),
                    ),
                ],
                className="themes-grid",
            ),
        ],
        className="themes-controls card card-body mb-3",
    )


def view_from_controls(
    data: AppData,
    search: str | None,
    *,
    docs: list[str] | None,
    themes: list[str] | None,
    measure: str | None,
    basis: str | None,
) -> ThemesView:
    """Return the view the controls describe (validated like a URL; language and a still-shown cell kept)."""
    current = ThemesView.from_query(search, data.vocab)
    params = {
        "docs": ",".join(docs or []),
        "theme": ",".join(themes or []),
        "measure": measure or "",
        "basis": basis or "",
        "lang": current.lang,
    }
    view = ThemesView.from_params({k: v for k, v in params.items() if v}, data.vocab)
    cell = current.cell if current.cell and (not view.docs or current.cell[0] in view.docs) else None
    return view.replace(cell=cell)


def view_from_click(data: AppData, search: str | None, click: dict[str, Any] | None) -> ThemesView:
    """Return the current view with the clicked heatmap cell chosen (from the point's customdata
    [doc id, theme id, …] or, as Dash sends heatmap clicks, from its x and y labels)."""
    current = ThemesView.from_query(search, data.vocab)
    for point in (click or {}).get("points", [])[:1]:
        custom = point.get("customdata")
        if isinstance(custom, list) and len(custom) >= 2:
            doc, theme = str(custom[0]), str(custom[1])
        else:  # Dash drops a heatmap point's customdata: map the cell's labels back
            columns, rows = heatmap_axes(charted(data, current.chart_options()), current.chart_options())
            doc, theme = columns.get(str(point.get("x")), ""), rows.get(str(point.get("y")), "")
        if doc in data.vocab.held and theme in data.vocab.themes:
            return current.replace(cell=(doc, theme))
    return current


def charts(data: AppData, view: ThemesView) -> tuple[go.Figure, go.Figure, go.Figure]:
    """Return the view's heatmap, evolution and term-emergence figures (the registry's charts). The data never
    change while the app runs, so each view's figures are drawn once (those of the last 8 views kept)."""
    return _charts(Memo(data), view.chart_options())


@lru_cache(maxsize=8)
def _charts(key: Memo, options: ChartOptions) -> tuple[go.Figure, go.Figure, go.Figure]:
    ds = charted(key.data(), options)
    return heatmap_figure(ds, options), evolution_figure(ds, options), emergence_figure(ds, options)


def charted(data: AppData, options: ChartOptions) -> Dataset:
    """Return the dataset seen through the documents the theme charts draw (theme_documents: at most
    MAX_DOCUMENTS), whose theme measures are read from the query database for those documents only, instead of
    the whole table (320,000 rows at 10,000 documents) held in the worker."""
    return data.scoped(*(d.id for d in theme_documents(data.dataset, options)))


def outputs(data: AppData, view: ThemesView) -> dict[str, Any]:
    """Return everything the controls callback updates for a view, by component id: status, heatmap, cell,
    evolution, term emergence, new terms, the heatmap as a phone's lists."""
    heatmap, evolution, terms = charts(data, view)
    return {
        ids.THEMES_STATUS: status(data, view),
        ids.THEMES_HEATMAP: heatmap,
        ids.THEMES_CELL: cell_section(data, view),
        ids.THEMES_EVOLUTION: evolution,
        ids.THEMES_TERMS: terms,
        ids.THEMES_NEW: new_terms(data, view),
        ids.THEMES_HEATMAP_LIST: heatmap_list(data, view),
    }


def cell_outputs(data: AppData, view: ThemesView) -> dict[str, Any]:
    """Return what a click on the heatmap changes, by component id: status, heatmap (the outlined cell), the
    cell's provisions."""
    return {
        ids.THEMES_STATUS: status(data, view),
        ids.THEMES_HEATMAP: heatmap_figure(charted(data, view.chart_options()), view.chart_options()),
        ids.THEMES_CELL: cell_section(data, view),
    }


def status(data: AppData, view: ThemesView) -> list[Any]:
    """Return the URL notices, the caption of the view and the basis and coverage notices."""
    lang = view.lang
    out: list[Any] = [
        notices_alert(view.notices, lang, id=ids.THEMES_NOTICES),
        html.P(view.caption(data.vocab), id=ids.THEMES_CAPTION, className="view-caption text-muted small mb-2"),
    ]
    options = view.chart_options()
    missing = no_text_documents(data.dataset, options)
    if missing and view.basis == "own":
        symbols = ", ".join(d.symbol for d in missing)
        out.append(
            html.Div(
                [
                    html.Span(_t("no_text", lang, n=len(missing), docs=symbols) + " "),
                    dcc.Link(_t("switch_all", lang) + " →", href=view.replace(basis="all").href()),
                ],
                id=ids.THEMES_BASIS_NOTE,
                className="alert alert-info py-2 small themes-basis-note",
                role="note",
            )
        )
    docs = theme_documents(data.dataset, options)
    if len({d.coverage for d in docs}) > 1:
        if len(docs) <= BADGES:
            detail: Any = [
                html.Span(
                    [html.Strong(d.symbol, className="me-1"), source_badge(d.coverage, d.source_kind, lang=lang)],
                    className="me-3 text-nowrap d-inline-block coverage-item",
                )
                for d in docs
            ]
        else:  # a badge per document would bury the page: say it in one sentence
            detail = coverage_sentence(data.dataset, tuple(d.id for d in docs), lang)
        out.append(
            html.Div(
                [html.Div(["⚠ ", _t("mixed", lang)], className="mb-1"), html.Div(detail)],
                id=ids.THEMES_COVERAGE_NOTE,
                className="alert alert-warning py-2 small themes-coverage-note",
                role="note",
            )
        )
    capped = documents_note(data.dataset, options)
    if capped:
        out.append(html.Div(capped, className="alert alert-info py-2 small themes-capped-note", role="note"))
    return out


def cell_section(data: AppData, view: ThemesView) -> list[Any]:
    """Return the provisions behind the clicked cell, evidence words marked, each linked to its document."""
    if not view.cell:
        return []
    lang = view.lang
    doc_id, theme = view.cell
    document = data.documents.get(doc_id, {})
    scoped = data.scoped(doc_id)  # the cell's document's rows only, read from the query database
    rows = cell_provisions(scoped, doc_id, theme, view.basis)
    counted = counted_provisions(scoped, doc_id, view.basis)
    docs = {d.id: d for d in chart_documents(scoped, [doc_id])}
    label = docs[doc_id].label(lang) if doc_id in docs else data.vocab.symbol(doc_id)
    cards = []
    for row in rows:
        provision = data.provisions.get(row["provision_id"])
        if provision is None:
            continue
        spans = [Span(s, e, "theme", term) for s, e, term in row["spans"]]
        cards.append(
            provision_card(
                provision,
                spans,
                document=document,
                themes=data.notes.themes.get(row["provision_id"], []),
                lang=lang,
                href=view_document_href(doc_id, row["provision_id"], lang),
                indent=False,
                sources=row.get("sources", ()),
            )
        )
    basis = _t("own_basis" if view.basis == "own" else "all_basis", lang)
    return [
        html.Div(
            [
                html.H2(
                    _t("cell_title", lang).format(doc=label, theme=theme_label(theme, lang)),
                    className="h5 mb-1",
                ),
                dcc.Link("× " + _t("close", lang), href=view.replace(cell=None).href(), className="small ms-auto"),
            ],
            className="d-flex align-items-baseline gap-3",
        ),
        html.P(
            [
                source_badge(
                    document.get("coverage"),
                    document.get("source_kind"),
                    localised(document, "coverage_note", lang),
                    lang=lang,
                ),
                " ",
                _t("cell_count", lang).format(k=len(cards), n=counted, basis=basis),
                " ",
                html.Mark(_t("evidence", lang), className="hl hl-theme"),
                " ",
                html.Span(_t("evidence_note", lang), className="text-muted"),
            ],
            className="small mb-2",
        ),
        html.Div(
            cards or [_no_provisions(view, counted)],
            id=ids.THEMES_CELL_LIST,
            **attrs(data_count=str(len(cards))),
        ),
    ]


def new_terms(data: AppData, view: ThemesView) -> list[Any]:
    """Return, per document, its strongest new terms, each a link to the first provision that uses it."""
    lang = view.lang
    table = emergence_table(data.dataset, view.chart_options())
    if table.empty:
        return []
    rows = []
    for doc_id, group in table.groupby("document_id", sort=False):
        links: list[Any] = []
        uses = zip(group["term"], group["example_provision_id"], group["count"], strict=True)
        for i, (term, example, count) in enumerate(uses):
            links += ([" · "] if i else []) + [
                dcc.Link(
                    str(term),
                    href=view_document_href(str(doc_id), str(example), lang),
                    title=_t("uses", lang, n=int(count)),
                    className="new-term",
                )
            ]
        rows.append(html.Li([html.Strong(_t("new_in", lang).format(doc=data.vocab.symbol(str(doc_id))) + " "), *links]))
    return [
        html.H2(_t("new_title", lang), className="h6 mt-2 mb-1"),
        html.P(_t("new_intro", lang), className="small text-muted mb-1"),
        html.Ul(rows, className="small new-terms-list"),
    ]


def view_document_href(doc_id: str, provision_id: str, lang: str) -> str:
    """Return the address of a provision in its document."""
    return DocumentView(doc=doc_id, p=provision_id, lang=lang).href()


def _no_provisions(view: ThemesView, counted: int) -> html.P:
    """Return why a cell lists nothing: no provision carries the theme, or the document has no own text (then
    offer the all-text basis, where its report's provisions count)."""
    lang = view.lang
    if counted or view.basis == "all":
        return html.P(_t("cell_none", lang), className="text-muted")
    return html.P(
        [
            _t("cell_no_text", lang) + " ",
            dcc.Link(_t("switch_all", lang) + " →", href=view.replace(basis="all").href()),
        ],
        className="text-muted",
    )


def _t(key: str, lang: str, n: int | None = None, **values: object) -> str:
    return i18n.t(f"themes.{key}", lang, n, **values)
