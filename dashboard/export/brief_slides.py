"""The briefing pack's slides, built from the dataset and the comparison of two documents: the title, the two
documents at a glance, the section summary, theme shares as a table, the targets, the sources and their coverage,
methods and citation (the key changes quoted are in `export.brief_quotes`).

Pure content (`export.brief_model`): `export.brief.build_brief` puts these slides in order between its chart
slides, and the layouts only draw them.
"""

from __future__ import annotations

import re
from typing import Any, cast

import pandas as pd

from dashboard.analysis.diff.compare import notices
from dashboard.analysis.diff.sections import section_line
from dashboard.dataset.load import Dataset
from dashboard.export.brief_model import Slide
from dashboard.figures.compare.chart import coverage_warning
from dashboard.figures.labels import theme_labels
from dashboard.i18n import label, localised, number, t

LIST_MARK = re.compile(r"^\s*[-–•+*]\s+")  # a source's "- " or "• ": layout, not text
MAX_SOURCES = 12  # the sources slide lists every held document up to this many, else the two compared
_COVERAGE = ("full", "partial", "summary")  # the order the sources slide counts them in


def title_slide(doc_a: dict, doc_b: dict, result: dict, version: str, date: str, lang: str = "en") -> Slide:
    """Return the title slide: the two documents, the dataset version and date, the coverage warning."""
    bullets = [
        f"A  {doc_a['symbol']} ({_year(doc_a)}): {_title(doc_a, lang)}",
        f"B  {doc_b['symbol']} ({_year(doc_b)}): {_title(doc_b, lang)}",
    ]
    return Slide(
        "title",
        t("brief.title", lang, a=doc_a["symbol"], b=doc_b["symbol"]),
        t("brief.subtitle", lang, version=version, date=date),
        bullets=bullets,
        note=coverage_warning(result, lang),
    )


def glance_slide(dataset: Dataset, doc_a: dict, doc_b: dict, result: dict, lang: str = "en") -> Slide:
    """Return the slide with the two documents at a glance: pairing counts, themes that moved, distinctive words."""
    summary = result.get("summary", {})
    counts = ", ".join(
        f"{summary.get(s, 0)} {label('compare_view', s, lang)}"
        for s in ("kept", "reworded", "merged", "split", "new", "dropped")
    )
    bullets = [t("brief.linked", lang, counts=counts)]
    noticed = notices(doc_a, doc_b, lang)
    bullets += [t("brief.notice", lang, notice=n) for n in noticed]
    # a notice takes the room of the third theme move (the themes have a slide of their own), so the slide's
    # table and note stay on it in the longer language too
    moves = sorted(result.get("themes") or [], key=lambda m: -abs(m.get("delta") or 0))[: 3 - min(len(noticed), 1)]
    labels = theme_labels(dataset, lang)
    for move in moves:
        if move.get("delta"):
            bullets.append(
                t(
                    "brief.theme_move",
                    lang,
                    theme=labels.get(move["id"], move["id"]),
                    a_share=f"{move['a_share']:.0%}",
                    a=doc_a["symbol"],
                    b_share=f"{move['b_share']:.0%}",
                    b=doc_b["symbol"],
                    delta=f"{move['delta']:+.0%}",
                )
            )
    if not result.get("themes"):
        bullets.append(t("brief.no_themes", lang))
    terms = result.get("terms") or {}
    for side, doc in (("a_distinctive", doc_a), ("b_distinctive", doc_b)):
        words = [t["term"] for t in terms.get(side, [])[:8]]
        if words:
            bullets.append(t("brief.distinctive", lang, doc=doc["symbol"], words=", ".join(words)))
    rows = [
        [t("brief.row.issued", lang), cell_text(doc_a.get("issued"))[:10], cell_text(doc_b.get("issued"))[:10]],
        [t("brief.row.issued_by", lang), _issuer(doc_a, lang), _issuer(doc_b, lang)],
        [t("brief.row.source", lang), kind_word(doc_a, lang), kind_word(doc_b, lang)],
        [t("brief.row.coverage", lang), coverage_word(doc_a, lang), coverage_word(doc_b, lang)],
        [t("brief.row.provisions", lang), _counts(doc_a), _counts(doc_b)],
    ]
    return Slide(
        "bullets",
        t("brief.glance_title", lang, a=doc_a["symbol"], b=doc_b["symbol"]),
        bullets=bullets,
        columns=["", f"A  {doc_a['symbol']}", f"B  {doc_b['symbol']}"],
        rows=rows,
        widths=[1.3, 2, 2],
        note=coverage_warning(result, lang),
    )


