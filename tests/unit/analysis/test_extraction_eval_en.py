"""`policy-timeline eval-extraction` scores the English entity and role labels of the seed corpus beside the
Vietnamese sets: the scorer counts a label the extractor misses and an extraction nobody labelled."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from dashboard.analysis.extraction_eval import format_extraction, score_seed_sets
from dashboard.paths import LABELLED_DIR, SEEDS_DIR

DATA = LABELLED_DIR


def test_the_seed_labels_are_scored_and_printed_as_english(tmp_path: Path) -> None:
    mentions, assignments = score_seed_sets(SEEDS_DIR, DATA)
    assert mentions.name == assignments.name == "en seeds"
    assert mentions.counts["tp"] > 50 and assignments.counts["tp"] > 30
    table = format_extraction([("entities", [mentions]), ("actors and roles", [assignments])])
    assert "entities          en seeds" in table and "actors and roles  en seeds" in table

    # one label taken away becomes an extraction nobody labelled; one label added becomes a miss
    shutil.copy(DATA / "assignments_expected.yml", tmp_path / "assignments_expected.yml")
    entries = yaml.safe_load((DATA / "mentions_expected.yml").read_text(encoding="utf-8"))
    removed = entries.pop(0)
    entries.append({**entries[0], "entities": [*entries[0]["entities"], "wto"]})
    (tmp_path / "mentions_expected.yml").write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    changed, _ = score_seed_sets(SEEDS_DIR, tmp_path)
    assert changed.counts["fp"] == len(removed["entities"]) and changed.counts["fn"] >= 1
