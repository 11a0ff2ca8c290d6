"""Does a pivot (third-document) similarity help the link model? Measured before changing the engine (issue 13).

Run: .venv/bin/python bench/bench_pivot.py [--data data]
Half the gold pairs share almost no subject words; the five seed documents restate one another, so a and b may
each share words with the same provision z of a third document. Two definitions, fixed before measuring, each
tried as one 19th feature of the link model (never both):
- `pivot`: for a candidate (a in A, b in B), the maximum over every other held document C (neither A nor B) and
  every provision z of C the engine can link (own text, not a bare heading) of min(S(a, z), S(z, b)), where S is
  the engine's combined similarity (align.py with block context, as `candidates` computes it without a model);
- `pivot vectors`: the same with the word-vector soft score (vectors.py) as S.
Both come from the documents' texts alone. For each variant and the shipped 18 features, in the same run and
with the existing machinery (fitting.py's training rows and leave-one-document-pair-out models, evaluate.py's
scores, reader.py's simulated reader): per gold set the cross-validated link precision and recall at bars 0.25,
0.3 and 0.35, the pooled cross-validated average precision of the pairwise model, and the simulated reader's
clicks in sample (a model fitted on all three sets) and cross-validated, with the most per comparison; then each
new signal alone as a ranking of the judged candidates (average precision, and how many gold pairs it puts above
the 0.9 quantile of the non-pairs), over all of them and within the vocabulary gap.
The held-out fourth gold set is never read. No asserts.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from link_variants import print_figures  # noqa: E402

from dashboard.analysis.diff import candidates as _candidates  # noqa: E402
from dashboard.analysis.diff import compare as _compare  # noqa: E402
from dashboard.analysis.diff import features as _features  # noqa: E402
from dashboard.analysis.diff import fitting as _fitting  # noqa: E402
from dashboard.analysis.diff import linkmodel as _linkmodel  # noqa: E402
from dashboard.analysis.diff import memo as _memo  # noqa: E402
from dashboard.analysis.diff.align import AlignSettings  # noqa: E402
from dashboard.analysis.diff.evaluate import load_gold  # noqa: E402
from dashboard.analysis.diff.fitting import cross_validate, fit_model, training_rows  # noqa: E402
from dashboard.analysis.diff.report import GOLD_SETS  # noqa: E402
from dashboard.analysis.diff.rows import subject_text  # noqa: E402
from dashboard.dataset.load import get_dataset  # noqa: E402

Key = tuple[tuple[str, ...], tuple[str, ...]]  # the subject texts of A's and B's provisions


def pair_signals(source: Any, x: str, y: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the combined similarity and the word-vector score of documents x × y, and which of y's provisions
    the engine can link (own text, not a bare heading)."""
    provisions = source.table("provisions")
    rows_x = _compare.records(provisions[provisions["document_id"] == x])
    rows_y = _compare.records(provisions[provisions["document_id"] == y])
    themes_of = _compare.themes_by_provision(_compare.optional_table(source, "provision_themes"))
    entities_of = _compare.entities_by_provision(_compare.optional_table(source, "mentions"))
    cands = _candidates.candidates(
        rows_x, rows_y, themes_of, entities_of, AlignSettings(model=None), with_features=True
    )
    assert cands.meaning is not None  # every seed document is in English and the vectors ship
    ok_y = np.array(_compare.aligned_flags(rows_y, "own")) & ~np.array(cands.sb.bare, dtype=bool)
    return np.array(cands.similarity), np.array(cands.meaning), ok_y


def through(s_ac: np.ndarray, s_cb: np.ndarray) -> np.ndarray:
    """Return max over z of min(s_ac[a, z], s_cb[z, b]) for every (a, b)."""
    if s_ac.shape[1] == 0:
        return np.zeros((s_ac.shape[0], s_cb.shape[1]))
    return np.minimum(s_ac[:, :, None], s_cb[None, :, :]).max(axis=1)


def pivots(source: Any) -> dict[str, dict[Key, np.ndarray]]:
    """Return both pivot matrices of every ordered pair of held documents, keyed by their subject texts."""
    held = sorted(source.held_documents()["id"])
    provisions = source.table("provisions")
    texts = {
        d: tuple(subject_text(r) for r in _compare.records(provisions[provisions["document_id"] == d])) for d in held
    }
    signals = {(x, y): pair_signals(source, x, y) for x in held for y in held if x != y}
    out: dict[str, dict[Key, np.ndarray]] = {"pivot": {}, "pivot vectors": {}}
    for a in held:
        for b in held:
            if a == b:
                continue
            for name, k in (("pivot", 0), ("pivot vectors", 1)):
                value = np.zeros((len(texts[a]), len(texts[b])))
                for c in held:
                    if c in (a, b):
                        continue
                    ok_c = signals[(a, c)][2]
                    value = np.maximum(value, through(signals[(a, c)][k][:, ok_c], signals[(c, b)][k][ok_c, :]))
                out[name][(texts[a], texts[b])] = value
    return out


