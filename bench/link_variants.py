"""Shared by the benches that measure a variant of the link model against the shipped one (bench_pivot.py,
bench_unlabelled.py): a comparison run with a given model, and the figures printed for a variant as
`eval-alignment` computes them (cross-validated precision and recall per gold set at each bar, the errors by
kind, the simulated reader's clicks in sample and cross-validated)."""

from __future__ import annotations

import statistics
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard.analysis.diff import compare as _compare  # noqa: E402
from dashboard.analysis.diff import fitting as _fitting  # noqa: E402
from dashboard.analysis.diff import linkmodel as _linkmodel  # noqa: E402
from dashboard.analysis.diff.align import AlignSettings  # noqa: E402
from dashboard.analysis.diff.errors import error_classes, format_classes  # noqa: E402
from dashboard.analysis.diff.evaluate import score_alignment  # noqa: E402
from dashboard.analysis.diff.fitting import group, with_bar  # noqa: E402
from dashboard.analysis.diff.linkmodel import LinkModel  # noqa: E402
from dashboard.analysis.diff.reader import simulate_reader  # noqa: E402

BARS = (0.25, 0.3, 0.35)


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
