"""Helpers for the tests that walk every chart of the registry."""

from __future__ import annotations

from dashboard.figures.catalogue import get_chart
from dashboard.figures.registry import ChartOptions

PAIR = ("1-NQ-TW-2020", "2-NQ-CP-2021")  # the fixture corpus's two documents, for charts that compare two


def chart_options(name: str, lang: str) -> ChartOptions:
    """Return the options that draw chart `name` in `lang` (a document pair where the chart compares two)."""
    pair = {"a": PAIR[0], "b": PAIR[1]} if get_chart(name).needs_pair else {}
    return ChartOptions(lang=lang, **pair)
