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
from dashboard.app.components.attrs import attrs
from dashboard.app.components.provision import anchor_id
from dashboard.app.context import AppData
from dashboard.app.i18n import t
from dashboard.app.state import CompareView, DocumentView, ExplorerView
from dashboard.app.views.document_facts import _cited_targets, _claims, _relations, _text
from dashboard.figures.coverage import source_kind_label
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
            html.Strong(label, className=f"version-current version-{version}", **attrs(aria_current="page"))
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
        **attrs(aria_label=t("document.versions", lang)),
    )


def header(data: AppData, doc: dict[str, Any], lang: str, about: str = "") -> html.Header:
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


def _title(doc: dict[str, Any], lang: str) -> str:
    first = _text(doc.get("title_vi")) if lang == "vi" else ""
    return first or _text(doc.get("title_en"))


def _years(value: Any) -> list[int]:
    if value is None or isinstance(value, str | float):
        return []
    return [int(v) for v in value]


def _date(value: Any) -> str:
    return pd.Timestamp(value).date().isoformat() if _text(value) else ""
