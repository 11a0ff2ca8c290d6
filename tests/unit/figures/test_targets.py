"""Target charts on the fixture corpus: the filters select by due year, kind, theme and document; reported
indicators line up by indicator and date with their sources (fig.data, fig.layout). What needs the shipped corpus
(secondary sources, conflicts between them, programme periods) is in
tests/integration/test_shipped_target_charts.py."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.dataset.load import Dataset
from dashboard.figures.catalogue import get_chart
from dashboard.figures.registry import ChartOptions, TargetOptions
from dashboard.figures.targets.chart import KIND_STYLE, drawn_kinds, drawn_rows, timeline_figure
from dashboard.figures.targets.tables import (
    targets_table,
    years_text,
)


@pytest.fixture(scope="module")
def dataset(fixture_data: Path) -> Dataset:
    return Dataset(fixture_data)


@pytest.fixture(scope="module")
def stored(dataset: Dataset) -> pd.DataFrame:
    return dataset.table("targets")


def _marks(fig) -> list:
    return [t for t in fig.data if t.mode == "markers" and t.hovertext and t.legendgroup in KIND_STYLE]


def test_target_charts_are_registered_with_their_tables() -> None:
    for name in ("targets-timeline", "indicators"):
        chart = get_chart(name)
        assert callable(chart.data) and callable(chart.figure) and not chart.needs_pair


def test_kind_theme_and_document_filters(dataset, stored) -> None:
    goals = targets_table(dataset, ChartOptions(targets=TargetOptions(kinds=("goal",))))
    assert set(goals["kind"]) == {"goal"} and len(goals) == (stored["kind"] == "goal").sum()
    assert not goals.empty
    trade = targets_table(dataset, ChartOptions(themes=("economy_trade",)))
    assert not trade.empty and all("economy_trade" in t for t in trade["theme_ids"])
    one = targets_table(dataset, ChartOptions(docs=("1-NQ/TW",)))
    assert set(one["document_id"]) == {"1-NQ-TW-2020"}


def test_the_year_filter_is_shown_as_a_band(dataset) -> None:
    due_2030 = ChartOptions(targets=TargetOptions(year_from=2030, year_to=2030))
    fig = get_chart("targets-timeline").figure(dataset, due_2030)
    band = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(band) == 1 and (band[0].x0, band[0].x1) == (2029.5, 2030.5)
    assert any("due 2030" in (a.text or "") for a in fig.layout.annotations)
    assert _marks(fig) and all(x == 2030 for t in _marks(fig) for x in t.x)


def test_indicators_line_up_by_indicator_and_date(dataset) -> None:
    table = get_chart("indicators").data(dataset, ChartOptions())
    agreements = table[table["indicator"] == "trade_agreements"]  # tests/fixtures/seeds/cited.yml
    assert list(agreements["value"]) == [12, 15] and list(agreements["date"]) == ["2020-06-15", "2021-09-15"]
    fig = get_chart("indicators").figure(dataset, ChartOptions())
    assert len(fig.data) == table["indicator"].nunique()  # one row (trace) per indicator
    assert sorted(t.y[0] for t in fig.data) == list(range(len(fig.data)))
    trace = next(t for t in fig.data if list(t.text) == ["12", "15"])
    assert all("reported by example.org" in h and "confidence" in h for h in trace.hovertext)
    caption = next(a.text for a in fig.layout.annotations if a.text.startswith("Source:"))
    assert "Sources: example.org" in caption.replace("<br>", " ")


def test_years_text_reads_periods_deadlines_and_dates() -> None:
    assert years_text({"kind": "programme_period", "start_year": 2021.0, "end_year": 2030.0}) == "2021–2030"
    assert years_text({"kind": "goal", "start_year": float("nan"), "end_year": 2030.0}) == "2030"
    assert years_text({"kind": "reported_indicator", "end_year": 2025.0, "as_of": "2025-01"}) == "2025-01"
    assert years_text({"kind": "goal"}) == ""


def test_vietnamese_chart_words(dataset) -> None:
    fig = get_chart("targets-timeline").figure(dataset, ChartOptions(lang="vi", targets=TargetOptions(by="theme")))
    assert "Mục tiêu" in fig.layout.title.text and "nhóm theo chủ đề" in fig.layout.title.text
    labels_vi = set(dataset.table("themes")["label_vi"])
    assert any(any(label in tick for label in labels_vi) for tick in fig.layout.yaxis.ticktext)


@pytest.mark.parametrize("name", ["targets-timeline", "indicators"])
@pytest.mark.parametrize(
    "options",
    [
        ChartOptions(),
        ChartOptions(lang="vi", targets=TargetOptions(year_from=2030, year_to=2030, by="theme")),
        ChartOptions(targets=TargetOptions(year_from=1990, year_to=1991)),  # nothing to draw
        ChartOptions(themes=("economy_trade",), targets=TargetOptions(kinds=("goal", "reported_indicator"))),
    ],
)
def test_every_chart_is_a_valid_plotly_figure(dataset, name, options) -> None:
    """The charts are built unvalidated for speed (figures.compose); plotly validates them here."""
    fig = get_chart(name).figure(dataset, options)
    go.Figure(fig.to_dict())  # raises on any property plotly does not know


def test_a_large_corpus_is_counted_in_the_captions_not_named(dataset, monkeypatch) -> None:
    """Both Targets charts name their documents in the source caption; a corpus of thousands is counted there
    instead (10,000 symbols were 131 KB of each chart)."""
    from dashboard.figures.labels import chart_documents
    from dashboard.figures.targets import chart as targets_chart
    from dashboard.figures.template import is_source_caption

    docs = chart_documents(dataset, ())
    for name in ("targets-timeline", "indicators"):
        fig = get_chart(name).figure(dataset, ChartOptions())
        caption = next(a.text for a in fig.layout.annotations if a.text.startswith("Source:"))
        assert all(d.symbol in caption for d in docs)
    monkeypatch.setattr(targets_chart, "CAPTION_DOCUMENTS", len(docs) - 1)  # the fixture stands for thousands
    for name, lang in (("targets-timeline", "en"), ("indicators", "en"), ("indicators", "vi")):
        fig = get_chart(name).figure(dataset, ChartOptions(lang=lang))
        caption = next(a.text for a in fig.layout.annotations if is_source_caption(a.text or ""))
        assert not any(d.symbol in caption for d in docs) and str(len(docs)) in caption


def _target(kind: str, role: str, year: int | None) -> dict:
    return {"id": f"{kind}-{role}-{year}", "kind": kind, "role": role, "start_year": None, "end_year": year}


def test_the_timeline_and_the_page_count_the_same_rows_apart(dataset) -> None:
    # the page's count of a view's rows: deadlines of every kind, and `apart`, the rows that are not deadlines a
    # document sets, of every kind too; the timeline draws no reported indicator, yet its note must name the
    # same rows apart (a reader saw "10 more … listed apart" above a chart saying "6 … listed apart")
    records = [
        _target("goal", "deadline", 2030),
        _target("milestone", "deadline", None),  # no year: in the table only
        _target("programme_period", "name", 2030),  # "Agenda 2030"
        _target("reported_indicator", "deadline", 2020),  # its own chart
        _target("reported_indicator", "not_own", 2013),  # a publisher's framing: apart, though never drawn here
    ]
    drawn = drawn_rows(records, drawn_kinds(ChartOptions()))
    page_apart = sum(r["role"] != "deadline" for r in records)
    assert (drawn.due, drawn.dated, drawn.apart) == (2, 1, page_apart)
    assert [r["id"] for r in drawn.first] == ["goal-deadline-2030"]
    for lang, words in (("en", "2 rows are not deadlines"), ("vi", "2 mục không phải thời hạn")):
        fig = timeline_figure(dataset, ChartOptions(lang=lang), drawn._replace(first=()))  # the notes, no marks
        note = " ".join(a.text or "" for a in fig.layout.annotations).replace("<br>", " ")
        assert words in note
        assert "(1)" in note  # the deadline without a year, in the table only
