"""Compare two documents: aligned provisions with their word-level changes, and what moved as a whole.

`compare_documents(source, a, b)` returns the object `policy-timeline diff A B --json` prints (design.md), a
superset of the contract:

- `pairs`: every provision of A and of B in exactly one pair, in reading order (A's order, each new B
  provision placed after the pair of the B provision before it). A pair has the contract's keys (a, b,
  a_text, b_text, similarity, status, themes, ops) plus a_kind/b_kind and a_own/b_own (False for commentary
  or reported text: the publisher's words, not the document's), a_label/b_label, and for one-sided pairs
  `nearest`, the closest provision on the other side and its similarity, so a reader can see how near a "new"
  provision came to a match. `candidates` offers, for each side's provision, the closest provisions of the
  other document besides its partner; `set_by` says whether the engine or a reader's pin made the pair.
- `pins`: the reader's corrections applied (diff/pins.py), as written in an address.
- `themes`: per theme, the share of each document's counted provisions tagged with it (`basis` says which:
  "own" provisions, or "all" for a document known only through a secondary account) and the delta B − A.
- `terms`: the terms distinctive of A and of B (log-likelihood keyness over the counted provisions).
- `entities`, `targets`: what is mentioned or targeted only in A, only in B, or in both (None while the
  dataset has no such table).
- `documents`, `coverage_warning`, `summary`, `settings`: context a reader needs before trusting the
  comparison.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import numpy as np
import pandas as pd

from dashboard.analysis.diff import pins as pinning
from dashboard.analysis.diff.align import Alignment, AlignSettings, align_provisions
from dashboard.analysis.diff.deltas import (
    MEASURE,
    basis,
    counted,
    distinctive_terms,
    entity_deltas,
    target_deltas,
    theme_deltas,
)
from dashboard.analysis.diff.words import one_sided_ops, word_ops, word_overlap

STATUSES = ("kept", "reworded", "new", "dropped")
CANDIDATES = 3  # closest provisions of the other document offered beside each provision


class TableSource(Protocol):
    """Anything that serves the data package's tables by name (dashboard.dataset.load.Dataset does)."""

    @property
    def table_names(self) -> list[str]: ...

    def table(self, name: str) -> pd.DataFrame: ...


def compare_documents(
    source: TableSource,
    a: str,
    b: str,
    settings: AlignSettings = AlignSettings(),
    pins: Sequence[str] = (),
) -> dict[str, Any]:
    """Return the comparison of documents `a` and `b` (ids, already resolved) as a JSON-ready dict.

    `pins` are a reader's corrections such as "3.b1-p2" (diff/pins.py); a wrong one raises InvalidPin."""
    documents = source.table("documents").set_index("id", drop=False)
    provisions = source.table("provisions")
    return diff_provisions(
        provisions[provisions["document_id"] == a],
        provisions[provisions["document_id"] == b],
        doc_a=documents.loc[a].to_dict(),
        doc_b=documents.loc[b].to_dict(),
        provision_themes=_optional(source, "provision_themes"),
        mentions=_optional(source, "mentions"),
        entities=_optional(source, "entities"),
        targets=_optional(source, "targets"),
        theme_order=_theme_order(source),
        settings=settings,
        pins=pins,
    )


