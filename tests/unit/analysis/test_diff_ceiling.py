"""The ceiling eval-alignment prints: what an engine that knew every label could reach on several gold sets at once."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from dashboard.analysis.diff.ceiling import ceiling, format_ceiling, highest, scored_set, solve, tally
from dashboard.analysis.diff.evaluate import score_alignment
from dashboard.errors import InputError

PROVISIONS = pd.DataFrame(
    [{"id": f"A:{i}", "document_id": "A", "text": t} for i, t in enumerate(["Trade", "Culture", "Labour", "Budget"])]
    + [{"id": f"B:{i}", "document_id": "B", "text": t} for i, t in enumerate(["ASEAN", "Cultural", "ILO", "Tourism"])]
    + [{"id": f"C:{i}", "document_id": "C", "text": t} for i, t in enumerate(["Commerce", "Heritage", "Workers"])]
)


def entry(pairs, only_a=(), only_b=(), not_pairs=(), a_doc="A", b_doc="B"):
    """One document pair of a gold set; pairs are given A-side first and flipped when the set names B first."""
    flip = a_doc == "B"

    def named(a, b):
        return {"a": b, "b": a} if flip else {"a": a, "b": b}

    return {"a_doc": a_doc, "b_doc": b_doc, "pairs": [named(a, b) for a, b in pairs],
            "only_in_a": list(only_a), "only_in_b": list(only_b), "not_pairs": [named(a, b) for a, b in not_pairs]}


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
    assert strict["both"] == pytest.approx(2 / 3)
    # recall 0.7 on "many" needs the contradicted link, which leaves "one" at 2 right of 3 (the figure reached)
    assert strict["precision_at_recall_goal"] == pytest.approx(2 / 3)
    assert report["consistent"]["goals_met"] is False  # only-in lines are a contradiction by consistent too


def test_a_link_beside_a_one_to_one_pair_is_wrong_strictly_and_consistent_with_that_set():
    one = ("one", [entry([("Trade", "ASEAN"), ("Culture", "Cultural")])])  # Tourism left unscored
    report = ceiling([one, MANY], PROVISIONS)
    assert report["strict"]["goals_met"] is False  # Culture-Tourism: 2 of 3 links touching "one"'s lines right
    assert report["strict"]["precision_at_recall_goal"] == pytest.approx(2 / 3)
    assert report["consistent"]["goals_met"] is True and report["consistent"]["both"] == 1.0
    lines = format_ceiling(report)
    assert lines[0].startswith("ceiling, strict precision, the same links whichever document is A")
    assert "on every set at once unreachable" in lines[0]
    assert lines[2].startswith("ceiling, consistent precision") and "at once reachable" in lines[2]


def test_two_sets_naming_a_document_pair_in_opposite_orders_are_reconciled_only_by_an_order_dependent_oracle():
    one = ("one", [entry([("Trade", "ASEAN"), ("Culture", "Cultural")], only_b=["Tourism"])])
    many_reversed = ("many", [entry([("Trade", "ASEAN"), ("Culture", "Cultural"), ("Culture", "Tourism")],
                                    a_doc="B", b_doc="A")])
    report = ceiling([one, many_reversed], PROVISIONS)
    assert report["strict"]["candidates"] == 3 and report["strict"]["goals_met"] is False
    # answering B x A apart from A x B, the oracle gives each set its own links
    assert report["strict_by_order"]["candidates"] == 5 and report["strict_by_order"]["goals_met"] is True


def test_a_document_pair_listed_twice_in_one_set_is_an_input_error():
    twice = ("twice", [entry([("Trade", "ASEAN")]), entry([("Culture", "Cultural")], a_doc="B", b_doc="A")])
    with pytest.raises(InputError, match="listed twice"):
        ceiling([twice], PROVISIONS)


RICH = [  # not_pairs (one touching no scored line), only-in lines, two document pairs, one named B first
    ("first", [entry([("Trade", "ASEAN"), ("Culture", "Cultural")], only_a=["Budget"],
                     not_pairs=[("Labour", "Tourism")]),
               {"a_doc": "A", "b_doc": "C", "pairs": [{"a": "Trade", "b": "Commerce"}], "only_in_b": ["Workers"]}]),
    ("second", [entry([("Culture", "Cultural"), ("Culture", "Tourism"), ("Labour", "ILO")], only_a=["ASEAN"],
                      not_pairs=[("Budget", "Tourism")], a_doc="B", b_doc="A"),
                {"a_doc": "C", "b_doc": "A", "pairs": [{"a": "Heritage", "b": "Culture"}], "only_in_a": ["Commerce"]}]),
]


@pytest.mark.parametrize("ordered", [False, True], ids=["same links either order", "each order apart"])
def test_the_programmes_counts_are_evaluates_counts_for_any_links(ordered):
    sets = [scored_set(name, entries, PROVISIONS, ordered) for name, entries in RICH]
    doc_of = dict(zip(PROVISIONS["id"], PROVISIONS["document_id"], strict=True))
    universe = sorted({(docs, a, b) for s in sets for docs in s.scored
                       for a in PROVISIONS["id"] if doc_of[a] == docs[0]
                       for b in PROVISIONS["id"] if doc_of[b] == docs[1]})
    rng = random.Random(13)
    for _ in range(60):
        links = rng.sample(universe, rng.randrange(len(universe) + 1))

        def differ(a_doc, b_doc, links=links):
            rows = []
            for docs, x, y in links:
                if docs == (a_doc, b_doc):
                    rows.append({"a": x, "b": y})
                elif docs == (b_doc, a_doc) and not ordered:
                    rows.append({"a": y, "b": x})
            return {"pairs": rows}

        for s, (name, entries) in zip(sets, RICH, strict=True):
            scored = score_alignment(entries, PROVISIONS, differ, name)
            for measure, right in (("strict", "engine_correct"), ("consistent", "engine_consistent")):
                t = tally(s, links, measure)
                assert (t["found"], t["counted"], t["right"]) == (
                    scored["pairs_found"], scored["engine_pairs"], scored[right]), (name, measure, links)


def test_highest_finds_the_edge_of_a_monotone_test():
    assert highest(lambda x: x <= 0.3) == pytest.approx(0.3, abs=1e-3)
    assert highest(lambda x: True) == 1.0
    assert highest(lambda x: False) is None
