"""Targets and horizons against the hand-labelled seed lines of dashboard/analysis/labelled/targets_expected.yml.

Every year, period, stage, horizon and figure labelled in the seeds must be found with its kind, years, value,
unit and stage (a label without `stage` expects none); lines labelled `expect: []` (issuance dates, symbols,
ordinals, list labels, names with digits) and every unlabelled provision must yield nothing. Precision and recall
are printed per kind.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from dashboard.analysis.targets import extract_targets, targets_step
from dashboard.corpus.load import Corpus, load_corpus
from dashboard.corpus.normalise import fold
from dashboard.paths import LABELLED_DIR, SEEDS_DIR

pytestmark = pytest.mark.eval
EXPECTED = LABELLED_DIR / "targets_expected.yml"
FIELDS = ("kind", "start_year", "end_year", "value", "unit", "stage")
RECALL_BAR = 0.9
PRECISION_BAR = 0.9


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(SEEDS_DIR)


@pytest.fixture(scope="module")
def extracted(corpus: Corpus) -> dict[str, list[dict[str, Any]]]:
    by_provision: dict[str, list[dict[str, Any]]] = {}
    for row in targets_step(corpus, {})["targets"]:
        by_provision.setdefault(row["provision_id"], []).append(row)
    return by_provision


def labelled(corpus: Corpus) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]], dict[str, str]]:
    """Return expected targets per provision id, labels that match no provision, and each provision's text."""
    entries = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))
    expected: dict[str, list[dict[str, Any]]] = {}
    texts: dict[str, str] = {}
    unmatched = []
    for entry in entries:
        chrome = str(entry.get("note", "")).startswith("page chrome")
        doc = next(d for d in corpus.documents if d.meta.seed_file == entry["seed"])
        hits = [p for p in doc.provisions if fold(p.text).startswith(fold(entry["starts_with"]))]
        if not hits and not chrome:
            unmatched.append(entry)
        for p in hits:  # page chrome that became a provision must still yield nothing
            expected.setdefault(p.id, []).extend([] if chrome else entry["expect"])
            texts[p.id] = p.text
    return expected, unmatched, texts


def _spans(text: str, surface: str) -> list[tuple[int, int]]:
    key, hay = fold(surface), fold(text)
    out, at = [], hay.find(key)
    while at >= 0:
        out.append((at, at + len(key)))
        at = hay.find(key, at + 1)
    return out


def _overlaps(text: str, a: str, b: str) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in _spans(text, a) for s2, e2 in _spans(text, b))


def _same(expected: dict[str, Any], got: dict[str, Any]) -> bool:
    return all((expected.get(f) or None) == (got.get(f) or None) for f in FIELDS)


def score(corpus: Corpus, extracted: dict[str, list[dict[str, Any]]]) -> tuple[Counter, list[str]]:
    """Return (tp, fp, fn) counts per kind and one line per mistake."""
    expected, _, texts = labelled(corpus)
    counts: Counter = Counter()
    mistakes: list[str] = []
    for pid in sorted(set(expected) | set(extracted)):
        got = list(extracted.get(pid, []))
        if pid not in expected:
            for g in got:  # an unlabelled provision: the labels cover every seed line with a year or a number
                counts[(g["kind"], "fp")] += 1
                mistakes.append(f"invented on an unlabelled line: {pid} {g['surface']!r}")
            continue
        for e in expected[pid]:
            match = next((g for g in got
                          if _same(e, g) and _overlaps(texts[pid], e["surface"], g["surface"])), None)
            if match is None:
                counts[(e["kind"], "fn")] += 1
                mistakes.append(f"missed: {pid} {e['surface']!r} {[e.get(f) for f in FIELDS]}")
            else:
                got.remove(match)
                counts[(e["kind"], "tp")] += 1
        for g in got:
            counts[(g["kind"], "fp")] += 1
            mistakes.append(f"not labelled: {pid} {g['surface']!r} {[g[f] for f in FIELDS]}")
    return counts, mistakes


