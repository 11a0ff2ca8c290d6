"""What a chart is: its options (`ChartOptions`) and its two functions (`Chart`); the list of charts is
`figures.catalogue`.

A chart is a pair of pure functions over the Dataset and ChartOptions: `data` returns the table behind the chart
(the CSV export) and `figure` returns the plotly figure (page, PNG/SVG/PDF/HTML export and briefing slide).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from dashboard.dataset.load import Dataset


@dataclass(frozen=True)
class ChartOptions:
    """What a chart shows: documents, themes, a measure, two documents to compare, the language."""

    docs: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    measure: str = "share_provisions"
    a: str = ""
    b: str = ""
    lang: str = "en"
    basis: str = "own"
    extra: dict[str, str] = field(default_factory=dict)


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


STATIC = "static"  # ChartOptions.extra key the exports set: the figure is drawn for a file, not for the app


def interactive(options: ChartOptions) -> bool:
    """Return whether the figure is drawn for the app, where a click does something (not for an export, whose
    words must not ask the reader to click)."""
    return options.extra.get(STATIC) != "1"
