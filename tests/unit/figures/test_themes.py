"""Theme charts on the fixture corpus: the heatmap and the evolution show exactly theme_measures' numbers for the
chosen basis; term emergence lists the strongest new terms; lines are told apart and named (fig.data,
fig.layout). How they flag a summary, a partial excerpt and a document without own text, and a cell's provisions,
need the shipped corpus: tests/integration/test_shipped_theme_charts.py."""

from __future__ import annotations

import itertools
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.dataset.load import Dataset
from dashboard.figures.catalogue import get_chart
from dashboard.figures.labels import theme_short_labels
from dashboard.figures.registry import ChartOptions, HeatmapOptions
from dashboard.figures.template import THEME_COLOURS, THEME_DASHES
from dashboard.figures.themes.emergence import TOP_TERMS, emergence_table
from dashboard.figures.themes.heatmap import CLICKED
from dashboard.figures.themes.tables import measures_table

ST = "science_technology"


@pytest.fixture(scope="module")
def dataset(fixture_data: Path) -> Dataset:
    return Dataset(fixture_data)


@pytest.fixture(scope="module")
def measures(dataset: Dataset) -> pd.DataFrame:
    return dataset.table("theme_measures")


def _held(dataset: Dataset) -> list[dict]:
    return dataset.held_documents().to_dict("records")


def _stored(measures: pd.DataFrame, doc: str, theme: str, basis: str, column: str) -> float | None:
    row = measures[(measures.document_id == doc) & (measures.theme_id == theme) & (measures.basis == basis)]
    assert len(row) == 1
    value = row.iloc[0][column]
    return None if row.iloc[0]["provisions"] == 0 or pd.isna(value) else float(value)


def test_theme_charts_are_registered_with_their_tables() -> None:
    for name in ("themes-heatmap", "themes-evolution", "term-emergence"):
        chart = get_chart(name)
        assert callable(chart.data) and callable(chart.figure) and not chart.needs_pair


@pytest.mark.parametrize(
    ("measure", "basis", "column"),
    [
        ("share_provisions", "own", "share_provisions"),
        ("share_provisions", "all", "share_provisions"),
        ("share_words", "own", "share_words"),
        ("count", "all", "theme_provisions"),
    ],
)
def test_heatmap_cells_are_the_stored_measures(dataset, measures, measure, basis, column) -> None:
    options = ChartOptions(measure=measure, basis=basis)
    fig = get_chart("themes-heatmap").figure(dataset, options)
    values = fig.data[1]  # the coloured heatmap (the first is the grey "no text on this basis" underlay)
    docs = [d["id"] for d in _held(dataset)]
    themes = list(dataset.table("themes")["id"])
    assert len(values.z) == len(themes) and all(len(row) == len(docs) for row in values.z)
    for i, theme in enumerate(themes):
        for j, doc in enumerate(docs):
            assert values.customdata[i][j][:2] == (doc, theme) or list(values.customdata[i][j][:2]) == [
                doc,
                theme,
            ]
            expected = _stored(measures, doc, theme, basis, column)
            got = values.z[i][j]
            assert (got is None) if expected is None else got == pytest.approx(expected)
    table = get_chart("themes-heatmap").data(dataset, options)
    assert set(table["basis"]) == {basis} and len(table) == len(docs) * len(themes)


def test_heatmap_outlines_chosen_themes_and_the_clicked_cell(dataset) -> None:
    options = ChartOptions(themes=(ST,), heatmap=HeatmapOptions(cell=("2-NQ-CP-2021", ST)))
    fig = get_chart("themes-heatmap").figure(dataset, options)
    assert any(label.startswith("<b>") and "Science" in label for label in fig.data[1].y)
    colours = [s.line.color for s in fig.layout.shapes]
    assert colours.count(CLICKED) == 1 and len(colours) == 2


def test_evolution_without_themes_draws_the_largest(dataset) -> None:
    options = ChartOptions(basis="all")
    table = get_chart("themes-evolution").data(dataset, options)
    chosen = list(dict.fromkeys(table["theme_id"]))
    assert len(chosen) == 4
    means = measures_table(dataset, options).groupby("theme_id")["value"].mean().sort_values(ascending=False)
    assert set(chosen) == set(means.index[:4])
    fig = get_chart("themes-evolution").figure(dataset, options)
    assert "largest themes" in fig.layout.title.text and len([t for t in fig.data if t.mode == "lines"]) == 4


def test_term_emergence_lists_the_strongest_new_terms(dataset) -> None:
    for basis in ("own", "all"):
        table = emergence_table(dataset, ChartOptions(basis=basis))
        assert not table.empty
        stored = dataset.table("term_emergence")
        stored = stored[(stored.status == "new") & (stored.basis == basis)]
        assert set(table["basis"]) <= {basis}
        for doc, group in table.groupby("document_id"):
            assert len(group) <= TOP_TERMS
            # codebook terms first, each group strongest first; the first bar is the strongest codebook term
            codebook = list(group["kind"] == "codebook")
            assert codebook == sorted(codebook, reverse=True)
            for _, part in group.groupby(group["kind"] == "codebook"):
                assert list(part["score"]) == sorted(part["score"], reverse=True)
            mine = stored[stored.document_id == doc]
            best = mine[mine.kind == "codebook"]["score"].max() if codebook[0] else mine["score"].max()
            assert group["score"].iloc[0] == pytest.approx(best)
            if not codebook[-1]:  # words fill the bars only once every codebook term is shown
                assert sum(codebook) == (mine.kind == "codebook").sum()
    fig = get_chart("term-emergence").figure(dataset, ChartOptions(basis="own"))
    table = emergence_table(dataset, ChartOptions(basis="own"))
    assert len(fig.data) == table["document_id"].nunique()
    for bar in fig.data:
        doc = bar.customdata[0][0]
        assert list(bar.x) == list(table[table.document_id == doc]["count"])
    caption = next(a.text for a in fig.layout.annotations if a.text.startswith("Source:"))
    assert "nothing earlier to be new against" in caption.replace("<br>", " ")


