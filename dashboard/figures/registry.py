"""What a chart is: its options (`ChartOptions`) and its two functions (`Chart`); the list of charts is
`figures.catalogue`.

A chart is a pair of pure functions over the Dataset and ChartOptions: `data` returns the table behind the chart
(the CSV export) and `figure` returns the plotly figure (page, PNG/SVG/PDF/HTML export and briefing slide).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.dataset.load import Dataset


@dataclass(frozen=True)
class TimelineOptions:
    """The timeline's own options: the layers it hides (of `figures.timeline.rows.LAYERS`: relations, horizons,
    not_held) and the years of issue it shows (either end open)."""

    hide: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None


@dataclass(frozen=True)
class HeatmapOptions:
    """The theme heatmap's own options: the cell a reader clicked, outlined (document id, theme id)."""

    cell: tuple[str, str] | None = None


@dataclass(frozen=True)
class TargetOptions:
    """The target charts' own options: the kinds shown (none: every kind), the years a target falls due in
    (either end open), and how the targets timeline groups its rows (document or theme)."""

    kinds: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    by: str = "document"


@dataclass(frozen=True)
class ChartOptions:
    """What a chart shows: documents, themes, a measure, two documents to compare, the language, and each
    family's own options. A page's View builds them (`View.chart_options()`); `policy-timeline export` parses
    its options through the same View."""

    docs: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    measure: str = "share_provisions"
    a: str = ""
    b: str = ""
    lang: str = "en"
    basis: str = "own"
    static: bool = False  # drawn for a file (export, briefing), not for the app: no words that ask for a click
    timeline: TimelineOptions = TimelineOptions()
    heatmap: HeatmapOptions = HeatmapOptions()
    targets: TargetOptions = TargetOptions()


@dataclass(frozen=True)
class Chart:
    """A named chart: its title, what it shows, and its two functions."""

    name: str
    title: str
    description: str
    data: Callable[[Dataset, ChartOptions], pd.DataFrame]
    figure: Callable[[Dataset, ChartOptions], go.Figure]
    needs_pair: bool = False
    uses_basis: bool = False  # what it counts depends on ChartOptions.basis (own text, or all text)


def interactive(options: ChartOptions) -> bool:
    """Return whether the figure is drawn for the app, where a click does something (not for an export, whose
    words must not ask the reader to click)."""
    return not options.static
