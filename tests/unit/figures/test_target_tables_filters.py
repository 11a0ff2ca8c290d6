"""Regression found by bench/load_test.py: a theme filter on a selection already left empty by the document and
kind filters raised KeyError('due_year') (an empty list selected no columns), a 500 on the Targets page."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.dataset.load import Dataset
from dashboard.figures.registry import ChartOptions, TargetOptions
from dashboard.figures.targets.tables import COLUMNS, KINDS, targets_table


@pytest.fixture(scope="module")
def dataset(fixture_data: Path) -> Dataset:
    return Dataset(fixture_data)


def test_every_filter_combination_gives_a_table_with_its_columns(dataset: Dataset):
    themes = list(dataset.table("themes")["id"])
    docs = list(dataset.held_documents()["id"])
    assert themes and docs
    for doc in docs:
        for kind in KINDS:
            for theme in themes:
                table = targets_table(dataset, ChartOptions(docs=(doc,), themes=(theme,),
                                                            targets=TargetOptions(kinds=(kind,), year_from=2014)))
                assert list(table.columns) == COLUMNS, (doc, kind, theme)


def test_the_case_the_load_test_found(dataset: Dataset):
    """A document with targets, a kind it has none of, then a theme filter on the empty selection."""
    assert not targets_table(dataset, ChartOptions(docs=("2-NQ-CP-2021",))).empty
    table = targets_table(dataset, ChartOptions(docs=("2-NQ-CP-2021",), themes=("culture_information",),
                                                targets=TargetOptions(kinds=("milestone",), year_from=2014)))
    assert table.empty and list(table.columns) == COLUMNS
