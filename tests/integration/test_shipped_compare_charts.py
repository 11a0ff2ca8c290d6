"""Comparison charts on the shipped corpus, for what the fixture corpus cannot show: a document known only from
a secondary account is compared on all its provisions, and the chart's title says so. The rest of the comparison
charts' tests run on the fixture corpus in tests/unit/figures/test_compare_figures.py."""

from __future__ import annotations

from pathlib import Path

from dashboard.dataset.load import Dataset
from dashboard.figures.catalogue import get_chart
from dashboard.figures.registry import ChartOptions


def test_secondary_account_basis_is_named(shipped_data: Path):
    fig = get_chart("compare-themes").figure(Dataset(shipped_data), ChartOptions(a="22-NQ/TW", b="59-NQ/TW"))
    assert "22-NQ/TW: all provisions (secondary account)" in fig.layout.title.text
