"""Compare across languages: A and B in different languages (two documents, or the two versions of one).

A word-level diff between an English translation and a Vietnamese original is meaningless (every word differs), and
so are distinctive terms. `across_languages` therefore takes the comparison `compare_documents` made and, when the
two sides are in different languages, replaces its pairs with pairs by structure: provisions whose numbering path
matches (1.a with 1.a, 2.b1 with 2.b1) are shown side by side, status "paired", with no similarity and no word
changes; the rest are "dropped" (only in A) or "new" (only in B). The terms are emptied, `language_notice` says why,
and `languages` names both. Themes and entities stay: they are ids, comparable across languages. A target stated
in both (same numbering path, kind, year, figure and unit: "by 2030" and "đến năm 2030" in 1.b) is reported by
both, not lost in A and gained in B.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, cast

import pandas as pd

from dashboard.analysis.diff.result import Comparison, Link, Record, TargetDeltas, TargetRow
from dashboard.analysis.diff.words import Op, one_sided_ops

PAIRED = "paired"
LANGUAGE_NAMES = {"en": "English", "vi": "Vietnamese"}


def language_gap(doc_a: Mapping[str, Any], doc_b: Mapping[str, Any]) -> tuple[str, str] | None:
    """Return (language of A, language of B) when both are known and differ, else None."""
    a, b = (str(doc.get("language") or "").strip() for doc in (doc_a, doc_b))
    return (a, b) if a and b and a != b else None


def structure_path(provision_id: str) -> str:
    """Return a provision's numbering path, the part of its id after the document id: `X-vi:2.b1` → `2.b1`."""
    return provision_id.split(":", 1)[-1]


def pair_by_structure(
    rows_a: list[Mapping[str, Any]], rows_b: list[Mapping[str, Any]]
) -> list[tuple[Mapping[str, Any] | None, Mapping[str, Any] | None]]:
    """Pair provisions whose numbering paths match; return (a, b) pairs, one side None when unmatched.

    Every row appears once. Order: A's reading order; a B row without a partner follows the pair of the B row
    before it (as the aligner places a new provision)."""
    by_path_b = {structure_path(str(r["id"])): j for j, r in enumerate(rows_b)}
    partner: dict[int, int] = {}
    for i, row in enumerate(rows_a):
        j = by_path_b.get(structure_path(str(row["id"])))
        if j is not None and j not in partner.values():
            partner[i] = j
    b_to_a = {j: i for i, j in partner.items()}
    keyed: list[tuple[tuple[int, int, int], tuple[Mapping[str, Any] | None, Mapping[str, Any] | None]]] = []
    for i, row in enumerate(rows_a):
        keyed.append(((i, 0, 0), (row, rows_b[partner[i]] if i in partner else None)))
    anchor = -1
    for j, row in enumerate(rows_b):
        if j in b_to_a:
            anchor = b_to_a[j]
        else:
            keyed.append(((anchor, 1, j), (None, row)))
    return [pair for _, pair in sorted(keyed, key=lambda kv: kv[0])]


def language_notice(languages: tuple[str, str], paired: int, total_a: int, total_b: int) -> str:
    """Return the notice a reader sees instead of a word-level diff."""
    a, b = (LANGUAGE_NAMES.get(code, code) for code in languages)
    return (
        f"A is in {a} and B in {b}: a word-by-word comparison across languages would mark every word as "
        f"changed, so no changes and no distinctive terms are computed. {paired} of A's {total_a} and B's "
        f"{total_b} provisions are paired by their numbering (1.a with 1.a) to be read side by side; themes and "
        "entities are compared as usual, targets by their provision's numbering, year and figure."
    )


def across_languages(
    result: Comparison, doc_a: Mapping[str, Any], doc_b: Mapping[str, Any], provisions: pd.DataFrame
) -> Comparison:
    """Return `result` unchanged when A and B share a language; else the comparison by structure (module doc)."""
    languages = language_gap(doc_a, doc_b)
    if languages is None:
        return result
    seen = {side: {getattr(p, side): p for p in result.pairs if getattr(p, side)} for side in ("a", "b")}
    rows = {
        side: cast(
            "list[Record]",
            provisions[provisions["document_id"] == str(doc["id"])].sort_values("ordinal").to_dict("records"),
        )
        for side, doc in (("a", doc_a), ("b", doc_b))
    }
    pairs = tuple(_pair(a, b, seen) for a, b in pair_by_structure(rows["a"], rows["b"]))
    paired = sum(1 for p in pairs if p.status == PAIRED)
    summary = {status: 0 for status in result.summary}
    summary.update(
        {
            "new": sum(1 for p in pairs if p.status == "new"),
            "dropped": sum(1 for p in pairs if p.status == "dropped"),
            PAIRED: paired,
        }
    )
    return replace(
        result,
        pairs=pairs,
        summary=summary,
        pins=(),
        sections=(),
        targets=_targets(result.targets),
        terms={key: [] for key in result.terms or {}},
        languages={"a": languages[0], "b": languages[1]},
        language_notice=language_notice(languages, paired, len(rows["a"]), len(rows["b"])),
    )


def _pair(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None, seen: Mapping[str, Mapping[str, Link]]) -> Link:
    # each side's facts (label, kind, themes) as the aligner reported them for that provision
    found = {
        "a": seen["a"].get(str(a["id"])) if a is not None else None,
        "b": seen["b"].get(str(b["id"])) if b is not None else None,
    }
    values: dict[str, Any] = {}
    for side, row in (("a", a), ("b", b)):
        link = found[side]
        values.update(
            {
                side: str(row["id"]) if row is not None else None,
                f"{side}_text": str(row["text"]) if row is not None else "",
                f"{side}_label": getattr(link, f"{side}_label", "") if link else "",
                f"{side}_kind": getattr(link, f"{side}_kind", None) if link else None,
                f"{side}_own": getattr(link, f"{side}_own", None) if link else None,
                f"{side}_themes": tuple(getattr(link, f"{side}_themes", ()) if link else ()),
            }
        )
    themes = tuple(dict.fromkeys([*values["a_themes"], *values["b_themes"]]))
    if a is not None and b is not None:
        status = PAIRED
        ops: tuple[Op, ...] = (Op(op="equal", a=values["a_text"], b=values["b_text"]),)  # shown unmarked
    else:
        side = "a" if a is not None else "b"
        status = "dropped" if side == "a" else "new"
        ops = tuple(one_sided_ops(values[f"{side}_text"], side))
    return Link(similarity=None, status=status, themes=themes, ops=ops, set_by="structure", **values)


def _targets(targets: TargetDeltas | None) -> TargetDeltas | None:
    """Move each target stated on both sides (same numbering path, kind, year, figure, unit) to `changed`, named
    by its indicator or, when it has none, by its provision's numbering."""
    if not targets:
        return targets

    def key(row: Mapping[str, Any]) -> tuple[Any, ...]:
        return (
            structure_path(str(row.get("provision_id") or "")),
            row.get("kind"),
            row.get("end_year"),
            row.get("value"),
            row.get("unit"),
        )

    b_only = list(targets["b_only"])
    a_only: list[TargetRow] = []
    changed = list(targets["changed"])
    for row in targets["a_only"]:
        match = next((b for b in b_only if row.get("provision_id") and key(b) == key(row)), None)
        if match is None:
            a_only.append(row)
            continue
        b_only.remove(match)
        changed.append(
            {"indicator": row.get("indicator") or structure_path(str(row["provision_id"])), "a": row, "b": match}
        )
    return {**targets, "a_only": a_only, "b_only": b_only, "changed": changed}
