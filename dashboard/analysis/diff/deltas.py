"""What moved between two documents as a whole: theme shares, distinctive terms, entities and targets.

Each function takes the provisions that count for each document (its own provisions, or all of them when it
has none: see `basis`) and the dataset's tables, and returns JSON-ready rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import chain
from typing import Any, cast

import pandas as pd

from dashboard.analysis.diff.result import EntityCount, Record, TargetChange, TargetDeltas, TargetRow, Term
from dashboard.analysis.keyness import KeyTerm, iter_terms, keyness

# the share of a document's units (provisions with at least one word) that carry the theme: theme_measures'
# unit_share, so the Compare page and the Themes page give the same numbers
MEASURE = "unit_share"


def basis(provisions: pd.DataFrame) -> str:
    """Return "own" when the document has provisions of its own words, else "all" (a secondary account)."""
    return "own" if bool(provisions["own_text"].any()) else "all"


def counted(provisions: pd.DataFrame) -> pd.DataFrame:
    """Return the provisions that shares and keyness count: the document's own, or all when it has none."""
    return provisions[provisions["own_text"]] if basis(provisions) == "own" else provisions


def theme_deltas(
    ids_a: Sequence[str],
    ids_b: Sequence[str],
    provision_themes: pd.DataFrame | None,
    theme_order: Sequence[str],
) -> list[dict[str, Any]]:
    """Return, per theme, the share of A's and B's counted provisions tagged with it, and B − A.

    Every theme of `theme_order` is listed (zeros included) so that the list has the same length for every
    pair.
    """
    tagged = _tags_by_theme(provision_themes)
    rows: list[dict[str, Any]] = []
    for theme in theme_order:
        provisions = tagged.get(theme, frozenset())
        count_a = sum(1 for p in ids_a if p in provisions)
        count_b = sum(1 for p in ids_b if p in provisions)
        share_a = count_a / len(ids_a) if ids_a else 0.0
        share_b = count_b / len(ids_b) if ids_b else 0.0
        rows.append(
            {
                "id": theme,
                "a_share": round(share_a, 4),
                "b_share": round(share_b, 4),
                "delta": round(share_b - share_a, 4),
                "a_count": count_a,
                "b_count": count_b,
            }
        )
    return rows


def _tags_by_theme(provision_themes: pd.DataFrame | None) -> dict[str, frozenset[str]]:
    if provision_themes is None or provision_themes.empty:
        return {}
    grouped = provision_themes.groupby("theme_id")["provision_id"]
    return {str(theme): frozenset(ids) for theme, ids in grouped}


