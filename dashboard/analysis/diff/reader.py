"""How much work a reader needs to turn the engine's pairs into the gold alignment, using only the Compare
page's one-click links: "Pair with: …" beside a provision (pins the two together), "Also link" (adds that link
and keeps the others), "no counterpart" beside a paired provision (leaves it alone) and "not a pair" on a pair
(keeps those two apart). Each click re-aligns the rest around the pins, as the page does.

The simulated reader knows the gold set and never types a pin by hand: a gold pair whose counterpart is never
offered stays missed. So the figure measures what the page's offers make reachable and at what cost in clicks,
not the engine's own accuracy (that is `evaluate.score_alignment`).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd

from dashboard.analysis.diff.evaluate import (
    GoldEntry,
    offered_candidates,
    pair_maps,
    resolve_entry,
    rows_of,
    score_alignment,
)
from dashboard.analysis.diff.pins import Pin, with_pin
from dashboard.analysis.diff.result import Comparison

# differ(a, b, pins) returns the diff object of documents a and b with the reader's pins applied
PinnedDiffer = Callable[[str, str, tuple[str, ...]], Comparison | Mapping[str, Any]]


def simulate_reader(
    gold: Sequence[GoldEntry], provisions: pd.DataFrame, differ: PinnedDiffer, gold_file: str = "gold"
) -> dict[str, Any]:
    """Return the clicks a reader makes, per document pair and in all, and the accuracy they end with (scored
    as `score_alignment` scores the engine, on the alignment the reader ends with)."""
    final: dict[tuple[str, str], Comparison | Mapping[str, Any]] = {}
    clicks: dict[tuple[str, str], int] = {}
    for entry in gold:
        key = (entry["a_doc"], entry["b_doc"])
        gold_pairs, only_a, only_b = resolve_entry(entry, provisions, gold_file)
        pins: list[Pin] = []
        clicks[key] = 0
        result = differ(*key, ())
        for _ in range(4 * (len(gold_pairs) + len(only_a) + len(only_b))):  # each click fixes a line; bounded
            step = _next_click(result, gold_pairs, only_a, only_b, pins)
            if step is None:
                break
            pins, clicks[key] = step, clicks[key] + 1
            result = differ(*key, tuple(p.text() for p in pins))
        final[key] = result
    scored = score_alignment(gold, provisions, lambda a, b: final[(a, b)], gold_file)
    keys = ("pairs", "pairs_found", "only", "only_found")
    return {
        "clicks": sum(clicks.values()),
        **{k: scored[k] for k in keys},
        "accuracy": scored["accuracy"],
        "per_pair": [
            {"a_doc": row["a_doc"], "b_doc": row["b_doc"], "clicks": clicks[(row["a_doc"], row["b_doc"])],
             **{k: row[k] for k in keys}}
            for row in scored["per_pair"]
        ],
    }


def format_reader(report: dict[str, Any]) -> str:
    """Return the simulation in one line: the clicks in all, and per comparison (a document pair, which is what
    a reader corrects at one sitting) the most and the median."""
    r = report
    line = (
        f"a reader using only the page's offered links reaches accuracy {r['accuracy']:.3f} "
        f"({r['pairs_found']}/{r['pairs']} pairs, {r['only_found']}/{r['only']} lines left alone) "
        f"in {r['clicks']} click{'' if r['clicks'] == 1 else 's'}"
    )
    per = [int(row["clicks"]) for row in r.get("per_pair", [])]
    if per:
        line += (
            f" ({len(per)} comparison{'' if len(per) == 1 else 's'}: at most {max(per)}, median "
            f"{statistics.median(per):g} per comparison)"
        )
    return line


def _next_click(
    result: Comparison | Mapping[str, Any],
    gold_pairs: set[tuple[str, str]],
    only_a: list[str],
    only_b: list[str],
    pins: list[Pin],
) -> list[Pin] | None:
    """Return the pins after the reader's next click, or None when no link on the page brings the gold closer.

    In order: "Pair with: b" beside a (or a beside b) for a gold pair the engine misses ("Also link", pin `a+b`,
    when the gold links a or b to several, so that pinning one link does not take back another); "no counterpart" beside
    a line the gold leaves alone but the engine pairs; "not a pair" on a pair that keeps a gold line from a
    counterpart the page does not offer (the engine then tries that line elsewhere)."""
    rows = rows_of(result)
    a_to_b, b_to_a = pair_maps(rows)
    offered = offered_candidates(rows)
    missed = [(a, b) for a, b in sorted(gold_pairs) if b not in a_to_b.get(a, ())]
    degree = Counter(x for pair in gold_pairs for x in pair)
    for a, b in missed:
        if b in offered.get(a, ()) or a in offered.get(b, ()):
            # a line the gold links to several: "Also link" adds this link and keeps the others
            also = degree[a] > 1 or degree[b] > 1
            return with_pin(pins, Pin(a, b, also=also))
    for x in only_a:
        if x in a_to_b:
            return with_pin(pins, Pin(x, None))
    for x in only_b:
        if x in b_to_a:
            return with_pin(pins, Pin(None, x))
    for a, b in missed:
        wrongs = [(a, x) for x in sorted(a_to_b.get(a, ()))] + [(x, b) for x in sorted(b_to_a.get(b, ()))]
        for wrong in wrongs:
            if wrong not in gold_pairs and Pin(wrong[0], wrong[1], apart=True) not in pins:  # never on a gold pair
                return with_pin(pins, Pin(wrong[0], wrong[1], apart=True))
    return None
