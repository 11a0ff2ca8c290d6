"""Link the provisions of A with those of B, many to many, using the documents' structure.

A 2025 paragraph often covers several 2016 bullets (merged), and one 2016 item can be split over several 2025
paragraphs (split). The links are chosen in three steps over the combined similarity matrix (align.py):

1. Context (item first, then within): every provision is also compared as part of its block, the item or
   part it belongs to together with all its descendants. A bullet whose own words are few but whose item as a
   whole covers a B paragraph gets part of that block similarity: `context_weight · block · (1 − score)`, only
   where the two provisions share a word (context confirms a lexical match, it never makes one).
2. A one-to-one core: the maximum-weight assignment (Hungarian) over the pairs reaching `threshold`, as in
   issue 6: each provision's most defensible single counterpart.
   Two provisions that are each other's best match and both still alone are linked from `mutual_threshold`
   (chance's 0.75 quantile) up: being mutual nearest neighbours is evidence the raw score does not carry.
3. Further links, for merged and split: a provision whose best counterpart is already taken is linked to it
   too, when that similarity reaches `link_threshold` (above chance, see docs/alignment.md) and comes within
   `link_ratio` of the best similarity the counterpart has with anything. One provision gets at most
   `max_links` links.

Structure:
- A heading with fewer than MIN_SUBJECT subject words of its own ("Part V", "1 Overall objectives") is not
  linked on its own: it is aligned through its children (sections.py summarises it).
- An item and its own bullets never compete: when both link to the same counterpart, that is one link of the
  family (a B paragraph linked to item 7 and to its bullet 7.b1 is not "merged"); `family_degree` counts so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dashboard.analysis.diff.tfidf import linear_sum_assignment

MIN_SUBJECT = 4  # subject words below which a heading with children has no subject of its own


@dataclass(frozen=True)
class Structure:
    """The hierarchy of one document's aligned provisions, by position: parent index (or -1), block index (the
    top-level ancestor) and whether the provision is a bare heading aligned through its children."""

    parent: tuple[int, ...]
    block: tuple[int, ...]
    bare: tuple[bool, ...]

    @property
    def heads(self) -> frozenset[int]:
        """Return the provisions with children (items over bullets, parts over items)."""
        return frozenset(p for p in self.parent if p >= 0)

    @classmethod
    def flat(cls, n: int) -> Structure:
        return cls(tuple([-1] * n), tuple(range(n)), tuple([False] * n))

    def lineage(self, i: int) -> set[int]:
        """Return i and its ancestors."""
        out = {i}
        while self.parent[i] >= 0 and self.parent[i] not in out:
            i = self.parent[i]
            out.add(i)
        return out


def structure(ids: Sequence[str], parents: Sequence[str | None], subject_counts: Sequence[int]) -> Structure:
    """Return the Structure of provisions `ids` in document order, from their parent ids and subject word
    counts (a parent outside `ids`, e.g. framing not aligned, counts as none)."""
    at = {pid: k for k, pid in enumerate(ids)}
    parent = [at.get(p, -1) if isinstance(p, str) else -1 for p in parents]
    has_children = {p for p in parent if p >= 0}
    block: list[int] = []
    for k in range(len(ids)):
        top, seen = k, {k}
        while parent[top] >= 0 and parent[top] not in seen:
            top = parent[top]
            seen.add(top)
        block.append(top)
    bare = [k in has_children and subject_counts[k] < MIN_SUBJECT for k in range(len(ids))]
    return Structure(tuple(parent), tuple(block), tuple(bare))


def with_context(
    similarity: np.ndarray, block_similarity: np.ndarray, sa: Structure, sb: Structure, weight: float
) -> np.ndarray:
    """Return `similarity` raised by the similarity of the two provisions' blocks, where words are shared."""
    if weight <= 0 or similarity.size == 0:
        return similarity
    ctx = block_similarity[np.ix_(list(sa.block), list(sb.block))]
    raised = similarity + weight * ctx * (1.0 - similarity)
    # a provision alone in its block has no context beyond itself: only pairs where a block adds text are raised
    size_a, size_b = Counter(sa.block), Counter(sb.block)
    grouped_a = np.array([size_a[top] > 1 for top in sa.block])
    grouped_b = np.array([size_b[top] > 1 for top in sb.block])
    informative = grouped_a[:, None] | grouped_b[None, :]
    return np.where((similarity > 0) & informative, np.clip(raised, 0.0, 1.0), similarity)


