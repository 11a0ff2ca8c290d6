"""Which documents the timeline draws and where: lanes by issuing body, rows within a lane, the x range.

Pure helpers of `figures.timeline.chart`: a document's label sits left of its marker and its horizon bar runs right
of it, so each document gets the first row of its lane where neither overlaps a neighbour (and never the row
of a document it is related to, whose arrow would run along the row through a label).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, cast

import numpy as np
import pandas as pd

from dashboard.dataset.load import Dataset
from dashboard.figures.coverage import coverage_key
from dashboard.figures.labels import row_dicts
from dashboard.figures.registry import ChartOptions
from dashboard.figures.targets.deadlines import context_years, deadline_role, document_titles
from dashboard.i18n import localised

LAYERS = ("relations", "horizons", "not_held")
LANE_ORDER = (
    "Party Central Committee",
    "Politburo",
    "Party Secretariat",
    "Party",
    "National Assembly",
    "National Assembly Standing Committee",
    "Prime Minister",
    "Government",
    "Ministries",
)
LABEL_LIMIT = 40  # above this many documents, text labels would overlap: hover only
MAX_SLOTS = 6  # rows per lane before documents are allowed to overlap
PLOT_WIDTH_PX = 1080  # width of the plotting area at the app's and the export's default size


@dataclass(frozen=True)
class TimelineDoc:
    """A document as the timeline draws it."""

    id: str
    symbol: str
    title: str
    lane: str
    issued: date
    x: float
    held: bool
    coverage: str
    source_kind: str
    coverage_note: str
    issuer: str
    horizons: tuple[int, ...]
    target_years: tuple[int, ...]


def layout(ds: Dataset, options: ChartOptions) -> tuple[list[TimelineDoc], dict[str, int], tuple[float, float]]:
    """Return the documents, each one's row and the x range (decimal years) that leaves room for the
    labels."""
    docs = documents(ds, options)
    hidden = hidden_layers(options)
    if not docs:
        return docs, {}, (2010.0, 2030.0)
    reach = {
        d.id: max([d.x, *(y + 0.5 for y in d.horizons + d.target_years if "horizons" not in hidden)]) for d in docs
    }
    end = max(reach.values()) + 0.6
    start = min(d.x for d in docs) - 1
    label_years: dict[str, float] = {}
    for _ in range(2):  # the label width in years depends on the range, which depends on the labels
        years_per_px = (end - start) / PLOT_WIDTH_PX
        label_years = {d.id: _label_px(d) * years_per_px if len(docs) <= LABEL_LIMIT else 0.0 for d in docs}
        start = min(d.x - label_years[d.id] for d in docs) - 0.3
    related: dict[str, set[str]] = {}
    if "relations" not in hidden:
        for rel in document_relations(ds, {d.id for d in docs}, options):
            related.setdefault(rel["source_id"], set()).add(rel["target_id"])
            related.setdefault(rel["target_id"], set()).add(rel["source_id"])
    return docs, assign_rows(docs, label_years, reach, related), (start, end)


def _label_px(doc: TimelineDoc) -> float:
    """Estimate a label's width in pixels (12 px DejaVu Sans bold is about 7.5 px a character)."""
    chars = len(doc.symbol) + 2 if doc.held else max(len(doc.symbol), 12)
    return 7.5 * chars + 16


def shown_documents(documents: pd.DataFrame, options: ChartOptions) -> pd.DataFrame:
    """Return the rows of the documents table the timeline draws: the chosen documents (`docs`), held only when
    the not_held layer is hidden, issued within the years asked for (`timeline.year_from`, `year_to`)."""
    table = documents
    if options.docs:
        table = table[table["id"].isin(options.docs)]
    if "not_held" in hidden_layers(options):
        table = table[table["held"].astype(bool)]
    low, high = options.timeline.year_from, options.timeline.year_to
    if low is not None or high is not None:
        years = pd.to_datetime(table["issued"], errors="coerce").dt.year
        keep = years.notna()
        if low is not None:
            keep &= years >= low
        if high is not None:
            keep &= years <= high
        table = table[keep]
    return table


def documents(ds: Dataset, options: ChartOptions) -> list[TimelineDoc]:
    table = shown_documents(ds.documents, options)
    targets = targets_by_document(ds)
    lang = options.lang
    docs = []
    columns = [
        "id",
        "symbol",
        "title_en",
        "title_vi",
        "lane",
        "issued",
        "held",
        "coverage",
        "source_kind",
        "coverage_note",
        "issuer_detail",
        "issuer_label",
        "horizons",
        "horizons_note",
        "coverage_note_vi",
        "issuer_detail_vi",
        "issuer_label_vi",
    ]
    for row in row_dicts(table[[c for c in columns if c in table.columns]]):
        issued = as_date(row.get("issued"))
        if issued is None:
            continue
        held = bool(row.get("held"))
        title = (
            text_of(row.get("title_vi"))
            if lang == "vi" and text_of(row.get("title_vi"))
            else text_of(row.get("title_en"))
        )
        docs.append(
            TimelineDoc(
                id=str(row["id"]),
                symbol=text_of(row.get("symbol")) or str(row["id"]),
                title=title,
                lane=text_of(row.get("lane")) or "Other",
                issued=issued,
                x=year_float(issued),
                held=held,
                coverage=coverage_key(row.get("coverage"), held),
                source_kind=text_of(row.get("source_kind")),
                coverage_note=localised(row, "coverage_note", lang),
                issuer=localised(row, "issuer_detail", lang) or localised(row, "issuer_label", lang),
                # a year its horizons note calls context only is not a horizon the document sets
                horizons=tuple(sorted(set(_horizons(row)) - context_years(_horizons(row), row.get("horizons_note")))),
                target_years=tuple(
                    sorted({int(t["end_year"]) for t in targets.get(str(row["id"]), [])} - set(range(issued.year)))
                ),
            )
        )
    return sorted(docs, key=lambda d: (lane_rank(d.lane), d.issued, d.id))