def distinctive_terms(
    texts_a: Iterable[str], texts_b: Iterable[str], *, top: int = 15
) -> dict[str, list[Term]]:
    """Return the terms distinctive of A and of B by log-likelihood (G²), each in its commonest word form."""
    # every (term, word form) occurrence of each side, counted at C speed (a provision's are cached per text)
    pairs_a = Counter(chain.from_iterable(_term_pairs(text) for text in texts_a))
    pairs_b = Counter(chain.from_iterable(_term_pairs(text) for text in texts_b))
    counts_a: Counter[str] = Counter()
    counts_b: Counter[str] = Counter()
    for pairs, counts in ((pairs_a, counts_a), (pairs_b, counts_b)):
        for (stem, _), n in pairs.items():
            counts[stem] += n
    key_a, key_b = keyness(counts_a, counts_b, top=top)
    chosen = {k.term for k in (*key_a, *key_b)}
    surfaces: dict[str, Counter[str]] = {}  # the word forms of the terms shown only
    for pairs in (pairs_a, pairs_b):
        for (stem, word), n in pairs.items():
            if stem in chosen:
                surfaces.setdefault(stem, Counter())[word] += n

    def row(k: KeyTerm) -> Term:
        form = sorted(surfaces[k.term].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        return {"term": form, "stem": k.term, "score": k.score, "count_a": k.count_a, "count_b": k.count_b}

    return {"a_distinctive": [row(k) for k in key_a], "b_distinctive": [row(k) for k in key_b]}


@lru_cache(maxsize=16384)
def _term_pairs(text: str) -> tuple[tuple[str, str], ...]:
    """Return the (key, word form) of every occurrence of one provision's terms (cached per text): its content
    words, and a proper name of several words ("United Nations") as one term, never its words ("united") on
    their own."""
    return tuple(
        (key, surface) for key, surface in iter_terms(text) if not surface.isdigit() and len(surface) >= 2
    )


def entity_deltas(
    ids_a: Sequence[str], ids_b: Sequence[str], mentions: pd.DataFrame | None, entities: pd.DataFrame | None
) -> dict[str, list[EntityCount]] | None:
    """Return the entities mentioned only in A (lost), only in B (gained) and in both, with mention counts.

    None when the dataset has no mentions table yet.
    """
    if mentions is None:
        return None
    names: dict[Any, tuple[Any, Any]] = {}
    if entities is not None and not entities.empty:
        names = {r["id"]: (r.get("name", r["id"]), r.get("kind", "")) for r in _records(entities)}
    a_counts = Counter(mentions.loc[mentions["provision_id"].isin(set(ids_a)), "entity_id"])
    b_counts = Counter(mentions.loc[mentions["provision_id"].isin(set(ids_b)), "entity_id"])
    out: dict[str, list[EntityCount]] = {"a_only": [], "b_only": [], "shared": []}
    for entity in sorted(set(a_counts) | set(b_counts)):
        name, kind = names.get(entity, (entity, ""))
        row: EntityCount = {
            "id": entity,
            "name": _text(name) or entity,
            "kind": _text(kind),
            "a_count": a_counts[entity],
            "b_count": b_counts[entity],
        }
        side = "shared" if row["a_count"] and row["b_count"] else ("a_only" if row["a_count"] else "b_only")
        out[side].append(row)
    for rows in out.values():
        rows.sort(key=lambda r: (-(r["a_count"] + r["b_count"]), r["name"]))
    return out


def target_deltas(doc_a: str, doc_b: str, targets: pd.DataFrame | None) -> TargetDeltas | None:
    """Return targets only in A (lost), only in B (gained) and indicators both report (changed).

    Targets are matched across documents by their `indicator` (e.g. partner_countries); goals without an
    indicator have no counterpart by construction and are listed on their side. None when there is no targets
    table.
    """
    if targets is None:
        return None
    rows_a = [_target_row(r) for r in _records(targets[targets["document_id"] == doc_a])]
    rows_b = [_target_row(r) for r in _records(targets[targets["document_id"] == doc_b])]
    by_indicator_b = {r["indicator"]: r for r in rows_b if r["indicator"]}
    by_indicator_a = {r["indicator"]: r for r in rows_a if r["indicator"]}
    changed: list[TargetChange] = [
        {"indicator": k, "a": by_indicator_a[k], "b": by_indicator_b[k]}
        for k in sorted(set(by_indicator_a) & set(by_indicator_b))
    ]
    return {
        "a_only": [r for r in rows_a if not r["indicator"] or r["indicator"] not in by_indicator_b],
        "b_only": [r for r in rows_b if not r["indicator"] or r["indicator"] not in by_indicator_a],
        "changed": changed,
    }


def _records(table: pd.DataFrame) -> list[Record]:
    return cast("list[Record]", table.to_dict("records"))  # pandas types the keys Hashable: the columns are str


def _target_row(row: Record) -> TargetRow:
    return {
        "id": row["id"],
        "text": _text(row.get("text")),
        "kind": _text(row.get("kind")),
        "provision_id": _text(row.get("provision_id")) or None,
        "indicator": _text(row.get("indicator")),
        "end_year": _int(row.get("end_year")),
        "value": _number(row.get("value")),
        "unit": _text(row.get("unit")),
    }


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def _int(value: Any) -> int | None:
    try:
        return None if value is None or value != value else int(value)
    except (TypeError, ValueError):
        return None


def _number(value: Any) -> float | None:
    try:
        return None if value is None or value != value else float(value)
    except (TypeError, ValueError):
        return None
