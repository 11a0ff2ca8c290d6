"""Session fixtures shared by every tier: the tiny fixture corpus built once, and the shipped data package."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.dataset.build import run as build_package
from dashboard.paths import DATA_DIR, REPO_DIR, SEEDS_DIR

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_SEEDS = FIXTURES / "seeds"


@pytest.fixture(scope="session")
def fixture_seeds() -> Path:
    """The minimal good corpus (two short made-up documents)."""
    return FIXTURE_SEEDS


@pytest.fixture(scope="session")
def fixture_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture corpus built once into a temporary data package."""
    out = tmp_path_factory.mktemp("fixture") / "data"
    build_package(FIXTURE_SEEDS, out)
    return out


@pytest.fixture(scope="session")
def shipped_data() -> Path:
    """The committed data package built from seeds/."""
    return DATA_DIR


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The shipped seeds/ folder."""
    return SEEDS_DIR


@pytest.fixture()
def seeds_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture corpus."""
    dest = tmp_path / "seeds"
    shutil.copytree(FIXTURE_SEEDS, dest)
    return dest


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    """The repository root."""
    return REPO_DIR
