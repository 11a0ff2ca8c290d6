"""Every registered chart titles the numeric and date axes it shows, in the chart's language: a reader of a slide
must not have to guess what "0 … 8" or "2023 … 2026" counts. Category axes (documents, themes, terms) and axes
whose ticks are labels of their own speak for themselves."""

from __future__ import annotations

from numbers import Number

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.figures.catalogue import CHARTS, get_chart
from tests.unit.figures.charts import chart_options

NAMES = sorted(CHARTS)
NEUTRAL_TITLES = {"G²"}  # a symbol reads the same in every language




def _values(trace: object, letter: str) -> list:
    values = getattr(trace, letter, None)
    return [] if values is None else list(values)


def _is_value(value: object) -> bool:
    """Return whether an axis value is a number or a date (not a category label)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, Number):
        return True
    if isinstance(value, str):
        try:
            pd.Timestamp(value)
        except ValueError:
            return False
        return True
    return False


def shown_value_axes(fig: go.Figure) -> list[str]:
    """Return the layout keys of the axes a chart shows with number or date ticks."""
    out = []
    for key in fig.layout:
        if not key.startswith(("xaxis", "yaxis")):
            continue
        axis = fig.layout[key]
        if axis.visible is False or axis.showticklabels is False or axis.type in ("category", "multicategory"):
            continue
        if axis.tickmode == "array" and axis.ticktext:
            continue  # the ticks are labels of the chart's own (lanes, indicators, targets)
        if axis.type in ("linear", "log", "date"):
            out.append(key)
            continue
        letter, ref = key[0], key[0] + key[5:]
        values = [
            v
            for trace in fig.data
            if (getattr(trace, f"{letter}axis", None) or letter) == ref and trace.type != "heatmap"
            for v in _values(trace, letter)
            if v is not None
        ]
        if values and all(_is_value(v) for v in values):
            out.append(key)
    return out


@pytest.mark.parametrize("name", NAMES)
def test_every_value_axis_has_a_title_in_the_charts_language(fixture_dataset, name) -> None:
    titles = {}
    for lang in ("en", "vi"):
        fig = get_chart(name).figure(fixture_dataset, chart_options(name, lang))
        assert fig.data, f"{name} ({lang}) draws nothing on the fixture corpus, so its axes go unchecked"
        titles[lang] = {key: (fig.layout[key].title.text or "").strip() for key in shown_value_axes(fig)}
        untitled = [key for key, title in titles[lang].items() if not title]
        assert not untitled, f"{name} ({lang}): no title on {untitled}"
    assert titles["en"].keys() == titles["vi"].keys()
    for key, title in titles["en"].items():
        assert title in NEUTRAL_TITLES or titles["vi"][key] != title, f"{name}: {key} title not translated"


def test_the_check_sees_value_axes() -> None:
    """The helper finds a numeric axis from its data, and leaves category and labelled axes alone."""
    fig = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h"))
    fig.update_layout(yaxis2={"tickmode": "array", "tickvals": [0], "ticktext": ["lane"]})
    assert shown_value_axes(fig) == ["xaxis"]
    fig.update_layout(xaxis={"type": "date"})
    assert "xaxis" in shown_value_axes(fig) and "yaxis" not in shown_value_axes(fig)
