"""The memo key of an AppData, and the Themes page's figures drawn once per view."""

from __future__ import annotations

import gc
from pathlib import Path

from dashboard.app.context import AppData
from dashboard.app.memo import Memo
from dashboard.app.state import ThemesView
from dashboard.app.views.themes import charted, charts
from dashboard.figures.themes.evolution import evolution_figure
from dashboard.figures.themes.heatmap import heatmap_figure


def test_a_memo_key_is_its_appdata_only_and_does_not_keep_it_alive(app_data: AppData, fixture_data: Path):
    key = Memo(app_data)
    assert key == Memo(app_data) and hash(key) == hash(Memo(app_data))
    other = AppData.load(fixture_data)
    assert Memo(other) != key
    dead = Memo(other)
    del other
    gc.collect()
    assert dead.ref() is None and dead != dead  # a package replaced: its entries match nothing, not even a new one


def test_the_themes_figures_are_drawn_once_per_view_and_are_the_charts_of_that_view(app_data: AppData):
    view = ThemesView(measure="count")
    first = charts(app_data, view)
    assert charts(app_data, ThemesView(measure="count")) is first  # the same view again: drawn once
    other = charts(app_data, ThemesView(measure="count", lang="vi"))
    assert other is not first and other[0].to_json() != first[0].to_json()
    options = view.chart_options()
    ds = charted(app_data, options)  # what the figure functions draw from, drawn again here
    assert first[0].to_json() == heatmap_figure(ds, options).to_json()
    assert first[1].to_json() == evolution_figure(ds, options).to_json()
