"""Pairing accuracy of `diff` against the hand-made gold set (tests/eval/data/alignment_expected.yml).

Prints the same report as `policy-timeline eval-alignment` and asserts the bar the engine honestly reaches.
The bar is not the design goal (0.9): see docs/notes/issue-6.md for why lexical alignment falls short on this
set and what the disagreements are.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.analysis.diff import compare_documents
from dashboard.analysis.diff.evaluate import format_report, load_gold, score_alignment
from dashboard.dataset.load import Dataset

GOLD = Path(__file__).parent / "data" / "alignment_expected.yml"
BAR = 0.55  # measured 0.592 on the shipped data (threshold chosen from chance similarity, not from this set)


@pytest.mark.eval
def test_pairing_accuracy_on_the_gold_set(shipped_data: Path):
    dataset = Dataset(shipped_data)
    gold = load_gold(GOLD)
    report = score_alignment(gold, dataset.provisions, lambda a, b: compare_documents(dataset, a, b))
    print()
    print(format_report(report))
    assert report["pairs"] == 29 and report["only"] == 20  # every gold line was found in the dataset
    assert report["accuracy"] >= BAR


@pytest.mark.eval
def test_every_gold_line_names_exactly_one_provision(shipped_data: Path):
    from dashboard.analysis.diff.evaluate import find_line

    provisions = Dataset(shipped_data).provisions
    for entry in load_gold(GOLD):
        for pair in entry.get("pairs") or []:
            find_line(provisions, entry["a_doc"], pair["a"])
            find_line(provisions, entry["b_doc"], pair["b"])
        for line in entry.get("only_in_a") or []:
            find_line(provisions, entry["a_doc"], line)
        for line in entry.get("only_in_b") or []:
            find_line(provisions, entry["b_doc"], line)
