"""Compare: two documents side by side. The theme-weight chart, the distinctive-terms chart and lists, the
entities and targets gained or lost, and every provision of both documents in aligned pairs with the changed words
marked (html.Del in A, html.Ins in B), filterable by theme and by status. Each provision links to its place in its
document and to its source span. Both charts sit in chart cards with the shared download menu. The state is the
URL (CompareView); the controls only ever write it."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard.analysis.diff.pins import Pin
from dashboard.app import ids
from dashboard.app.components import notices_alert
from dashboard.app.components.badges import source_badge
from dashboard.app.components.charts import chart_card
from dashboard.app.components.download import briefing_pack_menu
from dashboard.app.components.links import document_link, source_href
from dashboard.app.components.provision import NOT_OWN_KINDS
from dashboard.app.context import AppData
from dashboard.app.i18n import t, theme_label
from dashboard.app.state import STATUSES, CompareView, DocumentView, Notice, span_words
from dashboard.app.views import compare_parts as parts
from dashboard.app.views.compare_deltas import charts, entities_box, targets_box, terms_box
from dashboard.app.views.compare_pins import (
    candidate_links,
    cell_id,
    manual_pairing,
    pair_actions,
    pins_bar,
)
from dashboard.app.views.compare_sections import sections_block
from dashboard.app.views.compare_text import text
from dashboard.figures.compare.chart import comparison_dict, coverage_warning
from dashboard.i18n import localised

MAX_ROWS = 150  # pairs drawn at once (each is ~3 kB of components); the filters narrow a longer list
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
        dcc.Store(id=ids.COMPARE_SCROLLED),
    ]


def controls(data: AppData, view: CompareView) -> html.Div:
    """Return the two document pickers, the swap button and the theme and status filters."""
    lang, vocab = view.lang, data.vocab
    docs = [
        {"label": f"{vocab.symbol(d)} ({str(data.documents[d].get('issued'))[:4]})", "value": d}
        for d in data.documents
        if d in vocab.held
    ]
    themes = [{"label": theme_label(theme, lang), "value": theme} for theme in vocab.themes]
    statuses = [{"label": _t(s, lang), "value": s} for s in STATUSES]
    return html.Div(
        [
            html.Div(
                [
                    _field(
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
                    _field(
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
                    _field(
                        t("common.theme", lang),
                        dcc.Dropdown(
                            id=ids.COMPARE_THEME,
                            options=themes,
                            value=view.theme or None,
                            placeholder=t("common.any", lang),
                        ),
                    ),
                    _field(
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
        # the boxes a new address rewrites exist, empty, before a pair is chosen (the callback writes them all)
        boxes = [
            html.Div(id=i)
            for i in (ids.COMPARE_SUMMARY, ids.COMPARE_PINS_BOX, ids.COMPARE_COUNT_BOX, ids.COMPARE_PAIRS)
        ]
        return [*head, html.P([_t("choose", lang), " ", *examples], id=ids.COMPARE_EMPTY), html.Div(boxes, hidden=True)]
    result = comparison_dict(data.dataset, view.a, view.b, tuple(p.text() for p in pins))
    themes_chart, terms_chart = charts(data.dataset, view.a, view.b, lang)
    return [
        *head,
        *[
            html.Div(["⚠ ", n], className="alert alert-warning py-2 small compare-notice", role="alert")
            for n in result.get("notices") or []
        ],
        _documents(data, result, lang),
        summary(result, lang),
        chart_card(ids.COMPARE_CHART, "compare-themes", themes_chart, lang=lang),
        # the chart draws the strongest terms; the lists under it carry each term's counts in A and B. (Outside
        # the grid below: in a grid cell the responsive graph's height: 100% collapses to nothing.)
        chart_card(ids.COMPARE_TERMS_CHART, "compare-terms", terms_chart, lang=lang),
        html.Div(
            [terms_box(result, lang), entities_box(result, lang), targets_box(result, lang)],
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


def pairs_section(
    data: AppData, result: dict[str, Any], view: CompareView, pins: list[Pin] | None = None
) -> html.Section:
    """Return the aligned provisions in two columns, filtered by the view's theme and statuses; each
    provision offers its closest counterparts, to correct the pairing (`pins`: the corrections applied).
    A new address rewrites the boxes of the corrections, the count and the rows (views/compare_update.py)."""
    lang = view.lang
    docs = result["documents"]
    return html.Section(
        [
            html.H2(_t("pairs", lang), className="h5 mt-4"),
            html.P(_t("method", lang), className="small text-muted"),
            html.Div(pins_bar(view, pins or []), id=ids.COMPARE_PINS_BOX),
            manual_pairing(data, view),
            html.Div(pair_count(result, view), id=ids.COMPARE_COUNT_BOX),
            html.Div(
                [
                    html.Div(f"A · {docs['a']['symbol']}", className="pair-col-head"),
                    html.Div(f"B · {docs['b']['symbol']}", className="pair-col-head"),
                ],
                className="pair-cols pair-cols-head",
            ),
            html.Div(pair_rows(data, result, view, pins or []), id=ids.COMPARE_PAIRS),
        ],
        className="compare-pairs",
    )


def shown_pairs(result: dict[str, Any], view: CompareView) -> list[dict[str, Any]]:
    """Return the pairs the view's theme and statuses let through (a row the reader set always stays: a
    correction must not vanish under a filter)."""
    return [
        p
        for p in result["pairs"]
        if (not view.theme or view.theme in p["themes"])
        and (not view.status or p["status"] in view.status or p.get("set_by") == "reader")
    ]


def pair_count(result: dict[str, Any], view: CompareView) -> html.P:
    """Return "Showing n of total pairs" (the numbers also as data attributes)."""
    shown, total = len(shown_pairs(result, view)), len(result["pairs"])
    count = _t("showing", view.lang).format(n=shown, total=total)
    if shown > MAX_ROWS:
        count += " " + _t("capped", view.lang).format(n=MAX_ROWS)
    return html.P(
        count,
        id=ids.COMPARE_PAIR_COUNT,
        className="fw-semibold",
        **{"data-count": str(shown), "data-total": str(total)},
    )


def pair_rows(data: AppData, result: dict[str, Any], view: CompareView, pins: list[Pin]) -> list[Any]:
    """Return the rows of the shown pairs (at most MAX_ROWS), or a line saying none matches."""
    seen: set[str] = set()  # a provision linked several times is an anchor (an id) in its first row only
    rows = [_pair_row(data, result, pair, view, pins, seen) for pair in shown_pairs(result, view)[:MAX_ROWS]]
    return rows or [html.P(_t("none", view.lang), className="text-muted")]


def _pair_row(
    data: AppData,
    result: dict[str, Any],
    pair: dict[str, Any],
    view: CompareView,
    pins: list[Pin],
    seen: set[str] | None = None,
) -> html.Div:
    lang = view.lang
    status = pair["status"]
    meta: list[Any] = [html.Span(_t(status, lang), className=f"status-badge status-{status}")]
    if pair.get("set_by") == "curated":
        meta.append(html.Span(_t("by_curated", lang), className="pin-badge curated-badge"))
    if pair["a"] and pair["b"] and pair["similarity"] is not None:  # none across languages (crosslang.py)
        meta.append(html.Span(f"{_t('similarity', lang)} {pair['similarity']:.2f}", className="pair-sim"))
    meta += pair_actions(data, view, pins, pair)  # before the theme chips, which can fill a line
    if pair["themes"]:  # as data: compare_parts.py
        meta.append(parts.parts_box([parts.chip(theme, lang) for theme in pair["themes"]], "theme-chips", html.Span))
    seen = set() if seen is None else seen
    cells = [_cell(data, result, pair, "a", view, pins, seen), _cell(data, result, pair, "b", view, pins, seen)]
    return html.Div(
        [html.Div(meta, className="pair-meta"), html.Div(cells, className="pair-cols")],
        className=f"pair pair-{status}" + ("" if pair.get("counted", True) else " pair-not-counted"),
        **{
            "data-status": status,
            "data-a": pair["a"] or "",
            "data-b": pair["b"] or "",
            "data-set-by": pair.get("set_by") or "engine",
        },
    )


def _cell(
    data: AppData,
    result: dict[str, Any],
    pair: dict[str, Any],
    side: str,
    view: CompareView,
    pins: list[Pin],
    seen: set[str] | None = None,
) -> html.Div:
    lang = view.lang
    pid = pair[side]
    if not pid:
        other = "a" if side == "b" else "b"
        return html.Div(
            html.Span(_t("only_a" if side == "b" else "only_b", lang)),
            className=f"pair-cell pair-empty empty-{other}-only",
        )
    provision = data.provisions.get(pid, {"id": pid, "start": 0, "end": 0})
    doc_id = result[side]
    document = data.documents.get(doc_id, {})
    kind = pair[f"{side}_kind"] or ""
    head = [parts.mark("span", pid.split(":", 1)[-1], "provision-path", pid)]
    if not pair[f"{side}_own"]:
        head.append(
            parts.mark("span", t(f"kind.{kind}", lang) if kind in NOT_OWN_KINDS else kind, f"kind-badge kind-{kind}")
        )
    # the links to the provision in its document and to its source span, as data (compare_parts.py)
    start, end = provision.get("start"), provision.get("end")
    try:
        words = span_words(int(start), int(end), lang, str(document.get("seed_file") or ""))
    except (TypeError, ValueError):
        words = t("source.title", lang)
    meta = [
        parts.link(
            t("common.open", lang) + " →", DocumentView(doc=doc_id, p=pid, lang=lang).href(), "open-link", "", "spa"
        ),
        parts.group(
            "span-ref-line",
            [
                parts.text(f"{t('common.source', lang)}: "),
                parts.link(
                    words,
                    source_href(doc_id, start, end, lang),
                    "span-ref source-link",
                    t("source.link_title", lang),
                    "spa",
                ),
            ],
        ),
    ]
    return html.Div(
        [
            parts.parts_box(head, "provision-head"),
            parts.pair_text(pair, side),
            parts.parts_box(meta, "provision-meta"),
            candidate_links(data, view, pins, pair, side),
        ],
        className=f"pair-cell side-{side}",
        **_anchor(data, pid, side, seen),  # the anchor a correction's link returns to
    )


def _anchor(data: AppData, pid: str, side: str, seen: set[str] | None) -> dict[str, str]:
    if seen is not None and pid in seen:
        return {}
    if seen is not None:
        seen.add(pid)
    return {"id": cell_id(data, pid, side)}


def _documents(data: AppData, result: dict[str, Any], lang: str) -> html.Div:
    cards = []
    for side in ("a", "b"):
        doc = result["documents"][side]
        row = data.documents.get(doc["id"], {})
        cards.append(
            html.Div(
                [
                    html.Div(side.upper(), className="compare-side-letter"),
                    html.Div(
                        [
                            document_link(doc["id"], doc["symbol"], lang, className="fw-semibold me-2"),
                            html.Span(str(row.get("issued") or "")[:10], className="text-muted me-2"),
                            dcc.Link(
                                t("common.source_text", lang),
                                href=source_href(doc["id"], None, None, lang),
                                className="source-link me-2",
                            ),
                            source_badge(
                                doc["coverage"], doc["source_kind"], localised(doc, "coverage_note", lang), lang=lang
                            ),
                            html.Div(_title(row, lang), className="small"),
                            html.Div(
                                f"{doc['provisions']} {t('common.provisions', lang).lower()} "
                                f"({doc['own_provisions']} {t('common.own', lang)})",
                                className="small text-muted",
                            ),
                        ]
                    ),
                ],
                className=f"compare-doc compare-doc-{side}",
            )
        )
    warning = _warning(result, lang)
    return html.Div(
        [
            html.Div(cards, className="compare-docs"),
            *(
                [
                    html.Div(
                        ["⚠ ", warning],
                        id=ids.COMPARE_WARNING,
                        className="alert alert-warning py-2 small",
                        role="alert",
                    )
                ]
                if warning
                else []
            ),
        ]
    )


def summary(result: dict[str, Any], lang: str) -> html.Div:
    """Return the section summary, the counts of each status, and the basis they count."""
    return html.Div(summary_items(result, lang), id=ids.COMPARE_SUMMARY, className="compare-summary my-2")


def summary_items(result: dict[str, Any], lang: str) -> list[Any]:
    """Return the summary's children: a notice across languages, what became of each part of A (sections), then
    each status's count and the basis."""
    counts = result["summary"]
    basis = {
        side: t("common.own", lang) if result["basis"][side] == "own" else t("common.all", lang).lower()
        for side in ("a", "b")
    }
    counts_line = html.Div(
        [
            html.Span(
                [html.Strong(str(counts[s])), f" {_t(s, lang)}"],
                className=f"summary-{s} me-3",
                **{"data-count": str(counts[s])},
            )
            for s in [*STATUSES, *(k for k in counts if k not in STATUSES)]  # "paired" across languages
        ]
        + [
            html.Span(
                _t("basis", lang).format(basis=f"A: {basis['a']}, B: {basis['b']}"),
                className="small text-muted me-3",
            ),
            html.Span(
                _t("not_counted", lang).format(**{"framing": 0, "headings": 0, **(result.get("not_counted") or {})}),
                className="small text-muted summary-not-counted",
            ),
        ],
        className="compare-counts",
    )
    # the sections and the counts change with every correction: they live in the box a new address rewrites
    return [*_language_notice(result, lang), sections_block(result, lang), counts_line]


