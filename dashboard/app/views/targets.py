"""Targets: every target, horizon and reported indicator with its document and its source (a provision, or a
cited secondary source), on a time axis, as dated indicator values, and in a table; conflicts between sources
side by side under a "sources disagree" notice, never hidden.

The state is the URL (TargetsView); the controls only ever write it.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd
from dash import dcc, html

from dashboard.app import ids
from dashboard.app.components import document_link, external_link, notices_alert, source_badge
from dashboard.app.components.charts import chart_card
from dashboard.app.context import AppData
from dashboard.app.i18n import t, theme_label
from dashboard.app.state import DocumentView, TargetsView
from dashboard.figures.labels import text
from dashboard.figures.registry import ChartOptions
from dashboard.figures.target_tables import (
    KINDS,
    conflict_groups,
    kind_label,
    targets_table,
    year_bounds,
    years_text,
)
from dashboard.figures.targets import indicators_figure, timeline_figure

MAX_ROWS = 500  # rows of the table drawn at once; the filters narrow a longer list
EXCERPT = 240  # characters of a long provision shown around a target's words
KIND_GLYPH = {"goal": "★", "milestone": "◆", "programme_period": "■", "reported_indicator": "●"}
TEXT: dict[str, dict[str, str]] = {
    "title": {"en": "Targets", "vi": "Mục tiêu"},
    "lead": {
        "en": "Which targets and horizons each document sets, when they fall due, and who said so: the "
        "document's own text or a secondary source reporting it.",
        "vi": "Mỗi văn bản đặt ra mục tiêu và mốc thời gian nào, khi nào đến hạn, và ai nói: chính văn bản "
        "hay một nguồn thứ cấp đưa tin.",
    },
    "kind": {"en": "Kind", "vi": "Loại"},
    "years": {"en": "Falls due between", "vi": "Đến hạn trong khoảng"},
    "by": {"en": "Timeline rows", "vi": "Nhóm dòng"},
    "by_document": {"en": "by document", "vi": "theo văn bản"},
    "by_theme": {"en": "by theme", "vi": "theo chủ đề"},
    "clear": {"en": "Clear all filters", "vi": "Xóa mọi bộ lọc"},
    "count": {
        "en": "{n} targets and indicators from {d} documents",
        "vi": "{n} mục tiêu và chỉ số từ {d} văn bản",
    },
    "count_conflicts": {"en": "{k} where sources disagree", "vi": "{k} mục các nguồn không thống nhất"},
    "none": {
        "en": "No target matches these filters. Widen the years or remove a filter.",
        "vi": "Không có mục tiêu khớp bộ lọc. Hãy mở rộng khoảng năm hoặc bỏ bớt bộ lọc.",
    },
    "disagree": {"en": "Sources disagree", "vi": "Các nguồn không thống nhất"},
    "disagree_note": {
        "en": "Both accounts are kept and shown; the dataset does not pick one.",
        "vi": "Cả hai cách ghi nhận đều được giữ và hiển thị; bộ dữ liệu không chọn bên nào.",
    },
    "col_years": {"en": "Due", "vi": "Đến hạn"},
    "col_target": {"en": "Target", "vi": "Mục tiêu"},
    "col_kind": {"en": "Kind", "vi": "Loại"},
    "col_value": {"en": "Value", "vi": "Giá trị"},
    "col_source": {"en": "Source", "vi": "Nguồn"},
    "col_conf": {"en": "Confidence", "vi": "Độ tin cậy"},
    "provision": {"en": "provision {p}", "vi": "điều khoản {p}"},
    "cited": {"en": "cited secondary source", "vi": "nguồn thứ cấp được trích dẫn"},
    "not_own": {"en": "not the document's own words", "vi": "không phải lời văn của văn bản"},
    "conf_V": {"en": "seen in the cited source", "vi": "đã thấy trong nguồn trích dẫn"},
    "conf_P": {
        "en": "partly seen, one secondary source, or inferred by the extractor",
        "vi": "thấy một phần, một nguồn thứ cấp, hoặc do bộ trích xuất suy ra",
    },
    "capped": {"en": "The first {n} rows are shown.", "vi": "Hiển thị {n} dòng đầu."},
    "table": {"en": "Every target", "vi": "Tất cả mục tiêu"},
}


def targets_page(data: AppData, view: TargetsView) -> list[Any]:
    """Return the Targets page: controls set from the view, then its notices, conflicts, charts and table."""
    lang = view.lang
    status_, conflicts_, timeline, indicators, table = outputs(data, view)
    return [
        html.H1(_t("title", lang), className="page-title"),
        html.P(_t("lead", lang), className="text-muted mb-2"),
        controls(data, view),
        html.Div(status_, id=ids.TARGETS_STATUS),
        html.Div(conflicts_, id=ids.TARGETS_CONFLICTS),
        chart_card(ids.TARGETS_TIMELINE, "targets-timeline", timeline, lang=lang),
        chart_card(ids.TARGETS_INDICATORS, "indicators", indicators, lang=lang),
        html.H2(_t("table", lang), className="h5 mt-3"),
        html.Div(table, id=ids.TARGETS_TABLE, className="table-responsive"),
    ]


def controls(data: AppData, view: TargetsView) -> html.Div:
    """Return the filters (documents, theme, kinds, years, grouping), each set to the view's value."""
    lang, vocab = view.lang, data.vocab
    first, last = year_bounds(data.dataset)
    docs = [
        {"label": f"{vocab.symbol(d)} ({str(data.documents[d].get('issued'))[:4]})", "value": d}
        for d in data.documents
        if d in vocab.held
    ]
    themes = [{"label": theme_label(theme, lang), "value": theme} for theme in vocab.themes]
    kinds = [{"label": f"{KIND_GLYPH[k]} {kind_label(k, lang)}", "value": k} for k in KINDS]
    marks = {y: str(y) for y in range(first, last + 1) if y % 5 == 0 or y in (first, last)}
    years = [
        min(max(view.year_from if view.year_from is not None else first, first), last),
        max(min(view.year_to if view.year_to is not None else last, last), first),
    ]
    return html.Div(
        [
            html.Div(
                [
                    _field(
                        t("common.documents", lang),
                        dcc.Dropdown(
                            id=ids.TARGETS_DOCS,
                            options=docs,
                            value=list(view.docs),
                            multi=True,
                            placeholder=t("common.all", lang),
                        ),
                    ),
                    _field(
                        t("common.theme", lang),
                        dcc.Dropdown(
                            id=ids.TARGETS_THEME,
                            options=themes,
                            value=view.theme or None,
                            placeholder=t("common.any", lang),
                        ),
                    ),
                    _field(
                        _t("kind", lang),
                        dcc.Checklist(
                            id=ids.TARGETS_KIND,
                            options=kinds,
                            value=list(view.kinds or KINDS),
                            inline=True,
                            inputClassName="form-check-input me-1",
                            labelClassName="form-check-label me-3 text-nowrap",
                        ),
                    ),
                ],
                className="targets-filters",
            ),
            html.Div(
                [
                    _field(
                        _t("years", lang),
                        dcc.RangeSlider(
                            id=ids.TARGETS_YEARS,
                            min=first,
                            max=last,
                            step=1,
                            marks=marks,
                            value=years,
                            allow_direct_input=False,
                            tooltip={"placement": "bottom", "always_visible": True},
                        ),
                    ),
                    html.Div(
                        [
                            _field(
                                _t("by", lang),
                                dcc.RadioItems(
                                    id=ids.TARGETS_BY,
                                    options=[
                                        {"label": _t("by_document", lang), "value": "document"},
                                        {"label": _t("by_theme", lang), "value": "theme"},
                                    ],
                                    value=view.by,
                                    inline=True,
                                    inputClassName="form-check-input me-1",
                                    labelClassName="form-check-label me-3",
                                ),
                            ),
                            dcc.Link(
                                _t("clear", lang), href=TargetsView(lang=lang).href(), className="small"
                            ),
                        ]
                    ),
                ],
                className="targets-filters-2",
            ),
        ],
        className="targets-controls card card-body mb-3",
    )