def _report(counts: Counter) -> dict[str, tuple[float, float]]:
    out = {}
    kinds = sorted({k for k, _ in counts})
    print(f"\n{'kind':<20}{'tp':>4}{'fp':>4}{'fn':>4}{'precision':>11}{'recall':>8}")
    for kind in [*kinds, "all"]:
        tp, fp, fn = ((counts[(kind, x)] for x in ("tp", "fp", "fn")) if kind != "all" else
                      (sum(v for (k, x), v in counts.items() if x == name) for name in ("tp", "fp", "fn")))
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        out[kind] = (precision, recall)
        print(f"{kind:<20}{tp:>4}{fp:>4}{fn:>4}{precision:>11.3f}{recall:>8.3f}")
    return out


def test_every_labelled_target_line_is_a_provision(corpus: Corpus):
    # a negative line may lie outside the body (a dateline the sidecar skips); a line with targets may not
    _, unmatched, _ = labelled(corpus)
    assert not [u["starts_with"] for u in unmatched if u["expect"]]


def test_targets_precision_and_recall_per_kind(corpus: Corpus, extracted):
    counts, mistakes = score(corpus, extracted)
    figures = _report(counts)
    for line in mistakes:
        print("  " + line)
    precision, recall = figures["all"]
    assert recall >= RECALL_BAR, mistakes
    assert precision >= PRECISION_BAR, mistakes
    for kind in ("goal", "milestone", "programme_period", "reported_indicator"):
        assert figures[kind][1] >= RECALL_BAR, (kind, mistakes)


def test_negative_lines_yield_nothing(corpus: Corpus, extracted):
    expected, _, _ = labelled(corpus)
    negatives = [pid for pid, targets in expected.items() if not targets]
    assert len(negatives) >= 40  # dates of issue, symbols, ordinals, labels, durations, page chrome
    invented = {pid: [g["surface"] for g in extracted[pid]] for pid in negatives if extracted.get(pid)}
    assert not invented


def test_no_year_is_invented_for_an_open_horizon(extracted):
    century = [g for rows in extracted.values() for g in rows if "century" in g["surface"]]
    assert century, "the seeds hold 'by the middle of the 21st century'"
    assert all(g["end_year"] is None and g["kind"] == "goal" for g in century)


UNSEEN = LABELLED_DIR / "targets_unseen.yml"
HOLDOUT = LABELLED_DIR / "targets_holdout.yml"
# sentences unlike the seeds' (months, quarters, money, figures as targets): figures to watch, not to tune to
UNSEEN_BAR = 0.85  # measured 0.67 precision, 0.55 recall when first run; 0.94 after revision
HOLDOUT_BAR = 0.7  # measured 0.82 precision, 0.74 recall when first run


def score_sentences(path: Path) -> tuple[dict[str, tuple[float, float]], list[str]]:
    """Return precision and recall per kind on a file of labelled sentences, and one line per mistake."""
    counts: Counter = Counter()
    mistakes: list[str] = []
    for i, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")), start=1):
        got = [{"surface": t.surface, "kind": t.kind, "start_year": t.start_year, "end_year": t.end_year,
                "value": t.value, "unit": t.unit, "stage": t.stage}
               for t in extract_targets(case["text"], case["issued"])]
        for e in case["expect"]:
            match = next((g for g in got
                          if _same(e, g) and _overlaps(case["text"], e["surface"], g["surface"])), None)
            if match is None:
                counts[(e["kind"], "fn")] += 1
                mistakes.append(f"missed: #{i} {e['surface']!r} {[e.get(f) for f in FIELDS]}")
            else:
                got.remove(match)
                counts[(e["kind"], "tp")] += 1
        for g in got:
            counts[(g["kind"], "fp")] += 1
            mistakes.append(f"not labelled: #{i} {g['surface']!r} {[g[f] for f in FIELDS]}")
    figures = _report(counts)
    for line in mistakes:
        print("  " + line)
    return figures, mistakes


def test_targets_on_sentences_outside_the_seeds():
    figures, mistakes = score_sentences(UNSEEN)
    precision, recall = figures["all"]
    assert precision >= UNSEEN_BAR and recall >= UNSEEN_BAR, mistakes


def test_targets_on_held_out_sentences():
    figures, mistakes = score_sentences(HOLDOUT)
    precision, recall = figures["all"]
    assert precision >= HOLDOUT_BAR and recall >= HOLDOUT_BAR, mistakes
