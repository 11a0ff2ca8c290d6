"""Every chart the app shows and `policy-timeline export` writes, in the order listed: add a chart to CATALOGUE.

A chart is a pair of pure functions over the Dataset and ChartOptions (`figures.registry.Chart`): `data` returns
the table behind the chart (the CSV export) and `figure` returns the plotly figure (page, PNG/SVG/PDF/HTML export
and briefing slide). Each family lives in its own package: `timeline/`, `compare/`, `themes/`, `targets/`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from dashboard.errors import UnknownChart
from dashboard.figures.compare.chart import COMPARE_TERMS, COMPARE_THEMES
from dashboard.figures.registry import Chart
from dashboard.figures.targets.chart import TARGETS_TIMELINE
from dashboard.figures.targets.indicators import INDICATORS
from dashboard.figures.themes.emergence import TERM_EMERGENCE
from dashboard.figures.themes.evolution import THEMES_EVOLUTION
from dashboard.figures.themes.heatmap import THEMES_HEATMAP
from dashboard.figures.timeline.chart import TIMELINE

CATALOGUE: tuple[Chart, ...] = (
    TIMELINE,
    COMPARE_THEMES,
    COMPARE_TERMS,
    THEMES_HEATMAP,
    THEMES_EVOLUTION,
    TERM_EMERGENCE,
    TARGETS_TIMELINE,
    INDICATORS,
)

CHARTS: Mapping[str, Chart] = MappingProxyType({chart.name: chart for chart in CATALOGUE})


def get_chart(name: str) -> Chart:
    """Return the chart named `name`, or raise UnknownChart listing the names."""
    if name not in CHARTS:
        raise UnknownChart(f"unknown chart {name!r} (known: {', '.join(sorted(CHARTS))})")
    return CHARTS[name]
