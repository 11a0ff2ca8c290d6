"""Fixtures shared by the figure tests: the fixture corpus, built once per session, loaded as export loads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.dataset.load import Dataset


@pytest.fixture(scope="module")
def fixture_dataset(fixture_data: Path) -> Dataset:
    """The fixture corpus's data package, loaded."""
    return Dataset(fixture_data)
