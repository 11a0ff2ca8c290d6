"""Target charts: the filters select by due year, kind, theme and document; marks say where a target comes
from (filled: the document's text, hollow: a secondary source); conflicts are drawn and never dropped;
reported indicators line up by indicator and date with their sources (fig.data, fig.layout)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.dataset.load import Dataset
from dashboard.figures.registry import ChartOptions, get_chart
from dashboard.figures.target_tables import (
    TARGET_KINDS,
    chart_years,
    conflict_groups,
    targets_table,
    years_text,
)
from dashboard.figures.targets import CONFLICT, KIND_STYLE


@pytest.fixture(scope="module")
def dataset(shipped_data: Path) -> Dataset:
    return Dataset(shipped_data)


@pytest.fixture(scope="module")
def stored(dataset: Dataset) -> pd.DataFrame:
    return dataset.table("targets")


def _marks(fig) -> list:
    return [t for t in fig.data if t.mode == "markers" and t.hovertext and t.legendgroup in KIND_STYLE]


def test_target_charts_are_registered_with_their_tables() -> None:
    for name in ("targets-timeline", "indicators"):
        chart = get_chart(name)
        assert callable(chart.data) and callable(chart.figure) and not chart.needs_pair


def test_due_in_2030_selects_exactly_the_rows_that_fall_due_then(dataset, stored) -> None:
    table = targets_table(dataset, ChartOptions(extra={"from": "2030", "to": "2030"}))
    due = pd.to_numeric(stored["end_year"], errors="coerce")
    assert set(table["id"]) == set(stored.loc[due == 2030, "id"])
    assert not table.empty and set(table["due_year"]) == {2030}
    cited = table[table["origin"] == "cited"]
    assert not cited.empty and cited["source_url"].str.startswith("http").all()
    assert (cited["source"] != "").all() and (table.loc[table["origin"] == "extracted", "provision_id"] != "").all()


def test_year_range_is_read_in_either_order() -> None:
    assert chart_years(ChartOptions(extra={"from": "2035", "to": "2020"})) == (2020, 2035)
    assert chart_years(ChartOptions(extra={"from": "abc"})) == (None, None)


def test_kind_theme_and_document_filters(dataset, stored) -> None:
    goals = targets_table(dataset, ChartOptions(extra={"kind": "goal"}))
    assert set(goals["kind"]) == {"goal"} and len(goals) == (stored["kind"] == "goal").sum()
    culture = targets_table(dataset, ChartOptions(themes=("culture_information",)))
    assert not culture.empty and all("culture_information" in t for t in culture["theme_ids"])
    one = targets_table(dataset, ChartOptions(docs=("40/QĐ-TTg",)))
    assert set(one["document_id"]) == {"40-QD-TTg-2016"}


def test_timeline_marks_kind_origin_and_conflicts(dataset) -> None:
    fig = get_chart("targets-timeline").figure(dataset, ChartOptions())
    marks = _marks(fig)
    assert {t.legendgroup for t in marks} <= set(TARGET_KINDS)
    for trace in marks:
        symbol = trace.marker.symbol
        assert symbol.startswith(KIND_STYLE[trace.legendgroup]["symbol"])
        cited = symbol.endswith("-open")
        for hover in trace.hovertext:
            assert ("reported by" in hover) == cited and ("found in provision" in hover) == (not cited)
    conflict = next(t for t in fig.data if t.name == "⚠ sources disagree")
    table = targets_table(dataset, ChartOptions())
    groups = conflict_groups(table.to_dict("records"))
    assert len(conflict.x) == sum(len(rows) for rows in groups.values()) >= 2
    assert conflict.marker.color == CONFLICT and set(conflict.text) == {"⚠"}
    ticks = list(fig.layout.yaxis.ticktext)
    for rows in groups.values():  # the disagreeing rows stay apart on the axis: both ends of the label kept
        labels = [r["label"] for r in rows]
        assert len(set(labels)) == len(labels) and all(any(lab in tick for tick in ticks) for lab in labels)
    assert any("○ summary" in tick for tick in ticks) and any("◐ partial" in tick for tick in ticks)
    assert "reported indicators are in their own chart" in fig.layout.title.text
    caption = next(a.text for a in fig.layout.annotations if a.text.startswith("Source:"))
    assert f"v{dataset.version}" in caption


def test_periods_are_bars_from_start_to_end(dataset, stored) -> None:
    fig = get_chart("targets-timeline").figure(dataset, ChartOptions(extra={"kind": "programme_period"}))
    bars = [t for t in fig.data if t.mode == "lines"]
    points = {(x0, x1) for t in bars for x0, x1 in zip(t.x[0::3], t.x[1::3], strict=True)}
    periods = stored[(stored["kind"] == "programme_period") & stored["start_year"].notna()]
    periods = periods[periods["start_year"] != periods["end_year"]]
    assert {(float(a), float(b)) for a, b in zip(periods["start_year"], periods["end_year"], strict=True)} == points


def test_the_year_filter_is_shown_as_a_band(dataset) -> None:
    fig = get_chart("targets-timeline").figure(dataset, ChartOptions(extra={"from": "2030", "to": "2030"}))
    band = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(band) == 1 and (band[0].x0, band[0].x1) == (2029.5, 2030.5)
    assert any("due 2030" in (a.text or "") for a in fig.layout.annotations)
    assert all(x == 2030 for t in _marks(fig) for x in t.x)


def test_indicators_line_up_by_indicator_and_date(dataset) -> None:
    table = get_chart("indicators").data(dataset, ChartOptions())
    partners = table[table["indicator"] == "partner_countries"]
    assert list(partners["value"]) == [33, 34] and list(partners["date"]) == sorted(partners["date"])
    ftas = table[table["indicator"] == "free_trade_agreements"]
    assert list(ftas["value"]) == [16, 17]
    fig = get_chart("indicators").figure(dataset, ChartOptions())
    assert len(fig.data) == table["indicator"].nunique()  # one row (trace) per indicator
    assert sorted(t.y[0] for t in fig.data) == list(range(len(fig.data)))
    partner_trace = next(t for t in fig.data if list(t.text) == ["33", "34"])
    assert all("reported by" in h and "confidence" in h for h in partner_trace.hovertext)
    caption = next(a.text for a in fig.layout.annotations if a.text.startswith("Source:"))
    assert "Sources:" in caption and "vietnam.vn" in caption.replace("<br>", " ")


def test_years_text_reads_periods_deadlines_and_dates() -> None:
    assert years_text({"kind": "programme_period", "start_year": 2021.0, "end_year": 2030.0}) == "2021–2030"
    assert years_text({"kind": "goal", "start_year": float("nan"), "end_year": 2030.0}) == "2030"
    assert years_text({"kind": "reported_indicator", "end_year": 2025.0, "as_of": "2025-01"}) == "2025-01"
    assert years_text({"kind": "goal"}) == ""


def test_vietnamese_chart_words(dataset) -> None:
    fig = get_chart("targets-timeline").figure(dataset, ChartOptions(lang="vi", extra={"by": "theme"}))
    assert "Mục tiêu" in fig.layout.title.text and "nhóm theo chủ đề" in fig.layout.title.text
    labels_vi = set(dataset.table("themes")["label_vi"])
    assert any(any(label in tick for label in labels_vi) for tick in fig.layout.yaxis.ticktext)


@pytest.mark.parametrize("name", ["targets-timeline", "indicators"])
@pytest.mark.parametrize(
    "options",
    [
        ChartOptions(),
        ChartOptions(lang="vi", extra={"from": "2030", "to": "2030", "by": "theme"}),
        ChartOptions(extra={"from": "1990", "to": "1991"}),  # nothing to draw
        ChartOptions(themes=("economy_trade",), extra={"kind": "reported_indicator,goal"}),
    ],
)
def test_every_chart_is_a_valid_plotly_figure(dataset, name, options) -> None:
    """The charts are built unvalidated for speed (figures.compose); plotly validates them here."""
    fig = get_chart(name).figure(dataset, options)
    go.Figure(fig.to_dict())  # raises on any property plotly does not know
