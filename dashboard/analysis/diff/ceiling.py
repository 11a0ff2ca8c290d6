"""What could any engine score on several gold sets at once? The ceiling of the alignment goals (issue 13).

The goals are link precision >= 0.8 and recall >= 0.7 on each gold set, scored as evaluate.py scores them: recall
is the share of a set's gold pairs linked; strict precision is, of the links touching a line the set scores (a
line in one of its pairs or only-in lists) or naming one of its `not_pairs`, the share that are its gold pairs;
consistent precision the share the set does not contradict (evaluate.consistent). The sets share document pairs
and do not always agree (the first two pair one to one, the third many to many), so one link can be right for one
set and wrong for another.

An oracle engine that knows every label chooses its links among the union of the sets' gold pairs. For strict
precision that loses nothing: any other link is a gold pair of no set, so it can only lower a precision and never
raise a recall. For consistent precision it does: a link no set judges and none contradicts counts as right, so
padding raises it; its ceiling here is that of an engine linking only what some reader linked, a measure of how
far the sets contradict each other. The choice is a small integer programme (scipy's `milp`, HiGHS): one binary
per candidate link and, per set, two linear constraints (found >= r * pairs, right >= p * counted).

Two oracles: one whose links do not depend on which document is A (a reader expects `diff A B` and `diff B A` to
link the same provisions), and one that may answer each order apart, as evaluate.py calls the engine in each
entry's own order (the shipped link model is not symmetric; the third set names 59-NQ/TW and 153-NQ-CP in the
other order from the first two). Nothing is fitted and no engine runs; it reads the gold sets only.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from dashboard.analysis.diff.evaluate import GoldEntry, resolve_entry, resolve_not_pairs
from dashboard.errors import InputError

GOAL_PRECISION, GOAL_RECALL = 0.8, 0.7
# (key in the report, precision measure, whether the oracle may answer each order of two documents apart)
ORACLES = (("strict", "strict", False), ("strict_by_order", "strict", True), ("consistent", "consistent", False))
Docs = tuple[str, str]  # a document pair: sorted, or as a set names it when each order is answered apart
Link = tuple[Docs, str, str]  # its document pair, then its two provision ids in the same order


@dataclass(frozen=True)
class ScoredSet:
    """One gold set as its scores see it: its gold pairs, per document pair the lines it scores and the lines it
    says have no counterpart, and its not_pairs."""

    name: str
    pairs: frozenset[Link]
    scored: dict[Docs, frozenset[str]]
    alone: dict[Docs, frozenset[str]]
    not_pairs: frozenset[Link]

    def counts(self, link: Link) -> bool:
        """Whether this set's precision counts `link`, right or wrong (a line is scored in its own comparison)."""
        lines = self.scored.get(link[0], frozenset())
        return link in self.not_pairs or link[1] in lines or link[2] in lines

    def right(self, link: Link, measure: str) -> bool:
        """Whether `link` counts right: a gold pair (strict), or a link the set does not contradict (consistent:
        not a not_pairs entry, no counterpart for a line said to have none, not joining two lines each paired
        elsewhere)."""
        if link in self.pairs:
            return True
        docs, a, b = link
        if measure == "strict" or link in self.not_pairs or {a, b} & self.alone.get(docs, frozenset()):
            return False
        paired = {x for d, *both in self.pairs if d == docs for x in both}
        return not (a in paired and b in paired)


def scored_set(name: str, entries: Sequence[GoldEntry], provisions: pd.DataFrame, ordered: bool = False) -> ScoredSet:
    """Resolve a gold set's lines to provision ids, per document pair (sorted unless `ordered`)."""
    pairs: set[Link] = set()
    scored: dict[Docs, frozenset[str]] = {}
    alone: dict[Docs, frozenset[str]] = {}
    not_pairs: set[Link] = set()
    seen: set[frozenset[str]] = set()
    for entry in entries:
        a_doc, b_doc = entry["a_doc"], entry["b_doc"]
        if frozenset((a_doc, b_doc)) in seen:
            raise InputError(name, f"{a_doc} × {b_doc}", "this document pair is listed twice")
        seen.add(frozenset((a_doc, b_doc)))
        flip = not ordered and b_doc < a_doc
        docs = (b_doc, a_doc) if flip else (a_doc, b_doc)

        def link(a: str, b: str, docs: Docs = docs, flip: bool = flip) -> Link:
            return (docs, b, a) if flip else (docs, a, b)

        gold, only_a, only_b = resolve_entry(entry, provisions, name)
        pairs |= {link(a, b) for a, b in gold}
        alone[docs] = frozenset(only_a) | frozenset(only_b)
        scored[docs] = frozenset(p for pair in gold for p in pair) | alone[docs]
        not_pairs |= {link(a, b) for a, b in resolve_not_pairs(entry, provisions, name)}
    return ScoredSet(name, frozenset(pairs), scored, alone, frozenset(not_pairs))


def tally(s: ScoredSet, links: Sequence[Link], measure: str) -> dict[str, int]:
    """Return how `s` scores `links`: gold pairs found, links its precision counts, and of those the right ones
    (evaluate.score_alignment's pairs_found, engine_pairs, and engine_correct or engine_consistent)."""
    counted = [c for c in links if s.counts(c)]
    return {
        "pairs": len(s.pairs),
        "found": sum(1 for c in links if c in s.pairs),
        "counted": len(counted),
        "right": sum(1 for c in counted if s.right(c, measure)),
    }


def figures(sets: Sequence[ScoredSet], links: Sequence[Link], measure: str) -> tuple[float, float]:
    """Return the lowest precision and the lowest recall over the sets that `links` reach."""
    tallies = [tally(s, links, measure) for s in sets]
    precision = min(t["right"] / t["counted"] if t["counted"] else 1.0 for t in tallies)
    recall = min(t["found"] / t["pairs"] if t["pairs"] else 1.0 for t in tallies)
    return precision, recall


