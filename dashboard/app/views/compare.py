"""Compare: two documents side by side. The theme-weight chart, the distinctive-terms chart and lists, the
entities and targets gained or lost, and every provision of both documents in aligned pairs with the changed words
marked (html.Del in A, html.Ins in B), filterable by theme and by status. Each provision links to its place in its
document and to its source span. Both charts sit in chart cards with the shared download menu. The state is the
URL (CompareView); the controls only ever write it."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard.analysis.diff.compare import notices
from dashboard.app import ids
from dashboard.app.components import notices_alert
from dashboard.app.components.charts import chart_card
from dashboard.app.components.download import briefing_pack_menu
from dashboard.app.components.pickers import document_options, field, theme_picker
from dashboard.app.context import AppData
from dashboard.app.state import STATUSES, CompareView, Notice
from dashboard.app.views.compare_deltas import charts, drawn_once, entities_box, targets_box, terms_box
from dashboard.app.views.compare_pairs import MAX_ROWS as MAX_ROWS  # re-exported
from dashboard.app.views.compare_pairs import pair_count as pair_count  # re-exported
from dashboard.app.views.compare_pairs import pair_rows as pair_rows  # re-exported
from dashboard.app.views.compare_pairs import pairs_section, rows_box
from dashboard.app.views.compare_pairs import shown_pairs as shown_pairs  # re-exported
from dashboard.app.views.compare_summary import _documents, summary
from dashboard.app.views.compare_summary import summary_items as summary_items  # re-exported
from dashboard.app.views.compare_text import text
from dashboard.app.views.phone import theme_delta_list
from dashboard.figures.compare.chart import comparison_dict

EXAMPLES = (("40-QD-TTg-2016", "153-NQ-CP-2025"), ("01-NQ-CP-2016", "59-NQ-TW-2025"))


def compare_page(data: AppData, view: CompareView) -> list[Any]:
    """Return the compare page: the pickers and filters set from the view, and the comparison of the view."""
    return [
        html.H1(_t("title", view.lang), className="page-title"),
        controls(data, view),
        briefing_pack_menu(view.lang),
        html.Div(content(data, view), id=ids.COMPARE_CONTENT, className="compare-content"),
        # the view on screen: a new address (a correction, a filter, Back) updates only what changed from it
        dcc.Store(id=ids.COMPARE_SHOWN, data=view.to_query()),
        # a new address a control wrote (`data-push`: {search, hash, n}): assets/compare_links.js puts it in the
        # history and tells `url` as soon as the answer that wrote it is on the page
        html.Div(id=ids.COMPARE_PUSH, hidden=True),
        dcc.Store(id=ids.COMPARE_ADDRESS),  # a new address (a correction, Back), told by assets/compare_page.js
        dcc.Store(id=ids.COMPARE_SCROLLED),
    ]


def controls(data: AppData, view: CompareView) -> html.Div:
    """Return the two document pickers, the swap button and the theme and status filters."""
    lang = view.lang
    docs = document_options(data, [d for d in (view.a, view.b) if d])  # the latest and the chosen; typing searches
    statuses = [{"label": _t(s, lang), "value": s} for s in STATUSES]
    return html.Div(
        [
            html.Div(
                [
                    field(
                        _t("a", lang),
                        dcc.Dropdown(
                            id=ids.COMPARE_A,
                            options=docs,
                            value=view.a or None,
                            clearable=False,
                            placeholder=_t("a", lang),
                        ),
                    ),
                    html.Button(
                        _t("swap", lang),
                        id=ids.COMPARE_SWAP,
                        n_clicks=0,
                        type="button",
                        className="btn btn-outline-secondary btn-sm compare-swap",
                    ),
                    field(
                        _t("b", lang),
                        dcc.Dropdown(
                            id=ids.COMPARE_B,
                            options=docs,
                            value=view.b or None,
                            clearable=False,
                            placeholder=_t("b", lang),
                        ),
                    ),
                ],
                className="compare-pickers",
            ),
            html.Div(
                [
                    theme_picker(data, ids.COMPARE_THEME, view.theme, lang),
                    field(
                        _t("status", lang),
                        dcc.Checklist(
                            id=ids.COMPARE_STATUS,
                            options=statuses,
                            value=list(view.status or STATUSES),
                            inline=True,
                            className="compare-status",
                            inputClassName="form-check-input me-1",
                            labelClassName="form-check-label me-3",
                        ),
                    ),
                ],
                className="compare-filters",
            ),
        ],
        className="compare-controls card card-body mb-3",
    )


def content(data: AppData, view: CompareView) -> list[Any]:
    """Return everything below the controls for the view."""
    lang = view.lang
    pins, pin_notices = view.pins_in(data.by_document)
    head = [html.Div(head_items(data, view, pin_notices), id=ids.COMPARE_HEAD)]
    if not view.ready:
        examples = [
            dcc.Link(
                f"{data.vocab.symbol(a)} → {data.vocab.symbol(b)}",
                href=CompareView(a=a, b=b, lang=lang).href(),
                className="me-3",
            )
            for a, b in EXAMPLES
            if a in data.vocab.held and b in data.vocab.held
        ]
        # the boxes a new address rewrites, and the pickers' controls the page's callback reads, exist, empty,
        # before a pair is chosen (a Dash callback runs only when all its inputs and outputs are on the page)
        boxes = [
            *(html.Div(id=i) for i in (ids.COMPARE_SUMMARY, ids.COMPARE_PINS_BOX, ids.COMPARE_COUNT_BOX)),
            rows_box([]),
            dcc.Dropdown(id=ids.COMPARE_PIN_A),
            dcc.Dropdown(id=ids.COMPARE_PIN_B),
            html.Button(id=ids.COMPARE_PIN_BUTTON, n_clicks=0, type="button"),
            html.Div(id=ids.COMPARE_PIN_STATUS),
        ]
        return [*head, html.P([_t("choose", lang), " ", *examples], id=ids.COMPARE_EMPTY), html.Div(boxes, hidden=True)]
    result = comparison_dict(data.pair(view.a, view.b), view.a, view.b, tuple(p.text() for p in pins))
    themes_chart, terms_chart = charts(data.pair(view.a, view.b), view.a, view.b, lang)
    return [
        *head,
        *[
            html.Div(["⚠ ", n], className="alert alert-warning py-2 small compare-notice", role="alert")
            for n in notices(result["documents"]["a"], result["documents"]["b"], lang)
        ],
        _documents(data, result, lang),
        summary(result, lang),
        # below the sm breakpoint a list stands for the theme-weight chart, and the terms chart gives way to the
        # lists under it (a 390 px card clips the charts' titles and theme names: views/phone.py)
        theme_delta_list(data, view.a, view.b, result, lang),
        chart_card(ids.COMPARE_CHART, "compare-themes", themes_chart, lang=lang, className="phone-hide"),
        # the chart draws the strongest terms; the lists under it carry each term's counts in A and B. (Outside
        # the grid below: in a grid cell the responsive graph's height: 100% collapses to nothing.)
        chart_card(ids.COMPARE_TERMS_CHART, "compare-terms", terms_chart, lang=lang, className="phone-hide"),
        html.Div(
            [drawn_once(box(result, lang)) for box in (terms_box, entities_box, targets_box)],
            className="compare-deltas",
        ),
        pairs_section(data, result, view, pins),
    ]


def head_items(data: AppData, view: CompareView, pin_notices: list[Notice]) -> list[Any]:
    """Return what was wrong with the address (its parameters, pins naming nothing or contradicting), and the
    view in words (the pair, the theme, the statuses)."""
    return [
        notices_alert([*view.notices, *pin_notices], view.lang, id=ids.COMPARE_NOTICES),
        html.P(view.caption(data.vocab), id=ids.COMPARE_CAPTION, className="view-caption text-muted small"),
    ]


def _t(key: str, lang: str) -> str:
    return text(key, lang)
