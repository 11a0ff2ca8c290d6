"""The ceiling eval-alignment prints: what an engine that knew every label could reach on several gold sets at once."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.analysis.diff.ceiling import ceiling, format_ceiling, highest, scored_set, solve
from dashboard.analysis.diff.evaluate import score_alignment

PROVISIONS = pd.DataFrame(
    [{"id": f"A:{i}", "document_id": "A", "text": t} for i, t in enumerate(["Trade", "Culture", "Labour", "Budget"])]
    + [{"id": f"B:{i}", "document_id": "B", "text": t} for i, t in enumerate(["ASEAN", "Cultural", "ILO", "Tourism"])]
)


def entry(pairs, only_a=(), only_b=(), not_pairs=(), a_doc="A", b_doc="B"):
    flip = a_doc == "B"
    return {"a_doc": a_doc, "b_doc": b_doc, "pairs": [{"a": b, "b": a} if flip else {"a": a, "b": b} for a, b in pairs],
            "only_in_a": list(only_a), "only_in_b": list(only_b),
            "not_pairs": [{"a": a, "b": b} for a, b in not_pairs]}


# one-to-one: Culture pairs with Cultural only; many-to-many: Culture with Cultural and with Tourism
ONE_TO_ONE = ("one", [entry([("Trade", "ASEAN"), ("Culture", "Cultural")], only_b=["Tourism"])])
MANY = ("many", [entry([("Trade", "ASEAN"), ("Culture", "Cultural"), ("Culture", "Tourism")])])


def test_two_sets_that_agree_can_both_be_met_and_the_oracle_links_only_their_pairs():
    sets = [scored_set(n, e, PROVISIONS) for n, e in (ONE_TO_ONE, ("same", [entry([("Trade", "ASEAN")])]))]
    links = solve(sets, sorted(sets[0].pairs | sets[1].pairs), 1.0, 1.0)
    assert links == sorted(sets[0].pairs)


def test_a_link_one_set_needs_and_another_says_has_no_counterpart_makes_the_goals_unreachable_together():
    report = ceiling([ONE_TO_ONE, MANY], PROVISIONS)
    strict = report["strict"]
    # "many" needs Culture-Tourism for recall 3/3; "one" says Tourism has no counterpart, so that link is wrong there
    assert strict["goals_met"] is False and strict["goals_met_by_pair"] == {"one + many": False}
    assert strict["counted_wrong_by_another_set"] == {"one": 0, "many": 1}
    # dropping Culture-Tourism: one 2/2 right, many 2/3 found, so both figures reach 2/3 and no more
    assert strict["both"] == pytest.approx(2 / 3, abs=1e-3)
    # recall 0.7 on "many" needs the contradicted link, which leaves "one" at 2 right of 3
    assert strict["precision_at_recall_goal"] == pytest.approx(2 / 3, abs=1e-3)
    # only-in lines are a contradiction by consistent precision too
    assert report["consistent"]["goals_met"] is False


def test_a_link_beside_a_one_to_one_pair_is_wrong_strictly_and_consistent_with_that_set():
    one = ("one", [entry([("Trade", "ASEAN"), ("Culture", "Cultural")])])  # Tourism left unscored
    report = ceiling([one, MANY], PROVISIONS)
    assert report["strict"]["goals_met"] is False  # Culture-Tourism: 2 of 3 links touching "one"'s lines right
    assert report["strict"]["precision_at_recall_goal"] == pytest.approx(2 / 3, abs=1e-3)
    assert report["consistent"]["goals_met"] is True and report["consistent"]["both"] == 1.0
    lines = format_ceiling(report)
    assert lines[0].startswith("ceiling, strict precision") and "unreachable" in lines[0]
    assert "on every set at once reachable" in lines[1]


def test_the_order_a_set_names_its_documents_in_does_not_make_two_links():
    reversed_many = ("many", [entry([("Trade", "ASEAN"), ("Culture", "Cultural"), ("Culture", "Tourism")],
                                    a_doc="B", b_doc="A")])
    report = ceiling([("one", [entry([("Trade", "ASEAN"), ("Culture", "Cultural")])]), reversed_many], PROVISIONS)
    assert report["candidates"] == 3


def test_the_oracle_links_score_as_the_programme_says_when_evaluate_scores_them():
    one = ("one", [entry([("Trade", "ASEAN"), ("Culture", "Cultural")])])
    sets = [scored_set(n, e, PROVISIONS) for n, e in (one, MANY)]
    links = solve(sets, sorted(sets[0].pairs | sets[1].pairs), 0.6, 0.6)
    assert links is not None
    rows = {"pairs": [{"a": a, "b": b} for _, a, b in links]}
    for name, entries in (one, MANY):
        scored = score_alignment(entries, PROVISIONS, lambda a, b: rows, name)
        assert scored["pair_precision"] >= 0.6 and scored["pair_recall"] >= 0.6


def test_highest_finds_the_edge_of_a_monotone_test():
    assert highest(lambda x: x <= 0.3) == pytest.approx(0.3, abs=1e-3)
    assert highest(lambda x: True) == 1.0
    assert highest(lambda x: False) is None
