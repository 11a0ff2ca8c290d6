"""One typed path from an address to a chart: each chart's page View builds its options, for the page, its
download menu and `policy-timeline export --set`."""

from __future__ import annotations

import pytest

from dashboard.app.context import AppData
from dashboard.app.state import CompareView, TargetsView, ThemesView, TimelineView
from dashboard.app.state.charts import CHART_VIEWS, OWN_PARAMS, PAGE_VIEWS, page_options, set_options
from dashboard.figures.catalogue import CATALOGUE
from dashboard.figures.registry import ChartOptions, HeatmapOptions, TargetOptions, TimelineOptions


def test_every_chart_has_the_page_that_builds_its_options() -> None:
    assert [c.name for c in CATALOGUE if c.name not in CHART_VIEWS] == []
    assert set(CHART_VIEWS) == {c.name for c in CATALOGUE}
    for view in CHART_VIEWS.values():
        assert PAGE_VIEWS[view.PATH] is view and set(OWN_PARAMS[view]) <= set(view.PARAMS)


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        ("/targets", "?kind=goal&from=2030&to=2030&by=theme",
         ChartOptions(targets=TargetOptions(kinds=("goal",), year_from=2030, year_to=2030, by="theme"))),
        ("/timeline", "?hide=horizons,relations&lang=vi",
         ChartOptions(lang="vi", timeline=TimelineOptions(hide=("relations", "horizons")))),
        ("/themes", "?theme=science_technology&cell=2/NQ-CP|science_technology&basis=all",
         ChartOptions(themes=("science_technology",), basis="all",
                      heatmap=HeatmapOptions(cell=("2-NQ-CP-2021", "science_technology")))),
        ("/compare", "?a=1-NQ-TW-2020&b=2-NQ-CP-2021", ChartOptions(a="1-NQ-TW-2020", b="2-NQ-CP-2021")),
        ("/document", "?doc=1-NQ-TW-2020", ChartOptions()),  # a page without charts
    ],
)
def test_an_address_gives_its_pages_typed_chart_options(app_data: AppData, path, query, expected) -> None:
    assert page_options(path, query, app_data.vocab) == expected


def test_set_pairs_are_read_as_the_pages_address_is(app_data: AppData) -> None:
    base = ChartOptions(docs=("1-NQ-TW-2020",), lang="vi")
    options, dropped = set_options("indicators", base, [("kind", "goal,milestone"), ("from", "2035"), ("to", "2020")],
                                   app_data.vocab)
    # the pair's years are swapped as on the page (a notice there, nothing to refuse here)
    assert dropped == [] and options.docs == base.docs and options.lang == "vi"
    view = TargetsView.from_query("?kind=goal,milestone&from=2035&to=2020", app_data.vocab)
    assert options.targets == view.chart_options().targets
    assert options.targets.kinds == ("goal", "milestone")


@pytest.mark.parametrize(
    ("chart", "pairs", "code"),
    [
        ("timeline", [("kind", "goal")], "unknown-param"),  # the Targets page's key, not the timeline's
        ("targets-timeline", [("docs", "1-NQ-TW-2020")], "unknown-param"),  # has its own --docs
        ("targets-timeline", [("kind", "wish")], "unknown-value"),
        ("targets-timeline", [("from", "soon")], "malformed"),
        ("themes-heatmap", [("cell", "no-such-doc|science_technology")], "malformed"),
        ("timeline", [("hide", "everything")], "unknown-value"),
    ],
)
def test_set_pairs_a_view_drops_are_reported(app_data: AppData, chart, pairs, code) -> None:
    options, dropped = set_options(chart, ChartOptions(), pairs, app_data.vocab)
    assert [n.code for n in dropped] == [code] and options == ChartOptions()


def test_the_views_are_the_pages() -> None:
    assert {v.PATH for v in (TimelineView, CompareView, ThemesView, TargetsView)} == set(PAGE_VIEWS)
