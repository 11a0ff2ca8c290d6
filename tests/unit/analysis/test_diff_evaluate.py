"""The gold-set arithmetic behind `policy-timeline eval-alignment`: scoring and the agreement of two annotators."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.analysis.diff.evaluate import annotator_agreement, format_agreement, score_alignment
from dashboard.errors import InputError

PROVISIONS = pd.DataFrame(
    [
        {"id": f"A:{i}", "document_id": "A", "text": text}
        for i, text in enumerate(["Trade with ASEAN", "Culture abroad", "Labour conventions", "Budget"])
    ]
    + [
        {"id": f"B:{i}", "document_id": "B", "text": text}
        for i, text in enumerate(["ASEAN trade deals", "Cultural centres", "ILO treaties", "Tourism"])
    ]
)


def gold(pairs, only_a=(), only_b=()):
    return [{"a_doc": "A", "b_doc": "B", "pairs": [{"a": a, "b": b} for a, b in pairs],
             "only_in_a": list(only_a), "only_in_b": list(only_b)}]


def test_two_annotators_agreement_counts_shared_left_out_and_contradicted_pairs():
    first = gold([("Trade", "ASEAN"), ("Culture", "Cultural"), ("Labour", "ILO")], only_a=["Budget"])
    # the second agrees on trade, leaves labour out (doubtful: not a contradiction), pairs culture with tourism
    # (a contradiction both ways) and also says Budget has no counterpart
    second = gold([("Trade", "ASEAN"), ("Culture", "Tourism")], only_a=["Budget"], only_b=["Cultural"])
    got = annotator_agreement(first, second, PROVISIONS)
    assert got == {"pairs_a": 3, "pairs_b": 2, "shared": 1, "contradicted_a": 1, "contradicted_b": 1,
                   "only_shared": 1, "only_either": 2}
    line = format_agreement(got, "first", "second")
    assert "1 pairs in both (3 and 2 made)" in line and "only-in lines listed by both 1 of 2" in line


def test_agreement_ignores_document_pairs_only_one_set_labels():
    other = [{**gold([("Trade", "ASEAN")])[0], "b_doc": "C"}]
    assert annotator_agreement(gold([("Trade", "ASEAN")]), other, PROVISIONS)["pairs_a"] == 0


def test_a_gold_line_must_name_exactly_one_provision():
    with pytest.raises(InputError, match="matches 0 provisions"):
        annotator_agreement(gold([("Nothing like this", "ASEAN")]), gold([]), PROVISIONS)


def test_score_counts_pairs_found_and_lines_left_alone():
    result = {"pairs": [{"a": "A:0", "b": "B:0"}, {"a": "A:1", "b": "B:3"}, {"a": "A:3", "b": None}]}
    report = score_alignment(gold([("Trade", "ASEAN"), ("Culture", "Cultural")], only_a=["Budget"]), PROVISIONS,
                             lambda a, b: result)
    assert (report["pairs_found"], report["pairs"], report["only_found"], report["only"]) == (1, 2, 1, 1)
    assert report["accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert report["pair_precision"] == 0.5  # of the engine's two pairs touching scored lines, one is gold
