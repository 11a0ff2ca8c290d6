"""The Targets page's table: every selected target with its due years, its document (and that source's
coverage), the target in context, its kind and value, who said so (a provision, or a cited secondary source's
address) and the confidence. Rows whose sources disagree are tinted and flagged.

Rows are lean on purpose (about a dozen components each): a table of a few hundred rows is what a callback
sends, and every component costs time to build and to serialise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dash import dcc, html

from dashboard import i18n
from dashboard.app import ids
from dashboard.app.components import document_link, external_link, pager, source_link
from dashboard.app.components.attrs import attrs
from dashboard.app.components.tables import table_head
from dashboard.app.i18n import t
from dashboard.app.state import DocumentView, TargetsView
from dashboard.figures.coverage import COVERAGE_STYLE, coverage_key, coverage_label
from dashboard.figures.labels import text
from dashboard.figures.targets.deadlines import role_label
from dashboard.figures.targets.tables import kind_label, value_text, years_text
from dashboard.i18n import localised, table

# rows drawn at once, a page (`&page=N`, each of the two tables its Nth page); the count above the table says how
# many there are. ~2.5 KB and ~17 components a row: 2 × 100 rows were 500 KB of every answer at 1,000 documents.
MAX_ROWS = 50
EXCERPT = 240  # characters of a long provision shown around a target's words
KIND_GLYPH = {"goal": "★", "milestone": "◆", "programme_period": "■", "reported_indicator": "●"}
TEXT = table("targets_table")


def targets_table_view(
    documents: Mapping[str, Mapping[str, Any]],
    due: Sequence[Mapping[str, Any]],
    apart: Sequence[Mapping[str, Any]],
    lang: str,
    view: TargetsView | None = None,
) -> list[Any]:
    """Return the table of a view's rows (target_records' order): the deadlines (`due`), then the years apart
    (`apart`: rows whose role is not a deadline), each at most MAX_ROWS (the view's page of each, the only rows
    sliced from either), with the rows shown and links to the other pages when there are more."""
    if not due and not apart:
        return [html.P(_t("none", lang), className="text-muted")]
    pages = max(1, -(-max(len(due), len(apart)) // MAX_ROWS))
    page = min(view.page, pages) if view is not None else 1
    out = _table(documents, due, lang, page=page) if due else []
    if apart:  # years that are not deadlines the document sets: apart, each with the reason
        out += [
            html.H3(_t("apart", lang), className="h6 mt-3", id="targets-apart"),
            html.P(_t("apart_note", lang), className="small text-muted"),
            *_table(documents, apart, lang, role=True, page=page),
        ]
    if view is not None and pages > 1:
        out.append(pager(view, page, pages, f"{page} / {pages}", ids.TARGETS_PAGER, lang, className="pager my-2"))
    return out


def _table(
    documents: Mapping[str, Mapping[str, Any]],
    rows: Sequence[Mapping[str, Any]],
    lang: str,
    role: bool = False,
    page: int = 1,
) -> list[Any]:
    keys = ("col_years", "common.document", "col_target", "col_kind", "col_value", "col_source", "col_conf")
    head = table_head(_t(k, lang) if k in TEXT else t(k, lang) for k in keys)
    start = (page - 1) * MAX_ROWS
    shown = rows[start : start + MAX_ROWS]
    body = [_row(r, documents.get(str(r["document_id"]), {}), lang, role) for r in shown]
    table = html.Table([head, html.Tbody(body)], className="table table-sm align-top targets-table")
    hint = html.P(_t("scroll", lang), className="phone-only small text-muted mb-1 scroll-hint")
    out: list[Any] = [hint, html.Div(table, className="table-scroll")]
    if len(rows) > MAX_ROWS:
        first, last = (start + 1, start + len(shown)) if shown else (0, 0)
        note = _t("paged", lang).format(first=first, last=last, total=len(rows))
        out.append(html.P(note, className="small text-muted targets-rows-shown"))
    return out


def source_cell(r: Mapping[str, Any], lang: str) -> list[Any]:
    """Return who said so: a link to the provision the target was found in, or the cited source's address."""
    if r["origin"] == "cited" or not text(r.get("provision_id")):
        url = text(r.get("source_url"))
        label = r.get("source") or url or text(r.get("source_note"))
        return [
            html.Span(_t("cited", lang), className="cited-badge me-1"),
            external_link(label, url) if url else text(r.get("source_note")),
        ]
    pid = str(r["provision_id"])
    doc_id = str(r["document_id"])
    out: list[Any] = [
        dcc.Link(
            _t("provision", lang).format(p=pid.split(":", 1)[-1]) + " →",
            href=DocumentView(doc=doc_id, p=pid, lang=lang).href(),
            title=pid,
        )
    ]
    if _offset(r.get("start")) is not None and _offset(r.get("end")) is not None:
        out += [
            html.Br(),
            source_link(
                doc_id,
                r["start"],
                r["end"],
                lang,
                children=t("common.source", lang),
                className="source-link small",
            ),
        ]
    return out