@pytest.mark.parametrize("name", ["themes-heatmap", "themes-evolution", "term-emergence"])
@pytest.mark.parametrize(
    "options",
    [
        ChartOptions(),
        ChartOptions(themes=(ST,), measure="count", basis="all", lang="vi",
                     heatmap=HeatmapOptions(cell=("1-NQ-TW-2020", ST))),
        ChartOptions(docs=("2/NQ-CP",), measure="share_words"),
    ],
)
def test_every_chart_is_a_valid_plotly_figure(dataset, name, options) -> None:
    """The charts are built unvalidated for speed (figures.compose); plotly validates them here."""
    fig = get_chart(name).figure(dataset, options)
    go.Figure(fig.to_dict())  # raises on any property plotly does not know


ALL_THEMES = ChartOptions(themes=tuple(THEME_COLOURS))


@pytest.mark.parametrize("options", [ChartOptions(), ChartOptions(basis="all", lang="vi"), ALL_THEMES])
def test_evolution_lines_differ_in_more_than_colour(dataset, options) -> None:
    """Some theme colours are close (#77AADD and #88CCEE): any two lines differ in dash or marker symbol."""
    lines = [t for t in get_chart("themes-evolution").figure(dataset, options).data if t.mode == "lines"]
    assert len(lines) >= 4
    styles = [(t.line.dash or "solid", t.marker.symbol if "markers" in t.mode else None) for t in lines]
    for i, a in enumerate(styles):
        for j, b in enumerate(styles[:i]):
            assert a != b, f"{lines[i].name} and {lines[j].name} are drawn alike: {a}"


def test_theme_dashes_are_one_per_theme_and_unlike_for_close_colours(dataset) -> None:
    themes = list(dataset.table("themes")["id"])
    assert set(THEME_DASHES) == set(themes) == set(THEME_COLOURS)
    assert len(set(THEME_DASHES.values())) == len(THEME_DASHES)
    close = [
        ("law_commitments", "diplomacy_partnerships", "overseas_vietnamese"),
        ("culture_information", "tourism_sports"),
        ("society_labor", "agriculture_food", "environment_climate"),
    ]
    for group in close:  # dashes of different families: no two of a group are both plain even dashes
        families = {_dash_family(THEME_DASHES[t]) for t in group}
        assert len(families) == len(group), group


def _dash_family(dash: str) -> str:
    if dash in ("solid", "dot", "dash", "longdash", "dashdot", "longdashdot"):
        return {"longdash": "dash", "longdashdot": "dashdot"}.get(dash, dash)
    parts = [int(p.removesuffix("px")) for p in dash.split(",")]
    if len(set(parts[1::2])) == 1 and len(set(parts[::2])) == 1:
        return "dot" if parts[0] <= 4 else "dash"
    return "dashdot" if min(parts[::2]) <= 4 else "long"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_evolution_names_each_line_at_its_end(dataset, lang) -> None:
    fig = get_chart("themes-evolution").figure(dataset, ChartOptions(lang=lang))
    lines = [t for t in fig.data if t.mode == "lines"]
    names = [a for a in fig.layout.annotations if a.yref == "y" and a.showarrow]
    short = theme_short_labels(dataset, lang)
    themes = [t.legendgroup for t in lines]
    assert [a.text for a in names] == [short[t] for t in themes]
    last = lines[0].x[-1]
    marks = {short[t.legendgroup]: t for t in fig.data if t.mode == "text"}
    for line, name in zip(lines, names, strict=True):
        assert name.x == last and name.y == pytest.approx(marks[name.text].y[-1])  # the leader starts at the line's end
        assert name.arrowcolor == line.line.color
    positions = sorted(a.ay for a in names)  # label heights, in axis units: apart by at least a label's height
    top = fig.layout.yaxis.range[1]
    plot_px = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    assert all((b - a) / top * plot_px >= 14 for a, b in itertools.pairwise(positions))
    assert not any(t.showlegend is not False for t in lines)  # the names replace the themes' legend


def test_evolution_with_every_theme_keeps_a_legend_that_fits(dataset) -> None:
    fig = get_chart("themes-evolution").figure(dataset, ALL_THEMES)
    lines = [t for t in fig.data if t.mode == "lines"]
    named = [a for a in fig.layout.annotations if a.yref == "y" and a.showarrow]
    if not named:  # too many lines end close together to name them there: the legend names them all
        assert all(t.showlegend is not False for t in lines)
        entries = sum(t.name.count("<br>") + 1 for t in lines)
        assert fig.layout.height - fig.layout.margin.t - fig.layout.margin.b >= 16 * entries
    else:
        assert len(named) == len(lines)


def test_the_evolution_of_one_document_has_one_tick_a_year(dataset, shipped_data: Path) -> None:
    # one document: a few weeks of axis, where plotly's own ticks would be months all labelled with the same year
    doc = str(_held(dataset)[0]["id"])
    fig = get_chart("themes-evolution").figure(dataset, ChartOptions(docs=(doc,)))
    assert (fig.layout.xaxis.dtick, fig.layout.xaxis.tickformat) == ("M12", "%Y")
    # twelve years of documents keep plotly's ticks, which thin out as the axis grows
    assert get_chart("themes-evolution").figure(Dataset(shipped_data), ChartOptions()).layout.xaxis.dtick is None