def solve(
    sets: Sequence[ScoredSet], candidates: Sequence[Link], precision: float, recall: float, measure: str = "strict"
) -> list[Link] | None:
    """The fewest of `candidates` reaching `precision` (by `measure`) and `recall` on every set at once, or None
    when no subset does."""
    from scipy import optimize  # pyright: ignore[reportMissingTypeStubs]  # no hints; only eval-alignment needs it

    if not candidates:
        return [] if all(not s.pairs for s in sets) else None
    rows: list[np.ndarray] = []
    lower: list[float] = []
    for s in sets:
        gold = np.array([c in s.pairs for c in candidates], dtype=float)
        counted = np.array([s.counts(c) for c in candidates], dtype=float)
        right = np.array([s.right(c, measure) for c in candidates], dtype=float)
        rows += [gold, (right - precision) * counted]  # found >= recall * pairs; right - precision * counted >= 0
        lower += [recall * len(s.pairs) - 1e-9, -1e-9]
    n = len(candidates)
    opt: Any = optimize
    constraints = opt.LinearConstraint(np.array(rows), np.array(lower), np.full(len(lower), np.inf))
    result: Any = opt.milp(np.ones(n), constraints=constraints, integrality=np.ones(n), bounds=opt.Bounds(0, 1))
    if result.status == 2:  # infeasible
        return None
    if result.status != 0:
        raise RuntimeError(f"the ceiling's integer programme did not finish: {result.message}")
    return [c for c, x in zip(candidates, result.x, strict=True) if x > 0.5]


def highest(holds: Callable[[float], bool], steps: int = 12) -> float | None:
    """The highest value in [0, 1] at which `holds` (monotone: true below some value) is true, to 2**-steps
    below it; None when it is false even at 0."""
    if not holds(0.0):
        return None
    lo, hi = 0.0, 1.0
    if holds(hi):
        return hi
    for _ in range(steps):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if holds(mid) else (lo, mid)
    return lo


def oracle(sets: Sequence[ScoredSet], measure: str) -> dict[str, Any]:
    """Return what an oracle linking among `sets`' gold pairs reaches by `measure`: whether the goals can be met
    on all sets and on each two, and the best figures (each the one the oracle's links actually reach)."""
    candidates = sorted(set[Link]().union(*(s.pairs for s in sets)))

    def links(p: float, r: float, group: Sequence[ScoredSet] = sets) -> list[Link] | None:
        return solve(group, candidates, p, r, measure)

    def best(edge: Callable[[float], tuple[float, float]], pick: int) -> float | None:
        value = highest(lambda v: links(*edge(v)) is not None)
        found = None if value is None else links(*edge(value))
        return None if found is None else figures(sets, found, measure)[pick]

    both = highest(lambda t: links(t, t) is not None)
    both_links = None if both is None else links(both, both)
    return {
        "candidates": len(candidates),
        "goals_met": links(GOAL_PRECISION, GOAL_RECALL) is not None,
        "goals_met_by_pair": {
            f"{x.name} + {y.name}": links(GOAL_PRECISION, GOAL_RECALL, (x, y)) is not None
            for x, y in itertools.combinations(sets, 2)
        },
        "precision_at_recall_goal": best(lambda p: (p, GOAL_RECALL), 0),
        "recall_at_precision_goal": best(lambda r: (GOAL_PRECISION, r), 1),
        "both": None if both_links is None else min(figures(sets, both_links, measure)),
        "counted_wrong_by_another_set": {
            s.name: sum(1 for c in s.pairs if any(o.counts(c) and not o.right(c, measure) for o in sets))
            for s in sets
        },
    }


def ceiling(named_sets: Sequence[tuple[str, Sequence[GoldEntry]]], provisions: pd.DataFrame) -> dict[str, Any]:
    """Return, per oracle (ORACLES), what it could reach on the gold sets at once (`oracle`)."""
    out: dict[str, Any] = {"sets": [name for name, _ in named_sets]}
    for key, measure, ordered in ORACLES:
        sets = [scored_set(name, entries, provisions, ordered) for name, entries in named_sets]
        out[key] = oracle(sets, measure)
    return out


def format_ceiling(report: dict[str, Any]) -> list[str]:
    """Return the lines eval-alignment prints for the ceiling."""

    def fig(x: float | None) -> str:
        return "none" if x is None else f"{x:.3f}"

    what = {
        "strict": "strict precision, the same links whichever document is A",
        "strict_by_order": "strict precision, each order of two documents answered apart",
        "consistent": "consistent precision, linking only what some set links",
    }
    lines: list[str] = []
    for key, _, _ in ORACLES:
        r = report[key]
        wrong = ", ".join(f"{name} {n}" for name, n in r["counted_wrong_by_another_set"].items())
        pairs = "; ".join(f"{k} {'yes' if v else 'no'}" for k, v in r["goals_met_by_pair"].items())
        lines.append(
            f"ceiling, {what[key]} (an oracle knowing every label of {len(report['sets'])} sets, "
            f"{r['candidates']} candidate links): both goals (P {GOAL_PRECISION}, R {GOAL_RECALL}) on every set "
            f"at once {'reachable' if r['goals_met'] else 'unreachable'}; best precision at recall {GOAL_RECALL} "
            f"{fig(r['precision_at_recall_goal'])}, best recall at precision {GOAL_PRECISION} "
            f"{fig(r['recall_at_precision_goal'])}, both >= {fig(r['both'])}; by two sets: {pairs}; gold pairs "
            f"another set counts wrong: {wrong}"
        )
    return lines
