"""Fixtures the integration tests share."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dashboard.dataset.build import run as build_package
from dashboard.dataset.parallel import DocumentRunner

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from bench_build_parallel import corpora  # noqa: E402
from generate_corpus import read_material  # noqa: E402


@pytest.fixture
def warm(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A generated corpus of 12 documents and its latest document copied (`full`), built into `out` over
    `cache` from the 12 with 2 jobs (test_build_terms_state.py has its own: one job, term emergence checked)."""
    base, full = corpora(12, 8, tmp_path, read_material())
    out, cache = tmp_path / "out", tmp_path / "cache"
    build_package(base, out, runner=DocumentRunner(jobs=2, cache_dir=cache))
    return full, out, cache
