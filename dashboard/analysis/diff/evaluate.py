"""Measure the alignment against a hand-made gold set (dashboard/analysis/diff/gold/alignment_*.yml).

The gold set names provisions by line prefixes: a provision matches a prefix when fold(provision.text) starts
with fold(prefix). Per document pair it lists the pairs a reader makes and the lines a reader leaves alone
(only_in_a, only_in_b); lines it does not list are not scored.

- pairing accuracy = (gold pairs reproduced exactly + gold only-in lines left unpaired) / (gold pairs +
  only-in lines)
- pair recall = gold pairs reproduced / gold pairs
- pair precision = of the engine's pairs that touch a scored line, the share that are gold pairs
- counterpart offered = gold pairs the engine makes, or whose counterpart is among the candidates the page
  offers beside one of the two provisions ("Pair with: …", one click to pin): what a reader correcting the
  engine finds without searching
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NotRequired, TypedDict, cast

import pandas as pd

from dashboard.analysis.diff.result import Comparison
from dashboard.corpus.normalise import fold
from dashboard.corpus.yamlfile import read_yaml
from dashboard.errors import InputError

# differ(a, b) returns the comparison of documents a and b (a Comparison, or its as_dict())
Differ = Callable[[str, str], Comparison | Mapping[str, Any]]


class GoldPair(TypedDict):
    """Two provisions a gold set pairs (or, in `not_pairs`, says a reader would never pair), by line prefix."""

    a: str
    b: str
    relation: NotRequired[str]
    why: NotRequired[str]


class GoldEntry(TypedDict):
    """One document pair of a gold set (gold/alignment_*.yml): its pairs and the lines without counterpart."""

    a_doc: str
    b_doc: str
    pairs: NotRequired[list[GoldPair] | None]
    not_pairs: NotRequired[list[GoldPair] | None]
    only_in_a: NotRequired[list[str] | None]
    only_in_b: NotRequired[list[str] | None]


def load_gold(path: Path) -> list[GoldEntry]:
    """Return the gold set's document pairs."""
    return cast("list[GoldEntry]", read_yaml(path) or [])


def find_line(provisions: pd.DataFrame, doc: str, prefix: str, gold_file: str = "gold") -> str:
    """Return the id of the one provision of `doc` whose folded text starts with the folded `prefix`."""
    key = fold(prefix)
    rows = provisions[provisions["document_id"] == doc]
    found = [pid for pid, text in zip(rows["id"], rows["text"], strict=True) if fold(text).startswith(key)]
    if len(found) != 1:
        raise InputError(gold_file, f"{doc}: {prefix!r}", f"matches {len(found)} provisions, expected exactly 1")
    return found[0]


def resolve_entry(
    entry: GoldEntry, provisions: pd.DataFrame, gold_file: str = "gold"
) -> tuple[set[tuple[str, str]], list[str], list[str]]:
    """Return one document pair's gold lines as provision ids: its pairs, its only-in-A and only-in-B lines."""
    a_doc, b_doc = entry["a_doc"], entry["b_doc"]
    pairs = {
        (find_line(provisions, a_doc, g["a"], gold_file), find_line(provisions, b_doc, g["b"], gold_file))
        for g in entry.get("pairs") or []
    }
    only_a = [find_line(provisions, a_doc, line, gold_file) for line in entry.get("only_in_a") or []]
    only_b = [find_line(provisions, b_doc, line, gold_file) for line in entry.get("only_in_b") or []]
    return pairs, only_a, only_b


def rows_of(result: Comparison | Mapping[str, Any]) -> list[dict[str, Any]]:
    """Return the comparison's rows as dicts (a Comparison, or its as_dict())."""
    pairs = result["pairs"] if isinstance(result, dict) else cast(Comparison, result).as_dict()["pairs"]
    return list(pairs)


