"""The tables behind the theme charts: theme measures per document on a basis, the provisions behind a cell
with their evidence spans, and the words that say which measure and which basis a chart counts.

Pure helpers of `figures.themes` and `figures.themes.emergence` (and of the Themes page, which lists a clicked cell's
provisions): they read the stored tables (theme_measures, provision_themes) and recompute nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any, cast

import pandas as pd

from dashboard.dataset.load import Dataset
from dashboard.figures.coverage import coverage_summary
from dashboard.figures.labels import (
    ChartDocument,
    chart_documents,
    chart_lang,
    text,
    theme_ids,
    theme_labels,
    word,
)
from dashboard.figures.registry import ChartOptions
from dashboard.figures.template import source_caption
from dashboard.i18n import table

MEASURES = ("share_provisions", "share_words", "count")
BASES = ("own", "all")
COLUMN = {"share_provisions": "share_provisions", "share_words": "share_words", "count": "theme_provisions"}
DEFAULT_LINES = 4  # themes the evolution draws when none is chosen: the largest on average
MAX_DOCUMENTS = 30  # documents a theme chart draws at most (the latest); a reader picks others

WORDS = table("theme_measure")


def theme_documents(ds: Dataset, options: ChartOptions) -> list[ChartDocument]:
    """Return the documents a theme chart draws: the chosen ones (every held document by default), the latest
    MAX_DOCUMENTS of them when there are more (a heatmap of hundreds of columns reads as nothing)."""
    return chart_documents(ds, options.docs)[-MAX_DOCUMENTS:]


def documents_note(ds: Dataset, options: ChartOptions) -> str:
    """Return the sentence saying that only the latest documents are drawn, or "" when all of them are."""
    total = len(chart_documents(ds, options.docs))
    if total <= MAX_DOCUMENTS:
        return ""
    return word(WORDS, "capped", chart_lang(options), n=MAX_DOCUMENTS, total=total)


def chart_measure(options: ChartOptions) -> str:
    """Return the measure a chart shows (share of provisions unless the options ask for another known one)."""
    return options.measure if options.measure in MEASURES else "share_provisions"


def chart_basis(options: ChartOptions) -> str:
    """Return the basis a chart counts (own unless the options ask for all)."""
    return options.basis if options.basis in BASES else "own"


def measure_label(measure: str, lang: str = "en", short: bool = False) -> str:
    """Return the words for a measure ("Share of provisions carrying the theme", or "share of provisions")."""
    return word(WORDS, f"short_{measure}" if short else measure, lang)


def basis_label(basis: str, lang: str = "en") -> str:
    """Return the words for a basis, as the subtitles say it."""
    return word(WORDS, basis, lang)


def measures_table(ds: Dataset, options: ChartOptions) -> pd.DataFrame:
    """Return the table behind the heatmap: one row per document × theme on the chosen basis, documents in
    order of issue, themes in codebook order, with `value` the chosen measure (empty where a document has no
    text on this basis)."""
    docs = tuple(d.id for d in theme_documents(ds, options))
    return _measures_table(ds, docs, chart_measure(options), chart_basis(options), chart_lang(options))


@lru_cache(maxsize=64)
def _measures_table(ds: Dataset, doc_ids: tuple[str, ...], measure: str, basis: str, lang: str) -> pd.DataFrame:
    """Return measures_table for resolved options (cached: a page shows the same table in several charts;
    callers must not modify it)."""
    docs = chart_documents(ds, doc_ids)
    labels = theme_labels(ds, lang)
    order = {d.id: i for i, d in enumerate(docs)}
    theme_order = {t: i for i, t in enumerate(theme_ids(ds))}
    rows = _measures(ds, basis)
    rows = rows[rows["document_id"].isin(order)].copy()
    rows["_d"] = rows["document_id"].map(order)
    rows["_t"] = rows["theme_id"].map(theme_order).fillna(len(theme_order))
    rows = rows.sort_values(["_d", "_t"], kind="stable")
    by_id = {d.id: d for d in docs}
    out = pd.DataFrame(
        {
            "document_id": rows["document_id"],
            "symbol": [by_id[d].symbol for d in rows["document_id"]],
            "issued": [by_id[d].issued for d in rows["document_id"]],
            "coverage": [by_id[d].coverage for d in rows["document_id"]],
            "source_kind": [by_id[d].source_kind for d in rows["document_id"]],
            "theme_id": rows["theme_id"],
            "theme": [labels.get(t, t) for t in rows["theme_id"]],
            "basis": basis,
            "measure": measure,
            "value": rows[COLUMN[measure]].astype(float),
            "provisions": rows["provisions"],
            "theme_provisions": rows["theme_provisions"],
            "share_provisions": rows["share_provisions"],
            "words": rows["words"],
            "theme_words": rows["theme_words"],
            "share_words": rows["share_words"],
        }
    )
    # a document with no units on this basis has no count either: empty, not 0
    out.loc[out["provisions"] == 0, "value"] = float("nan")
    return out.reset_index(drop=True)


def evolution_themes(table: pd.DataFrame, options: ChartOptions) -> list[str]:
    """Return the themes the evolution draws: the chosen ones, else the DEFAULT_LINES largest on average."""
    if options.themes:
        return [t for t in options.themes if t in set(table["theme_id"])] or list(options.themes)
    means = table.groupby("theme_id", sort=False)["value"].mean().dropna()
    means = means[means > 0].sort_values(ascending=False, kind="stable")
    return list(means.index[:DEFAULT_LINES])


def evolution_table(ds: Dataset, options: ChartOptions) -> pd.DataFrame:
    """Return the table behind the evolution chart: the chosen themes (or the largest) per document."""
    table = measures_table(ds, options)
    return table[table["theme_id"].isin(evolution_themes(table, options))].reset_index(drop=True)


def no_text_documents(ds: Dataset, options: ChartOptions) -> list[ChartDocument]:
    """Return the chosen documents that have no provisions on the chosen basis (22-NQ/TW on its own text)."""
    docs = theme_documents(ds, options)
    if chart_basis(options) == "all":
        return [d for d in docs if d.provisions == 0]
    return [d for d in docs if d.own_provisions == 0]


def cell_provisions(ds: Dataset, doc_id: str, theme_id: str, basis: str = "own") -> list[dict[str, Any]]:
    """Return the provisions behind one heatmap cell, in reading order, with their evidence spans.

    Each item: provision_id, document_id, ordinal, text, kind, own_text, score, and `spans`, a list of
    (start, end, term) offsets into `text` (provision_themes' starts/ends) with the codebook term matched: the
    words that made the tagger give the provision this theme; `sources`, (words, start, end) of the same
    evidence in the seed text. On the own basis a secondary account's reported
    text is left out, as the cell's count leaves it out.
    """
    return [r for r in _cell_rows(ds, doc_id, theme_id) if basis == "all" or r["own_text"]]


def counted_provisions(ds: Dataset, doc_id: str, basis: str) -> int:
    """Return how many provisions of a document a share counts on a basis (theme_measures' `provisions`:
    those with at least one word, so a bare 'Part V' marker is not a unit)."""
    rows = _measures(ds, basis if basis in BASES else "own")
    counts = rows.loc[rows["document_id"] == doc_id, "provisions"]
    return int(counts.iloc[0]) if len(counts) else 0


def theme_caption(
    ds: Dataset, docs: list[ChartDocument], options: ChartOptions, where: str = "", extra: str = ""
) -> str:
    """Return the source caption of a theme chart: documents, dataset version, their coverage in one sentence,
    the documents with no text on the basis (`where` says how the chart shows them), and `extra`."""
    lang = chart_lang(options)
    parts = [coverage_sentence(ds, tuple(d.id for d in docs), lang)]
    missing = [d.symbol for d in no_text_documents(ds, options) if d in docs]
    if missing and where:
        parts.append(word(WORDS, "no_text_note", lang, docs=", ".join(missing), where=where))
    if _bilingual(ds):  # say which version a bilingual document is counted in
        parts.append(word(WORDS, "versions", lang))
    parts += [documents_note(ds, options), extra]
    return source_caption([d.symbol for d in docs], ds.version, extra=" ".join(p for p in parts if p), lang=lang)


@lru_cache(maxsize=8)
def _bilingual(ds: Dataset) -> bool:
    """Return whether some document has versions in two languages (asked once: a walk of every document)."""
    return any(len(v) > 1 for v in ds.versions.values())


@lru_cache(maxsize=64)
def coverage_sentence(ds: Dataset, doc_ids: tuple[str, ...], lang: str) -> str:
    """Return figures.coverage's one sentence on how much of these documents the corpus holds (cached)."""
    return coverage_summary(ds.documents[ds.documents["id"].isin(doc_ids)], lang)


def listed(value: Any) -> list[str]:
    """Return a list cell (a Parquet array, or a comma-separated string in CSV) as a list of strings."""
    if value is None or (isinstance(value, float) and value != value):
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(";" if ";" in value else ",") if v.strip()]
    return [str(v) for v in list(cast(Iterable[Any], value))]


