"""Compare: two documents side by side. The theme-weight chart, the distinctive terms, the entities and
targets gained or lost, and every provision of both documents in aligned pairs with the changed words marked
(html.Del in A, html.Ins in B), filterable by theme and by status. Each provision links to its place in its
document and to its source span. The state is the URL (CompareView); the controls only ever write it."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard.app import ids
from dashboard.app.components import notices_alert
from dashboard.app.components.badges import source_badge, theme_chip
from dashboard.app.components.download import briefing_pack_menu, chart_download_menu
from dashboard.app.components.links import document_link, external_link, source_url
from dashboard.app.components.provision import NOT_OWN_KINDS, span_reference
from dashboard.app.context import AppData
from dashboard.app.i18n import t, theme_label
from dashboard.app.state import STATUSES, CompareView, DocumentView
from dashboard.figures.compare import comparison, theme_delta_figure
from dashboard.figures.coverage import coverage_key, coverage_label, source_kind_label
from dashboard.figures.registry import ChartOptions

MAX_ROWS = 150  # pairs drawn at once (each is ~3 kB of components); the filters narrow a longer list
EXAMPLES = (("40-QD-TTg-2016", "153-NQ-CP-2025"), ("01-NQ-CP-2016", "59-NQ-TW-2025"))
TEXT: dict[str, dict[str, str]] = {
    "title": {"en": "Compare two documents", "vi": "So sánh hai văn bản"},
    "a": {"en": "Document A (earlier)", "vi": "Văn bản A (trước)"},
    "b": {"en": "Document B (later)", "vi": "Văn bản B (sau)"},
    "swap": {"en": "⇄ Swap", "vi": "⇄ Đổi chỗ"},
    "status": {"en": "Show", "vi": "Hiển thị"},
    "choose": {"en": "Choose two documents above, or try:", "vi": "Chọn hai văn bản ở trên, hoặc thử:"},
    "kept": {"en": "Kept", "vi": "Giữ nguyên"},
    "reworded": {"en": "Reworded", "vi": "Viết lại"},
    "new": {"en": "New in B", "vi": "Mới ở B"},
    "dropped": {"en": "Only in A", "vi": "Chỉ có ở A"},
    "only_a": {
        "en": "Only in A — no counterpart in B",
        "vi": "Chỉ có ở A — không có điều khoản tương ứng ở B",
    },
    "only_b": {
        "en": "Only in B — no counterpart in A",
        "vi": "Chỉ có ở B — không có điều khoản tương ứng ở A",
    },
    "similarity": {"en": "similarity", "vi": "độ tương đồng"},
    "nearest": {"en": "closest", "vi": "gần nhất"},
    "pairs": {"en": "Aligned provisions", "vi": "Các điều khoản được ghép cặp"},
    "showing": {"en": "Showing {n} of {total} pairs", "vi": "Hiển thị {n} trong {total} cặp"},
    "capped": {
        "en": "(the first {n}; narrow the filters to see the rest)",
        "vi": "({n} cặp đầu; thu hẹp bộ lọc để xem phần còn lại)",
    },
    "none": {"en": "No pair matches these filters.", "vi": "Không có cặp nào khớp bộ lọc."},
    "terms": {
        "en": "Distinctive terms (G², then uses in A / in B)",
        "vi": "Thuật ngữ đặc trưng (G², rồi số lần ở A / ở B)",
    },
    "terms_of": {"en": "More typical of {doc}", "vi": "Đặc trưng hơn cho {doc}"},
    "entities": {
        "en": "Organisations, agreements and mechanisms (mentions in A / in B)",
        "vi": "Tổ chức, hiệp định và cơ chế (số lần nhắc ở A / ở B)",
    },
    "gained": {"en": "Only in B (gained)", "vi": "Chỉ có ở B (mới)"},
    "lost": {"en": "Only in A (lost)", "vi": "Chỉ có ở A (mất)"},
    "shared": {"en": "In both", "vi": "Có ở cả hai"},
    "targets": {"en": "Targets and indicators", "vi": "Mục tiêu và chỉ số"},
    "changed": {"en": "Reported by both", "vi": "Cả hai cùng nêu"},
    "nothing": {"en": "none", "vi": "không có"},
    "more": {"en": "{n} more", "vi": "thêm {n}"},
    "warning": {
        "en": "The sources differ: {a}; {b}.",
        "vi": "Hai nguồn khác nhau: {a}; {b}. Một điều khoản “chỉ có ở” một bên có thể chỉ đơn giản nằm ngoài "
        "phần văn bản mà nguồn kia có.",
    },
    "basis": {"en": "Shares count {basis}.", "vi": "Tỷ lệ tính trên {basis}."},
    "method": {
        "en": "Provisions are paired by meaning (shared subject words, themes and entities), one to one; a "
        "provision with no counterpart above the threshold is new or only in A. Inserted words are "
        "underlined in blue, removed words struck through in orange.",
        "vi": "Các điều khoản được ghép theo nội dung (từ ngữ, chủ đề và thực thể chung), một đối một; điều "
        "khoản không có đối ứng vượt ngưỡng là mới hoặc chỉ có ở A. Từ thêm gạch chân xanh, từ bỏ gạch "
        "ngang cam.",
    },
}


def compare_page(data: AppData, view: CompareView) -> list[Any]:
    """Return the compare page: the pickers and filters set from the view, and the comparison of the view."""
    return [
        html.H1(_t("title", view.lang), className="page-title"),
        controls(data, view),
        briefing_pack_menu(view.lang),
        html.Div(content(data, view), id=ids.COMPARE_CONTENT, className="compare-content"),
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


def view_from_controls(
    data: AppData,
    search: str | None,
    *,
    a: str | None,
    b: str | None,
    theme: str | None,
    status: list[str] | None,
) -> CompareView:
    """Return the view the controls describe (validated like a URL; the language kept)."""
    lang = CompareView.from_query(search, data.vocab).lang
    params = {
        "a": a or "",
        "b": b or "",
        "theme": theme or "",
        "lang": lang,
        "status": ",".join(s for s in STATUSES if s in (status or STATUSES)),
    }
    # every box ticked, or none (a cleared filter), shows every pair: the URL then carries no status
    return CompareView.from_params({k: v for k, v in params.items() if v}, data.vocab)


def content(data: AppData, view: CompareView) -> list[Any]:
    """Return everything below the controls for the view."""
    lang = view.lang
    head = [
        notices_alert(view.notices, lang, id=ids.COMPARE_NOTICES),
        html.P(view.caption(data.vocab), id=ids.COMPARE_CAPTION, className="view-caption text-muted small"),
    ]
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
        return [*head, html.P([_t("choose", lang), " ", *examples], id=ids.COMPARE_EMPTY)]
    result = comparison(data.dataset, view.a, view.b)
    return [
        *head,
        _documents(data, result, lang),
        _summary(result, lang),
        chart_download_menu("compare-themes", lang),
        dcc.Graph(
            id=ids.COMPARE_CHART,
            figure=theme_delta_figure(data.dataset, ChartOptions(a=view.a, b=view.b, lang=lang)),
            config={"displaylogo": False, "responsive": True},
            className="compare-chart",
        ),
        html.Div(
            [_terms(result, lang), _entities(result, lang), _targets(result, lang)],
            className="compare-deltas",
        ),
        pairs_section(data, result, view),
    ]


def pairs_section(data: AppData, result: dict[str, Any], view: CompareView) -> html.Section:
    """Return the aligned provisions in two columns, filtered by the view's theme and statuses."""
    lang = view.lang
    shown = [
        p
        for p in result["pairs"]
        if (not view.theme or view.theme in p["themes"]) and (not view.status or p["status"] in view.status)
    ]
    total = len(result["pairs"])
    count = _t("showing", lang).format(n=len(shown), total=total)
    if len(shown) > MAX_ROWS:
        count += " " + _t("capped", lang).format(n=MAX_ROWS)
    docs = result["documents"]
    rows = [_pair_row(data, result, pair, lang) for pair in shown[:MAX_ROWS]]
    return html.Section(
        [
            html.H2(_t("pairs", lang), className="h5 mt-4"),
            html.P(_t("method", lang), className="small text-muted"),
            html.P(
                count,
                id=ids.COMPARE_PAIR_COUNT,
                className="fw-semibold",
                **{"data-count": str(len(shown)), "data-total": str(total)},
            ),
            html.Div(
                [
                    html.Div(f"A · {docs['a']['symbol']}", className="pair-col-head"),
                    html.Div(f"B · {docs['b']['symbol']}", className="pair-col-head"),
                ],
                className="pair-cols pair-cols-head",
            ),
            html.Div(rows or [html.P(_t("none", lang), className="text-muted")], id=ids.COMPARE_PAIRS),
        ],
        className="compare-pairs",
    )