def diff_provisions(
    prov_a: pd.DataFrame,
    prov_b: pd.DataFrame,
    *,
    doc_a: Mapping[str, Any],
    doc_b: Mapping[str, Any],
    provision_themes: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    entities: pd.DataFrame | None = None,
    targets: pd.DataFrame | None = None,
    theme_order: list[str] | None = None,
    settings: AlignSettings = AlignSettings(),
    pins: Sequence[str] = (),
) -> dict[str, Any]:
    """Return the comparison of two documents' provision tables (the core of compare_documents)."""
    rows_a = prov_a.sort_values("ordinal").to_dict("records")
    rows_b = prov_b.sort_values("ordinal").to_dict("records")
    ids_a, ids_b = [r["id"] for r in rows_a], [r["id"] for r in rows_b]
    names = (str(doc_a.get("symbol") or doc_a["id"]), str(doc_b.get("symbol") or doc_b["id"]))
    applied = pinning.parse_pins(pins, ids_a, ids_b, names)
    placing, apart = pinning.indices(applied, ids_a, ids_b)
    themes_of = _themes_by_provision(provision_themes)
    entities_of = _entities_by_provision(mentions)
    alignment = align_provisions(
        [subject_text(r) for r in rows_a],
        [subject_text(r) for r in rows_b],
        themes_a=None if themes_of is None else [themes_of.get(r["id"], {}) for r in rows_a],
        themes_b=None if themes_of is None else [themes_of.get(r["id"], {}) for r in rows_b],
        entities_a=None if entities_of is None else [entities_of.get(r["id"], frozenset()) for r in rows_a],
        entities_b=None if entities_of is None else [entities_of.get(r["id"], frozenset()) for r in rows_b],
        settings=settings,
        pins=placing,
        apart=apart,
    )
    order = theme_order or (sorted(set(provision_themes["theme_id"])) if provision_themes is not None else [])
    pairs = _pairs(rows_a, rows_b, alignment, themes_of or {}, order, settings)
    count_a, count_b = counted(prov_a), counted(prov_b)
    return {
        "a": str(doc_a["id"]),
        "b": str(doc_b["id"]),
        "documents": {"a": _document(doc_a, prov_a), "b": _document(doc_b, prov_b)},
        "coverage_warning": coverage_warning(doc_a, doc_b),
        "summary": {status: sum(1 for p in pairs if p["status"] == status) for status in STATUSES},
        "pairs": pairs,
        "pins": [pin.text() for pin in applied],
        "measure": MEASURE,
        "basis": {"a": basis(prov_a), "b": basis(prov_b)},
        "themes": []
        if provision_themes is None
        else theme_deltas(_units(count_a), _units(count_b), provision_themes, order),
        "terms": distinctive_terms(count_a["text"], count_b["text"]),
        "entities": entity_deltas(list(count_a["id"]), list(count_b["id"]), mentions, entities),
        "targets": target_deltas(str(doc_a["id"]), str(doc_b["id"]), targets),
        "settings": {
            "threshold": settings.threshold,
            "theme_weight": settings.theme_weight,
            "entity_weight": settings.entity_weight,
            "kept_overlap": settings.kept_overlap,
            "signals": list(alignment.signals),
        },
    }


def coverage_warning(doc_a: Mapping[str, Any], doc_b: Mapping[str, Any]) -> str | None:
    """Return a warning when the sources differ in coverage or kind (an absence may not be a change)."""
    cov_a, cov_b = str(doc_a.get("coverage") or "unknown"), str(doc_b.get("coverage") or "unknown")
    kind_a = str(doc_a.get("source_kind") or "unknown").replace("_", " ")
    kind_b = str(doc_b.get("source_kind") or "unknown").replace("_", " ")
    if cov_a == cov_b and kind_a == kind_b:
        return None
    return (
        f"The sources differ: {doc_a.get('symbol', doc_a['id'])} is {cov_a} ({kind_a}), "
        f'{doc_b.get("symbol", doc_b["id"])} is {cov_b} ({kind_b}). A provision "only in" one of them may '
        f"simply lie outside what the other source holds."
    )


def _units(provisions: pd.DataFrame) -> list[str]:
    # a bare marker such as "Part V" is not a unit of meaning (the theme_measures definition)
    if "words" not in provisions:
        return list(provisions["id"])
    return list(provisions.loc[provisions["words"].fillna(0) > 0, "id"])


def _optional(source: TableSource, name: str) -> pd.DataFrame | None:
    # provision_themes, mentions and entities are being added to the package; read them when they are there
    return source.table(name) if name in source.table_names else None


def _theme_order(source: TableSource) -> list[str]:
    themes = _optional(source, "themes")
    return [] if themes is None else [str(t) for t in themes["id"]]


def subject_text(row: Mapping[str, Any]) -> str:
    """Return what alignment compares: the provision's text without its list marker."""
    content = row.get("content")
    return str(content) if isinstance(content, str) and content.strip() else str(row.get("text") or "")


def _themes_by_provision(provision_themes: pd.DataFrame | None) -> dict[str, dict[str, float]] | None:
    if provision_themes is None:
        return None
    out: dict[str, dict[str, float]] = {}
    scores = (
        provision_themes["score"] if "score" in provision_themes else pd.Series(1.0, provision_themes.index)
    )
    for pid, theme, score in zip(
        provision_themes["provision_id"], provision_themes["theme_id"], scores, strict=True
    ):
        out.setdefault(str(pid), {})[str(theme)] = float(score) if score == score else 1.0
    return out


def _entities_by_provision(mentions: pd.DataFrame | None) -> dict[str, frozenset[str]] | None:
    if mentions is None:
        return None
    return {str(pid): frozenset(map(str, ids)) for pid, ids in mentions.groupby("provision_id")["entity_id"]}