def sections_slide(doc_a: dict, doc_b: dict, result: dict, lang: str = "en") -> list[Slide]:
    """Return the section-level summary: what became in B of each part or item of A, one line each."""
    lines = [s["summary"] if lang == "en" else section_line(s, lang) for s in result.get("sections") or []]
    if not lines:
        return []
    return [
        Slide(
            "bullets",
            t("brief.sections_title", lang, a=doc_a["symbol"], b=doc_b["symbol"]),
            t("brief.sections_subtitle", lang),
            bullets=lines[:14],
            note=t("brief.sections_more", lang, n=len(lines) - 14) if len(lines) > 14 else "",
        )
    ]


def theme_table(dataset: Dataset, doc_a: dict, doc_b: dict, result: dict, lang: str = "en") -> list[Slide]:
    """Return theme shares as a table slide (when no compare chart is registered); none without theme tags."""
    labels = theme_labels(dataset, lang)
    themes = sorted(result.get("themes") or [], key=lambda t: -abs(t.get("delta") or 0))[:12]
    if not themes:  # no theme tags in this data package: the glance slide says so
        return []
    rows = [
        [labels.get(t["id"], t["id"]), f"{t['a_share']:.0%}", f"{t['b_share']:.0%}", f"{t['delta']:+.0%}"]
        for t in themes
    ]
    return [
        Slide(
            "table",
            t("brief.theme_table_title", lang, a=doc_a["symbol"], b=doc_b["symbol"]),
            t("brief.theme_table_subtitle", lang),
            columns=[t("brief.col.theme", lang), doc_a["symbol"], doc_b["symbol"], t("brief.col.change", lang)],
            rows=rows,
            widths=[4, 1, 1, 1],
        )
    ]


def targets_slide(dataset: Dataset, doc_a: dict, doc_b: dict, lang: str = "en") -> Slide:
    """Return the table of targets the two documents set (the first ten by year), with where each is stated."""
    targets = dataset.table("targets") if "targets" in dataset.table_names else None
    rows = []
    if targets is not None:
        chosen = targets[targets["document_id"].isin([doc_a["id"], doc_b["id"]])]
        chosen = chosen.sort_values(["end_year", "document_id", "id"], na_position="last")
        symbols = {doc_a["id"]: doc_a["symbol"], doc_b["id"]: doc_b["symbol"]}
        for r in cast("list[dict[str, Any]]", chosen.to_dict("records"))[:10]:  # column names: text
            value = "" if _missing(r.get("value")) else f"{r['value']:g} {cell_text(r.get('unit'))}".strip()
            where = cell_text(r.get("provision_id")) or t("brief.where_cited", lang)
            kind = label("target_kind", r.get("kind"), lang).replace("_", " ")
            rows.append(
                [
                    symbols[r["document_id"]],
                    _year_span(r),
                    LIST_MARK.sub("", cell_text(r.get("text"))),
                    value,
                    f"{where} ({kind})",
                ]
            )
    none = t("brief.no_targets", lang, a=doc_a["symbol"], b=doc_b["symbol"])
    note = "" if rows else none
    if targets is not None and len(rows) == 10:
        note = t("brief.first_ten", lang)
    columns = [t(f"brief.col.{c}", lang) for c in ("document", "year", "target", "value", "where")]
    widths = [1.2, 0.9, 5.2, 1.3, 3.2]
    keep = [j for j in range(len(columns)) if j in (0, 2) or any(row[j] for row in rows)]
    return Slide(
        "table",
        t("brief.targets_title", lang, a=doc_a["symbol"], b=doc_b["symbol"]),
        t("brief.targets_subtitle", lang),
        note=note,
        columns=[columns[j] for j in keep],
        rows=[[row[j] for j in keep] for row in rows],
        widths=[widths[j] for j in keep],
    )


