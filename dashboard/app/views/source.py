"""Source view: a span of a held document's seed text, highlighted in its context, with the seed file, its
publisher and the publisher's address, each labelled as what it is. Every "Source" link of the app opens it.

The text comes from the loaded package's seed_texts table (never from seeds/, never from a path in the
address); the span's offsets are checked by `analysis.excerpt` before any slicing.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard.analysis.excerpt import excerpt
from dashboard.app import ids
from dashboard.app.components import document_link, external_link, notices_alert, safe_href, seed_url
from dashboard.app.context import AppData
from dashboard.app.i18n import t
from dashboard.app.state import DocumentView, SourceView, span_words
from dashboard.i18n import localised, number


def source_page(data: AppData, view: SourceView) -> list[Any]:
    """Return the page for the view: the span in context, or the list of held documents when none is named."""
    lang = view.lang
    out: list[Any] = [notices_alert(view.notices, lang, id=ids.SRC_NOTICES)]
    doc = data.documents.get(view.doc) if view.doc else None
    if doc is None:
        return out + [unknown_document(data, view)]
    text = data.seed_texts.get(view.doc, "")
    seed = str(doc.get("seed_file") or "")
    part = excerpt(text, view.start, view.end)
    out.append(header(data, doc, lang))
    if part.problem == "empty":
        return out + [html.P(t("source.no_text", lang), id=ids.SRC_PROBLEM, className="alert alert-info")]
    if view.start is not None and view.end is not None or part.problem:
        problem = _problem(part.problem, view, len(text), lang)
        if problem:
            out.append(html.P(problem, id=ids.SRC_PROBLEM, className="alert alert-warning", role="alert"))
    if not part.problem:
        out.append(html.H2(span_words(part.start, part.end, lang, seed), id=ids.SRC_SPAN, className="h5 mt-3"))
        out.append(_provisions(data, view.doc, part.start, part.end, lang))
    body: list[Any] = ["… "] if part.clipped_before else []
    body.append(part.before)
    if part.span:
        body.append(
            html.Mark(part.span, id=ids.SRC_MARK, className="hl hl-source", title=t("source.highlighted", lang))
        )
    body.append(part.after)
    if part.clipped_after:
        body.append(" …")
    out.append(html.P(t("source.verbatim", lang), className="small text-muted mb-1"))
    out.append(
        html.Div(body, id=ids.SRC_TEXT, className="source-text", lang="vi" if doc.get("language") == "vi" else None)
    )
    return out


def header(data: AppData, doc: dict[str, Any], lang: str) -> html.Div:
    """Return what the text is and where it comes from: the document, the seed file, the publisher and the
    publisher's page (or the words saying it was not recorded), and apart from them the facts' source."""
    url = seed_url(doc)
    publisher_page: Any = (
        external_link(f"{url} ↗", url, id=ids.SRC_PUBLISHER_URL)
        if url
        else html.Span(t("source.publisher_url_unknown", lang), id=ids.SRC_PUBLISHER_URL, className="text-muted")
    )
    facts = safe_href(doc.get("source_url"))
    rows = [
        (t("source.seed_file", lang), html.Code(str(doc.get("seed_file") or ""))),
        (t("source.publisher", lang), localised(doc, "seed_publisher", lang)),
        (t("source.publisher_url", lang), publisher_page),
    ]
    if facts:
        rows.append((t("source.facts_url", lang), external_link(f"{facts} ↗", facts, id=ids.SRC_FACTS_URL)))
    title = doc.get("title_vi") if lang == "vi" and doc.get("title_vi") else doc.get("title_en")
    return html.Div(
        [
            html.H1(
                [t("source.title", lang), " · ", document_link(str(doc["id"]), str(doc.get("symbol")), lang)],
                className="page-title",
            ),
            html.P(str(title or ""), className="lead mb-2"),
            html.Dl(
                [item for label, value in rows for item in (html.Dt(label), html.Dd(value))],
                className="source-facts",
            ),
        ],
        id=ids.SRC_HEADER,
    )


def unknown_document(data: AppData, view: SourceView) -> html.Div:
    """Return a friendly message and the held documents, each linked to its source text."""
    lang = view.lang
    intro = t("source.unknown", lang, doc=view.unknown_doc) if view.unknown_doc else t("source.choose", lang)
    items = [
        html.Li(
            [
                dcc.Link(html.Strong(str(d.get("symbol"))), href=SourceView(doc=str(d["id"]), lang=lang).href()),
                f" · {localised(d, 'seed_publisher', lang)}",
            ]
        )
        for d in data.held_documents()
    ]
    return html.Div(
        [html.H1(t("source.title", lang), className="h3"), html.P(intro), html.Ul(items)], id=ids.SRC_UNKNOWN
    )


def _problem(problem: str, view: SourceView, length: int, lang: str) -> str:
    if problem == "out-of-range":
        return t(
            "source.out_of_range",
            lang,
            a=number(view.start or 0, lang),
            b=number(view.end or 0, lang),
            count=number(length, lang),
        )
    return t("source.bad_span", lang) if problem == "malformed" and _asked_span(view) else ""


def _asked_span(view: SourceView) -> bool:
    return any(n.param in ("start", "end") for n in view.notices) or (view.start is None) != (view.end is None)


def _provisions(data: AppData, doc_id: str, start: int, end: int, lang: str) -> html.Ul:
    """Return links to the innermost provisions the span lies in (or overlaps), in the document page."""
    found = []
    for p in data.provision_rows(data.by_document.get(doc_id, [])):
        if int(p["start"]) < end and start < int(p["end"]):
            found.append(p)
    # innermost first: a span inside item 3's point b is shown as in 3.b, not in 3
    inner = [p for p in found if not any(q["parent_id"] == p["id"] for q in found)] or found
    return html.Ul(
        [
            html.Li(
                dcc.Link(
                    t("source.in_provision", lang, p=str(p["id"]).split(":", 1)[-1]) + " →",
                    href=DocumentView(doc=doc_id, p=str(p["id"]), lang=lang).href(),
                )
            )
            for p in inner[:5]
        ],
        className="list-unstyled small",
    )