def score_alignment(
    gold: Sequence[GoldEntry], provisions: pd.DataFrame, differ: Differ, gold_file: str = "gold"
) -> dict[str, Any]:
    """Score `differ(a, b)` (which returns the diff object) against the gold set; return the report."""
    totals = {
        "pairs": 0,
        "pairs_found": 0,
        "only": 0,
        "only_found": 0,
        "engine_pairs": 0,
        "engine_correct": 0,
        "engine_consistent": 0,
        "pairs_offered": 0,
    }
    per_pair: list[dict[str, Any]] = []
    misses: list[dict[str, Any]] = []
    for entry in gold:
        a_doc, b_doc = entry["a_doc"], entry["b_doc"]
        rows = rows_of(differ(a_doc, b_doc))
        links = linked(rows)
        a_to_b, b_to_a = pair_maps(rows)
        offered = offered_candidates(rows)
        gold_pairs, only_a, only_b = resolve_entry(entry, provisions, gold_file)
        not_pairs = resolve_not_pairs(entry, provisions, gold_file)
        scored = {x for pair in gold_pairs for x in pair} | set(only_a) | set(only_b)
        found = gold_pairs & links
        alone = [x for x in only_a if x not in a_to_b] + [x for x in only_b if x not in b_to_a]
        touching = {(a, b) for a, b in links if a in scored or b in scored} | (links & not_pairs)
        for a, b in sorted(gold_pairs - found):
            misses.append(
                {
                    "a_doc": a_doc,
                    "b_doc": b_doc,
                    "kind": "pair missed",
                    "a": a,
                    "b": b,
                    "engine_a_to": sorted(a_to_b.get(a, ())),
                    "engine_b_from": sorted(b_to_a.get(b, ())),
                }
            )
        for x in only_a:
            if x in a_to_b:
                misses.append(
                    {"a_doc": a_doc, "b_doc": b_doc, "kind": "only_in_a paired", "a": x, "b": sorted(a_to_b[x])}
                )
        for x in only_b:
            if x in b_to_a:
                misses.append(
                    {"a_doc": a_doc, "b_doc": b_doc, "kind": "only_in_b paired", "a": sorted(b_to_a[x]), "b": x}
                )
        for a, b in sorted(links & not_pairs):
            misses.append({"a_doc": a_doc, "b_doc": b_doc, "kind": "not_pair linked", "a": a, "b": b})
        counts = {
            "pairs": len(gold_pairs),
            "pairs_found": len(found),
            "only": len(only_a) + len(only_b),
            "only_found": len(alone),
            "engine_pairs": len(touching),
            "engine_correct": len(touching & gold_pairs),
            "engine_consistent": sum(
                1 for link in touching if consistent(link, gold_pairs, set(only_a), set(only_b), not_pairs)
            ),
            "pairs_offered": sum(
                1 for a, b in gold_pairs if (a, b) in found or b in offered.get(a, ()) or a in offered.get(b, ())
            ),
        }
        for key, value in counts.items():
            totals[key] += value
        per_pair.append({"a_doc": a_doc, "b_doc": b_doc, **counts, **_rates(counts)})
    return {**_rates(totals), **totals, "per_pair": per_pair, "misses": misses}


def consistent(
    link: tuple[str, str],
    gold_pairs: set[tuple[str, str]],
    only_a: set[str],
    only_b: set[str],
    not_pairs: set[tuple[str, str]],
) -> bool:
    """Return False when a link contradicts the gold set: it is a gold pair's negation (`not_pairs`), it gives a
    counterpart to a line the gold leaves alone, or both its provisions have gold partners and neither is the
    other. A link beside a gold pair (a bullet linked to the paragraph its item is paired with) is consistent
    with a one-to-one gold set read many to many; strict precision counts it wrong all the same."""
    a, b = link
    if link in gold_pairs:
        return True
    if link in not_pairs or a in only_a or b in only_b:
        return False
    partners_a = {y for x, y in gold_pairs if x == a}
    partners_b = {x for x, y in gold_pairs if y == b}
    return not (partners_a and partners_b)


def linked(pairs: list[dict[str, Any]]) -> set[tuple[str, str]]:
    """Return the diff's links as (A id, B id)."""
    return {(p["a"], p["b"]) for p in pairs if p["a"] and p["b"]}


