"""Pairing accuracy of `diff` against the hand-made gold set (tests/eval/data/alignment_expected.yml).

Prints the same report as `policy-timeline eval-alignment` and asserts the bar the engine honestly reaches.
The bar is not the design goal (0.9): see docs/notes/issue-6.md for why lexical alignment falls short on this
set and what the disagreements are.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.analysis.diff import compare_documents
from dashboard.analysis.diff.evaluate import (
    annotator_agreement,
    format_agreement,
    format_report,
    load_gold,
    score_alignment,
)
from dashboard.dataset.load import Dataset

GOLD = Path(__file__).parent / "data" / "alignment_expected.yml"
SECOND = Path(__file__).parent / "data" / "alignment_annotator2.yml"  # labelled independently, later
BAR = 0.55  # measured 0.592 on the shipped data (threshold chosen from chance similarity, not from this set)
SECOND_BAR = 0.70  # measured 0.733; the engine was not changed after this set was labelled
# share of gold pairs the engine makes or offers beside one of the two provisions ("Pair with", one click):
OFFERED_BAR = 0.75  # measured 0.828 (24 of 29)
SECOND_OFFERED_BAR = 0.85  # measured 0.95 (19 of 20)


@pytest.mark.eval
def test_pairing_accuracy_on_the_gold_set(shipped_data: Path):
    dataset = Dataset(shipped_data)
    gold = load_gold(GOLD)
    report = score_alignment(gold, dataset.provisions, lambda a, b: compare_documents(dataset, a, b))
    print()
    print(format_report(report))
    assert report["pairs"] == 29 and report["only"] == 20  # every gold line was found in the dataset
    assert report["accuracy"] >= BAR
    assert report["offered"] >= OFFERED_BAR


@pytest.mark.eval
def test_pairing_accuracy_on_the_second_annotators_set_and_the_annotators_agreement(shipped_data: Path):
    dataset = Dataset(shipped_data)
    first, second = load_gold(GOLD), load_gold(SECOND)
    report = score_alignment(second, dataset.provisions, lambda a, b: compare_documents(dataset, a, b))
    agreement = annotator_agreement(first, second, dataset.provisions)
    print()
    print(format_report(report))
    print(format_agreement(agreement, GOLD.name, SECOND.name))
    assert report["pairs"] == 20 and report["only"] == 25
    assert report["accuracy"] >= SECOND_BAR
    assert report["offered"] >= SECOND_OFFERED_BAR
    # the two readers rarely disagree: where both pair a line, they pair it the same way
    assert agreement["shared"] >= 0.9 * agreement["pairs_b"] and agreement["contradicted_a"] <= 2


@pytest.mark.eval
@pytest.mark.parametrize("path", [GOLD, SECOND], ids=["first", "second"])
def test_every_gold_line_names_exactly_one_provision(shipped_data: Path, path: Path):
    from dashboard.analysis.diff.evaluate import resolve_entry

    provisions = Dataset(shipped_data).provisions
    for entry in load_gold(path):
        pairs, _, _ = resolve_entry(entry, provisions, path.name)  # raises on a line naming 0 or 2+ provisions
        assert len(pairs) == len(entry.get("pairs") or [])  # no two gold pairs name the same two provisions


@pytest.mark.eval
@pytest.mark.parametrize(("path", "bar"), [(GOLD, 0.85), (SECOND, 0.9)], ids=["first", "second"])
def test_a_reader_reaches_the_gold_alignment_with_the_offered_links(shipped_data: Path, path: Path, bar: float):
    """Measured 0.898 in 15 clicks (first set, 49 lines) and 0.978 in 11 clicks (second set, 45 lines)."""
    from dashboard.analysis.diff.reader import format_reader, simulate_reader

    dataset = Dataset(shipped_data)
    gold = load_gold(path)
    report = simulate_reader(
        gold, dataset.provisions, lambda a, b, pins: compare_documents(dataset, a, b, pins=pins), path.name
    )
    print()
    print(format_reader(report))
    assert report["accuracy"] >= bar
    assert report["clicks"] <= (report["pairs"] + report["only"]) / 2  # far fewer clicks than lines to label