def view_from_controls(
    data: AppData,
    search: str | None,
    *,
    docs: list[str] | None,
    theme: str | None,
    kinds: list[str] | None,
    years: list[int] | None,
    by: str | None,
) -> TargetsView:
    """Return the view the controls describe (validated like a URL; the language kept). An end of the year
    range at the first or last year is open (a range over every year is no filter, and keeps undated rows);
    every kind ticked, or none, is no filter."""
    first, last = year_bounds(data.dataset)
    shown = TargetsView.from_query(search, data.vocab)
    lang = shown.lang
    span = list(years or [])
    year_from = span[0] if span else None
    year_to = span[-1] if len(span) > 1 else None
    single = year_from is not None and year_from == year_to  # one year: both ends, even at a bound
    params = {
        "docs": ",".join(docs or []),
        "theme": theme or "",
        "kind": ",".join(k for k in KINDS if k in (kinds or KINDS)),
        "from": str(year_from) if year_from is not None and (year_from > first or single) else "",
        "to": str(year_to) if year_to is not None and (year_to < last or single) else "",
        "by": by or "",
        "lang": lang,
    }
    view = TargetsView.from_params({k: v for k, v in params.items() if v}, data.vocab)
    # when the controls rewrite the address (a year at the range's end is no filter), what the address got
    # wrong must stay on screen: keep its notices
    return dataclasses.replace(view, notices=shown.notices + view.notices)