def pair_maps(pairs: list[dict[str, Any]]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Return the diff's links as A id → its B ids and B id → its A ids."""
    a_to_b: dict[str, set[str]] = {}
    b_to_a: dict[str, set[str]] = {}
    for a, b in linked(pairs):
        a_to_b.setdefault(a, set()).add(b)
        b_to_a.setdefault(b, set()).add(a)
    return a_to_b, b_to_a


def offered_candidates(pairs: list[dict[str, Any]]) -> dict[str, set[str]]:
    """Return, per provision id, the ids the diff offers as its candidates, over all its rows."""
    out: dict[str, set[str]] = {}
    for pair in pairs:
        for side in ("a", "b"):
            if pair[side]:
                offers: Mapping[str, Any] = pair.get("candidates") or {}
                found = {c["id"] for c in offers.get(side) or ()}
                out.setdefault(pair[side], set()).update(found)
    return out


def resolve_not_pairs(entry: GoldEntry, provisions: pd.DataFrame, gold_file: str = "gold") -> set[tuple[str, str]]:
    """Return the pairs a gold set says a reader would never make (`not_pairs`), as provision ids."""
    return {
        (
            find_line(provisions, entry["a_doc"], g["a"], gold_file),
            find_line(provisions, entry["b_doc"], g["b"], gold_file),
        )
        for g in entry.get("not_pairs") or []
    }


def _rates(c: dict[str, int]) -> dict[str, float]:
    items = c["pairs"] + c["only"]
    return {
        "accuracy": round((c["pairs_found"] + c["only_found"]) / items, 4) if items else 1.0,
        "pair_recall": round(c["pairs_found"] / c["pairs"], 4) if c["pairs"] else 1.0,
        "pair_precision": round(c["engine_correct"] / c["engine_pairs"], 4) if c["engine_pairs"] else 1.0,
        "consistent_precision": round(c["engine_consistent"] / c["engine_pairs"], 4) if c["engine_pairs"] else 1.0,
        "offered": round(c["pairs_offered"] / c["pairs"], 4) if c["pairs"] else 1.0,
    }


def annotator_agreement(
    gold_a: Sequence[GoldEntry], gold_b: Sequence[GoldEntry], provisions: pd.DataFrame
) -> dict[str, int]:
    """Return how far two hand-made gold sets agree on the document pairs both label.

    Keys: pairs in each set (`pairs_a`, `pairs_b`), pairs both make (`shared`), pairs of one set that the other
    contradicts (`contradicted_a`, `contradicted_b`: a line paired elsewhere, or listed as having no counterpart),
    and only-in lines both list (`only_shared`) out of those either lists (`only_either`). A pair one set leaves
    out is not a contradiction: the conventions leave doubtful lines unlabelled.
    """

    def lines(entry: GoldEntry) -> tuple[set[tuple[str, str]], set[str], set[str]]:
        pairs, only_a, only_b = resolve_entry(entry, provisions)
        return pairs, set(only_a), set(only_b)

    def contradicted(
        pairs: set[tuple[str, str]], other_pairs: set[tuple[str, str]], other_a: set[str], other_b: set[str]
    ) -> int:
        a_to_b = dict(other_pairs)
        b_to_a = {b: a for a, b in other_pairs}
        return sum(
            1
            for a, b in pairs
            if (a in a_to_b and a_to_b[a] != b) or (b in b_to_a and b_to_a[b] != a) or a in other_a or b in other_b
        )

    by_key = {(e["a_doc"], e["b_doc"]): e for e in gold_b}
    out: dict[str, int] = dict.fromkeys(
        ("pairs_a", "pairs_b", "shared", "contradicted_a", "contradicted_b", "only_shared", "only_either"), 0
    )
    for entry in gold_a:
        other = by_key.get((entry["a_doc"], entry["b_doc"]))
        if other is None:
            continue
        (pa, oa_a, ob_a), (pb, oa_b, ob_b) = lines(entry), lines(other)
        out["pairs_a"] += len(pa)
        out["pairs_b"] += len(pb)
        out["shared"] += len(pa & pb)
        out["contradicted_a"] += contradicted(pa, pb, oa_b, ob_b)
        out["contradicted_b"] += contradicted(pb, pa, oa_a, ob_a)
        out["only_shared"] += len((oa_a & oa_b) | (ob_a & ob_b))
        out["only_either"] += len(oa_a | oa_b | ob_a | ob_b)
    return out


def format_agreement(agreement: dict[str, int], name_a: str, name_b: str) -> str:
    """Return the agreement of two gold sets in one line."""
    g = agreement
    return (
        f"agreement of {name_a} and {name_b}: {g['shared']} pairs in both ({g['pairs_a']} and {g['pairs_b']} "
        f"made); {g['contradicted_a']} of {name_a}'s pairs contradicted by {name_b}, {g['contradicted_b']} of "
        f"{name_b}'s by {name_a}; only-in lines listed by both {g['only_shared']} of {g['only_either']}"
    )
