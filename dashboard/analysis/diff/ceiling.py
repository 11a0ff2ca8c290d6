"""What could any engine score on several gold sets at once? The ceiling of the alignment goals (issue 13).

The goals are link precision >= 0.8 and recall >= 0.7 on each gold set, scored as evaluate.py scores them: recall
is the share of a set's gold pairs linked; strict precision is, of the links touching a line the set scores (a
line in one of its pairs or only-in lists) or naming one of its `not_pairs`, the share that are its gold pairs;
consistent precision the share the set does not contradict (evaluate.consistent). The sets share document pairs
and do not always agree (the first two pair one to one, the third many to many), so one link can be right for one
set and wrong for another.

An oracle engine that knows every label chooses its links among the union of the sets' gold pairs: any other link
is a gold pair of no set, so it can only lower a precision and never raise a recall. The choice is a small integer
programme (scipy's `milp`, HiGHS): one binary per candidate link and, per set, two linear constraints (found >=
r * pairs, right >= p * counted). A link is one link whatever order a set names its two documents in: `diff A B`
and `diff B A` link the same provisions. Nothing is fitted and no engine runs; it reads the gold sets only.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from dashboard.analysis.diff.evaluate import GoldEntry, resolve_entry, resolve_not_pairs

GOAL_PRECISION, GOAL_RECALL = 0.8, 0.7
MEASURES = ("strict", "consistent")
Docs = tuple[str, str]  # a document pair, sorted
Link = tuple[Docs, str, str]  # its document pair, then its two provision ids, sorted


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


def link_of(docs: Docs, a: str, b: str) -> Link:
    x, y = sorted((a, b))
    return (docs, x, y)


def scored_set(name: str, entries: Sequence[GoldEntry], provisions: pd.DataFrame) -> ScoredSet:
    """Resolve a gold set's lines to provision ids, per sorted document pair."""
    pairs: set[Link] = set()
    scored: dict[Docs, frozenset[str]] = {}
    alone: dict[Docs, frozenset[str]] = {}
    not_pairs: set[Link] = set()
    for entry in entries:
        x, y = sorted((entry["a_doc"], entry["b_doc"]))
        docs = (x, y)
        gold, only_a, only_b = resolve_entry(entry, provisions, name)
        pairs |= {link_of(docs, a, b) for a, b in gold}
        alone[docs] = frozenset(only_a) | frozenset(only_b)
        scored[docs] = frozenset(p for pair in gold for p in pair) | alone[docs]
        not_pairs |= {link_of(docs, a, b) for a, b in resolve_not_pairs(entry, provisions, name)}
    return ScoredSet(name, frozenset(pairs), scored, alone, frozenset(not_pairs))


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
    if result.status != 0:
        return None
    return [c for c, x in zip(candidates, result.x, strict=True) if x > 0.5]


def highest(holds: Callable[[float], bool], steps: int = 12) -> float | None:
    """The highest value in [0, 1] at which `holds` (monotone: true below some value) is true, to 2**-steps;
    None when it is false even at 0."""
    if not holds(0.0):
        return None
    lo, hi = 0.0, 1.0
    if holds(hi):
        return hi
    for _ in range(steps):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if holds(mid) else (lo, mid)
    return lo


def ceiling(named_sets: Sequence[tuple[str, Sequence[GoldEntry]]], provisions: pd.DataFrame) -> dict[str, Any]:
    """Return, per precision measure, what an oracle could reach on the gold sets at once: whether the goals can
    be met (on all sets, and on each pair of them), the best precision at the recall goal, the best recall at the
    precision goal, the highest t with both >= t, and each set's gold pairs another set counts wrong."""
    sets = [scored_set(name, entries, provisions) for name, entries in named_sets]
    candidates = sorted(set[Link]().union(*(s.pairs for s in sets)))
    out: dict[str, Any] = {"sets": [s.name for s in sets], "candidates": len(candidates)}
    for measure in MEASURES:

        def reach(p: float, r: float, group: Sequence[ScoredSet] = sets, m: str = measure) -> bool:
            return solve(group, candidates, p, r, m) is not None

        out[measure] = {
            "goals_met": reach(GOAL_PRECISION, GOAL_RECALL),
            "goals_met_by_pair": {
                f"{x.name} + {y.name}": reach(GOAL_PRECISION, GOAL_RECALL, (x, y))
                for x, y in itertools.combinations(sets, 2)
            },
            "precision_at_recall_goal": highest(lambda p: reach(p, GOAL_RECALL)),
            "recall_at_precision_goal": highest(lambda r: reach(GOAL_PRECISION, r)),
            "both": highest(lambda t: reach(t, t)),
            "counted_wrong_by_another_set": {
                s.name: sum(1 for c in s.pairs if any(o.counts(c) and not o.right(c, measure) for o in sets))
                for s in sets
            },
        }
    return out


def format_ceiling(report: dict[str, Any]) -> list[str]:
    """Return the lines eval-alignment prints for the ceiling."""

    def fig(x: float | None) -> str:
        return "none" if x is None else f"{x:.3f}"

    lines: list[str] = []
    for measure in MEASURES:
        r = report[measure]
        wrong = ", ".join(f"{name} {n}" for name, n in r["counted_wrong_by_another_set"].items())
        pairs = "; ".join(f"{k} {'yes' if v else 'no'}" for k, v in r["goals_met_by_pair"].items())
        lines.append(
            f"ceiling, {measure} precision (an oracle knowing every label of {len(report['sets'])} sets, "
            f"{report['candidates']} candidate links): goals (P {GOAL_PRECISION}, R {GOAL_RECALL}) on every set at "
            f"once {'reachable' if r['goals_met'] else 'unreachable'}; best precision at recall {GOAL_RECALL} "
            f"{fig(r['precision_at_recall_goal'])}, best recall at precision {GOAL_PRECISION} "
            f"{fig(r['recall_at_precision_goal'])}, both >= {fig(r['both'])}; by two sets: {pairs}; gold pairs "
            f"another set counts wrong: {wrong}"
        )
    return lines
