"""The table behind the target charts and the Targets page: every target, horizon and reported indicator with
its document, its source (a provision, or a cited secondary source) and any conflict between sources.

Pure helpers of `figures.targets.chart`. Filters come from ChartOptions: `docs`, `themes` (a target carries any of
them), and `targets` (TargetOptions: the kinds, and the years a target falls due, or an indicator is dated,
in). Nothing is dropped for disagreeing: rows that share a
conflict_group all stay, and say so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from dashboard.dataset.load import Dataset
from dashboard.figures.labels import chart_documents, row_dicts, text
from dashboard.figures.registry import ChartOptions
from dashboard.figures.targets.deadlines import deadline_role, document_titles
from dashboard.figures.themes.tables import listed
from dashboard.i18n import table

KINDS = ("goal", "milestone", "programme_period", "reported_indicator")
TARGET_KINDS = KINDS[:3]  # what the targets timeline draws unless reported indicators are asked for
KIND_LABELS = table("target_kind_label")
COLUMNS = [
    "id",
    "document_id",
    "symbol",
    "issued",
    "coverage",
    "source_kind",
    "provision_id",
    "kind",
    "label",
    "text",
    "surface",
    "start",  # the surface's span in the seed text (an extracted row; for the source view)
    "end",
    "programme",
    "start_year",
    "end_year",
    "due_year",
    "as_of",
    "indicator",
    "value",
    "unit",
    "theme_ids",
    "origin",
    "own_text",
    "source_url",
    "source_note",
    "source",
    "confidence",
    "conflict_group",
    "conflict_note",
    "conflict_note_vi",
    "note",
    "role",
]
LABEL_CHARS = 56  # a target's short label on the chart's axis
_LIST_MARKER = re.compile(r"^\s*(?:[-–•]|[a-zđ]{1,2}\)|\d+[.)])\s+", re.IGNORECASE)


def shown_kinds(options: ChartOptions) -> tuple[str, ...]:
    """Return the kinds the options show, in KINDS order (every kind when none, or none known, is asked for)."""
    return tuple(k for k in KINDS if k in options.targets.kinds) or KINDS


def targets_table(ds: Dataset, options: ChartOptions) -> pd.DataFrame:
    """Return the targets the options select, each with its document and source, in order of the year they
    fall due (undated last), then of their document's date.

    Added columns: symbol, issued, coverage and source_kind of the document; `label` (a short name for the
    chart), `due_year` (end_year, or the year of a reported indicator's as_of date) and `source` (the cited
    source's web site, or the seed file the row was extracted from).
    """
    return _table(ds, *_key(ds, options))


def target_records(ds: Dataset, options: ChartOptions) -> tuple[dict[str, Any], ...]:
    """Return targets_table's rows as dicts, no value as None (cached: charts and the page walk rows in
    Python, which is much faster than slicing a DataFrame per group; callers must not modify them)."""
    return _records(ds, *_key(ds, options))


def _key(ds: Dataset, options: ChartOptions) -> tuple[Any, ...]:
    docs = tuple(d.id for d in chart_documents(ds, options.docs))
    return docs, tuple(options.themes), shown_kinds(options), (options.targets.year_from, options.targets.year_to)


@lru_cache(maxsize=64)
def _table(
    ds: Dataset,
    doc_ids: tuple[str, ...],
    themes: tuple[str, ...],
    kinds: tuple[str, ...],
    years: tuple[int | None, int | None],
) -> pd.DataFrame:
    return pd.DataFrame(list(_records(ds, doc_ids, themes, kinds, years)), columns=COLUMNS)


@lru_cache(maxsize=64)
def _records(
    ds: Dataset,
    doc_ids: tuple[str, ...],
    themes: tuple[str, ...],
    kinds: tuple[str, ...],
    years: tuple[int | None, int | None],
) -> tuple[dict[str, Any], ...]:
    """Return the rows of resolved options: a filter over every row, already in order (cached)."""
    docs = set(doc_ids)
    wanted = set(themes)
    lo, hi = years
    return tuple(
        r
        for r in _all_records(ds)
        if r["document_id"] in docs
        and (kinds == KINDS or r["kind"] in kinds)
        and (not wanted or wanted & set(r["theme_ids"]))
        # an undated row never falls in a year range
        and (lo is None or (r["due_year"] is not None and r["due_year"] >= lo))
        and (hi is None or (r["due_year"] is not None and r["due_year"] <= hi))
    )


@lru_cache(maxsize=8)
def _all_records(ds: Dataset) -> tuple[dict[str, Any], ...]:
    """Return every target as a dict, no value as None, by the year it falls due (undated last), then by its
    document's date, kind and id."""
    table = ordered_targets(ds)
    # column by column (`tolist` gives Python values, as to_dict does, five times faster: 130,000 targets at
    # 10,000 documents), NaN → None so that "no year" reads the same everywhere
    columns = [[None if isinstance(v, float) and v != v else v for v in table[c].tolist()] for c in COLUMNS]
    return tuple(dict(zip(COLUMNS, values, strict=True)) for values in zip(*columns, strict=True))


