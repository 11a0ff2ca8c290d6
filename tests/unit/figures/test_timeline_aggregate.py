"""The timeline at scale: above AGGREGATE_LIMIT documents it draws one circle per lane and year that counts
them (figures.timeline.aggregate), the counts add up to the documents they replace, the hovers say what a
circle holds, the SQL counts (Query.documents_per_lane_year) are the pandas ones, and a year filter brings the
documents back one by one."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from dashboard.dataset.load import Dataset
from dashboard.dataset.query import Query
from dashboard.figures.catalogue import get_chart
from dashboard.figures.registry import ChartOptions, TimelineOptions
from dashboard.figures.timeline.aggregate import (
    AGGREGATE_LIMIT,
    aggregate_figure,
    aggregated,
    lane_year_grain,
    period_hover,
    period_table,
)

LANES = ["Politburo", "Government", "Prime Minister", "Ministries"]
COVERAGE = ["full", "full", "partial", "summary"]


def write_package(folder: Path, n: int) -> Path:
    """Write a data package of `n` documents (the documents table only): lanes, years 2014–2023 and coverage
    cycle, every seventh document known only through references."""
    folder.mkdir(parents=True)
    rows = []
    for i in range(n):
        issued = date(2014, 1, 1) + timedelta(days=(i * 37) % 3650)
        held = i % 7 != 0
        rows.append(
            {
                "id": f"doc-{i:04d}",
                "symbol": f"{i}/NQ-CP",
                "title_en": f"Document {i}",
                "title_vi": f"Văn bản {i}",
                "lane": LANES[i % len(LANES)],
                "issued": issued,
                "year": issued.year,
                "held": held,
                "coverage": COVERAGE[i % len(COVERAGE)] if held else None,
                "source_kind": "official_text",
                "coverage_note": "",
                "issuer_detail": "",
                "issuer_label": LANES[i % len(LANES)],
                "horizons": "2030",
                "horizons_note": "",
            }
        )
    pd.DataFrame(rows).to_parquet(folder / "documents.parquet", index=False)
    package = {"name": "test", "version": "9.9.9", "resources": [{"name": "documents", "path": "documents.csv"}]}
    (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return Dataset(write_package(tmp_path_factory.mktemp("big") / "data", AGGREGATE_LIMIT + 100))


def circles(fig) -> list:  # the aggregated chart's one trace
    return [tr for tr in fig.data if tr.customdata is not None and str(tr.customdata[0][0]).startswith("year:")]


def test_the_switch_is_at_the_limit(tmp_path: Path):
    assert not aggregated(AGGREGATE_LIMIT) and aggregated(AGGREGATE_LIMIT + 1)
    at = Dataset(write_package(tmp_path / "at", AGGREGATE_LIMIT))
    over = Dataset(write_package(tmp_path / "over", AGGREGATE_LIMIT + 1))
    chart = get_chart("timeline").figure
    one_by_one = chart(at, ChartOptions())
    assert not circles(one_by_one)
    drawn = {c[0] for tr in one_by_one.data if tr.customdata is not None for c in tr.customdata}
    assert drawn == set(at.documents["id"])
    grouped = chart(over, ChartOptions())
    assert len(circles(grouped)) == 1 and len(grouped.data) == 1


def test_the_counts_add_up_to_the_documents_they_replace(big: Dataset):
    fig = get_chart("timeline").figure(big, ChartOptions())
    (trace,) = circles(fig)
    assert sum(int(n) for n in trace.text) == len(big.documents)
    periods = period_table(lane_year_grain(big.documents))
    expected = big.documents.assign(y=pd.to_datetime(big.documents["issued"]).dt.year).groupby(["lane", "y"]).size()
    assert {(r["lane"], r["year"]): r["n"] for r in periods.to_dict("records")} == expected.to_dict()
    # each circle's coverage breakdown adds up to its count
    assert (periods[["full", "partial", "summary", "not_held"]].sum(axis=1) == periods["n"]).all()
    assert int(periods["not_held"].sum()) == int((~big.documents["held"]).sum())


def test_hiding_the_documents_not_held_leaves_them_out_of_the_counts(big: Dataset):
    fig = get_chart("timeline").figure(big, ChartOptions(timeline=TimelineOptions(hide=("not_held",))))
    (trace,) = circles(fig)
    assert sum(int(n) for n in trace.text) == int(big.documents["held"].sum())


def test_a_hover_says_what_a_circle_counts():
    row = {
        "lane": "Government",
        "year": 2019,
        "n": 12,
        "full": 9,
        "partial": 2,
        "summary": 0,
        "not_held": 1,
        "symbols": ("1/NQ-CP", "2/NQ-CP", "3/NQ-CP", "4/NQ-CP", "5/NQ-CP"),
    }
    hover = period_hover(row, "en")
    assert "Government · 2019" in hover and "12 documents" in hover
    assert "9 full text" in hover.lower() and "2 partial" in hover.lower() and "1 not held" in hover.lower()
    assert "summary" not in hover.lower()  # no coverage the circle does not hold
    assert "1/NQ-CP, 2/NQ-CP, 3/NQ-CP, 4/NQ-CP, 5/NQ-CP …" in hover  # the first five, and that there are more
    assert "click" in hover.lower() and "click" not in period_hover(row, "en", click=False).lower()
    one = period_hover({**row, "n": 1, "full": 1, "partial": 0, "not_held": 0, "symbols": ("1/NQ-CP",)}, "en")
    assert "1 document " in one and "…" not in one
    assert "Government · 2019" in period_hover(row, "vi") or "Chính phủ · 2019" in period_hover(row, "vi")


def test_the_figure_says_it_is_aggregated_and_why(big: Dataset):
    fig = get_chart("timeline").figure(big, ChartOptions())
    title = fig.layout.title.text
    assert f"{len(big.documents)} documents" in title and str(AGGREGATE_LIMIT) in title and "circle" in title
    assert (
        "3,000 documents"
        in aggregate_figure(
            pd.DataFrame(
                [
                    {
                        "lane": "Government",
                        "year": 2020,
                        "n": 3000,
                        "full": 3000,
                        "partial": 0,
                        "summary": 0,
                        "not_held": 0,
                        "symbols": (),
                    }
                ]
            ),
            "1",
            "en",
        ).layout.title.text
    )
    assert "Click a circle" in title
    static = get_chart("timeline").figure(big, ChartOptions(static=True))
    assert "click" not in static.layout.title.text.lower()  # an export cannot be clicked


def test_the_sql_counts_are_the_pandas_counts(big: Dataset, tmp_path: Path):
    query = Query(big.data_dir, big.table_names, cache_dir=tmp_path / "cache")

    def same(sql: pd.DataFrame, frame: pd.DataFrame) -> bool:
        norm = [f.assign(symbols=f["symbols"].map(list)).to_dict("records") for f in (sql, frame)]
        return norm[0] == norm[1]

    assert same(query.documents_per_lane_year(), lane_year_grain(big.documents))
    held = big.documents[big.documents["held"]]
    assert same(query.documents_per_lane_year(held_only=True), lane_year_grain(held))
    years = big.documents[pd.to_datetime(big.documents["issued"]).dt.year.between(2016, 2017)]
    assert same(query.documents_per_lane_year(year_from=2016, year_to=2017), lane_year_grain(years))
    # the same figure from either
    from_sql = aggregate_figure(period_table(query.documents_per_lane_year()), big.version, "en")
    assert from_sql.to_json() == get_chart("timeline").figure(big, ChartOptions()).to_json()


def test_a_year_shows_its_documents_one_by_one(big: Dataset):
    options = ChartOptions(timeline=TimelineOptions(year_from=2019, year_to=2019))
    fig = get_chart("timeline").figure(big, options)
    assert not circles(fig)
    drawn = {c[0] for tr in fig.data if tr.customdata is not None for c in tr.customdata}
    in_2019 = big.documents[pd.to_datetime(big.documents["issued"]).dt.year == 2019]
    assert drawn == set(in_2019["id"]) and drawn
    assert "2019" in fig.layout.title.text


def test_no_documents_draws_an_empty_grouped_chart():
    fig = aggregate_figure(
        period_table(pd.DataFrame(columns=["lane", "year", "coverage", "held", "n", "symbols"])), "1", "en"
    )
    assert len(fig.data) == 1 and len(fig.data[0].x) == 0
