"""The simulated reader: corrects the engine with the page's offered links only, and counts the clicks."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.diff import AlignSettings, diff_provisions
from dashboard.analysis.diff.reader import format_reader, simulate_reader
from tests.unit.analysis.diff_tables import provisions

A = [
    "Negotiate and sign free trade agreements with major partners.",
    "Protect the rights and interests of Vietnamese citizens abroad.",
    "Support overseas Vietnamese communities to keep the mother tongue.",
]
B = [
    "Sign and implement new-generation free trade agreements with partners.",
    "Teach the Vietnamese language to children of Vietnamese communities abroad.",
    "Build a national space observatory for astronomy research.",
]


PROVISIONS = pd.concat([provisions("A", A), provisions("B", B)], ignore_index=True)


def differ(a: str, b: str, pins: tuple[str, ...]) -> dict:
    # the similarity thresholds (no link model): on three lines they link the two that share the language
    rows = PROVISIONS.set_index("document_id", drop=False)
    return diff_provisions(
        rows.loc[[a]], rows.loc[[b]], doc_a={"id": a}, doc_b={"id": b}, pins=pins, settings=AlignSettings(model=None)
    ).as_dict()


def gold(pairs: list[tuple[str, str]], only_a=(), only_b=()) -> list[dict]:
    return [{"a_doc": "A", "b_doc": "B", "pairs": [{"a": a, "b": b} for a, b in pairs],
             "only_in_a": list(only_a), "only_in_b": list(only_b)}]


def test_the_engine_links_both_provisions_a_later_one_covers_and_a_reader_takes_one_back():
    engine = differ("A", "B", ())
    status = {(p["a"], p["b"]): p["status"] for p in engine["pairs"] if p["a"] and p["b"]}
    # the citizens abroad and the mother tongue both became the Vietnamese-language teaching: merged
    assert status[("A:2", "B:2")] == status[("A:3", "B:2")] == "merged"
    assert status[("A:1", "B:1")] == "reworded"
    report = simulate_reader(gold([("Protect the rights", "Teach the")], only_a=["Support overseas"]), PROVISIONS,
                             differ)
    assert report["pairs_found"] == 1 and report["only_found"] == 1 and report["clicks"] == 1
    assert report["accuracy"] == 1.0
    assert format_reader(report).endswith("in 1 click (1 comparison: at most 1, median 1 per comparison)")


def test_the_reader_line_gives_the_clicks_of_the_worst_and_the_median_comparison():
    report = simulate_reader(gold([("Protect the rights", "Teach the")], only_a=["Support overseas"]), PROVISIONS,
                             differ)
    rows = [{**report["per_pair"][0], "clicks": c} for c in (8, 3, 1, 0)]
    line = format_reader({**report, "clicks": 12, "per_pair": rows})
    assert line.endswith("in 12 clicks (4 comparisons: at most 8, median 2 per comparison)")


def test_a_reader_splits_a_pair_the_gold_leaves_alone_and_never_clicks_for_nothing():
    report = simulate_reader(gold([], only_a=["Negotiate"], only_b=["Build a"]), PROVISIONS, differ)
    assert report["clicks"] == 1 and report["only_found"] == 2  # "not a pair" on the trade pair
    settled = simulate_reader(gold([("Negotiate", "Sign and")]), PROVISIONS, differ)
    assert settled["clicks"] == 0 and settled["accuracy"] == 1.0  # the engine already has it


def test_a_counterpart_never_offered_stays_missed_after_one_try():
    # the observatory shares no word with the trade provision: it is never among its candidates. The reader
    # says "not a pair" to the trade pair once (the engine then leaves the provision alone) and stops there.
    report = simulate_reader(gold([("Negotiate", "Build a")]), PROVISIONS, differ)
    assert report["pairs_found"] == 0 and report["clicks"] == 1
    assert differ("A", "B", ("1!1",))["pins"] == ["1!1"]