def _pair_row(data: AppData, result: dict[str, Any], pair: dict[str, Any], lang: str) -> html.Div:
    status = pair["status"]
    meta: list[Any] = [html.Span(_t(status, lang), className=f"status-badge status-{status}")]
    if pair["a"] and pair["b"]:
        meta.append(html.Span(f"{_t('similarity', lang)} {pair['similarity']:.2f}", className="pair-sim"))
    meta += [theme_chip(theme, lang) for theme in pair["themes"]]
    cells = [_cell(data, result, pair, "a", lang), _cell(data, result, pair, "b", lang)]
    return html.Div(
        [html.Div(meta, className="pair-meta"), html.Div(cells, className="pair-cols")],
        className=f"pair pair-{status}",
        **{"data-status": status, "data-a": pair["a"] or "", "data-b": pair["b"] or ""},
    )


def _cell(data: AppData, result: dict[str, Any], pair: dict[str, Any], side: str, lang: str) -> html.Div:
    pid = pair[side]
    if not pid:
        other = "a" if side == "b" else "b"
        note = [_t("only_a" if side == "b" else "only_b", lang)]
        nearest = pair.get("nearest")
        if nearest:
            note.append(
                html.Span(
                    f" ({_t('nearest', lang)}: {nearest['id'].split(':', 1)[-1]}, "
                    f"{nearest['similarity']:.2f})",
                    className="text-muted",
                )
            )
        return html.Div(html.Span(note), className=f"pair-cell pair-empty empty-{other}-only")
    provision = data.provisions.get(pid, {"id": pid, "start": 0, "end": 0})
    doc_id = result[side]
    document = data.documents.get(doc_id, {})
    kind = pair[f"{side}_kind"] or ""
    head: list[Any] = [html.Span(pid.split(":", 1)[-1], className="provision-path", title=pid)]
    if not pair[f"{side}_own"]:
        head.append(
            html.Span(
                t(f"kind.{kind}", lang) if kind in NOT_OWN_KINDS else kind,
                className=f"kind-badge kind-{kind}",
            )
        )
    meta = [
        dcc.Link(
            t("common.open", lang) + " →",
            href=DocumentView(doc=doc_id, p=pid, lang=lang).href(),
            className="open-link",
        ),
        span_reference(provision, document, lang),
    ]
    return html.Div(
        [
            html.Div(head, className="provision-head"),
            html.P(marked_text(pair, side), className="pair-text"),
            html.Div(meta, className="provision-meta"),
        ],
        className=f"pair-cell side-{side}",
    )


