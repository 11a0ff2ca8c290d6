"""Theme measures: shares of provisions and words per document and basis, on hand-made tables and the data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.analysis.measures import share_delta, theme_measure_rows

THEMES = ["t1", "t2"]
DOCS = [
    {"id": "A", "held": True, "coverage": "full", "source_kind": "official_translation"},
    {"id": "B", "held": True, "coverage": "summary", "source_kind": "news_report"},
    {"id": "X", "held": False, "coverage": "full", "source_kind": "official_translation"},
]
PROVISIONS = [
    {"id": "A:c1", "document_id": "A", "own_text": False, "words": 10},  # the publisher's framing
    {"id": "A:1", "document_id": "A", "own_text": True, "words": 20},
    {"id": "A:2", "document_id": "A", "own_text": True, "words": 30},
    {"id": "A:3", "document_id": "A", "own_text": True, "words": 50},
    {"id": "A:part", "document_id": "A", "own_text": True, "words": 0},  # a bare marker is not a unit
    {"id": "B:r1", "document_id": "B", "own_text": False, "words": 40},  # a news report only
]
TAGS = [
    {"provision_id": "A:c1", "theme_id": "t1", "score": 0.9, "evidence": ["x"]},
    {"provision_id": "A:1", "theme_id": "t1", "score": 0.9, "evidence": ["x", "y"]},
    {"provision_id": "A:1", "theme_id": "t2", "score": 0.6, "evidence": ["z"]},
    {"provision_id": "A:2", "theme_id": "t2", "score": 0.8, "evidence": ["z"]},
    {"provision_id": "B:r1", "theme_id": "t2", "score": 0.9, "evidence": ["z"]},
]


@pytest.fixture()
def rows() -> dict[tuple[str, str, str], dict]:
    out = theme_measure_rows(DOCS, PROVISIONS, TAGS, THEMES)
    return {(r["document_id"], r["theme_id"], r["basis"]): r for r in out}


def test_one_row_per_held_document_theme_and_basis(rows):
    assert sorted(rows) == sorted((d, t, b) for d in "AB" for t in THEMES for b in ("own", "all"))


def test_own_basis_counts_the_documents_own_provisions_with_words(rows):
    r = rows[("A", "t1", "own")]
    assert (r["provisions"], r["theme_provisions"], r["words"], r["theme_words"]) == (3, 1, 100, 20)
    assert r["share_provisions"] == pytest.approx(1 / 3)
    assert r["share_words"] == pytest.approx(0.2)
    assert r["mentions"] == 2 and r["coverage"] == "full"


def test_all_basis_adds_commentary(rows):
    r = rows[("A", "t1", "all")]
    assert (r["provisions"], r["theme_provisions"]) == (4, 2)
    assert r["share_provisions"] == pytest.approx(0.5)


def test_split_share_divides_a_provision_among_its_themes(rows):
    # A:1 carries t1 and t2 (half each), A:2 carries t2 only: of three own units, 1.5 go to t2
    assert rows[("A", "t2", "own")]["share_split"] == pytest.approx(1.5 / 3)
    total = rows[("A", "t1", "own")]["share_split"] + rows[("A", "t2", "own")]["share_split"]
    assert total == pytest.approx(2 / 3)


def test_a_document_without_own_text_has_no_own_share(rows):
    own, every = rows[("B", "t2", "own")], rows[("B", "t2", "all")]
    assert own["provisions"] == 0 and own["share_provisions"] is None and own["rank"] is None
    assert every["share_provisions"] == 1.0 and every["coverage"] == "summary"


def test_rank_orders_present_themes(rows):
    assert rows[("A", "t2", "own")]["rank"] == 1 and rows[("A", "t1", "own")]["rank"] == 2


def test_share_delta_falls_back_to_all_text_for_a_report():
    measures = theme_measure_rows(DOCS, PROVISIONS, TAGS, THEMES)
    by_theme = {d["id"]: d for d in share_delta(pd.DataFrame(measures), "A", "B")}
    assert by_theme["t2"]["a_share"] == pytest.approx(2 / 3, abs=1e-4)
    assert by_theme["t2"]["b_share"] == 1.0
    assert by_theme["t2"]["delta"] == pytest.approx(1 - 2 / 3, abs=1e-4)


def test_stored_measures_agree_with_provision_themes(fixture_data: Path):
    measures = pd.read_parquet(fixture_data / "theme_measures.parquet")
    tags = pd.read_parquet(fixture_data / "provision_themes.parquet")
    provisions = pd.read_parquet(fixture_data / "provisions.parquet")
    units = provisions[(provisions["words"] > 0) & provisions["own_text"]]
    counted = tags[tags["provision_id"].isin(units["id"])].groupby(["document_id", "theme_id"]).size()
    assert not counted.empty
    own = measures[measures["basis"] == "own"].set_index(["document_id", "theme_id"])
    for (doc, theme), n in counted.items():
        assert own.loc[(doc, theme), "theme_provisions"] == n
    # shares are written to 4 decimals: sixteen rounded shares may exceed 1 by 16 * 0.00005
    assert (own.groupby("document_id")["share_split"].sum() <= 1.0008).all()
