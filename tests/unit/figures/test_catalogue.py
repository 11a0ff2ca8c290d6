"""The catalogue is the one list of charts: what it lists is what the app, export and the briefing pack know."""

from __future__ import annotations

import pytest

from dashboard.errors import UnknownChart
from dashboard.figures.catalogue import CATALOGUE, CHARTS, get_chart


def test_every_chart_is_listed_once_by_a_name_of_its_own() -> None:
    names = [chart.name for chart in CATALOGUE]
    assert names and len(names) == len(set(names)) and list(CHARTS) == names
    assert all(get_chart(name) is chart for name, chart in zip(names, CATALOGUE, strict=True))


def test_an_unknown_name_is_refused_with_the_names_known() -> None:
    with pytest.raises(UnknownChart, match="known: compare-terms, compare-themes"):
        get_chart("pie")
