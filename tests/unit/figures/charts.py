"""Helpers for the tests that walk every chart of the registry."""

from __future__ import annotations

from dashboard.figures.registry import ChartOptions, get_chart

PAIR = ("40-QD-TTg-2016", "153-NQ-CP-2025")  # the two largest seeds, for charts that compare two documents


def chart_options(name: str, lang: str) -> ChartOptions:
    """Return the options that draw chart `name` in `lang` (a document pair where the chart compares two)."""
    pair = {"a": PAIR[0], "b": PAIR[1]} if get_chart(name).needs_pair else {}
    return ChartOptions(lang=lang, **pair)
