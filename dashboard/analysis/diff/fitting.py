"""Fit the link model (linkmodel.py) on gold sets, and measure it out of sample.

Training rows: for each document pair of each gold set, every candidate link (both provisions aligned, neither
a bare heading) that the gold set judges: 1 for a gold pair, 0 for a link touching a line the gold set scores
that is not one of its pairs (as strict precision counts it) or one of its `not_pairs`. Lines a set leaves
unscored give no row.

Cross-validation leaves one document pair out (both orders, every gold set): the model that links a pair was
fitted on the other pairs only, so the figures are not in-sample. `cross_validate` returns the fold models;
evaluate.py scores the comparisons they make exactly as it scores the shipped engine.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from dashboard.analysis.diff import compare as _compare
from dashboard.analysis.diff.align import AlignSettings
from dashboard.analysis.diff.candidates import candidates
from dashboard.analysis.diff.evaluate import GoldEntry, resolve_entry, resolve_not_pairs
from dashboard.analysis.diff.features import FEATURES
from dashboard.analysis.diff.linkmodel import LinkModel, fit

VERSION = "2"  # 2: the word-vector feature (vectors.py)
# the probability a link needs and the regularisation, read from the leave-one-document-pair-out curve of all
# three sets pooled (docs/alignment.md): bar 0.28 P 0.48 R 0.40, 0.3 P 0.51 R 0.40, 0.35 P 0.51 R 0.35 (C 0.3)
DEFAULT_BAR = 0.3
DEFAULT_C = 0.3
GoldSets = Sequence[tuple[str, list[GoldEntry]]]  # (file name, entries)
PairCandidates = tuple[list[str], list[str], np.ndarray, np.ndarray]  # ids of A and B, features, linkable


def group(a: str, b: str) -> str:
    """Return the cross-validation group of a document pair (the same whichever is A)."""
    return " × ".join(sorted((a, b)))


def _pair_candidates(source: Any, a: str, b: str) -> PairCandidates:
    """Return the ids of A and B, the features of every candidate and which candidates can be linked."""
    provisions = source.table("provisions")
    rows_a = _compare.records(provisions[provisions["document_id"] == a])
    rows_b = _compare.records(provisions[provisions["document_id"] == b])
    themes_of = _compare.themes_by_provision(_compare.optional_table(source, "provision_themes"))
    entities_of = _compare.entities_by_provision(_compare.optional_table(source, "mentions"))
    cands = candidates(rows_a, rows_b, themes_of, entities_of, AlignSettings(model=None), with_features=True)
    ok_a = np.array(_compare.aligned_flags(rows_a, "own")) & ~np.array(cands.sa.bare, dtype=bool)
    ok_b = np.array(_compare.aligned_flags(rows_b, "own")) & ~np.array(cands.sb.bare, dtype=bool)
    assert cands.features is not None
    n, m = len(rows_a), len(rows_b)
    features = np.stack(cands.features, axis=-1) if n and m else np.zeros((n, m, len(FEATURES)))
    return [r["id"] for r in rows_a], [r["id"] for r in rows_b], features, ok_a[:, None] & ok_b[None, :]


# drop(set name, gold entry, A id, B id): True leaves a candidate judged 0 out of the training rows
Drop = Callable[[str, GoldEntry, str, str], bool]


def training_rows(source: Any, sets: GoldSets, drop: Drop | None = None) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Return the features, labels and cross-validation group of every candidate link the gold sets judge (but
    the 0s `drop` names: a bench's other training convention, bench/bench_unlabelled.py)."""
    provisions = source.table("provisions")
    xs: list[np.ndarray] = []
    ys: list[int] = []
    groups: list[str] = []
    cache: dict[tuple[str, str], PairCandidates] = {}
    for name, entries in sets:
        for entry in entries:
            a, b = entry["a_doc"], entry["b_doc"]
            if (a, b) not in cache:
                cache[(a, b)] = _pair_candidates(source, a, b)
            ids_a, ids_b, features, ok = cache[(a, b)]
            pairs, only_a, only_b = resolve_entry(entry, provisions, name)
            not_pairs = resolve_not_pairs(entry, provisions, name)
            scored = {x for p in pairs for x in p} | set(only_a) | set(only_b)
            for i, x in enumerate(ids_a):
                for j, y in enumerate(ids_b):
                    if not ok[i, j]:
                        continue
                    if (x, y) in pairs:
                        label = 1
                    elif x in scored or y in scored or (x, y) in not_pairs:
                        if drop is not None and drop(name, entry, x, y):
                            continue
                        label = 0
                    else:
                        continue
                    xs.append(features[i, j])
                    ys.append(label)
                    groups.append(group(a, b))
    return (np.array(xs) if xs else np.zeros((0, len(FEATURES)))), np.array(ys), groups


def fit_model(
    source: Any, sets: GoldSets, *, bar: float = DEFAULT_BAR, c: float = DEFAULT_C, leave_out: str | None = None
) -> LinkModel:
    """Return the link model fitted on the gold sets (without document pair `leave_out`, when given)."""
    x, y, groups = training_rows(source, sets)
    keep = np.array([g != leave_out for g in groups], dtype=bool)
    names = tuple(name for name, _ in sets)
    version = VERSION if leave_out is None else f"{VERSION}-without {leave_out}"
    return fit(x[keep], y[keep], bar=bar, c=c, version=version, trained_on=names)


def cross_validate(
    source: Any, sets: GoldSets, *, bar: float = DEFAULT_BAR, c: float = DEFAULT_C
) -> dict[str, LinkModel]:
    """Return, per document pair (group), the model fitted on every other document pair."""
    x, y, groups = training_rows(source, sets)
    names = tuple(name for name, _ in sets)
    out: dict[str, LinkModel] = {}
    for held in sorted(set(groups)):
        keep = np.array([g != held for g in groups], dtype=bool)
        out[held] = fit(x[keep], y[keep], bar=bar, c=c, version=f"{VERSION}-without {held}", trained_on=names)
    return out


def with_bar(models: dict[str, LinkModel], bar: float) -> dict[str, LinkModel]:
    """Return the fold models with another probability bar."""
    return {k: replace(m, bar=bar) for k, m in models.items()}
