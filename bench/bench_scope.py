"""Does knowing that a document is a summary help the link model? Measured before changing the engine (issue 13).

Run: .venv/bin/python bench/bench_scope.py [--data data] [--only shipped|scope best|scope best + summary pair]
A seed whose sidecar says `coverage: summary` (59-NQ/TW, an infographic; 22-NQ/TW, a news report) holds a few
one-line statements of whole fields ("04 Intensify international integration in science, technology and
innovation"), not the provisions themselves. A reader links a provision of the other document to the field it
falls under: the third gold set's cross-validated misses are half such links, and most of them are the
provision's best match in the summary, kept under the bar by a low probability. Two variants, fixed before
measuring, each from the documents' texts and their declared coverage alone:
- `scope best`, one 19th feature: 1 for a candidate (a, b) when one of the two documents is a summary and the
  candidate is the best match of the other document's provision among the summary's provisions the engine can
  link (own text, not a bare heading), by the engine's combined similarity (align.py with block context, as
  `candidates` computes it without a model) and above 0; when both are summaries, the best of either; else 0;
- `scope best + summary pair`: that and a 20th, 1 for every candidate of a document pair with a summary in it.
For the shipped 18 features and each variant, in the same run, with the existing machinery (link_variants.py):
the pooled cross-validated average precision, the cross-validated link precision (strict and consistent) and
recall per gold set at bars 0.25, 0.3 and 0.35, and the simulated reader's clicks in sample and cross-validated.
The rule, fixed before measuring: a variant is kept only if, cross-validated at bar 0.3, recall rises by at least
0.03 on two sets and falls on none, consistent precision falls by no more than 0.02 on any set, pooled strict
precision by no more than 0.03, pooled average precision by no more than 0.005, and no set's worst comparison
needs more clicks. Strict precision per set is printed but not a criterion alone: the ceiling (eval-alignment)
shows the one-to-one sets count a many-to-many set's links wrong whatever the engine does.
The held-out fourth gold set is never read. No asserts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pivot import pair_signals  # noqa: E402
from link_variants import Key, extra_features, measure  # noqa: E402

from dashboard.analysis.diff import compare as _compare  # noqa: E402
from dashboard.analysis.diff.evaluate import load_gold  # noqa: E402
from dashboard.analysis.diff.report import GOLD_SETS  # noqa: E402
from dashboard.analysis.diff.rows import subject_text  # noqa: E402
from dashboard.dataset.load import get_dataset  # noqa: E402

VARIANTS = {"shipped": (), "scope best": ("scope best",), "scope best + summary pair": ("scope best", "summary pair")}


def best_of(similarity: np.ndarray, ok: np.ndarray) -> np.ndarray:
    """Return 1 where a column (among the `ok` ones) is its row's best match above 0, else 0."""
    out = np.zeros(similarity.shape)
    if not ok.any():
        return out
    masked = np.where(ok[None, :], similarity, -1.0)
    best = masked.argmax(axis=1)
    rows = np.arange(similarity.shape[0])
    hit = masked[rows, best] > 0
    out[rows[hit], best[hit]] = 1.0
    return out


def scope_tables(source: Any) -> dict[str, dict[Key, np.ndarray]]:
    """Return both features' matrices for every ordered pair of held documents, keyed by their subject texts."""
    documents = source.table("documents")
    summary = {str(d): str(c) == "summary" for d, c in zip(documents["id"], documents["coverage"], strict=True)}
    held = sorted(source.held_documents()["id"])
    provisions = source.table("provisions")
    texts = {
        d: tuple(subject_text(r) for r in _compare.records(provisions[provisions["document_id"] == d])) for d in held
    }
    out: dict[str, dict[Key, np.ndarray]] = {"scope best": {}, "summary pair": {}}
    signals = {(x, y): pair_signals(source, x, y) for x in held for y in held if x != y}
    for a in held:
        for b in held:
            if a == b:
                continue
            sim, _, ok_b = signals[(a, b)]
            ok_a = signals[(b, a)][2]  # which of A's provisions the engine can link
            feature = np.zeros(sim.shape)
            if summary[b]:  # each provision of A: its best field in B
                feature = np.maximum(feature, best_of(sim, ok_b))
            if summary[a]:  # each provision of B: its best field in A
                feature = np.maximum(feature, best_of(sim.T, ok_a).T)
            key = (texts[a], texts[b])
            out["scope best"][key] = feature
            out["summary pair"][key] = np.full(sim.shape, float(summary[a] or summary[b]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", default="data")
    parser.add_argument("--only", choices=tuple(VARIANTS), default=None)
    args = parser.parse_args()
    source = get_dataset(args.data)
    sets = [(p.name, load_gold(p)) for p in GOLD_SETS if p.exists()]
    tables = scope_tables(source)
    for label, names in VARIANTS.items():
        if args.only is not None and label != args.only:
            continue
        with extra_features({name: tables[name] for name in names}):
            measure(source, sets, label)


if __name__ == "__main__":
    main()
