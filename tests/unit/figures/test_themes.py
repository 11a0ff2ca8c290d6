"""Theme charts: the heatmap and the evolution show exactly theme_measures' numbers for the chosen basis, flag
every source's coverage, name the basis; term emergence lists the strongest new terms; a cell's provisions
carry their evidence spans (fig.data, fig.layout)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.dataset.build import run as build_package
from dashboard.dataset.load import Dataset
from dashboard.figures.emergence import TOP_TERMS, emergence_table
from dashboard.figures.labels import theme_short_labels
from dashboard.figures.registry import ChartOptions, get_chart
from dashboard.figures.template import THEME_COLOURS, THEME_DASHES
from dashboard.figures.theme_tables import cell_provisions, measures_table
from dashboard.figures.themes import CLICKED

ST = "science_technology"


@pytest.fixture(scope="module")
def dataset(shipped_data: Path) -> Dataset:
    return Dataset(shipped_data)


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


def test_heatmap_flags_coverage_and_a_document_without_own_text(dataset) -> None:
    fig = get_chart("themes-heatmap").figure(dataset, ChartOptions(basis="own"))
    labels = list(fig.data[1].x)
    by_symbol = {lab.split("</b>")[0].removeprefix("<b>"): lab for lab in labels}
    assert "○ summary" in by_symbol["59-NQ/TW"] and "<br>2025<br>" in by_symbol["59-NQ/TW"]
    assert "◐ partial" in by_symbol["40/QĐ-TTg"]
    assert "no own text" in by_symbol["22-NQ/TW"] and "no own text" not in by_symbol["40/QĐ-TTg"]
    years = [int(lab.split("<br>")[1]) for lab in labels]
    assert years == sorted(years)
    gaps = fig.data[0].z  # the grey underlay marks exactly the document without own text
    col = labels.index(by_symbol["22-NQ/TW"])
    assert all(row[col] == 1 for row in gaps) and all(
        row[j] is None for row in gaps for j in range(len(row)) if j != col
    )
    title = fig.layout.title.text
    assert "own text" in title and "publisher's framing and reported text left out" in title
    caption = next(a.text for a in fig.layout.annotations if a.text.startswith("Source:"))
    assert f"v{dataset.version}" in caption and "secondary" in caption and "22-NQ/TW: no own text" in caption
    fig_all = get_chart("themes-heatmap").figure(dataset, ChartOptions(basis="all"))
    assert "counting all text" in fig_all.layout.title.text
    assert not any("no own text" in lab for lab in fig_all.data[1].x)


def test_heatmap_outlines_chosen_themes_and_the_clicked_cell(dataset) -> None:
    options = ChartOptions(themes=(ST,), extra={"cell": f"59-NQ-TW-2025|{ST}"})
    fig = get_chart("themes-heatmap").figure(dataset, options)
    assert any(label.startswith("<b>") and "Science" in label for label in fig.data[1].y)
    colours = [s.line.color for s in fig.layout.shapes]
    assert colours.count(CLICKED) == 1 and len(colours) == 2


def test_evolution_draws_each_chosen_theme_with_coverage_marks(dataset, measures) -> None:
    options = ChartOptions(themes=(ST, "economy_trade"), basis="own")
    fig = get_chart("themes-evolution").figure(dataset, options)
    lines = [t for t in fig.data if t.mode == "lines"]
    glyphs = [t for t in fig.data if t.mode == "text"]
    assert [t.line.color for t in lines] == [THEME_COLOURS[ST], THEME_COLOURS["economy_trade"]]
    docs = _held(dataset)
    for theme, marks in zip((ST, "economy_trade"), glyphs, strict=True):
        expected = [_stored(measures, d["id"], theme, "own", "share_provisions") for d in docs]
        assert [None if v is None else pytest.approx(v) for v in expected] == list(marks.y)
        glyph = {"summary": "○", "partial": "◐", "full": "●"}
        assert list(marks.text) == [glyph[d["coverage"]] for d in docs]
    key = [t.name for t in fig.data if t.legend == "legend2"]
    assert key == ["◐ Partial excerpt", "○ Secondary summary"]
    assert "Source coverage" in fig.layout.legend2.title.text
    printed = {(a.x, a.text) for a in fig.layout.annotations if a.yref == "y" and not a.showarrow}
    share = f"{round(_stored(measures, docs[2]['id'], ST, 'own', 'share_provisions') * 100)}%"
    assert (glyphs[0].x[2], share) in printed  # 40/QĐ-TTg's value, written beside its point


def test_evolution_never_joins_an_excerpt_or_a_summary(dataset) -> None:
    """Every shipped seed is an excerpt or a summary: each point is marked and no line runs between them
    (science and technology's 0 at 01/NQ-CP, a diplomacy-only excerpt, is not a fall)."""
    fig = get_chart("themes-evolution").figure(dataset, ChartOptions(themes=(ST,), basis="all"))
    line = next(t for t in fig.data if t.mode == "lines")
    marks = next(t for t in fig.data if t.mode == "text")
    assert [round(v, 2) for v in marks.y] == [0.09, 0.0, 0.13, 0.06, 0.09]
    assert list(line.y) == [None] * 5 and line.connectgaps is False
    assert "joins only full official texts" in fig.layout.title.text


def test_evolution_joins_full_official_texts(seeds_copy: Path, tmp_path: Path) -> None:
    """Two full official texts are joined by their theme's line; a partial one between them breaks it."""
    beta = seeds_copy / "beta.yml"
    beta.write_text(
        beta.read_text(encoding="utf-8")
        .replace("coverage: partial", "coverage: full")
        .replace("source_kind: ministry_summary", "source_kind: official_text"),
        encoding="utf-8",
    )
    build_package(seeds_copy, tmp_path / "data")
    ds = Dataset(tmp_path / "data")
    fig = get_chart("themes-evolution").figure(ds, ChartOptions(basis="all"))
    lines = [t for t in fig.data if t.mode == "lines"]
    marks = [t for t in fig.data if t.mode == "text"]
    assert lines and all(list(line.y) == list(m.y) for line, m in zip(lines, marks, strict=True))
    assert all(list(m.text) == ["●", "●"] for m in marks)


def test_evolution_spaces_documents_by_their_date_of_issue(dataset) -> None:
    fig = get_chart("themes-evolution").figure(dataset, ChartOptions(themes=(ST,)))
    assert fig.layout.xaxis.type == "date"
    x = [pd.Timestamp(v) for v in next(t for t in fig.data if t.mode == "text").x]
    issued = [pd.Timestamp(d["issued"]) for d in _held(dataset)]
    span = (issued[-1] - issued[0]).days
    assert (x[1] - x[0]).days < 0.5 * (x[4] - x[2]).days  # 2013→2016 is drawn shorter than 2016→2025
    assert all(abs((a - b).days) <= 0.03 * span for a, b in zip(x, issued, strict=True))
    assert 0 < (x[2] - x[1]).days <= 0.03 * span  # 01/NQ-CP and 40/QĐ-TTg, issued the same day, side by side


def test_evolution_labels_of_documents_issued_together_do_not_overlap(dataset) -> None:
    fig = get_chart("themes-evolution").figure(dataset, ChartOptions(themes=(ST,)))
    labels = [a for a in fig.layout.annotations if a.yref == "paper" and a.xref == "x"]
    assert [a.text.split("<br>")[0] for a in labels] == [
        "<b>22-NQ/TW</b>",
        "<b>01/NQ-CP</b>",
        "<b>40/QĐ-TTg</b>",
        "<b>59-NQ/TW</b>",
        "<b>153/NQ-CP</b>",
    ]
    same_day = labels[1:3]  # each label stands on its own point's side
    assert [a.xanchor for a in same_day] == ["right", "left"] and same_day[0].yshift == same_day[1].yshift
    assert fig.layout.margin.b >= -min(a.yshift for a in labels) + 3 * 14


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "Theme weight over time: Science and technology · Diplomacy"),
        ("vi", "Tỷ trọng chủ đề qua thời gian: Khoa học, công nghệ · Đối ngoại"),
    ],
)
def test_evolution_title_names_the_themes_shown(dataset, lang, words) -> None:
    fig = get_chart("themes-evolution").figure(dataset, ChartOptions(themes=(ST, "diplomacy_partnerships"), lang=lang))
    assert fig.layout.title.text.startswith(f"<b>{words}</b>")
    every = get_chart("themes-evolution").figure(dataset, ALL_THEMES)
    assert "16 themes" in every.layout.title.text