def marked_text(pair: dict[str, Any], side: str) -> list[Any]:
    """Return one side's text as children: unchanged words as text, changed ones in html.Del (A) or html.Ins
    (B). Text stays text: no HTML string is ever built from a document."""
    if pair["status"] in ("new", "dropped"):
        return [pair[f"{side}_text"]]
    tag = html.Del if side == "a" else html.Ins
    out: list[Any] = []
    for op in pair["ops"]:
        text = op[side]
        if not text:
            continue
        if op["op"] == "equal":
            out.append(text)
        else:
            body = text.rstrip()
            out.append(tag(body, className=f"diff-{'del' if side == 'a' else 'ins'}"))
            if len(body) < len(text):
                out.append(text[len(body) :])
    return out


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
                            external_link(
                                t("common.source_text", lang), source_url(row), className="source-link me-2"
                            ),
                            source_badge(
                                doc["coverage"], doc["source_kind"], doc["coverage_note"], lang=lang
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


def _summary(result: dict[str, Any], lang: str) -> html.Div:
    counts = result["summary"]
    basis = {
        side: t("common.own", lang) if result["basis"][side] == "own" else t("common.all", lang).lower()
        for side in ("a", "b")
    }
    return html.Div(
        [
            html.Span(
                [html.Strong(str(counts[s])), f" {_t(s, lang)}"],
                className=f"summary-{s} me-3",
                **{"data-count": str(counts[s])},
            )
            for s in STATUSES
        ]
        + [
            html.Span(
                _t("basis", lang).format(basis=f"A: {basis['a']}, B: {basis['b']}"),
                className="small text-muted",
            )
        ],
        id=ids.COMPARE_SUMMARY,
        className="compare-summary my-2",
    )


def _terms(result: dict[str, Any], lang: str) -> html.Div:
    docs = result["documents"]
    columns = []
    for side, key in (("a", "a_distinctive"), ("b", "b_distinctive")):
        terms = result["terms"][key][:12]
        columns.append(
            html.Div(
                [
                    html.H3(_t("terms_of", lang).format(doc=docs[side]["symbol"]), className="h6"),
                    html.Ul(
                        [
                            html.Li(
                                [
                                    t_["term"],
                                    html.Span(
                                        f" G² {t_['score']:.1f} · {t_['count_a']}/{t_['count_b']}",
                                        className="text-muted small",
                                    ),
                                ]
                            )
                            for t_ in terms
                        ]
                        or [html.Li(_t("nothing", lang))],
                        className=f"term-list terms-{side}",
                    ),
                ]
            )
        )
    return html.Div(
        [html.H2(_t("terms", lang), className="h6"), html.Div(columns, className="two-up")],
        id=ids.COMPARE_TERMS,
        className="delta-box",
    )


def _entities(result: dict[str, Any], lang: str) -> html.Div:
    entities = result.get("entities")
    title = html.H2(_t("entities", lang), className="h6")
    if entities is None:
        return html.Div(
            [title, html.P(t("common.unavailable", lang), className="text-muted small")],
            id=ids.COMPARE_ENTITIES,
            className="delta-box",
        )

    def items(rows: list[dict[str, Any]], cls: str) -> html.Ul:
        lines = [
            html.Li([r["name"], html.Span(f" {r['a_count']}/{r['b_count']}", className="text-muted")])
            for r in rows
        ]
        return html.Ul(_capped(lines, lang), className=f"entity-list {cls}")

    return html.Div(
        [
            title,
            html.Div(
                [
                    html.Div(
                        [
                            html.H3(_t("gained", lang), className="h6 gain"),
                            items(entities["b_only"], "gained"),
                        ]
                    ),
                    html.Div(
                        [html.H3(_t("lost", lang), className="h6 loss"), items(entities["a_only"], "lost")]
                    ),
                    html.Div(
                        [html.H3(_t("shared", lang), className="h6"), items(entities["shared"], "shared")]
                    ),
                ],
                className="three-up",
            ),
        ],
        id=ids.COMPARE_ENTITIES,
        className="delta-box",
    )


def _targets(result: dict[str, Any], lang: str) -> html.Div:
    targets = result.get("targets")
    title = html.H2(_t("targets", lang), className="h6")
    if targets is None:
        return html.Div(
            [title, html.P(t("common.unavailable", lang), className="text-muted small")],
            id=ids.COMPARE_TARGETS,
            className="delta-box",
        )

    def line(row: dict[str, Any]) -> list[Any]:
        value = f" — {row['value']:g} {row['unit']}" if row.get("value") is not None else ""
        year = f" ★ {row['end_year']}" if row.get("end_year") else ""
        return [row["text"], html.Span(f"{value}{year}", className="text-muted")]

    def grouped(rows: list[dict[str, Any]]) -> list[html.Li]:
        # one line per target text: a stage "2021-2025 and 2026-2030" is one target with several years
        years: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            years.setdefault(row["text"], []).append(row)
        out = []
        for text, same in years.items():
            value = same[0]
            amount = f" — {value['value']:g} {value['unit']}" if value.get("value") is not None else ""
            ends = sorted({r["end_year"] for r in same if r.get("end_year")})
            stars = f" ★ {', '.join(map(str, ends))}" if ends else ""
            short = text if len(text) <= 180 else text[:179].rstrip() + "…"
            out.append(html.Li([short, html.Span(f"{amount}{stars}", className="text-muted")], title=text))
        return _capped(out, lang)

    changed = [
        html.Li([c["indicator"].replace("_", " "), ": ", *line(c["a"]), " → ", *line(c["b"])])
        for c in targets["changed"]
    ]
    return html.Div(
        [
            title,
            html.Div(
                [
                    html.Div(
                        [
                            html.H3(_t("gained", lang), className="h6 gain"),
                            html.Ul(
                                grouped(targets["b_only"]),
                                className="target-list gained",
                            ),
                        ]
                    ),
                    html.Div(
                        [
                            html.H3(_t("lost", lang), className="h6 loss"),
                            html.Ul(
                                grouped(targets["a_only"]),
                                className="target-list lost",
                            ),
                        ]
                    ),
                    html.Div(
                        [
                            html.H3(_t("changed", lang), className="h6"),
                            html.Ul(
                                changed or [html.Li(_t("nothing", lang))], className="target-list changed"
                            ),
                        ]
                    ),
                ],
                className="three-up",
            ),
        ],
        id=ids.COMPARE_TARGETS,
        className="delta-box",
    )


def _title(row: dict[str, Any], lang: str) -> str:
    vi = row.get("title_vi")
    if lang == "vi" and isinstance(vi, str) and vi.strip():
        return vi
    return str(row.get("title_en") or "")


def _warning(result: dict[str, Any], lang: str) -> str | None:
    """Return the coverage warning in the page's language (the analysis writes it in English)."""
    if not result.get("coverage_warning") or lang == "en":
        return result.get("coverage_warning")
    a, b = result["documents"]["a"], result["documents"]["b"]

    def said(doc: dict[str, Any]) -> str:
        cover = coverage_label(coverage_key(doc["coverage"]), lang).lower()
        return f"{doc['symbol']}: {cover} ({source_kind_label(doc['source_kind'], lang)})"

    return _t("warning", lang).format(a=said(a), b=said(b))


def _capped(lines: list[Any], lang: str, shown: int = 8) -> list[Any]:
    """Return the first `shown` list items, the rest folded into one "N more" item that opens on click."""
    if not lines:
        return [html.Li(_t("nothing", lang))]
    if len(lines) <= shown + 2:
        return lines
    rest = lines[shown:]
    more = html.Details([html.Summary(_t("more", lang).format(n=len(rest))), html.Ul(rest)])
    return [*lines[:shown], html.Li(more, className="more-item")]


def _field(label: str, control: Any) -> html.Div:
    return html.Div(
        [html.Label(label, className="form-label small fw-semibold mb-1"), control], className="filter"
    )


def _t(key: str, lang: str) -> str:
    return TEXT[key].get(lang) or TEXT[key]["en"]