def outputs(data: AppData, view: TargetsView) -> tuple[Any, ...]:
    """Return everything the page shows for a view, in the order of the page callback's outputs."""
    options = view.chart_options()
    table = targets_table(data.dataset, options)
    return (
        status(data, view, table),
        conflicts(data, view, table),
        timeline_figure(data.dataset, options),
        indicators_figure(data.dataset, options),
        targets_table_view(data, view, table),
    )


def status(data: AppData, view: TargetsView, table: pd.DataFrame) -> list[Any]:
    """Return the URL notices, the caption and the count of rows (and of rows whose sources disagree)."""
    lang = view.lang
    in_conflict = int((table["conflict_group"].map(text) != "").sum()) if not table.empty else 0
    count = _t("count", lang).format(n=len(table), d=table["document_id"].nunique() if not table.empty else 0)
    if in_conflict:
        count += " · ⚠ " + _t("count_conflicts", lang).format(k=in_conflict)
    return [
        notices_alert(view.notices, lang, id=ids.TARGETS_NOTICES),
        html.P(
            count,
            id=ids.TARGETS_COUNT,
            className="fw-semibold mb-0",
            **{"data-count": str(len(table)), "data-conflicts": str(in_conflict)},
        ),
        html.P(view.caption(data.vocab), id=ids.TARGETS_CAPTION, className="view-caption text-muted small"),
    ]


def conflicts(data: AppData, view: TargetsView, table: pd.DataFrame) -> list[Any]:
    """Return one block per conflict among the shown rows: every row of the group side by side (also the
    rows a filter would hide), each with its source, under a "sources disagree" notice."""
    lang = view.lang
    shown = set(conflict_groups(table))
    if not shown:
        return []
    every = conflict_groups(targets_table(data.dataset, ChartOptions()))
    blocks = []
    for group in sorted(shown):
        rows = every.get(group, [])
        note = next((text(r.get("conflict_note")) for r in rows if text(r.get("conflict_note"))), "")
        sides = [
            html.Div(
                [
                    html.Div(
                        [
                            html.Strong(f"{r['symbol']} · {years_text(r)}", className="me-2"),
                            html.Span(
                                f"{KIND_GLYPH.get(r['kind'], '')} {kind_label(r['kind'], lang)}",
                                className="small text-muted",
                            ),
                        ]
                    ),
                    html.P(text(r["text"]), className="mb-1"),
                    html.Div(_source(r, lang), className="small"),
                ],
                className="conflict-side",
                **{"data-target": str(r["id"])},
            )
            for r in rows
        ]
        blocks.append(
            html.Div(
                [
                    html.Div(
                        [html.Strong("⚠ " + _t("disagree", lang)), f": {note}" if note else ""],
                        className="conflict-title mb-1",
                    ),
                    html.Div(sides, className="conflict-sides"),
                    html.P(_t("disagree_note", lang), className="small text-muted mb-0 mt-1"),
                ],
                className="conflict-block",
                role="alert",
                **{"data-group": group},
            )
        )
    return blocks


