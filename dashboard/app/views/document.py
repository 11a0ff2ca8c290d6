"""Document: its facts, coverage, relations and cited targets, then its provisions in their hierarchy, each
with themes, highlighted targets, mentions and actors, and its source span. `p` points at (and scrolls to) a
provision."""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import dcc, html

from dashboard.app import ids
from dashboard.app.components import (
    coverage_note,
    document_link,
    external_link,
    highlight_legend,
    notices_alert,
    pager,
    provision_card,
    seed_url,
    source_badge,
    source_href,
)
from dashboard.app.components.provision import anchor_id
from dashboard.app.context import AppData
from dashboard.app.i18n import has, t
from dashboard.app.state import CompareView, DocumentView, ExplorerView
from dashboard.figures.coverage import source_kind_label
from dashboard.figures.timeline.text import RELATION_LABELS
from dashboard.i18n import localised

PAGE_SIZE = 50  # provisions on one page of a document (the page asks the package for these rows only)


def document_page(data: AppData, view: DocumentView) -> list[Any]:
    """Return the document page, or a friendly list of documents when none (or an unknown one) was asked
    for."""
    notices = notices_alert(view.notices, view.lang, id=ids.DOC_NOTICES)
    if not view.doc:
        return [
            notices,
            document_chooser(data, view),
            dcc.Store(id=ids.DOC_ANCHOR, data=None),
            dcc.Store(id=ids.DOC_SCROLLED),
        ]
    doc = data.documents[view.shown(data.vocab)]
    selected = data.provisions.get(view.p) if view.p else None
    return [
        notices,
        header(data, doc, view.lang, about=view.doc),
        version_switch(data, view),
        provisions_section(data, doc, view),
        dcc.Store(id=ids.DOC_ANCHOR, data=anchor_id(selected) if selected else None),
        dcc.Store(id=ids.DOC_SCROLLED),
    ]