def ordered_targets(ds: Dataset) -> pd.DataFrame:
    """Return every target with the document's facts and the derived columns (COLUMNS, see targets_table) in the
    order of target_records: by the year it falls due (undated last), then by its document's date, kind and id.
    What the app's target store (app.target_store) writes once per package version and then queries."""
    table = _targets(ds)
    if table.empty:
        return table[COLUMNS]
    order = {d.id: i for i, d in enumerate(chart_documents(ds))}
    kinds = {k: i for i, k in enumerate(KINDS)}
    table = table.assign(_d=table["document_id"].map(order), _k=table["kind"].map(kinds).fillna(len(KINDS)))
    table = table.sort_values(["due_year", "_d", "_k", "id"], na_position="last", kind="stable")
    return table[COLUMNS].reset_index(drop=True)


def year_bounds(ds: Dataset) -> tuple[int, int]:
    """Return the first and last year any target starts or falls due in (for a year filter's range)."""
    table = _targets(ds)
    years = pd.concat([table["start_year"], table["due_year"]]).dropna() if not table.empty else pd.Series([])
    return (int(years.min()), int(years.max())) if len(years) else (2013, 2030)


def conflict_groups(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    """Return conflict group → its rows (those of `rows`: target_records or a table's records), in order."""
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        if text(row.get("conflict_group")):
            groups.setdefault(str(row["conflict_group"]), []).append(row)
    return groups


def kind_label(kind: str, lang: str = "en") -> str:
    """Return the words for a target kind."""
    labels = KIND_LABELS.get(kind)
    return (labels.get(lang) or labels["en"]) if labels else kind.replace("_", " ")


def years_text(row: dict[str, Any] | Any) -> str:
    """Return a target's years: "2021–2030", "2030", or a reported indicator's date ("2025-01")."""
    get = row.get if isinstance(row, dict) else lambda k, d=None: getattr(row, k, d)
    start, end, as_of = _year(get("start_year")), _year(get("end_year")), text(get("as_of"))
    if get("kind") == "reported_indicator" and as_of:
        return as_of
    if start and end and start != end:
        return f"{start}–{end}"
    return str(end or start or "")


def source_site(url: Any) -> str:
    """Return the web site of a source address ("vietnamlawmagazine.vn"), empty when there is none."""
    host = urlsplit(text(url)).netloc.lower()
    return host[4:] if host.startswith("www.") else host


@lru_cache(maxsize=8)
def _targets(ds: Dataset) -> pd.DataFrame:
    """Return the targets table with the document's facts and the derived columns (cached per dataset)."""
    if "targets" not in ds.table_names:
        return pd.DataFrame(columns=COLUMNS)
    table = ds.table("targets").copy()
    for column in COLUMNS:
        if column not in table:
            table[column] = None
    docs = {d.id: d for d in chart_documents(ds)}
    table = table[table["document_id"].isin(docs)]
    table["symbol"] = [docs[d].symbol for d in table["document_id"]]
    table["issued"] = [docs[d].issued for d in table["document_id"]]
    table["coverage"] = [docs[d].coverage for d in table["document_id"]]
    table["source_kind"] = [docs[d].source_kind for d in table["document_id"]]
    table["theme_ids"] = table["theme_ids"].map(listed)
    for column in ("start_year", "end_year", "value"):
        table[column] = pd.to_numeric(table[column], errors="coerce")
    as_of_year = pd.to_numeric(table["as_of"].map(lambda v: text(v)[:4]), errors="coerce")
    table["due_year"] = table["end_year"].fillna(as_of_year)
    titles = document_titles(ds)
    table["role"] = [deadline_role(r, titles) for r in row_dicts(table)]
    table["label"] = [_label(r) for r in row_dicts(table)]
    table["source"] = [source_site(r["source_url"]) or text(r["source_note"]).split(",")[0] for r in row_dicts(table)]
    return table.reset_index(drop=True)


def _label(row: dict[str, Any]) -> str:
    """Return a target's short name: its programme, else its text without a list marker, shortened."""
    name = text(row.get("programme")) or _LIST_MARKER.sub("", text(row.get("text")))
    name = " ".join(name.split())
    if len(name) <= LABEL_CHARS:
        return name
    # keep both ends: two targets that differ only at the end (ASEAN-4 with the Philippines, with
    # Indonesia) must not get the same label
    head = name[: int(LABEL_CHARS * 0.6)].rsplit(" ", 1)[0]
    tail = name[-int(LABEL_CHARS * 0.4) :].split(" ", 1)[-1]
    return f"{head} … {tail}"


def _year(value: Any) -> int | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number == number else None


def value_text(r: dict[str, Any]) -> str:
    """Return a target's or indicator's value as printed ("33", "70+" when the source says "more than")."""
    value = r.get("value")
    if value is None or pd.isna(value):
        return ""
    number = f"{value:g}"
    return f"{number}+" if "more than" in text(r.get("text")).lower() else number