def choose_links(
    similarity: np.ndarray,
    sa: Structure,
    sb: Structure,
    *,
    threshold: float,
    link_threshold: float,
    link_ratio: float,
    max_links: int,
    mutual_threshold: float | None = None,
    blocked_rows: frozenset[int] = frozenset(),
    blocked_cols: frozenset[int] = frozenset(),
    apart: Sequence[tuple[int, int]] = (),
) -> list[tuple[int, int]]:
    """Return the engine's links (i, j), sorted. Blocked rows and columns (placed by a reader or a curated
    entry, or bare headings) get none; pairs in `apart` are never linked."""
    n, m = similarity.shape
    if n == 0 or m == 0:
        return []
    sim = similarity.copy()
    rows_out = sorted(set(blocked_rows) | {i for i in range(n) if sa.bare[i]})
    cols_out = sorted(set(blocked_cols) | {j for j in range(m) if sb.bare[j]})
    sim[rows_out, :] = -1.0
    sim[:, cols_out] = -1.0
    for i, j in apart:
        sim[i, j] = -1.0
    weights = np.where(sim >= threshold, sim, 0.0)
    rows, cols = linear_sum_assignment(weights, maximize=True)
    links = {(int(i), int(j)) for i, j in zip(rows, cols, strict=True) if sim[i, j] >= threshold}
    best_of_col = sim.max(axis=0)
    best_of_row = sim.max(axis=1)
    if mutual_threshold is not None:  # each other's best match: evidence beyond the score itself
        taken_rows, taken_cols = {i for i, _ in links}, {j for _, j in links}
        for i in range(n):
            j = int(np.argmax(sim[i]))
            if (
                sim[i, j] >= mutual_threshold
                and int(np.argmax(sim[:, j])) == i
                and i not in taken_rows
                and j not in taken_cols
            ):
                links.add((i, j))
    degree_a: dict[int, int] = {}
    degree_b: dict[int, int] = {}
    for i, j in links:
        degree_a[i] = degree_a.get(i, 0) + 1
        degree_b[j] = degree_b.get(j, 0) + 1
    # further links, strongest first: each side's best counterpart, when it is near that counterpart's best
    extra: list[tuple[float, int, int]] = []
    for i in range(n):
        j = int(np.argmax(sim[i]))
        if sim[i, j] >= link_threshold and sim[i, j] >= link_ratio * best_of_col[j]:
            extra.append((float(sim[i, j]), i, j))
    for j in range(m):
        i = int(np.argmax(sim[:, j]))
        if sim[i, j] >= link_threshold and sim[i, j] >= link_ratio * best_of_row[i]:
            extra.append((float(sim[i, j]), i, j))
    for _, i, j in sorted(extra, key=lambda e: (-e[0], e[1], e[2])):
        if (i, j) in links or degree_a.get(i, 0) >= max_links or degree_b.get(j, 0) >= max_links:
            continue
        links.add((i, j))
        degree_a[i] = degree_a.get(i, 0) + 1
        degree_b[j] = degree_b.get(j, 0) + 1
    return sorted(links)


def family_degree(
    links: Sequence[tuple[int, int]], sa: Structure, sb: Structure
) -> tuple[dict[int, int], dict[int, int]]:
    """Return, per A row and per B column, how many counterparts it links to, an item and its own bullets
    counting as one (they never compete: a B paragraph covering item 7 and its bullet 7.b1 is not merged)."""
    by_a: dict[int, set[int]] = {}
    by_b: dict[int, set[int]] = {}
    for i, j in links:
        by_a.setdefault(i, set()).add(j)
        by_b.setdefault(j, set()).add(i)

    def families(members: set[int], s: Structure) -> int:
        # members whose ancestor is also a member fold into it
        return sum(1 for k in members if not (s.lineage(k) - {k}) & members)

    return (
        {i: families(js, sb) for i, js in by_a.items()},
        {j: families(is_, sa) for j, is_ in by_b.items()},
    )