@lru_cache(maxsize=8)
def _measures_by_basis(ds: Dataset) -> dict[str, pd.DataFrame]:
    table = ds.table("theme_measures")
    return {basis: table[table["basis"] == basis] for basis in BASES}


def _measures(ds: Dataset, basis: str) -> pd.DataFrame:
    return _measures_by_basis(ds)[basis]


@lru_cache(maxsize=8)
def _cell_index(ds: Dataset) -> dict[tuple[str, str], Any]:
    """Return (document id, theme id) → the positions of its rows in provision_themes (built once; a cell's
    rows are then read on demand, so a corpus of 1,000 documents costs nothing until a cell is clicked)."""
    if "provision_themes" not in ds.table_names:
        return {}
    groups = ds.table("provision_themes").groupby(["document_id", "theme_id"], sort=False)
    return cast(dict[tuple[str, str], Any], groups.indices)


@lru_cache(maxsize=8)
def _provision_index(ds: Dataset) -> dict[str, int]:
    return {str(pid): i for i, pid in enumerate(ds.provisions["id"])}


@lru_cache(maxsize=256)
def _cell_rows(ds: Dataset, doc_id: str, theme_id: str) -> tuple[dict[str, Any], ...]:
    """Return a cell's provisions with their evidence spans, in reading order (cached per cell)."""
    positions = _cell_index(ds).get((doc_id, theme_id))
    if positions is None:
        return ()
    index = _provision_index(ds)
    provisions = ds.provisions
    out = []
    for row in ds.table("provision_themes").iloc[positions].to_dict("records"):
        at = index.get(str(row["provision_id"]))
        if at is None:
            continue
        prov = provisions.iloc[at]
        starts, ends, terms = (listed(row.get(k)) for k in ("starts", "ends", "terms"))
        words, src_starts, src_ends = (listed(row.get(k)) for k in ("evidence", "source_starts", "source_ends"))
        out.append(
            {
                "provision_id": str(prov["id"]),
                "document_id": str(row["document_id"]),
                "ordinal": int(prov["ordinal"]),
                "text": text(prov["text"]),
                "kind": text(prov["kind"]),
                "own_text": bool(prov["own_text"]),
                "score": float(row["score"]),
                "spans": [(int(s), int(e), t) for s, e, t in zip(starts, ends, terms, strict=False)],
                # the evidence words and their spans in the seed text (for the source view)
                "sources": [(w, int(s), int(e)) for w, s, e in zip(words, src_starts, src_ends, strict=False)],
            }
        )
    return tuple(sorted(out, key=lambda r: r["ordinal"]))