def assign_rows(
    docs: list[TimelineDoc],
    label_years: dict[str, float],
    reach: dict[str, float],
    related: dict[str, set[str]],
) -> dict[str, int]:
    """Give each document a row in its lane so that labels (left of the marker) and bars (right) do not
    overlap.

    Two related documents never share a row: their arrow would run along the row, through a label.
    """
    rows: dict[str, int] = {}
    offset = 0
    for lane in lanes(docs):
        ends: list[float] = []
        members: list[set[str]] = []
        for doc in (d for d in docs if d.lane == lane):
            start, end = doc.x - label_years[doc.id] - 0.2, reach[doc.id] + 0.2
            mates = related.get(doc.id, set())
            slot = next((i for i, e in enumerate(ends) if e < start and not members[i] & mates), None)
            if slot is None and len(ends) < MAX_SLOTS:
                ends.append(end)
                members.append(set())
                slot = len(ends) - 1
            elif slot is None:
                slot = int(np.argmin(ends))
            ends[slot] = max(end, ends[slot])
            members[slot].add(doc.id)
            rows[doc.id] = offset + slot
        offset += max(len(ends), 1)
    return rows


def lane_rows(docs: list[TimelineDoc], rows: dict[str, int]) -> list[tuple[str, int, int]]:
    out = []
    for lane in lanes(docs):
        lane_rows = [rows[d.id] for d in docs if d.lane == lane]
        out.append((lane, min(lane_rows), max(lane_rows)))
    return out


def lanes(docs: Iterable[TimelineDoc]) -> list[str]:
    return sorted({d.lane for d in docs}, key=lambda lane: (lane_rank(lane), lane))


def lane_rank(lane: str) -> int:
    return LANE_ORDER.index(lane) if lane in LANE_ORDER else len(LANE_ORDER)


def document_relations(ds: Dataset, shown: set[str], options: ChartOptions) -> list[dict[str, Any]]:
    """Return the relations between shown documents (one per source, kind and target)."""
    return [r for r in _relation_rows(ds) if r["source_id"] in shown and r["target_id"] in shown]


@lru_cache(maxsize=8)
def _relation_rows(ds: Dataset) -> tuple[dict[str, Any], ...]:
    if "relations" not in ds.table_names:
        return ()
    table = ds.table("relations")
    columns = [
        c for c in ("source_id", "kind", "target_id", "evidence", "evidence_vi", "confidence", "origin") if c in table
    ]
    rows = table.loc[table["source_id"] != table["target_id"], columns]
    return tuple(row_dicts(rows.drop_duplicates(subset=["source_id", "kind", "target_id"])))


@lru_cache(maxsize=8)
def targets_by_document(ds: Dataset) -> dict[str, list[dict[str, Any]]]:
    """Return each document's own dated targets; computed once per dataset.

    Left out: reported indicators (dated facts, not targets) and years that are not deadlines the document sets
    (figures.targets.deadlines: a programme's name such as "Agenda 2030", another document's horizon cited, a
    publisher's framing or a secondary account). `documents` also leaves out years before the document's own (a
    period it recalls, such as "2011-2015" in a 2016 strategy).
    """
    if "targets" not in ds.table_names:
        return {}
    table = ds.table("targets")
    if "end_year" not in table or "document_id" not in table:
        return {}
    keep = table["end_year"].notna()
    if "kind" in table:
        keep &= table["kind"].fillna("") != "reported_indicator"
    if "own_text" in table:
        keep &= table["own_text"].astype("boolean").fillna(True).astype(bool)
    out: dict[str, list[dict[str, Any]]] = {}
    columns = [
        c
        for c in ("document_id", "end_year", "text", "surface", "origin", "confidence", "conflict_group")
        if c in table
    ]
    titles = document_titles(ds)
    for row, full in zip(row_dicts(table.loc[keep, columns]), row_dicts(table.loc[keep]), strict=True):
        if deadline_role(full, titles) == "deadline":
            out.setdefault(str(row["document_id"]), []).append(row)
    return out


def hidden_layers(options: ChartOptions) -> set[str]:
    return {layer for layer in options.timeline.hide if layer in LAYERS}


def year_float(d: date) -> float:
    return d.year + (d.timetuple().tm_yday - 1) / 365.25


def years_of(value: Any) -> list[int]:
    if value is None:
        return []
    if isinstance(value, str):
        return [int(v) for v in value.replace(";", ",").split(",") if v.strip().isdigit()]
    if isinstance(value, float) and math.isnan(value):
        return []
    try:
        items = cast(Iterable[Any], value)  # an array; anything else raises TypeError here
        return [int(v) for v in items if v is not None and not (isinstance(v, float) and math.isnan(v))]
    except TypeError:
        return []


def as_date(value: Any) -> date | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, date):
        return value
    try:
        return pd.Timestamp(str(value)).date()
    except ValueError:
        return None


def text_of(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _horizons(row: dict[str, Any]) -> set[int]:
    return {int(h) for h in years_of(row.get("horizons"))}
