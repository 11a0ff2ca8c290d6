"""Comparison charts: diverging theme bars and back-to-back distinctive terms (fig.data, fig.layout)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.dataset.load import Dataset
from dashboard.figures.registry import ChartOptions, get_chart
from dashboard.figures.template import GAIN, LOSS


@pytest.fixture(scope="module")
def dataset(shipped_data: Path) -> Dataset:
    return Dataset(shipped_data)


def test_compare_charts_are_registered_and_need_a_pair():
    for name in ("compare-themes", "compare-terms"):
        assert get_chart(name).needs_pair


def test_theme_delta_bars_diverge_by_sign(dataset: Dataset):
    chart = get_chart("compare-themes")
    options = ChartOptions(a="40/QĐ-TTg", b="153/NQ-CP")
    table = chart.data(dataset, options)
    fig = chart.figure(dataset, options)
    gains, losses = fig.data
    assert gains.marker.color == GAIN and losses.marker.color == LOSS
    assert all(x >= 0 for x in gains.x) and all(x < 0 for x in losses.x)
    assert len(gains.x) + len(losses.x) == len(table)
    assert list(table["delta"]) == pytest.approx(list(table["b_share"] - table["a_share"]), abs=1e-3)
    assert "40/QĐ-TTg" in fig.layout.title.text and "153/NQ-CP" in fig.layout.title.text
    assert "own provisions" in fig.layout.title.text
    captions = " ".join(a.text for a in fig.layout.annotations)
    assert "partial excerpt" in captions.lower() and "v" + dataset.version in captions


def test_secondary_account_basis_is_named(dataset: Dataset):
    fig = get_chart("compare-themes").figure(dataset, ChartOptions(a="22-NQ/TW", b="59-NQ/TW"))
    assert "22-NQ/TW: all provisions (secondary account)" in fig.layout.title.text


def test_distinctive_terms_sit_on_their_side(dataset: Dataset):
    chart = get_chart("compare-terms")
    options = ChartOptions(a="40-QD-TTg-2016", b="153-NQ-CP-2025")
    fig = chart.figure(dataset, options)
    left, right = fig.data
    assert all(x < 0 for x in left.x) and all(x > 0 for x in right.x)
    table = chart.data(dataset, options)
    assert set(table["side"]) == {"a", "b"}
    assert list(left.text) == list(table.loc[table.side == "a", "term"])[: len(left.text)]
