"""Document: what the header lists about a document (views/document.py), its relations to other documents (each
with its evidence), its cited targets and its claims, with their data values in words."""

from __future__ import annotations

from typing import Any

from dash import html

from dashboard.app.components import document_link, external_link
from dashboard.app.context import AppData
from dashboard.app.i18n import has, t
from dashboard.figures.timeline.text import RELATION_LABELS
from dashboard.i18n import localised


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


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)
