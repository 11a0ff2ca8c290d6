"""Link precision and recall of `diff` against the hand-made gold sets (dashboard/analysis/diff/gold/).

Prints the same figures as `policy-timeline eval-alignment` and asserts the bars the engine honestly reaches, the
engine alone (no curated links, which a reader made from the same texts). The bars are not the design goals
(link precision ≥ 0.8, recall ≥ 0.7): see docs/alignment.md for what limits lexical alignment on these sets. Link
precision is strict: a link beside a one-to-one gold pair counts as wrong.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from dashboard.analysis.diff import compare_documents
from dashboard.analysis.diff.ceiling import ceiling, format_ceiling, scored_set, solve, tally
from dashboard.analysis.diff.evaluate import annotator_agreement, format_agreement, load_gold, score_alignment
from dashboard.analysis.diff.report import GOLD_DIR, format_report, format_set
from dashboard.dataset.load import Dataset

GOLD = GOLD_DIR / "alignment_expected.yml"
SECOND = GOLD_DIR / "alignment_annotator2.yml"  # labelled independently, later
THIRD = GOLD_DIR / "alignment_annotator3.yml"  # blind: written from the seeds alone
# (file, pairs, only-in lines, accuracy, link precision, link recall, offered) bars; measured figures beside
BARS = {
    # link model 2 (word vectors): strict precision 0.579 → 0.550 and 0.588 → 0.526 on the first two sets (one
    # more link beside a gold pair each; consistent precision 0.789 → 0.900, 0.882 → 0.947), 0.500 → 0.578 and
    # recall 0.369 → 0.400 on the third; more counterparts offered (the closest by word vectors)
    GOLD: (29, 20, 0.62, 0.53, 0.37, 0.95),  # measured 0.633 / 0.550 / 0.379 / 0.966 (28 of 29)
    SECOND: (20, 25, 0.76, 0.5, 0.48, 0.95),  # measured 0.778 / 0.526 / 0.500 / 1.0 (20 of 20)
    # blind when written; since the link model it is also training data (cross-validated figures: eval-alignment)
    THIRD: (65, 61, 0.66, 0.55, 0.38, 0.97),  # measured 0.675 / 0.578 / 0.400 / 1.0 (65 of 65)
}


def engine(dataset: Dataset):
    return lambda a, b: compare_documents(dataset, a, b, use_curated=False)


@pytest.mark.eval
@pytest.mark.parametrize("path", [GOLD, SECOND, THIRD], ids=["first", "second", "third"])
def test_link_precision_and_recall_on_the_gold_sets(shipped_data: Path, path: Path):
    dataset = Dataset(shipped_data)
    report = score_alignment(load_gold(path), dataset.provisions, engine(dataset), path.name)
    print()
    print(format_report(report))
    print(format_set(path.name, "engine alone", report))
    pairs, only, accuracy, precision, recall, offered = BARS[path]
    assert report["pairs"] == pairs and report["only"] == only  # every gold line was found in the dataset
    assert report["accuracy"] >= accuracy
    assert report["pair_precision"] >= precision and report["pair_recall"] >= recall
    assert report["offered"] >= offered


@pytest.mark.eval
def test_curated_links_never_lower_the_figures(shipped_data: Path):
    dataset = Dataset(shipped_data)
    for path in (GOLD, SECOND):
        gold = load_gold(path)
        alone = score_alignment(gold, dataset.provisions, engine(dataset), path.name)
        curated = score_alignment(gold, dataset.provisions, lambda a, b: compare_documents(dataset, a, b), path.name)
        print(format_set(path.name, "with curated links", curated))
        assert curated["pairs_found"] >= alone["pairs_found"]
        # no more links the gold contradicts (a provision freed by a curated "not a pair" may take a link beside
        # a one-to-one gold pair, which strict precision counts wrong: 7.b3 of 40/QD-TTg to p13 beside item 7)
        contradicted = curated["engine_pairs"] - curated["engine_consistent"]
        assert contradicted <= alone["engine_pairs"] - alone["engine_consistent"]


@pytest.mark.eval
def test_the_annotators_agreement(shipped_data: Path):
    dataset = Dataset(shipped_data)
    agreement = annotator_agreement(load_gold(GOLD), load_gold(SECOND), dataset.provisions)
    print(format_agreement(agreement, GOLD.name, SECOND.name))
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
@pytest.mark.parametrize(
    ("path", "bar", "most"), [(GOLD, 0.95, 10), (SECOND, 0.95, 10), (THIRD, 0.95, 15)],
    ids=["first", "second", "third"],
)
def test_a_reader_reaches_the_gold_alignment_with_the_offered_links(
    shipped_data: Path, path: Path, bar: float, most: int
):
    """Measured 0.980 in 17 clicks (first set, 49 lines, 4 comparisons: at most 8 per comparison), 1.000 in 10
    (second set, 45 lines, at most 5) and 1.000 in 41 (third set, 126 lines over 10 comparisons, many to many:
    "Also link"; at most 14). Since the offers include the closest by word vectors, every gold counterpart is
    offered but one of the first set; the goal of 0.95 in at most 10 clicks per comparison is met on the first two
    sets, not on the third (one comparison needs 14)."""
    from dashboard.analysis.diff.reader import format_reader, simulate_reader

    dataset = Dataset(shipped_data)
    gold = load_gold(path)
    report = simulate_reader(
        gold, dataset.provisions,
        lambda a, b, pins: compare_documents(dataset, a, b, pins=pins, use_curated=False), path.name,
    )
    print()
    print(format_reader(report))
    assert report["accuracy"] >= bar
    assert report["clicks"] <= (report["pairs"] + report["only"]) / 2  # far fewer clicks than lines to label
    assert max(row["clicks"] for row in report["per_pair"]) <= most


@pytest.mark.eval
@pytest.mark.parametrize("path", [GOLD, THIRD], ids=["first", "third"])
def test_every_miss_and_every_wrong_link_gets_one_kind(shipped_data: Path, path: Path):
    # eval-alignment's error analysis: the kinds add up to the gold pairs missed and the links counted wrong
    from dashboard.analysis.diff.errors import error_classes, format_classes

    dataset = Dataset(shipped_data)
    gold = load_gold(path)
    report = score_alignment(gold, dataset.provisions, engine(dataset), path.name)
    classes = error_classes(gold, dataset.provisions, engine(dataset), path.name)
    print(format_classes(classes))
    assert sum(classes["missed"].values()) == report["pairs"] - report["pairs_found"]
    assert sum(classes["wrong"].values()) == report["engine_pairs"] - report["engine_correct"]


@pytest.mark.eval
def test_the_ceiling_on_the_gold_sets_counts_as_evaluate_scores_and_no_engine_meets_both_goals(shipped_data: Path):
    # the ceiling's integer programme, checked against the scorer itself on the real gold sets: for random sets of
    # links its counts are score_alignment's, and the oracle's best t is reached and a little more is not
    provisions = Dataset(shipped_data).provisions
    named = [(path.name, load_gold(path)) for path in (GOLD, SECOND, THIRD)]
    report = ceiling(named, provisions)
    print()
    print("\n".join(format_ceiling(report)))
    assert report["strict"]["goals_met"] is False and report["strict_by_order"]["goals_met"] is False
    sets = [scored_set(name, entries, provisions) for name, entries in named]
    doc_of = dict(zip(provisions["id"], provisions["document_id"], strict=True))
    candidates = sorted(set().union(*(s.pairs for s in sets)))
    nearby = sorted({(docs, a, b) for s in sets for docs, lines in s.scored.items() for a in lines for b in lines
                     if doc_of[a] == docs[0] and doc_of[b] == docs[1]})  # links between scored lines, gold or not

    def differ_of(links):
        def differ(a_doc, b_doc):
            return {"pairs": [{"a": x, "b": y} if doc_of[x] == a_doc else {"a": y, "b": x}
                              for _, x, y in links if {doc_of[x], doc_of[y]} == {a_doc, b_doc}]}
        return differ

    rng = random.Random(5)
    samples = [rng.sample(nearby, rng.randrange(len(nearby) + 1)) for _ in range(5)]
    for measure, right in (("strict", "engine_correct"), ("consistent", "engine_consistent")):
        t = report[measure]["both"]
        best = solve(sets, candidates, t, t, measure)
        assert best is not None
        assert t == 1.0 or solve(sets, candidates, t + 0.01, t + 0.01, measure) is None
        for links in [best, *samples]:
            for s, (name, entries) in zip(sets, named, strict=True):
                scored = score_alignment(entries, provisions, differ_of(links), name)
                counts = tally(s, links, measure)
                assert (counts["found"], counts["counted"], counts["right"]) == (
                    scored["pairs_found"], scored["engine_pairs"], scored[right]), (measure, name)
