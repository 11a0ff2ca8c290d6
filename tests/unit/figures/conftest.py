"""Fixtures shared by the figure tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.dataset.load import Dataset


@pytest.fixture(scope="module")
def shipped_dataset(shipped_data: Path) -> Dataset:
    """The shipped data package, loaded."""
    return Dataset(shipped_data)
