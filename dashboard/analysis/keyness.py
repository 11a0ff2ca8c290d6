"""Keyness: which terms are distinctive of one text collection against another (Dunning's log-likelihood G²)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class KeyTerm:
    """A term, its log-likelihood score and its counts in A and B."""

    term: str
    score: float
    count_a: int
    count_b: int


def log_likelihood(count_a: int, count_b: int, total_a: int, total_b: int) -> float:
    """Return Dunning's G² for a term seen `count_a` times in A (of `total_a`) and `count_b` in B (of `total_b`)."""
    expected_a = total_a * (count_a + count_b) / (total_a + total_b)
    expected_b = total_b * (count_a + count_b) / (total_a + total_b)
    g2 = 0.0
    for observed, expected in ((count_a, expected_a), (count_b, expected_b)):
        if observed:
            g2 += observed * math.log(observed / expected)
    return 2.0 * g2


def keyness(counts_a: Counter[str], counts_b: Counter[str], *, top: int = 20, min_count: int = 2,
            ) -> tuple[list[KeyTerm], list[KeyTerm]]:
    """Return the terms distinctive of A and of B, strongest first.

    A term is distinctive of A when its relative frequency is higher in A and G² is positive; terms seen fewer
    than `min_count` times in both collections together are ignored (noise on small texts). Ties are broken by
    term so the result is deterministic.
    """
    total_a, total_b = sum(counts_a.values()), sum(counts_b.values())
    if not total_a or not total_b:
        return [], []
    key_a: list[KeyTerm] = []
    key_b: list[KeyTerm] = []
    for term in set(counts_a) | set(counts_b):
        a, b = counts_a.get(term, 0), counts_b.get(term, 0)
        if a + b < min_count:
            continue
        score = round(log_likelihood(a, b, total_a, total_b), 4)
        if score <= 0:
            continue
        (key_a if a / total_a > b / total_b else key_b).append(KeyTerm(term, score, a, b))
    order = lambda k: (-k.score, k.term)  # noqa: E731
    return sorted(key_a, key=order)[:top], sorted(key_b, key=order)[:top]
