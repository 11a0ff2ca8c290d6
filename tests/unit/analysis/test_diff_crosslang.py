"""Compare across languages: a notice instead of a word diff, and provisions paired by their numbering."""

from __future__ import annotations

import pytest

from dashboard.analysis.diff import compare_documents
from dashboard.analysis.diff.crosslang import PAIRED, language_gap, pair_by_structure
from dashboard.dataset.build import run as build_package
from dashboard.dataset.load import Dataset
from tests.bilingual import DOC_ID, VI_ID, bilingual_seeds


def _rows(*ids: str) -> list[dict[str, str]]:
    return [{"id": i, "text": i} for i in ids]


def test_provisions_pair_where_their_numbering_matches():
    a = _rows("X:1", "X:1.a", "X:1.b", "X:2")
    b = _rows("X-vi:1", "X-vi:1.a", "X-vi:1.c", "X-vi:2")
    pairs = [(x and x["id"], y and y["id"]) for x, y in pair_by_structure(a, b)]
    # an unmatched B provision follows the pair of the B provision before it, as the aligner places one
    assert pairs == [("X:1", "X-vi:1"), ("X:1.a", "X-vi:1.a"), (None, "X-vi:1.c"), ("X:1.b", None),
                     ("X:2", "X-vi:2")]


def test_a_provision_numbered_twice_pairs_once():
    pairs = pair_by_structure(_rows("A:1", "A2:1"), _rows("B:1"))
    assert [(x and x["id"], y and y["id"]) for x, y in pairs] == [("A:1", "B:1"), ("A2:1", None)]


def test_language_gap_only_when_both_languages_are_known_and_differ():
    assert language_gap({"language": "en"}, {"language": "vi"}) == ("en", "vi")
    assert language_gap({"language": "en"}, {"language": "en"}) is None
    assert language_gap({"language": ""}, {"language": "vi"}) is None


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    root = tmp_path_factory.mktemp("crosslang")
    build_package(bilingual_seeds(root / "seeds"), root / "data")
    return Dataset(root / "data")


def test_the_two_versions_of_a_document_compare_by_structure_with_a_notice(dataset: Dataset):
    result = compare_documents(dataset, DOC_ID, VI_ID).as_dict()
    assert result["languages"] == {"a": "en", "b": "vi"}
    assert result["language_notice"].startswith("A is in English and B in Vietnamese")
    assert [(p["status"], p["a"], p["b"]) for p in result["pairs"]][:2] == [
        (PAIRED, f"{DOC_ID}:1", f"{VI_ID}:1"), (PAIRED, f"{DOC_ID}:1.a", f"{VI_ID}:1.a")]
    assert result["summary"][PAIRED] == 5 and result["summary"]["kept"] == result["summary"]["reworded"] == 0
    assert all(not terms for terms in result["terms"].values())
    # each side's text comes back whole and unmarked: no word is claimed to have changed
    assert all("".join(op["b"] for op in p["ops"]) == p["b_text"] and p["similarity"] is None
               for p in result["pairs"])


def test_documents_in_one_language_compare_as_before(dataset: Dataset):
    result = compare_documents(dataset, "1-NQ-TW-2020", DOC_ID).as_dict()
    assert result["language_notice"] is None and PAIRED not in result["summary"]


def test_a_target_stated_in_both_versions_is_reported_by_both(dataset: Dataset):
    targets = compare_documents(dataset, DOC_ID, VI_ID).as_dict()["targets"]
    # "by 2030" in 1.b and "đến năm 2030" in the Vietnamese 1.b are one target, not one lost and one gained
    assert [(c["indicator"], c["a"]["end_year"], c["b"]["provision_id"]) for c in targets["changed"]] == [
        ("1.b", 2030, f"{VI_ID}:1.b")]
    assert targets["a_only"] == targets["b_only"] == []


def test_targets_of_documents_in_one_language_are_matched_as_before(dataset: Dataset):
    targets = compare_documents(dataset, "1-NQ-TW-2020", DOC_ID).as_dict()["targets"]
    assert all(c["indicator"] and "." not in c["indicator"] for c in targets["changed"])