def _language_notice(result: dict[str, Any], lang: str) -> list[html.Div]:
    """Return the notice shown instead of a word-level diff when A and B are in two languages, or nothing."""
    if not result.get("language_notice"):
        return []
    languages, pairs = result["languages"], result["pairs"]
    said = (
        result["language_notice"]
        if lang == "en"
        else _t("cross_language", lang).format(
            a=t(f"language.{languages['a']}", lang),
            b=t(f"language.{languages['b']}", lang),
            n=result["summary"].get("paired", 0),
            na=sum(1 for p in pairs if p["a"]),
            nb=sum(1 for p in pairs if p["b"]),
        )
    )
    return [html.Div(said, id=ids.COMPARE_LANGUAGE, className="alert alert-info compare-language", role="note")]


def _title(row: dict[str, Any], lang: str) -> str:
    vi = row.get("title_vi")
    if lang == "vi" and isinstance(vi, str) and vi.strip():
        return vi
    return str(row.get("title_en") or "")


def _warning(result: dict[str, Any], lang: str) -> str | None:
    """Return the coverage warning in the page's language (the analysis writes it in English)."""
    return coverage_warning(result, lang) or result.get("coverage_warning")


def _field(label: str, control: Any) -> html.Div:
    return html.Div([html.Label(label, className="form-label small fw-semibold mb-1"), control], className="filter")


def _t(key: str, lang: str) -> str:
    return text(key, lang)
