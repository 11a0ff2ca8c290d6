"""`policy-timeline eval-alignment`: every figure of the alignment against the gold sets, in one report.

For each gold set: the engine alone (the shipped link model), with the package's curated links, cross-validated
(each document pair linked by a model fitted without it, fitting.py), and a simulated reader correcting the
engine with the page's offered links (reader.py). Also the first set's bar curve (the model's probability bar),
the chance similarity of word-shuffled text, the first two annotators' agreement, and the ceiling: what an
engine that knew every label could reach on all the sets at once (ceiling.py). The gold sets ship with the
package (GOLD_DIR) so an installed copy can measure itself.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from dashboard.analysis.diff.align import AlignSettings, lexical_similarity
from dashboard.analysis.diff.ceiling import ceiling, format_ceiling
from dashboard.analysis.diff.compare import compare_documents, records
from dashboard.analysis.diff.errors import error_classes, format_classes
from dashboard.analysis.diff.evaluate import Differ, GoldEntry, annotator_agreement, load_gold, score_alignment
from dashboard.analysis.diff.fitting import cross_validate, group
from dashboard.analysis.diff.linkmodel import LinkModel
from dashboard.analysis.diff.reader import PinnedDiffer, simulate_reader
from dashboard.analysis.diff.result import Comparison
from dashboard.analysis.diff.rows import subject_text

GOLD_DIR = Path(__file__).with_name("gold")
GOLD_SETS = tuple(GOLD_DIR / f"{name}.yml" for name in ("alignment_expected", "alignment_annotator2",
                                                        "alignment_annotator3"))
BARS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)


def evaluate_alignment(dataset: Any, paths: Sequence[Path], *, cross_validated: bool = True) -> dict[str, Any]:
    """Return the report of every figure on the gold sets at `paths` (the first is the reference set, the second
    its agreement partner; a missing path is skipped)."""
    paths = [p for p in paths if p.exists()]
    sets = [(p.name, load_gold(p)) for p in paths]
    provisions = dataset.provisions
    engine: Differ = lambda a, b: compare_documents(dataset, a, b, use_curated=False)  # noqa: E731
    curated: Differ = lambda a, b: compare_documents(dataset, a, b)  # noqa: E731
    pinned: PinnedDiffer = lambda a, b, pins: compare_documents(dataset, a, b, pins=pins, use_curated=False)  # noqa: E731
    name, gold = sets[0]
    report = score_alignment(gold, provisions, engine, name)
    model = AlignSettings().model
    if model is not None:
        report["threshold_curve"] = threshold_curve(
            gold, provisions,
            lambda t: lambda a, b: compare_documents(
                dataset, a, b, AlignSettings(model=replace(model, bar=t)), use_curated=False
            ),
            BARS,
        )
    held = provisions[provisions["document_id"].isin(set(dataset.held_documents()["id"]))]
    report["chance"] = chance_similarity(held)
    if len(sets) > 1:
        report["agreement"] = annotator_agreement(gold, sets[1][1], provisions)
        report["agreement_of"] = [sets[0][0], sets[1][0]]
    report["ceiling"] = ceiling(sets, provisions)
    folds = cross_validate(dataset, sets) if cross_validated and model is not None else None
    report["model"] = model.version if model is not None else None
    set_rows: list[dict[str, Any]] = []
    report["sets"] = set_rows
    for file, entries in sets:
        row = {
            "file": file,
            "engine": score_alignment(entries, provisions, engine, file),
            "curated": score_alignment(entries, provisions, curated, file),
            "reader": simulate_reader(entries, provisions, pinned, file),
        }
        if folds is not None:
            row["cross_validated"] = score_alignment(entries, provisions, _fold_differ(dataset, folds), file)
            row["cross_validated_errors"] = error_classes(entries, provisions, _fold_differ(dataset, folds), file)
        set_rows.append(row)
    return report


def _fold_differ(dataset: Any, folds: dict[str, LinkModel]) -> Differ:
    def differ(a: str, b: str) -> Comparison:
        return compare_documents(dataset, a, b, AlignSettings(model=folds[group(a, b)]), use_curated=False)

    return differ


def format_evaluation(report: dict[str, Any]) -> str:
    """Return the lines `policy-timeline eval-alignment` prints."""
    from dashboard.analysis.diff.evaluate import format_agreement
    from dashboard.analysis.diff.reader import format_reader

    lines = [format_report(report)]
    if report.get("agreement"):
        lines.append(format_agreement(report["agreement"], *report["agreement_of"]))
    lines.extend(format_ceiling(report["ceiling"]))
    for row in report["sets"]:
        lines.append(format_set(row["file"], "engine alone", row["engine"]))
        lines.append(format_set(row["file"], "with curated links", row["curated"]))
        if row.get("cross_validated"):
            lines.append(format_set(row["file"], "cross-validated (leave one document pair out)",
                                    row["cross_validated"]))
            lines.append(f"{row['file']}, cross-validated, by kind: {format_classes(row['cross_validated_errors'])}")
        lines.append(f"{row['file']}, correcting by hand: {format_reader(row['reader'])}")
    return "\n".join(lines)


def format_report(report: dict[str, Any]) -> str:
    """Return the report as the lines `policy-timeline eval-alignment` prints."""
    lines = [f"{'A':<16} {'B':<16} {'pairs':>9} {'only-in':>9} {'accuracy':>9} {'precision':>9} {'recall':>7}"]
    for row in report["per_pair"]:
        lines.append(
            f"{row['a_doc']:<16} {row['b_doc']:<16} {row['pairs_found']:>4}/{row['pairs']:<4} "
            f"{row['only_found']:>4}/{row['only']:<4} {row['accuracy']:>9.3f} {row['pair_precision']:>9.3f} "
            f"{row['pair_recall']:>7.3f}"
        )
    lines.append(
        f"{'all':<33} {report['pairs_found']:>4}/{report['pairs']:<4} {report['only_found']:>4}/"
        f"{report['only']:<4} {report['accuracy']:>9.3f} {report['pair_precision']:>9.3f} "
        f"{report['pair_recall']:>7.3f}"
    )
    lines.append(
        f"pairing accuracy {report['accuracy']:.3f} (link precision {report['pair_precision']:.3f}, "
        f"recall {report['pair_recall']:.3f}) on {report['pairs']} gold pairs and {report['only']} "
        f"only-in lines"
    )
    lines.append(
        f"counterpart paired or offered beside one of the two provisions: {report['pairs_offered']}/"
        f"{report['pairs']} gold pairs ({report['offered']:.3f})"
    )
    if report.get("threshold_curve"):
        lines.append(
            "threshold sensitivity (the link model's probability bar), first set (accuracy/precision/recall): "
            + ", ".join(
                f"{row['threshold']:.2f}: {row['accuracy']:.2f}/{row['pair_precision']:.2f}/{row['pair_recall']:.2f}"
                for row in report["threshold_curve"]
            )
        )
    if report.get("chance"):
        lines.append(
            "chance best-match similarity against word-shuffled text: "
            + ", ".join(f"{k} {v:.3f}" for k, v in report["chance"].items())
        )
    return "\n".join(lines)


def format_set(name: str, what: str, report: dict[str, Any]) -> str:
    """Return one gold set's link figures in one line."""
    r = report
    return (
        f"{name}, {what}: link precision {r['pair_precision']:.3f} ({r['engine_correct']}/{r['engine_pairs']} links "
        f"touching a gold line are gold pairs; consistent with the gold {r['consistent_precision']:.3f}), link "
        f"recall {r['pair_recall']:.3f} ({r['pairs_found']}/{r['pairs']}), lines left alone {r['only_found']}/"
        f"{r['only']}, accuracy {r['accuracy']:.3f}"
    )