def _document(doc: Mapping[str, Any], provisions: pd.DataFrame) -> dict[str, Any]:
    def text(key: str) -> str:
        value = doc.get(key)
        return "" if value is None or (isinstance(value, float) and value != value) else str(value)

    return {
        "id": text("id"),
        "symbol": text("symbol"),
        "title_en": text("title_en"),
        "issued": text("issued"),
        "coverage": text("coverage"),
        "source_kind": text("source_kind"),
        "coverage_note": text("coverage_note"),
        "basis": basis(provisions),
        "provisions": len(provisions),
        "own_provisions": int(provisions["own_text"].sum()),
    }


def _pairs(
    rows_a: list[dict],
    rows_b: list[dict],
    alignment: Alignment,
    themes_of: dict[str, dict[str, float]],
    theme_order: list[str],
    settings: AlignSettings,
) -> list[dict]:
    sim = alignment.similarity
    rank = {t: i for i, t in enumerate(theme_order)}
    a_to_b = dict(alignment.pairs)
    b_to_a = {j: i for i, j in alignment.pairs}
    keyed: list[tuple[tuple[int, int, int], dict]] = []
    for i, row in enumerate(rows_a):
        j = a_to_b.get(i)
        pair = _pair(row, rows_b[j] if j is not None else None, i, j, sim, themes_of, rank, settings)
        if j is None:
            pair["nearest"] = _nearest(sim[i, :], rows_b)
        pair["set_by"] = "reader" if i in alignment.pinned_rows else "engine"
        pair["candidates"] = {"a": _candidates(sim[i, :], rows_b, j), "b": []}
        if j is not None:
            pair["candidates"]["b"] = _candidates(sim[:, j], rows_a, i)
        keyed.append(((i, 0, 0), pair))
    anchor = -1
    for j, row in enumerate(rows_b):
        if j in b_to_a:
            anchor = b_to_a[j]
            continue
        pair = _pair(None, row, None, j, sim, themes_of, rank, settings)
        pair["nearest"] = _nearest(sim[:, j], rows_a)
        pair["set_by"] = "reader" if j in alignment.pinned_cols else "engine"
        pair["candidates"] = {"a": [], "b": _candidates(sim[:, j], rows_a, None)}
        keyed.append(((anchor, 1, j), pair))
    return [pair for _, pair in sorted(keyed, key=lambda kv: kv[0])]


def _candidates(line: np.ndarray, others: list[dict], partner: int | None) -> list[dict[str, Any]]:
    """Return the closest provisions of the other document (besides the partner), best first, above 0."""
    order = np.argsort(-line, kind="stable")
    out = []
    for k in order:
        if len(out) == CANDIDATES or line[k] <= 0:
            break
        if k != partner:
            out.append({"id": others[int(k)]["id"], "similarity": round(float(line[k]), 4)})
    return out


def _pair(
    a: dict | None,
    b: dict | None,
    i: int | None,
    j: int | None,
    sim: np.ndarray,
    themes_of: dict[str, dict[str, float]],
    rank: dict[str, int],
    settings: AlignSettings,
) -> dict[str, Any]:
    themes = sorted(
        {t for row in (a, b) if row for t in themes_of.get(row["id"], {})},
        key=lambda t: (rank.get(t, len(rank)), t),
    )
    pair: dict[str, Any] = {
        "a": a["id"] if a else None,
        "b": b["id"] if b else None,
        "a_text": a["text"] if a else "",
        "b_text": b["text"] if b else "",
        "similarity": 0.0,
        "status": "",
        "themes": themes,
        "ops": [],
        "a_label": _label(a),
        "b_label": _label(b),
        "a_kind": a["kind"] if a else None,
        "b_kind": b["kind"] if b else None,
        "a_own": bool(a["own_text"]) if a else None,
        "b_own": bool(b["own_text"]) if b else None,
        "a_themes": [t for t in themes if a and t in themes_of.get(a["id"], {})],
        "b_themes": [t for t in themes if b and t in themes_of.get(b["id"], {})],
        "nearest": None,
    }
    if a and b:
        pair["similarity"] = round(float(sim[i, j]), 4)
        kept = word_overlap(subject_text(a), subject_text(b)) >= settings.kept_overlap
        pair["status"] = "kept" if kept else "reworded"
        pair["ops"] = word_ops(a["text"], b["text"])
    else:
        side = "a" if a else "b"
        pair["status"] = "dropped" if a else "new"
        pair["ops"] = one_sided_ops((a or b)["text"], side)  # type: ignore[index]
    return pair


def _nearest(line: np.ndarray, others: list[dict]) -> dict[str, Any] | None:
    if line.size == 0 or float(line.max()) <= 0:
        return None
    k = int(np.argmax(line))
    return {"id": others[k]["id"], "similarity": round(float(line[k]), 4)}


def _label(row: dict | None) -> str:
    if not row:
        return ""
    label = row.get("label")
    return "" if label is None or (isinstance(label, float) and label != label) else str(label)