def sources_slide(dataset: Dataset, compared: tuple[str, str], lang: str = "en") -> Slide:
    """Return the table of held sources and their coverage, with the two compared marked (A) and (B).

    Up to MAX_SOURCES held documents are all listed; past that (a generated or national corpus of thousands) the
    table lists the two compared and the note counts the others by coverage: a slide of 10,000 rows would show
    its first few, which need not be the two compared."""
    held = dataset.held_documents()
    note = ""
    if len(held) > MAX_SOURCES:
        counts = held["coverage"].value_counts()
        by_coverage = ", ".join(
            f"{number(int(counts[c]), lang)} {coverage_word({'coverage': c}, lang)}" for c in _COVERAGE if c in counts
        )
        note = t("brief.sources_many", lang, held=number(len(held), lang), counts=by_coverage)
        held = held[held["id"].isin(compared)]
    rows = []
    for d in cast("list[dict[str, Any]]", held.to_dict("records")):  # column names: text
        mark = " (A)" if d["id"] == compared[0] else " (B)" if d["id"] == compared[1] else ""
        rows.append(
            [
                f"{d['symbol']}{mark}",
                cell_text(d.get("issued"))[:10],
                kind_word(d, lang),
                coverage_word(d, lang),
                localised(d, "coverage_note", lang),
            ]
        )
    return Slide(
        "table",
        t("brief.sources_title", lang),
        t("brief.sources_subtitle", lang),
        note=note,
        columns=[t(f"brief.col.{c}", lang) for c in ("document", "issued", "source", "coverage", "holds")],
        rows=rows,
        widths=[1.5, 1.1, 1.6, 1.0, 7.0],
    )


def methods_slide(dataset: Dataset, result: dict, date: str, lang: str = "en") -> Slide:
    """Return the slide on methods, sources and how to cite the dataset."""
    settings = result.get("settings") or {}
    method = cell_text(settings.get("method")) if isinstance(settings, dict) else ""
    bullets = [
        t("brief.method.provisions", lang),
        t("brief.method.own", lang),
        t("brief.method.themes", lang),
        t("brief.method.comparison", lang)
        + (f" {method}" if method else "")
        + (
            " " + t("brief.method.pins", lang, n=len(result["pins"]), pins=", ".join(result["pins"]))
            if result.get("pins")
            else ""
        ),
        t("brief.cite_as", lang, citation=localised(dataset.package, "citation", lang) or dataset.citation),
    ]
    held = dataset.held_documents().to_dict("records")
    sources = [f"{d['symbol']}: {cell_text(d.get('source_url'))}" for d in held]
    return Slide(
        "bullets",
        t("brief.methods_title", lang),
        bullets=bullets,
        note=t("brief.methods_note", lang, version=dataset.version, date=date),
        notes="\n".join(sources),
        links=sources,
    )


# ---------------------------------------------------------------- small helpers


def cell_text(value: Any) -> str:
    """Return a table cell as text: "" for a missing value (None, NaN)."""
    return "" if _missing(value) else str(value)


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, list | tuple | dict) and bool(pd.isna(value)))


def _issuer(doc: dict, lang: str = "en") -> str:
    return localised(doc, "issuer_label", lang) or cell_text(doc.get("issuer"))


def kind_word(doc: dict, lang: str = "en") -> str:
    """Return the document's kind of source in words ("official translation")."""
    return label("source_kind", doc.get("source_kind"), lang).replace("_", " ")


def coverage_word(doc: dict, lang: str = "en") -> str:
    """Return how much of the document the seed holds, in words ("full", "partial", "summary")."""
    return label("coverage_word", doc.get("coverage"), lang)


def _title(doc: dict, lang: str = "en") -> str:
    return (
        cell_text(doc.get("title_vi"))
        if lang == "vi" and cell_text(doc.get("title_vi"))
        else cell_text(doc.get("title_en"))
    )


def _counts(doc: dict[str, Any]) -> str:
    own: Any = doc.get("own_provisions")  # a count, or None/NaN when missing
    total: Any = doc.get("provisions")
    return "" if _missing(total) else f"{0 if _missing(own) else int(own)} / {int(total)}"


def _year(doc: dict) -> str:
    return cell_text(doc.get("issued"))[:4]


def _year_span(target: dict[str, Any]) -> str:
    start: Any = target.get("start_year")  # a year, or None/NaN when missing
    end: Any = target.get("end_year")
    if _missing(end):
        return ""
    return f"{int(start)}–{int(end)}" if not _missing(start) and int(start) != int(end) else str(int(end))
