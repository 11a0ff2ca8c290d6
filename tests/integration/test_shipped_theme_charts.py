"""Theme charts on the shipped corpus, for what the fixture corpus cannot show: a secondary summary, a partial
excerpt and a document with no own text flagged in the heatmap and the evolution, the Vietnamese coverage words,
and the provisions behind a cell of the largest seeds (fig.data, fig.layout). The rest of the theme charts'
tests run on the fixture corpus in tests/unit/figures/test_themes.py."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.dataset.load import Dataset
from dashboard.figures.registry import ChartOptions, get_chart
from dashboard.figures.template import THEME_COLOURS
from dashboard.figures.theme_tables import cell_provisions

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
    for theme, line, marks in zip((ST, "economy_trade"), lines, glyphs, strict=True):
        expected = [_stored(measures, d["id"], theme, "own", "share_provisions") for d in docs]
        assert [None if v is None else pytest.approx(v) for v in expected] == list(line.y)
        glyph = {"summary": "○", "partial": "◐", "full": "●"}
        assert list(marks.text) == [glyph[d["coverage"]] for d in docs]
        assert marks.textfont.color == line.line.color
    key = [t.name for t in fig.data if t.legend == "legend2"]
    assert key == ["◐ Partial excerpt", "○ Secondary summary"]
    assert "Source coverage" in fig.layout.legend2.title.text
    values = [t for t in fig.data if t.mode == "markers+text"]
    assert (
        values
        and values[0].text[2] == f"{round(_stored(measures, docs[2]['id'], ST, 'own', 'share_provisions') * 100)}%"
    )


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