def chance_similarity(
    provisions: pd.DataFrame,
    *,
    repeats: int = 5,
    seed: int = 0,
    quantiles: Sequence[float] = (0.5, 0.75, 0.9, 0.95),
) -> dict[str, float]:
    """Return quantiles of the best-match similarity a provision reaches against word-shuffled text.

    For every ordered pair of documents (A, B), B's words are pooled, shuffled and cut back into provisions of
    the same lengths: the same vocabulary, no subject. The best lexical similarity of each A provision against
    that text is what chance word overlap gives; a pair below its upper quantiles is no evidence of a common
    subject. The default threshold (AlignSettings.threshold) is set from the 0.9 quantile on the seed corpus,
    not from the gold set.
    """
    texts_by_doc = {
        str(doc): [subject_text(row) for row in records(rows)]
        for doc, rows in provisions.groupby("document_id")
    }
    rng = random.Random(seed)
    best: list[float] = []
    for a, b in itertools.permutations(sorted(texts_by_doc), 2):
        words = [w for text in texts_by_doc[b] for w in text.split()]
        lengths = [len(text.split()) for text in texts_by_doc[b]]
        for _ in range(repeats):
            rng.shuffle(words)
            cuts = np.cumsum([0, *lengths])
            shuffled = [" ".join(words[cuts[k] : cuts[k + 1]]) for k in range(len(lengths))]
            sim = lexical_similarity(texts_by_doc[a], shuffled)
            if sim.size:
                best.extend(sim.max(axis=1).tolist())
    if not best:
        return {}
    return {f"q{round(q * 100)}": round(float(np.quantile(best, q)), 4) for q in quantiles}


def threshold_curve(
    gold: Sequence[GoldEntry],
    provisions: pd.DataFrame,
    differ_at: Callable[[float], Differ],
    thresholds: Sequence[float],
) -> list[dict[str, float]]:
    """Return accuracy, precision and recall at each threshold (to show the choice was not a lucky peak)."""
    out: list[dict[str, float]] = []
    for threshold in thresholds:
        report = score_alignment(gold, provisions, differ_at(threshold))
        out.append(
            {
                "threshold": threshold,
                "accuracy": report["accuracy"],
                "pair_precision": report["pair_precision"],
                "pair_recall": report["pair_recall"],
            }
        )
    return out


