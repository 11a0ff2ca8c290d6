"""Shared by the benches that measure a variant of the link model against the shipped one (bench_pivot.py,
bench_unlabelled.py, bench_scope.py): a comparison run with a given model, the engine run with extra features, the
pooled cross-validated average precision, and the figures printed for a variant as `eval-alignment` computes
them (cross-validated precision and recall per gold set at each bar, the errors by kind, the simulated reader's
clicks in sample and cross-validated)."""

from __future__ import annotations

import statistics
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard.analysis.diff import candidates as _candidates  # noqa: E402
from dashboard.analysis.diff import compare as _compare  # noqa: E402
from dashboard.analysis.diff import features as _features  # noqa: E402
from dashboard.analysis.diff import fitting as _fitting  # noqa: E402
from dashboard.analysis.diff import linkmodel as _linkmodel  # noqa: E402
from dashboard.analysis.diff import memo as _memo  # noqa: E402
from dashboard.analysis.diff.align import AlignSettings  # noqa: E402
from dashboard.analysis.diff.errors import error_classes, format_classes  # noqa: E402
from dashboard.analysis.diff.evaluate import score_alignment  # noqa: E402
from dashboard.analysis.diff.fitting import cross_validate, fit_model, group, training_rows, with_bar  # noqa: E402
from dashboard.analysis.diff.linkmodel import LinkModel  # noqa: E402
from dashboard.analysis.diff.reader import simulate_reader  # noqa: E402

BARS = (0.25, 0.3, 0.35)
Key = tuple[tuple[str, ...], tuple[str, ...]]  # the subject texts of A's and B's provisions


@contextmanager
def extra_features(tables: Mapping[str, Mapping[Key, np.ndarray]]) -> Iterator[None]:
    """Run the engine with more features: one per entry of `tables`, in its order, named by its key, each matrix
    looked up by the two documents' subject texts. With no entry, the shipped features."""
    saved = (_linkmodel.FEATURES, _features.feature_matrices)
    if not tables:
        yield
        return
    names = (*saved[0], *tables)
    original = saved[1]

    def matrices(texts_a: Sequence[str], texts_b: Sequence[str], *args: Any, **kwargs: Any) -> list[np.ndarray]:
        out = original(texts_a, texts_b, *args, **kwargs)
        key = (tuple(texts_a), tuple(texts_b))
        return out if len(out) == len(names) else [*out, *(table[key] for table in tables.values())]

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


def differ(source: Any, model_of: Callable[[str, str], LinkModel]) -> Callable[..., Any]:
    """Return a comparison of two documents by the model `model_of(a, b)` gives, without curated links."""

    def run(a: str, b: str, pins: Sequence[str] = ()) -> Any:
        return _compare.compare_documents(
            source, a, b, AlignSettings(model=model_of(a, b)), pins=pins, use_curated=False
        )

    return run


def clicks(report: dict[str, Any]) -> str:
    """Return the simulated reader's accuracy and clicks, with the most in one comparison and the median."""
    per = [(int(r["clicks"]), f"{r['a_doc']} x {r['b_doc']}") for r in report["per_pair"]]
    worst = max(per)
    return (
        f"{report['accuracy']:.3f} in {report['clicks']} (at most {worst[0]}, {worst[1]}; median "
        f"{statistics.median(c for c, _ in per):g})"
    )


def print_figures(source: Any, sets: Any, insample: LinkModel, folds: dict[str, LinkModel], classes: bool) -> None:
    """Print a variant's figures: how its refit compares with linkmodel.json, precision (strict and consistent)
    and recall per set at each of BARS cross-validated, the errors by kind (`classes`) and the reader's clicks."""
    provisions = source.table("provisions")
    shipped = _linkmodel.shipped()
    if shipped is not None and shipped.features == insample.features:
        gap = float(np.max(np.abs(np.array(shipped.coef) - np.array(insample.coef))))
        print(f"   refit on all three sets against linkmodel.json: coefficients differ by at most {gap:.1e}")
    else:
        print(f"   in sample, the standardised coefficient of {insample.features[-1]}: {insample.coef[-1]:+.3f}")
    for bar in BARS:
        fold_bar = with_bar(folds, bar)
        cells, found, correct, consistent, links, pairs = [], 0, 0, 0, 0, 0
        for file, entries in sets:
            r = score_alignment(entries, provisions, differ(source, lambda a, b: fold_bar[group(a, b)]), file)
            cells.append(f"{r['pair_precision']:.3f}/{r['consistent_precision']:.3f}/{r['pair_recall']:.3f}")
            found, pairs = found + r["pairs_found"], pairs + r["pairs"]
            correct, links = correct + r["engine_correct"], links + r["engine_pairs"]
            consistent += r["engine_consistent"]
        print(
            f"   cross-validated, bar {bar}: P strict/consistent/R sets 1-3 {', '.join(cells)}; pooled P "
            f"{correct / links:.3f}/{consistent / links:.3f} R {found / pairs:.3f}",
            flush=True,
        )
    for file, entries in sets if classes else ():
        found_classes = error_classes(entries, provisions, differ(source, lambda a, b: folds[group(a, b)]), file)
        print(f"   {file}, cross-validated at bar {_fitting.DEFAULT_BAR}: {format_classes(found_classes)}", flush=True)
    for file, entries in sets:
        ins = simulate_reader(entries, provisions, differ(source, lambda a, b: insample), file)
        cv = simulate_reader(entries, provisions, differ(source, lambda a, b: folds[group(a, b)]), file)
        print(f"   reader {file}: in sample {clicks(ins)}; cross-validated {clicks(cv)}", flush=True)


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
