"""Comparison charts on the fixture corpus: diverging theme bars and back-to-back distinctive terms (fig.data,
fig.layout). How a secondary account's basis is named needs the shipped corpus:
tests/integration/test_shipped_compare_charts.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.dataset.load import Dataset
from dashboard.figures.catalogue import get_chart
from dashboard.figures.registry import ChartOptions
from dashboard.figures.template import GAIN, LOSS


@pytest.fixture(scope="module")
def dataset(fixture_data: Path) -> Dataset:
    return Dataset(fixture_data)


def test_compare_charts_are_registered_and_need_a_pair():
    for name in ("compare-themes", "compare-terms"):
        assert get_chart(name).needs_pair


def test_theme_delta_bars_diverge_by_sign(dataset: Dataset):
    chart = get_chart("compare-themes")
    options = ChartOptions(a="1-NQ/TW", b="2/NQ-CP")
    table = chart.data(dataset, options)
    fig = chart.figure(dataset, options)
    gains, losses = fig.data
    assert len(gains.x) and len(losses.x)  # the fixture's two documents gain some themes and lose others
    assert gains.marker.color == GAIN and losses.marker.color == LOSS
    assert all(x >= 0 for x in gains.x) and all(x < 0 for x in losses.x)
    assert len(gains.x) + len(losses.x) == len(table)
    assert list(table["delta"]) == pytest.approx(list(table["b_share"] - table["a_share"]), abs=1e-3)
    assert "1-NQ/TW" in fig.layout.title.text and "2/NQ-CP" in fig.layout.title.text
    assert "own provisions" in fig.layout.title.text
    captions = " ".join(a.text for a in fig.layout.annotations)
    assert "partial excerpt" in captions.lower() and "v" + dataset.version in captions


def test_distinctive_terms_sit_on_their_side(dataset: Dataset):
    chart = get_chart("compare-terms")
    options = ChartOptions(a="1-NQ-TW-2020", b="2-NQ-CP-2021")
    fig = chart.figure(dataset, options)
    left, right = fig.data
    assert len(left.x) and len(right.x)
    assert all(x < 0 for x in left.x) and all(x > 0 for x in right.x)
    table = chart.data(dataset, options)
    assert set(table["side"]) == {"a", "b"}
    assert list(left.text) == list(table.loc[table.side == "a", "term"])[: len(left.text)]