def test_evolution_without_themes_draws_the_largest(dataset) -> None:
    options = ChartOptions(basis="all")
    table = get_chart("themes-evolution").data(dataset, options)
    chosen = list(dict.fromkeys(table["theme_id"]))
    assert len(chosen) == 4
    means = measures_table(dataset, options).groupby("theme_id")["value"].mean().sort_values(ascending=False)
    assert set(chosen) == set(means.index[:4])
    fig = get_chart("themes-evolution").figure(dataset, options)
    assert "largest themes" in fig.layout.title.text and len([t for t in fig.data if t.mode == "lines"]) == 4


def test_vietnamese_labels_come_from_the_codebook(dataset) -> None:
    fig = get_chart("themes-heatmap").figure(dataset, ChartOptions(lang="vi", themes=(ST,)))
    labels_vi = dict(zip(dataset.table("themes")["id"], dataset.table("themes")["label_vi"], strict=True))
    assert any(labels_vi[ST] in label for label in fig.data[1].y)
    assert "Tỷ trọng" in fig.layout.title.text and "tóm tắt" in " ".join(fig.data[1].x)


def test_term_emergence_lists_the_strongest_new_terms(dataset) -> None:
    for basis in ("own", "all"):
        table = emergence_table(dataset, ChartOptions(basis=basis))
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


def test_cell_provisions_match_the_count_and_carry_evidence_spans(dataset, measures) -> None:
    for basis in ("own", "all"):
        for doc in ("40-QD-TTg-2016", "153-NQ-CP-2025"):
            rows = cell_provisions(dataset, doc, ST, basis)
            assert len(rows) == _stored(measures, doc, ST, basis, "theme_provisions")
            for row in rows:
                assert row["spans"], row["provision_id"]
                for start, end, term in row["spans"]:
                    assert 0 <= start < end <= len(row["text"]) and term
    ordinals = [r["ordinal"] for r in cell_provisions(dataset, "40-QD-TTg-2016", ST, "all")]
    assert ordinals == sorted(ordinals)
    assert cell_provisions(dataset, "22-NQ-TW-2013", "governance", "own") == []
    assert cell_provisions(dataset, "22-NQ-TW-2013", "governance", "all")


@pytest.mark.parametrize("name", ["themes-heatmap", "themes-evolution", "term-emergence"])
@pytest.mark.parametrize(
    "options",
    [
        ChartOptions(),
        ChartOptions(themes=(ST,), measure="count", basis="all", lang="vi", extra={"cell": f"40-QD-TTg-2016|{ST}"}),
        ChartOptions(docs=("59-NQ/TW",), measure="share_words"),
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
