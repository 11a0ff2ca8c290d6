"""load: the Dataset the app and export read, with its look-ups (a document by id or symbol in any case, the held
documents in date order) and its refusals (no package here, no such table, no such document)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.dataset.load import Dataset, get_dataset
from dashboard.errors import DataInvalid, UnknownDocument

from .tiny import CITED, DOC, span, tables, write_tiny


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return Dataset(write_tiny(tmp_path_factory.mktemp("tiny") / "data"))


def test_a_folder_without_a_package_says_how_to_make_one(tmp_path: Path):
    with pytest.raises(DataInvalid, match=r"no data package here \(run `policy-timeline build`\)"):
        Dataset(tmp_path)


def test_the_descriptor_gives_version_citation_and_tables(tiny: Dataset):
    assert (tiny.version, tiny.citation) == ("9.9.9", "Tiny (2026).")
    names = tiny.table_names
    assert names[0] == "documents" and names.index("provisions") < names.index("themes")  # the descriptor's order


def test_tables_are_typed_and_read_once(tiny: Dataset):
    provisions = tiny.table("provisions")
    assert provisions is tiny.table("provisions") is tiny.provisions
    assert list(provisions["start"]) == [span(w)[0] for w in ("Resolution", "Expand", "Cooperate")]
    assert provisions["start"].dtype == "int64"
    assert pd.api.types.is_bool_dtype(tiny.documents["held"])
    assert list(tiny.table("provision_themes").loc[0, "evidence"]) == ["trade"]
    with pytest.raises(KeyError, match="no table 'budgets'"):
        tiny.table("budgets")


@pytest.mark.parametrize(("ref", "found"), [
    (DOC, DOC), (DOC.lower(), DOC), ("1-NQ/TW", DOC), ("1-nq/tw", DOC), (" 1-NQ/TW ", DOC),
    ("2/nq-cp", CITED), (CITED, CITED),  # a document known only from a relation is found too
])
def test_a_document_is_found_by_its_id_or_its_symbol_in_any_case(tiny: Dataset, ref: str, found: str):
    assert tiny.resolve_document(ref) == found


@pytest.mark.parametrize("ref", ["", "3-NQ-TW-2020", "1-NQ", "1-NQ-TW-2021"])
def test_an_unknown_document_names_the_held_ones(tiny: Dataset, ref: str):
    with pytest.raises(UnknownDocument) as caught:
        tiny.resolve_document(ref)
    assert caught.value.known == [DOC] and caught.value.code == "unknown-document"


def test_an_unknown_document_in_a_large_corpus_names_the_closest_ids_not_all_of_them():
    held = [f"{n}-QD-TTg-{year}" for year in range(2000, 2026) for n in range(1, 400)]  # 10,374 ids
    line = str(UnknownDocument("40-QD-TTg-2061", held))
    assert len(line) < 300 and "10,374 held documents" in line  # one readable line, not every id
    assert "40-QD-TTg-2016" in line.split("closest: ")[1]  # what the reader most likely meant
    assert str(UnknownDocument("x", held[:3])).endswith("(known: 1-QD-TTg-2000, 2-QD-TTg-2000, 3-QD-TTg-2000)")


def test_one_document_row_and_the_held_documents(tiny: Dataset):
    assert not tiny.document(CITED)["held"]
    assert tiny.document(DOC)["symbol"] == "1-NQ/TW"
    with pytest.raises(UnknownDocument):
        tiny.document("1-nq-tw-2020")  # ids are exact here; resolve_document is the forgiving one
    assert list(tiny.held_documents()["id"]) == [DOC]


def test_held_documents_come_in_date_order(tmp_path: Path):
    t = tables()
    t["documents"][1].update(held=True, issued=t["documents"][0]["issued"].replace(year=2019), seed_file="b.txt")
    t["documents"][1]["year"] = 2019
    assert list(Dataset(write_tiny(tmp_path / "data", **t)).held_documents()["id"]) == [CITED, DOC]


def test_one_dataset_per_folder_for_the_life_of_the_process(tmp_path: Path):
    one, two = write_tiny(tmp_path / "one"), write_tiny(tmp_path / "two")
    assert get_dataset(str(one)) is get_dataset(str(one))
    assert get_dataset(str(one)) is not get_dataset(str(two))
    assert get_dataset(str(two)).data_dir == two
