"""Theme charts on the shipped corpus, for what the fixture corpus cannot show: a secondary summary, a partial
excerpt and a document with no own text flagged in the heatmap and the evolution, the Vietnamese coverage words,
and the provisions behind a cell of the largest seeds (fig.data, fig.layout). The rest of the theme charts'
tests run on the fixture corpus in tests/unit/figures/test_themes.py."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.dataset.build import run as build_package
from dashboard.dataset.load import Dataset
from dashboard.figures.catalogue import get_chart
from dashboard.figures.registry import ChartOptions
from dashboard.figures.template import THEME_COLOURS
from dashboard.figures.themes.tables import cell_provisions

ST = "science_technology"

ALL_THEMES = ChartOptions(themes=tuple(THEME_COLOURS))


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


def test_vietnamese_labels_come_from_the_codebook(dataset) -> None:
    fig = get_chart("themes-heatmap").figure(dataset, ChartOptions(lang="vi", themes=(ST,)))
    labels_vi = dict(zip(dataset.table("themes")["id"], dataset.table("themes")["label_vi"], strict=True))
    assert any(labels_vi[ST] in label for label in fig.data[1].y)
    assert "Tỷ trọng" in fig.layout.title.text and "tóm tắt" in " ".join(fig.data[1].x)


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