def _offset(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _row(r: Mapping[str, Any], document: Mapping[str, Any], lang: str, role: bool = False) -> html.Tr:
    key = coverage_key(document.get("coverage"), document.get("held"))
    confidence = text(r.get("confidence"))
    return html.Tr(
        [
            html.Td(years_text(r), className="text-nowrap fw-bold"),
            html.Td(
                [
                    document_link(str(r["document_id"]), str(r["symbol"]), lang, className="fw-semibold"),
                    html.Span(
                        f" {COVERAGE_STYLE[key]['glyph']}",
                        className=f"cov-glyph cov-{key}",
                        title=f"{coverage_label(key, lang)}. {localised(document, 'coverage_note', lang)}".strip(),
                    ),
                ],
                className="text-nowrap",
            ),
            html.Td(
                [*_target(r, lang), html.Div(role_label(str(r.get("role")), lang), className="small role-note")]
                if role
                else _target(r, lang),
                className="target-text",
            ),
            html.Td(f"{KIND_GLYPH.get(r['kind'], '')} {kind_label(r['kind'], lang)}", className="kind-label"),
            html.Td(f"{value_text(dict(r))} {text(r.get('unit'))}".strip(), className="text-nowrap"),
            html.Td(source_cell(r, lang), className="small"),
            html.Td(
                confidence,
                className="text-center",
                title=_t(f"conf_{confidence}", lang) if f"conf_{confidence}" in TEXT else None,
            ),
        ],
        className="in-conflict" if text(r.get("conflict_group")) else None,
        **attrs(data_target=str(r["id"]), data_due=years_text(r), data_role=str(r.get("role", "deadline"))),
    )


def _target(r: Mapping[str, Any], lang: str) -> list[Any]:
    """Return the target in context: its programme, the provision around the matched words (marked), notes."""
    body = text(r["text"])
    surface = text(r.get("surface"))
    at = body.find(surface) if surface else -1
    start, end = _window(body, at, len(surface))
    out: list[Any] = []
    if text(r.get("programme")):
        out.append(html.Div(text(r["programme"]), className="programme"))
    out.append("… " if start else "")
    if at >= 0:
        out += [body[start:at], html.Mark(surface, className="hl hl-target"), body[at + len(surface) : end]]
    else:
        out.append(body[start:end])
    out.append(" …" if end < len(body) else "")
    if r.get("own_text") is False or str(r.get("own_text")).lower() == "false":
        out.append(html.Div(_t("not_own", lang), className="small kind-badge kind-reported d-inline-block"))
    if text(r.get("note")):
        out.append(html.Div(text(r["note"]), className="small text-muted fst-italic"))
    if text(r.get("conflict_group")):
        out.append(html.Div("⚠ " + _t("disagree", lang), className="conflict-badge"))
    return [piece for piece in out if piece != ""]


def _window(body: str, at: int, length: int) -> tuple[int, int]:
    """Return the part of a long provision to show: about EXCERPT characters around the matched words, cut at
    word boundaries (the whole text is one click away, in its document)."""
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


def _t(key: str, lang: str, n: int | None = None, **values: object) -> str:
    return i18n.t(f"targets_table.{key}", lang, n, **values)