@contextmanager
def extra_feature(name: str | None, table: dict[Key, np.ndarray]) -> Iterator[None]:
    """Run the engine with one more feature (`name`, its matrix looked up by the two documents' texts)."""
    saved = (_linkmodel.FEATURES, _features.feature_matrices)
    if name is None:
        yield
        return
    names = (*saved[0], name)
    original = saved[1]

    def matrices(texts_a: Sequence[str], texts_b: Sequence[str], *args: Any, **kwargs: Any) -> list[np.ndarray]:
        out = original(texts_a, texts_b, *args, **kwargs)
        return out if len(out) == len(names) else [*out, table[(tuple(texts_a), tuple(texts_b))]]

    for module in (_linkmodel, _features, _fitting, _candidates):
        setattr(module, "FEATURES", names)
    _candidates.feature_matrices = matrices  # pyright: ignore[reportAttributeAccessIssue]
    _memo._MEMO.clear()  # pyright: ignore[reportPrivateUsage]
    try:
        yield
    finally:
        for module in (_linkmodel, _features, _fitting, _candidates):
            setattr(module, "FEATURES", saved[0])
        _candidates.feature_matrices = original  # pyright: ignore[reportAttributeAccessIssue]
        _memo._MEMO.clear()  # pyright: ignore[reportPrivateUsage]


def pooled_ap(source: Any, sets: Any) -> float:
    """Return the average precision of the pairwise model over every judged candidate, each scored by the model
    fitted without its document pair."""
    from sklearn.metrics import average_precision_score  # pyright: ignore[reportMissingTypeStubs]

    x, y, groups = training_rows(source, sets)
    g = np.array(groups)
    p = np.zeros(len(y))
    for held in sorted(set(groups)):
        model = _linkmodel.fit(x[g != held], y[g != held], bar=_fitting.DEFAULT_BAR, c=_fitting.DEFAULT_C, version="cv")
        p[g == held] = model.probability([x[g == held][:, k] for k in range(x.shape[1])])
    return float(average_precision_score(y, p))


def alone(source: Any, sets: Any, names: Sequence[str]) -> None:
    """Print the average precision of single features as rankings of the judged candidates, over all of them and
    over the vocabulary gap's (a subject-stem cosine below chance's median, 0.118, as errors.py classes a miss)."""
    from sklearn.metrics import average_precision_score  # pyright: ignore[reportMissingTypeStubs]

    x, y, _ = training_rows(source, sets)
    gap = x[:, _linkmodel.FEATURES.index("lexical")] < 0.118
    print(
        f"   judged candidates {len(y)} ({int(y.sum())} gold pairs); with a vocabulary gap {int(gap.sum())} "
        f"({int(y[gap].sum())} gold pairs)"
    )
    for name in names:
        k = _linkmodel.FEATURES.index(name)
        above = [
            f"{int((x[m & (y == 1), k] > np.quantile(x[m & (y == 0), k], 0.9)).sum())}/{int(y[m].sum())}"
            for m in (np.ones(len(y), dtype=bool), gap)
        ]
        print(
            f"   {name} alone ranks them with average precision {average_precision_score(y, x[:, k]):.3f}, "
            f"{average_precision_score(y[gap], x[gap, k]):.3f} within the vocabulary gap; gold pairs above the "
            f"non-pairs' 0.9 quantile {above[0]}, within the gap {above[1]}"
        )


def measure(source: Any, sets: Any, label: str) -> None:
    """Print one variant's figures."""
    ap = pooled_ap(source, sets)
    insample = fit_model(source, sets)
    folds = cross_validate(source, sets)
    print(f"== {label}: {len(_linkmodel.FEATURES)} features; pooled cross-validated AP {ap:.3f}", flush=True)
    print_figures(source, sets, insample, folds, classes=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", default="data")
    parser.add_argument("--only", choices=("shipped", "pivot", "pivot vectors"), default=None)
    args = parser.parse_args()
    source = get_dataset(args.data)
    sets = [(p.name, load_gold(p)) for p in GOLD_SETS if p.exists()]
    table = pivots(source)
    for name in (None, "pivot", "pivot vectors"):
        if args.only is not None and (name or "shipped") != args.only:
            continue
        with extra_feature(name, table.get(name or "", {})):
            measure(source, sets, name or "shipped (18 features)")
            alone(source, sets, ("similarity", "vectors") if name is None else (name,))


if __name__ == "__main__":
    main()