def document_chooser(data: AppData, view: DocumentView) -> html.Div:
    """Return the list of documents; with a sentence saying the asked-for one does not exist when that is
    why."""
    lang = view.lang
    intro: list[Any] = []
    if view.unknown_doc:
        intro = [
            html.H1(t("document.unknown", lang, ref=f"“{view.unknown_doc}”"), className="h3"),
            html.P(t("document.unknown_hint", lang)),
        ]
    else:
        intro = [html.H1(t("document.choose", lang), className="h3")]
    listed = [d for d in data.documents.values() if not data.vocab.version_of(d["id"])]  # versions: via the switch
    pages = max(1, -(-len(listed) // PAGE_SIZE))
    page = min(max(view.page, 1), pages)
    first = (page - 1) * PAGE_SIZE
    shown = listed[first : first + PAGE_SIZE]
    rows = f"{first + 1}–{first + len(shown)} / {len(listed)}"
    items = [
        html.Li(
            [
                document_link(d["id"], html.Strong(d["symbol"]), lang),
                f" · {_date(d.get('issued'))} · ",
                _title(d, lang),
                " ",
                source_badge(
                    d.get("coverage"),
                    d.get("source_kind"),
                    localised(d, "coverage_note", lang),
                    held=d.get("held"),
                    lang=lang,
                ),
            ],
            className="mb-2",
        )
        for d in shown
    ]
    return html.Div(
        [
            *intro,
            html.Ul(items, className="list-unstyled document-list"),
            pager(view, page, pages, rows, ids.DOC_PAGER, lang, className="pager my-2"),
        ],
        id=ids.DOC_UNKNOWN,
    )


def version_switch(data: AppData, view: DocumentView) -> html.Nav | html.Div:
    """Return the links between a document's versions in two languages (the shown one marked), or nothing."""
    versions = list(data.vocab.versions.get(view.doc, {}))
    if len(versions) < 2:
        return html.Div(id=ids.DOC_VERSIONS, hidden=True)
    lang = view.lang
    shown = view.version or versions[0]
    links: list[Any] = [html.Strong(f"{t('document.versions', lang)}: ")]
    for i, version in enumerate(versions):
        row = data.documents.get(data.vocab.versions[view.doc][version], {})
        label = f"{t(f'language.{version}', lang)} · {source_kind_label(_text(row.get('source_kind')), lang)}"
        href = DocumentView(doc=view.doc, version="" if i == 0 else version, lang=lang).href()
        links += [
            " · " if i else "",
            html.Strong(label, className=f"version-current version-{version}", **{"aria-current": "page"})
            if version == shown
            else dcc.Link(label, href=href, className=f"version-link version-{version}"),
        ]
    other = data.vocab.versions[view.doc][versions[1]]
    links += [
        " · ",
        dcc.Link(t("document.compare_versions", lang) + " →", href=CompareView(a=view.doc, b=other, lang=lang).href()),
    ]
    return html.Nav(
        [
            html.P(links, className="mb-1"),
            html.P(t("document.versions_note", lang, n=len(versions)), className="small text-muted"),
        ],
        id=ids.DOC_VERSIONS,
        className="doc-versions",
        **{"aria-label": t("document.versions", lang)},
    )


def header(data: AppData, doc: dict[str, Any], lang: str, about: str = "") -> html.Div:
    """Return the document's header: symbol, titles, issuer, date, sources, coverage, relations, cited
    facts. `doc` is the row shown (a version's, with its own source); `about` the document whose relations,
    cited targets and claims are listed (the same row unless a version is shown)."""
    other = "title_en" if lang == "vi" else "title_vi"
    facts = [
        _date(doc.get("issued")),
        localised(doc, "issuer_detail", lang) or localised(doc, "issuer_label", lang),
        localised(doc, "doc_type_label", lang) or _text(doc.get("doc_type")).replace("_", " ").capitalize(),
    ]
    links: list[Any] = [external_link(f"{t('common.facts_source', lang)} ↗", doc.get("source_url"))]
    if bool(doc.get("held")):
        links += [
            " · ",
            dcc.Link(
                f"{t('common.source_text', lang)}: "
                f"{localised(doc, 'seed_publisher', lang) or _text(doc.get('seed_file'))}",
                href=source_href(doc["id"], None, None, lang),
                className="source-link",
            ),
            *(
                [" (", external_link(f"{t('source.publisher_url', lang).lower()} ↗", seed_url(doc)), ")"]
                if seed_url(doc)
                else []
            ),
            " · ",
            dcc.Link(t("document.in_explorer", lang) + " →", href=ExplorerView(docs=(doc["id"],), lang=lang).href()),
        ]
    horizons = _years(doc.get("horizons"))
    children: list[Any] = [
        html.Div(doc["id"], className="text-muted small doc-id"),
        html.H1(doc["symbol"], className="page-title mb-1"),
        html.P(_title(doc, lang), className="lead mb-1"),
        *(
            [html.P(_text(doc.get(other)), className="text-muted mb-1")]
            if _text(doc.get(other)) and _text(doc.get(other)) != _title(doc, lang)
            else []
        ),
        html.P(" · ".join(f for f in facts if f), className="mb-1"),
        html.P(links, className="small mb-2"),
        coverage_note(doc, lang)
        if bool(doc.get("held"))
        else html.Div(
            [source_badge(None, held=False, lang=lang), " ", t("document.not_held", lang)],
            className="coverage-note coverage-note-not_held",
            role="note",
        ),
    ]
    if horizons:
        note = localised(doc, "horizons_note", lang)
        children.append(
            html.P(
                [
                    html.Strong(f"{t('document.horizons', lang)}: "),
                    ", ".join(map(str, horizons)),
                    f" ({note})" if note else "",
                ],
                className="mb-1",
            )
        )
    children += [
        _relations(data, about or doc["id"], lang),
        _cited_targets(data, about or doc["id"], lang),
        _claims(data, about or doc["id"], lang),
    ]
    return html.Header(children, id=ids.DOC_HEADER, className="doc-header")


def provision_page(pids: list[str], view: DocumentView) -> tuple[int, int]:
    """Return the page of provisions to show (from 1) and the number of pages: the view's page, else the page
    that holds `view.p`, else the first."""
    pages = max(1, -(-len(pids) // PAGE_SIZE))
    page = view.page
    if not page and view.p in pids:
        page = pids.index(view.p) // PAGE_SIZE + 1
    return min(max(page, 1), pages), pages


def provisions_section(data: AppData, doc: dict[str, Any], view: DocumentView) -> html.Section:
    """Return one page of the provisions in reading order, indented by depth, with highlights; `view.p` is
    marked (and its page shown when the view names no page)."""
    lang = view.lang
    pids = data.by_document.get(doc["id"], [])
    if not pids:
        return html.Section(id=ids.DOC_PROVISIONS)
    notes = data.notes
    page, pages = provision_page(pids, view)
    first = (page - 1) * PAGE_SIZE
    shown = data.provision_rows(pids[first : first + PAGE_SIZE])
    cards, kinds = [], set()
    for prov in shown:
        pid = str(prov["id"])
        spans = notes.spans(pid, str(prov.get("text") or ""))
        kinds |= {s.kind for s in spans}
        cards.append(
            provision_card(
                prov,
                spans,
                document=doc,
                themes=notes.themes.get(pid, []),
                targets=notes.targets.get(pid, []),
                actors=notes.actors(pid, lang),
                lang=lang,
                selected=pid == view.p,
            )
        )
    own = doc.get("own_provisions")
    if own is None:  # a package built before documents counted their own provisions
        own = sum(bool(p.get("own_text")) for p in data.provision_rows(pids))
    rows = f"{first + 1}–{first + len(shown)} / {len(pids)}"
    return html.Section(
        [
            html.H2(t("document.provisions", lang), className="h4 mt-4"),
            html.P(t("document.provisions_note", lang, n=len(pids), own=own), className="text-muted small mb-1"),
            highlight_legend(kinds, lang),
            pager(view, page, pages, rows, ids.DOC_PAGER, lang, className="pager my-2"),
            html.Div(cards, className="provision-list"),
            pager(view, page, pages, rows, f"{ids.DOC_PAGER}-bottom", lang, className="pager my-2"),
        ],
        id=ids.DOC_PROVISIONS,
    )


def _relations(data: AppData, doc_id: str, lang: str) -> html.Div:
    outgoing = data.relations_from.get(doc_id, [])
    incoming = data.relations_to.get(doc_id, [])
    if not outgoing and not incoming:
        return html.Div()
    items = [
        html.Li([_relation(r["kind"], lang), " ", _doc_link(data, r["target_id"], lang), _evidence(r, lang)])
        for r in outgoing
    ]
    items += [
        html.Li(
            [
                _incoming(r["kind"], lang),
                " ",
                _doc_link(data, r["source_id"], lang),
                _evidence(r, lang),
            ]
        )
        for r in incoming
    ]
    return html.Div(
        [
            html.H2(t("document.relations", lang), className="h6 mt-3 mb-1"),
            html.Ul(items, className="small mb-2"),
        ],
        className="doc-relations",
    )


def _cited_targets(data: AppData, doc_id: str, lang: str) -> html.Div:
    cited = data.cited_targets.get(doc_id, [])
    if not cited:
        return html.Div()
    items = []
    for r in cited:
        value = f" {float(r['value']):g} {_text(r.get('unit'))}" if r.get("value") is not None else ""
        conflict = (
            [
                html.Span(
                    f" ⚠ {t('document.conflict', lang)}: {localised(r, 'conflict_note', lang)}",
                    className="conflict",
                )
            ]
            if _text(r.get("conflict_group"))
            else []
        )
        items.append(
            html.Li(
                [
                    html.Span(f"{_text(r.get('as_of')) or _year(r.get('end_year'))}", className="target-year me-1"),
                    html.Span(f"{_text(r.get('text'))}{value}"),
                    html.Span(
                        f" ({_word('target_kind', r.get('kind'), lang)}, {_text(r.get('confidence'))}) ",
                        className="text-muted",
                    ),
                    external_link(f"{t('common.source', lang).lower()} ↗", r.get("source_url"))
                    if _text(r.get("source_url"))
                    else html.Span(_text(r.get("source_note")), className="text-muted"),
                    *conflict,
                ]
            )
        )
    return html.Div(
        [
            html.H2(t("document.cited_targets", lang), className="h6 mt-3 mb-1"),
            html.Ul(items, className="small mb-2 cited-targets"),
        ]
    )


def _claims(data: AppData, doc_id: str, lang: str) -> html.Div:
    rows = data.claims.get(doc_id, [])
    if len(rows) < 2:
        return html.Div()
    items = [
        html.Li(
            [
                html.Strong(f"{_word('claim_field', r.get('field'), lang)} = {_text(r.get('value'))}"),
                f" ({_word('claim', r.get('status'), lang)}, {_text(r.get('confidence'))}): {_text(r.get('note'))} ",
                external_link(f"{t('common.source', lang).lower()} ↗", r.get("source_url"))
                if _text(r.get("source_url"))
                else "",
            ]
        )
        for r in rows
    ]
    return html.Div(
        [
            html.H2(t("document.claims", lang), className="h6 mt-3 mb-1"),
            html.Ul(items, className="small mb-2"),
        ]
    )


def _word(group: str, value: Any, lang: str) -> str:
    """Return a data value in words (`target_kind.reported_indicator` → "reported indicator")."""
    key = f"{group}.{_text(value)}"
    return t(key, lang) if has(key) else _text(value).replace("_", " ")


def _year(value: Any) -> str:
    try:
        return str(int(value))
    except (TypeError, ValueError):
        return ""


def _relation(kind: str, lang: str) -> str:
    labels = RELATION_LABELS.get(kind)
    return (labels.get(lang) or labels["en"]) if labels else kind.replace("_", " ")


def _incoming(kind: str, lang: str) -> str:
    key = f"incoming.{kind}"
    return t(key, lang) if has(key) else f"← {_relation(kind, lang)}"


def _doc_link(data: AppData, doc_id: str, lang: str) -> Any:
    doc = data.documents.get(doc_id)
    if not doc:
        return doc_id
    suffix = "" if bool(doc.get("held")) else f" ({t('common.not_held', lang)})"
    return document_link(doc_id, f"{doc['symbol']}{suffix}", lang)


def _evidence(row: dict[str, Any], lang: str = "en") -> Any:
    evidence = localised(row, "evidence", lang)
    parts: list[Any] = [html.Span(f" — {evidence}", className="text-muted")] if evidence else []
    if _text(row.get("source_url")):
        parts += [" ", external_link("↗", row.get("source_url"))]
    return html.Span(parts)


def _title(doc: dict[str, Any], lang: str) -> str:
    first = _text(doc.get("title_vi")) if lang == "vi" else ""
    return first or _text(doc.get("title_en"))


def _years(value: Any) -> list[int]:
    if value is None or isinstance(value, str | float):
        return []
    return [int(v) for v in value]


def _date(value: Any) -> str:
    return pd.Timestamp(value).date().isoformat() if _text(value) else ""


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)
