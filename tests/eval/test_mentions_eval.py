"""Mentions, assignments and the relation graph against hand labels for the seed corpus.

dashboard/analysis/labelled/mentions_expected.yml and assignments_expected.yml list, for every provision that has
any, the
entities it mentions and the (actor, role, inherited) it assigns; every other provision must yield none.
Precision and recall are printed per entity kind and per role.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import yaml

from dashboard.analysis.actors import assignments_step
from dashboard.analysis.entities import mentions_step
from dashboard.analysis.relations import relations_step
from dashboard.corpus.load import Corpus, load_corpus
from dashboard.corpus.normalise import fold
from dashboard.dataset.build import cited_relation_rows
from dashboard.paths import LABELLED_DIR, SEEDS_DIR

pytestmark = pytest.mark.eval
DATA = LABELLED_DIR
BAR = 0.9


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(SEEDS_DIR)


@pytest.fixture(scope="module")
def tables(corpus: Corpus) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {"relations": cited_relation_rows(corpus)}
    tables.update(mentions_step(corpus, tables))
    tables.update(relations_step(corpus, tables))
    tables.update(assignments_step(corpus, tables))
    return tables


def expected_sets(corpus: Corpus, name: str, field: str) -> dict[str, set[tuple]]:
    """Return the labelled items per provision id (every provision present, most with an empty set)."""
    out: dict[str, set[tuple]] = {p.id: set() for p in corpus.provisions()}
    for entry in yaml.safe_load((DATA / name).read_text(encoding="utf-8")):
        doc = next(d for d in corpus.documents if d.meta.seed_file == entry["seed"])
        hits = [p for p in doc.provisions if fold(p.text).startswith(fold(entry["starts_with"]))]
        assert hits, f"{name}: no provision starts with {entry['starts_with']!r}"
        for p in hits:
            out[p.id] |= {tuple(x) if isinstance(x, list) else (x,) for x in entry[field]}
    return out


def compare(expected: dict[str, set[tuple]], got: dict[str, set[tuple]], group) -> tuple[Counter, list[str]]:
    counts: Counter = Counter()
    mistakes = []
    for pid in sorted(set(expected) | set(got)):
        want, have = expected.get(pid, set()), got.get(pid, set())
        for item in have & want:
            counts[(group(item), "tp")] += 1
        for item in have - want:
            counts[(group(item), "fp")] += 1
            mistakes.append(f"not labelled: {pid} {item}")
        for item in want - have:
            counts[(group(item), "fn")] += 1
            mistakes.append(f"missed: {pid} {item}")
    return counts, mistakes


def report(title: str, counts: Counter, mistakes: list[str]) -> tuple[float, float]:
    print(f"\n{title:<22}{'tp':>4}{'fp':>4}{'fn':>4}{'precision':>11}{'recall':>8}")
    groups = sorted({g for g, _ in counts})
    total = Counter()
    for g in groups:
        tp, fp, fn = (counts[(g, x)] for x in ("tp", "fp", "fn"))
        total.update({"tp": tp, "fp": fp, "fn": fn})
        print(f"{g:<22}{tp:>4}{fp:>4}{fn:>4}{tp / max(tp + fp, 1):>11.3f}{tp / max(tp + fn, 1):>8.3f}")
    precision = total["tp"] / max(total["tp"] + total["fp"], 1)
    recall = total["tp"] / max(total["tp"] + total["fn"], 1)
    print(f"{'all':<22}{total['tp']:>4}{total['fp']:>4}{total['fn']:>4}{precision:>11.3f}{recall:>8.3f}")
    for line in mistakes:
        print("  " + line)
    return precision, recall


def test_mentions_precision_and_recall(corpus: Corpus, tables):
    kinds = {e["id"]: e["kind"] for e in tables["entities"]}
    got: dict[str, set[tuple]] = {}
    for m in tables["mentions"]:
        got.setdefault(m["provision_id"], set()).add((m["entity_id"],))
    expected = expected_sets(corpus, "mentions_expected.yml", "entities")
    counts, mistakes = compare(expected, got, lambda item: kinds.get(item[0], "unknown"))
    precision, recall = report("mentions by kind", counts, mistakes)
    assert precision >= BAR and recall >= BAR, mistakes


def test_assignments_precision_and_recall(corpus: Corpus, tables):
    got: dict[str, set[tuple]] = {}
    for a in tables["assignments"]:
        got.setdefault(a["provision_id"], set()).add((a["actor_id"], a["role"], a["inherited"]))
    expected = expected_sets(corpus, "assignments_expected.yml", "expect")
    counts, mistakes = compare(expected, got, lambda item: f"{item[1]}{' (inherited)' if item[2] else ''}")
    precision, recall = report("assignments by role", counts, mistakes)
    assert precision >= BAR and recall >= BAR, mistakes


def test_every_held_document_is_linked_in_the_relation_graph(corpus: Corpus, tables):
    linked = Counter()
    for r in tables["relations"]:
        linked.update([r["source_id"], r["target_id"]])
    assert all(linked[d.meta.id] for d in corpus.documents), linked
    # documents not held exist because another document relates to them
    assert all(linked[m.id] for m in corpus.referenced), linked


def test_cited_relations_that_a_seed_states_are_found_in_its_text(corpus: Corpus, tables):
    # relations.yml gives the seed as evidence for these; the extractor must find each in that seed's text
    stated = [(r["source"], r["target"]) for r in corpus.relations if "seed 0" in str(r.get("evidence", ""))]
    assert len(stated) >= 4
    rows = {(r["source_id"], r["target_id"]): r for r in tables["relations"]}
    for source, target in stated:
        row = rows[(corpus.resolve(source), corpus.resolve(target))]
        assert row["origin"] == "cited+extracted", row
        assert row["provision_id"].startswith(row["source_id"] + ":")
    print(f"\ncited relations stated in a seed and found in its text: {len(stated)}/{len(stated)}")


def test_the_action_programme_is_read_as_implementing_its_resolution(corpus: Corpus, tables):
    implements = [(r["source_id"], r["target_id"], r["origin"]) for r in tables["relations"]
                  if r["kind"] == "implements"]
    assert ("153-NQ-CP-2025", "59-NQ-TW-2025", "cited+extracted") in implements
    # a task to implement another document is a reference, not the document implementing it
    kinds = {(r["source_id"], r["target_id"]): r["kind"] for r in tables["relations"]}
    assert kinds[("153-NQ-CP-2025", "57-KL-TW-2023")] == "references"
