"""Target charts on the shipped corpus, for what the fixture corpus cannot show: targets from cited secondary
sources, conflicts between sources drawn and never dropped, programme periods as bars, coverage flags on the
rows (fig.data, fig.layout). The rest of the target charts' tests run on the fixture corpus in
tests/unit/figures/test_targets.py."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.dataset.load import Dataset
from dashboard.figures.catalogue import get_chart
from dashboard.figures.registry import ChartOptions, TargetOptions
from dashboard.figures.targets.chart import CONFLICT, KIND_STYLE
from dashboard.figures.targets.tables import TARGET_KINDS, conflict_groups, target_records, targets_table
from dashboard.figures.timeline.horizons import BAR_OFFSET


@pytest.fixture(scope="module")
def dataset(shipped_data: Path) -> Dataset:
    return Dataset(shipped_data)


@pytest.fixture(scope="module")
def stored(dataset: Dataset) -> pd.DataFrame:
    return dataset.table("targets")


def _marks(fig) -> list:
    return [t for t in fig.data if t.mode == "markers" and t.hovertext and t.legendgroup in KIND_STYLE]


def test_due_in_2030_selects_exactly_the_rows_that_fall_due_then(dataset, stored) -> None:
    table = targets_table(dataset, ChartOptions(targets=TargetOptions(year_from=2030, year_to=2030)))
    due = pd.to_numeric(stored["end_year"], errors="coerce")
    assert set(table["id"]) == set(stored.loc[due == 2030, "id"])
    assert not table.empty and set(table["due_year"]) == {2030}
    cited = table[table["origin"] == "cited"]
    assert not cited.empty and cited["source_url"].str.startswith("http").all()
    assert (cited["source"] != "").all() and (table.loc[table["origin"] == "extracted", "provision_id"] != "").all()


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
    periods = ChartOptions(targets=TargetOptions(kinds=("programme_period",)))
    fig = get_chart("targets-timeline").figure(dataset, periods)
    bars = [t for t in fig.data if t.mode == "lines"]
    points = {(x0, x1) for t in bars for x0, x1 in zip(t.x[0::3], t.x[1::3], strict=True)}
    periods = stored[(stored["kind"] == "programme_period") & stored["start_year"].notna()]
    periods = periods[periods["start_year"] != periods["end_year"]]
    assert {(float(a), float(b)) for a, b in zip(periods["start_year"], periods["end_year"], strict=True)} == points


@pytest.fixture(scope="module")
def shipped_dataset(shipped_data: Path) -> Dataset:
    return Dataset(shipped_data)


def test_due_in_2030_counts_deadlines_and_lists_the_rest_apart(shipped_dataset) -> None:
    rows = target_records(shipped_dataset, ChartOptions(targets=TargetOptions(year_from=2030, year_to=2030)))
    apart = {r["id"]: r["role"] for r in rows if r["role"] != "deadline"}
    assert apart == {
        "01-NQ-CP-2016:1.dd:t2": "cross_reference",  # 01/NQ-CP citing the Overall strategy's vision to 2030
        "01-NQ-CP-2016:2:t3": "name",  # Agenda 2030
        "40-QD-TTg-2016:c1:t2": "not_own",  # the publisher's framing
        "40-QD-TTg-2016:6.b1:t1": "name",  # United Nations Agenda 2030
    }
    assert len(rows) - len(apart) == 8
    due_2030 = ChartOptions(targets=TargetOptions(year_from=2030, year_to=2030))
    fig = get_chart("targets-timeline").figure(shipped_dataset, due_2030)
    drawn = {c[0] for t in fig.data if t.customdata is not None for c in t.customdata if c is not None}
    assert not drawn & set(apart)
    assert "4 rows are not deadlines" in fig.layout.annotations[0].text


def test_timeline_bars_reach_only_horizons_a_document_sets(shipped_dataset) -> None:
    fig = get_chart("timeline").figure(shipped_dataset, ChartOptions())
    bars = next(t for t in fig.data if t.mode == "lines" and t.legendgroup == "horizon")
    table = get_chart("timeline").data(shipped_dataset, ChartOptions())
    row = dict(zip(table["symbol"], table["row"], strict=True))
    issued = dict(zip(table["symbol"], table["issued"], strict=True))
    ends = {}  # (row, date of issue) → the year the bar ends
    for x0, x1, y in zip(bars.x[0::3], bars.x[1::3], bars.y[0::3], strict=True):
        ends[(round(y - BAR_OFFSET), str(x0)[:10])] = str(x1)[:4]

    def end(symbol: str) -> str | None:
        return ends.get((row[symbol], str(issued[symbol])[:10]))

    assert end("01/NQ-CP") == "2017"  # an annual plan: its 2017 milestone, not Agenda 2030
    assert end("22-NQ/TW") is None  # 2020 is context only: no bar
    assert end("40/QĐ-TTg") == "2030"


def test_the_timeline_names_the_rows_the_page_lists_apart(shipped_dataset) -> None:
    # the page's count says how many rows are listed apart, of every kind; the timeline draws no reported
    # indicator, but its note names the same rows (it said 6 beside the page's 10)
    rows = target_records(shipped_dataset, ChartOptions())
    apart = [r for r in rows if r["role"] != "deadline"]
    assert len(apart) == 10 and sum(r["kind"] == "reported_indicator" for r in apart) == 4
    fig = get_chart("targets-timeline").figure(shipped_dataset, ChartOptions())
    assert "10 rows are not deadlines" in fig.layout.annotations[0].text.replace("<br>", " ")
