"""Compare: the cards of the two documents (views/compare.py) and the summary of their comparison (a notice
across languages, what became of each part of A, each status's count and the basis)."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard.app import ids
from dashboard.app.components.badges import source_badge
from dashboard.app.components.links import document_link, source_href
from dashboard.app.context import AppData
from dashboard.app.i18n import t
from dashboard.app.state import STATUSES
from dashboard.app.views.compare_parts import data
from dashboard.app.views.compare_sections import sections_block
from dashboard.app.views.compare_text import text
from dashboard.figures.compare.chart import coverage_warning
from dashboard.i18n import localised


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
                **data({"data-count": str(counts[s])}),
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


def _t(key: str, lang: str) -> str:
    return text(key, lang)
