"""What a phone shows instead of the charts that do not fit 390 px: the timeline as the documents in order of issue
(each with its issuer, coverage, horizons and the relations it states), the theme heatmap as one list per document
(its themes, largest first, each with a bar and its value), the targets timeline as a list by the year targets
fall due, and Compare's theme weight as one list of themes, the largest gain first, each with a bar to the right
(more in B) or to the left (more in A) and its change in points. (Compare's distinctive-terms chart needs no list:
the lists under it carry the same terms, with their counts.)

Both are always in the page; app.css shows them below the `sm` breakpoint (576 px) and hides the chart they
stand for there (`.phone-only`, `.phone-hide`). They read the same tables as the charts, so they say the same.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from typing import Any

from dash import html

from dashboard import i18n
from dashboard.app import ids
from dashboard.app.components import document_link
from dashboard.app.components.attrs import attrs
from dashboard.app.context import AppData
from dashboard.app.state import ThemesView
from dashboard.app.views.targets_table import KIND_GLYPH
from dashboard.figures.compare.chart import basis_note, coverage_note, theme_delta_table
from dashboard.figures.labels import COVERAGE_WORD, word
from dashboard.figures.registry import ChartOptions
from dashboard.figures.targets.tables import kind_label, years_text
from dashboard.figures.template import GAIN, LOSS, NEUTRAL, THEME_COLOURS
from dashboard.figures.themes.tables import (
    documents_note,
    measure_label,
    measures_table,
    no_text_documents,
    theme_documents,
)
from dashboard.figures.themes.text import cell_text
from dashboard.figures.timeline.text import relation_label
from dashboard.i18n import label, localised, table

MAX_ITEMS = 60  # entries a phone list shows: targets (like the chart; the table lists them all), the latest documents
TEXT = table("phone")


def _t(key: str, lang: str, n: int | None = None, **values: object) -> str:
    return i18n.t(f"phone.{key}", lang, n, **values)


def heatmap_list(data: AppData, view: ThemesView) -> html.Div:
    """Return the heatmap as lists: per document the chart draws (the latest MAX_DOCUMENTS on a large corpus, with
    the chart's sentence saying so), its themes with a share above 0, largest first (only the chosen themes when
    some are chosen)."""
    lang, options = view.lang, view.chart_options()
    # the theme measures of the documents drawn only (see views.themes.charted)
    table = measures_table(data.scoped(*(d.id for d in theme_documents(data.dataset, options))), options)
    missing = {d.id for d in no_text_documents(data.dataset, options)}
    chosen = set(options.themes)
    top = float(table["value"].max()) if len(table) and table["value"].notna().any() else 0.0
    # in Python, not a pandas filter and sort per document (~2 ms each, 30 documents a call)
    by_doc: dict[str, list[tuple[float, str, str]]] = {}
    for doc_id, theme, theme_id, value in zip(
        table["document_id"], table["theme"], table["theme_id"], table["value"], strict=True
    ):
        if value == value and value > 0 and (not chosen or theme_id in chosen):
            by_doc.setdefault(str(doc_id), []).append((float(value), str(theme_id), str(theme)))
    blocks = []
    capped = documents_note(data.dataset, options)
    for doc in theme_documents(data.dataset, options):
        rows = sorted(by_doc.get(doc.id, []), key=lambda r: (-r[0], r[1]))
        head = html.Div(
            [
                document_link(doc.id, doc.symbol, lang, className="fw-semibold"),
                f" ({doc.year}) {doc.glyph} {word(COVERAGE_WORD, doc.coverage, lang)}",
            ],
            className="phone-doc",
        )
        if doc.id in missing:
            items: list[Any] = [html.Li(_t("no_text", lang), className="text-muted fst-italic")]
        elif not rows:
            items = [html.Li(_t("none", lang), className="text-muted")]
        else:
            items = [_bar_item(theme, theme_id, value, top, options.measure) for value, theme_id, theme in rows]
        blocks.append(html.Div([head, html.Ul(items, className="phone-bars")], **attrs(data_doc=doc.id)))
    return html.Div(
        [
            html.H2(_t("heatmap", lang), className="h6"),
            html.P(measure_label(options.measure, lang), className="small text-muted mb-2"),
            *([html.P(capped, className="small text-muted mb-2")] if capped else []),
            *blocks,
        ],
        className="phone-only phone-list",
    )


def _bar_item(label: str, theme: str, value: float, top: float, measure: str) -> html.Li:
    width = f"{max(2.0, 100 * value / top):.0f}%" if top > 0 else "0%"
    return html.Li(
        [
            html.Span(label, className="phone-bar-label"),
            html.Span(
                html.Span(style={"width": width, "background": THEME_COLOURS.get(theme, NEUTRAL)}),
                className="phone-bar",
            ),
            html.Span(cell_text(value, measure), className="phone-bar-value"),
        ],
        **attrs(data_theme=theme),
    )


def theme_delta_list(data: AppData, a: str, b: str, result: dict[str, Any], lang: str) -> html.Div:
    """Return Compare's theme-weight chart as a list (`result`: the comparison's dict, for the symbols and the
    basis): the same rows and order as the chart's bars read top down, each bar as long as its change against the
    largest one, drawn from the middle to the right in the gain colour or to the left in the loss colour."""
    table = theme_delta_table(data.pair(a, b), ChartOptions(a=a, b=b, lang=lang))
    rows = sorted(zip(table["delta"], table["theme_id"], table["theme"], strict=True), key=lambda r: (-r[0], r[1]))
    top = max((abs(float(d)) for d, _, _ in rows), default=0.0)
    symbols = {side: result["documents"][side]["symbol"] for side in ("a", "b")}
    note = _t("theme_delta_note", lang, basis=basis_note(result, lang), **symbols)
    return html.Div(
        [
            html.H2(_t("theme_delta", lang, **symbols), className="h6"),
            html.P(note, className="small text-muted mb-2"),
            html.Ul(
                [_delta_item(str(theme), str(theme_id), float(delta), top) for delta, theme_id, theme in rows]
                or [html.Li(_t("none", lang), className="text-muted")],
                className="phone-bars phone-deltas",
            ),
            html.P(coverage_note(result, lang), className="small text-muted mb-0"),  # as the chart's source line
        ],
        id=ids.COMPARE_THEMES_LIST,
        className="phone-only phone-list",
    )


def _delta_item(label: str, theme: str, delta: float, top: float) -> html.Li:
    width = f"{max(2.0, 50 * abs(delta) / top):.0f}%" if top > 0 and delta else "0%"
    side = {"left": "50%", "background": GAIN} if delta >= 0 else {"right": "50%", "background": LOSS}
    return html.Li(
        [
            html.Span(label, className="phone-bar-label"),
            html.Span(html.Span(style={"width": width, **side}), className="phone-bar phone-bar-diverging"),
            html.Span(f"{100 * delta:+.0f} pt".replace("-", "−"), className="phone-bar-value"),
        ],
        **attrs(data_theme=theme),
    )


def targets_list(dated: Sequence[Mapping[str, Any]], lang: str) -> html.Div:
    """Return the targets timeline as a list by due year: each deadline with its kind, document and name
    (`dated`: the view's first MAX_ITEMS dated deadlines that are not reported indicators; a year that is not a
    deadline is in the table's "listed apart" part, as on the chart)."""
    dated = dated[:MAX_ITEMS]
    years: dict[str, list[Mapping[str, Any]]] = {}
    for r in dated:
        years.setdefault(years_text(r), []).append(r)
    body: list[Any] = []
    for span, group in years.items():
        body.append(html.H3(span, className="h6 mt-2 mb-1 phone-year"))
        body.append(
            html.Ul(
                [
                    html.Li(
                        [
                            html.Span(f"{KIND_GLYPH.get(str(r['kind']), '')} {kind_label(str(r['kind']), lang)} · "),
                            document_link(str(r["document_id"]), str(r["symbol"]), lang, className="fw-semibold"),
                            html.Span(f": {r['label']}"),
                        ],
                        **attrs(data_target=str(r["id"])),
                    )
                    for r in group
                ],
                className="list-unstyled small mb-1",
            )
        )
    if not body:
        body = [html.P(_t("no_targets", lang), className="text-muted")]
    return html.Div(
        [html.H2(_t("targets", lang), className="h6"), *body],
        className="phone-only phone-list",
    )


def timeline_list(data: AppData, lang: str) -> html.Div:
    """Return the timeline as a list: the documents in order of issue (those the corpus does not hold included,
    marked), each with its issuer, coverage, horizon years and the relations it states (kind and the other
    document). Past MAX_ITEMS documents the latest are listed and a line says how many earlier ones the chart holds,
    so a large corpus does not send its whole list to every page."""
    # the last MAX_ITEMS in order of issue (heapq: no sort of 10,000 documents; the keys are unique, ids are)
    latest = heapq.nlargest(MAX_ITEMS, data.documents.values(), key=lambda d: (str(d["issued"]), str(d["id"])))
    earlier, docs = max(0, len(data.documents) - MAX_ITEMS), latest[::-1]
    items = [_timeline_item(data, doc, data.relations_from.get(str(doc["id"]), []), lang) for doc in docs]
    more = [html.P(_t("earlier", lang, n=earlier), className="small text-muted mb-1")] if earlier else []
    return html.Div(
        [html.H2(_t("timeline", lang), className="h6"), *more, html.Ul(items, className="list-unstyled mb-0")],
        id=ids.TIMELINE_LIST,
        className="phone-only phone-list",
    )


def _timeline_item(data: AppData, doc: Mapping[str, Any], relations: Sequence[Mapping[str, Any]], lang: str) -> html.Li:
    doc_id = str(doc["id"])
    held = bool(doc.get("held"))
    facts = [str(doc["issued"])[:10], localised(doc, "issuer_label", lang)]
    if held:
        facts.append(label("coverage_word", doc.get("coverage"), lang))
    horizons = ", ".join(str(y) for y in list(doc.get("horizons", [])))
    if horizons:
        facts.append(_t("horizons", lang, years=horizons))
    links = [
        html.Li([f"→ {relation_label(str(r['kind']), lang)} ", _document_name(data, str(r["target_id"]), lang)])
        for r in sorted(relations, key=lambda r: (str(r["kind"]), str(r["target_id"])))
    ]
    return html.Li(
        [
            _document_name(data, doc_id, lang, className="fw-semibold"),
            html.Div(" · ".join(f for f in facts if f), className="text-muted"),
            html.Div(_title(doc, lang)),
            html.Ul(links, className="list-unstyled ms-2 mb-0") if links else None,
        ],
        className="phone-doc mb-2",
        **attrs(data_doc=doc_id),
    )


def _document_name(data: AppData, doc_id: str, lang: str, className: str = "") -> Any:
    """Return a held document's symbol as a link to its page; one the corpus does not hold as text, marked."""
    doc = data.documents.get(doc_id) or {}
    symbol = str(doc.get("symbol") or doc_id)
    if doc.get("held"):
        return document_link(doc_id, symbol, lang, className=className)
    return html.Span([symbol, f" ({i18n.t('common.not_held', lang)})"], className=className)


def _title(doc: Mapping[str, Any], lang: str) -> str:
    titles = (doc.get(f"title_{lang}"), doc.get("title_en"))
    return next((v for v in titles if isinstance(v, str) and v.strip()), "")
