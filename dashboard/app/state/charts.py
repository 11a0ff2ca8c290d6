"""Which page's View builds each chart's options: the download menu reads them from the page's address, and
`policy-timeline export --set KEY=VALUE` parses its keys through the same View (one parser, one validation,
one place to add an option: the View's field, `_parse`, `_params` and `chart_options()`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from types import MappingProxyType

from dashboard.app.state.base import Notice, View, Vocabulary
from dashboard.app.state.compare import CompareView
from dashboard.app.state.documents import TimelineView
from dashboard.app.state.targets import TargetsView
from dashboard.app.state.themes import ThemesView
from dashboard.figures.registry import ChartOptions

CHART_VIEWS: Mapping[str, type[View]] = MappingProxyType({
    "timeline": TimelineView,
    "compare-themes": CompareView,
    "compare-terms": CompareView,
    "themes-heatmap": ThemesView,
    "themes-evolution": ThemesView,
    "term-emergence": ThemesView,
    "targets-timeline": TargetsView,
    "indicators": TargetsView,
})
PAGE_VIEWS: Mapping[str, type[View]] = MappingProxyType({view.PATH: view for view in CHART_VIEWS.values()})
# the parameters of a page that land in its charts' own options (ChartOptions.timeline, .heatmap, .targets);
# documents, themes, the pair, measure, basis and language have options of their own on the command line
OWN_PARAMS: Mapping[type[View], tuple[str, ...]] = MappingProxyType({
    TimelineView: ("hide",),
    CompareView: (),
    ThemesView: ("cell",),
    TargetsView: ("kind", "from", "to", "by"),
})
INFORMATIONAL = ("swapped", "out-of-range")  # notices that say what is shown, not that a value was dropped


def page_options(pathname: str | None, search: str | None, vocab: Vocabulary) -> ChartOptions:
    """Return the chart options of the page at `pathname` in the state its URL query describes (a page
    without charts: the defaults)."""
    view_class = PAGE_VIEWS.get(pathname or "/")
    return view_class.from_query(search, vocab).chart_options() if view_class else ChartOptions()


def set_options(chart: str, options: ChartOptions, pairs: Iterable[tuple[str, str]],
                vocab: Vocabulary) -> tuple[ChartOptions, list[Notice]]:
    """Return `options` with chart `chart`'s own options (`KEY=VALUE` pairs, as its page's address takes them)
    parsed by the chart's page View, and the notices of values that were dropped (the export refuses them)."""
    view_class = CHART_VIEWS[chart]
    params: dict[str, list[str]] = {}
    unknown: list[Notice] = []
    for key, value in pairs:
        if key in OWN_PARAMS[view_class]:
            params.setdefault(key, []).append(value)
        else:
            unknown.append(Notice("unknown-param", key, value))
    view = view_class.from_params(params, vocab)
    own = view.chart_options()
    out = replace(options, timeline=own.timeline, heatmap=own.heatmap, targets=own.targets)
    return out, unknown + [n for n in view.notices if n.code not in INFORMATIONAL]