def targets_table_view(data: AppData, view: TargetsView, table: pd.DataFrame) -> list[Any]:
    """Return the table of the selected rows: due years, document, target, kind, value, source, confidence."""
    lang = view.lang
    if table.empty:
        return [html.P(_t("none", lang), className="text-muted")]
    head = html.Thead(
        html.Tr(
            [
                html.Th(_t(k, lang) if k.startswith("col_") else t(k, lang), scope="col")
                for k in (
                    "col_years",
                    "common.document",
                    "col_target",
                    "col_kind",
                    "col_value",
                    "col_source",
                    "col_conf",
                )
            ]
        )
    )
    rows = []
    for r in table.head(MAX_ROWS).to_dict("records"):
        conflict = text(r.get("conflict_group"))
        document = data.documents.get(str(r["document_id"]), {})
        rows.append(
            html.Tr(
                [
                    html.Td(html.Strong(years_text(r)), className="text-nowrap"),
                    html.Td(
                        [
                            document_link(str(r["document_id"]), html.Strong(r["symbol"]), lang),
                            html.Div(
                                source_badge(
                                    document.get("coverage"),
                                    "",
                                    document.get("coverage_note"),
                                    held=document.get("held"),
                                    lang=lang,
                                )
                            ),
                        ],
                        className="text-nowrap",
                    ),
                    html.Td(_target_cell(r, lang), className="target-text"),
                    html.Td(
                        f"{KIND_GLYPH.get(r['kind'], '')} {kind_label(r['kind'], lang)}",
                        className="kind-label",
                    ),
                    html.Td(_value(r), className="text-nowrap"),
                    html.Td(_source(r, lang), className="small"),
                    html.Td(
                        html.Span(
                            text(r["confidence"]),
                            title=_t(f"conf_{text(r['confidence'])}", lang)
                            if f"conf_{text(r['confidence'])}" in TEXT
                            else "",
                        ),
                        className="text-center",
                    ),
                ],
                className="in-conflict" if conflict else None,
                **{"data-target": str(r["id"]), "data-due": years_text(r)},
            )
        )
    out: list[Any] = [
        html.Table([head, html.Tbody(rows)], className="table table-sm align-top targets-table")
    ]
    if len(table) > MAX_ROWS:
        out.append(html.P(_t("capped", lang).format(n=MAX_ROWS), className="small text-muted"))
    return out


def _target_cell(r: dict[str, Any], lang: str) -> list[Any]:
    body = text(r["text"])
    surface = text(r.get("surface"))
    at = body.find(surface) if surface else -1
    start, end = _window(body, at, len(surface))
    words: list[Any] = ["… " if start else ""]
    if at >= 0:
        words += [body[start:at], html.Mark(surface, className="hl hl-target"), body[at + len(surface) : end]]
    else:
        words.append(body[start:end])
    words.append(" …" if end < len(body) else "")
    out: list[Any] = []
    if text(r.get("programme")):
        out.append(html.Div(text(r["programme"]), className="programme"))
    out.append(html.Div([w for w in words if w], title=body if (start or end < len(body)) else None))
    if r.get("own_text") is False or str(r.get("own_text")).lower() == "false":
        out.append(html.Div(_t("not_own", lang), className="small kind-badge kind-reported d-inline-block"))
    if text(r.get("note")):
        out.append(html.Div(text(r["note"]), className="small text-muted fst-italic"))
    if text(r.get("conflict_group")):
        out.append(html.Div("⚠ " + _t("disagree", lang), className="conflict-badge"))
    return out


def _window(body: str, at: int, length: int) -> tuple[int, int]:
    """Return the part of a long provision to show: about EXCERPT characters around the matched words, cut at
    word boundaries (the whole text is in the cell's tooltip and one click away in its document)."""
    if len(body) <= EXCERPT:
        return 0, len(body)
    centre = at + length // 2 if at >= 0 else EXCERPT // 2
    start = max(0, min(centre - EXCERPT // 2, len(body) - EXCERPT))
    end = min(len(body), start + EXCERPT)
    if at >= 0:
        start, end = min(start, at), max(end, at + length)
    if start > 0:
        space = body.find(" ", start, at if at >= 0 else end)
        start = space + 1 if space >= 0 else start
    if end < len(body):
        space = body.rfind(" ", max(start, at + length if at >= 0 else start), end)
        end = space if space > 0 else end
    return start, end


def _source(r: dict[str, Any], lang: str) -> list[Any]:
    if r["origin"] == "cited" or not text(r.get("provision_id")):
        url = text(r.get("source_url"))
        label = r.get("source") or url or text(r.get("source_note"))
        return [
            html.Span(_t("cited", lang), className="cited-badge me-1"),
            external_link(label, url) if url else html.Span(text(r.get("source_note"))),
        ]
    pid = str(r["provision_id"])
    return [
        dcc.Link(
            _t("provision", lang).format(p=pid.split(":", 1)[-1]) + " →",
            href=DocumentView(doc=str(r["document_id"]), p=pid, lang=lang).href(),
            title=pid,
        )
    ]


def _value(r: dict[str, Any]) -> str:
    value = r.get("value")
    if value is None or pd.isna(value):
        return ""
    return f"{value:g} {text(r.get('unit'))}".strip()


def _field(label: str, control: Any) -> html.Div:
    return html.Div(
        [html.Label(label, className="form-label small fw-semibold mb-1"), control], className="filter"
    )


def _t(key: str, lang: str) -> str:
    return TEXT[key].get(lang) or TEXT[key]["en"]
