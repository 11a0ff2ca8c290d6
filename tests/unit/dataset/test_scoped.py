"""scoped: a page about a few documents reads their rows from the query database instead of holding every
table. On the shipped data: a scoped table is exactly the whole table's rows for those documents (same dtypes),
the small tables are the base's own, the Compare and Themes figures drawn from a scoped dataset are the ones the
whole dataset gives, the base's large tables are never loaded, and a document id is a value, never SQL."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard.dataset.load import Dataset
from dashboard.dataset.query import Query
from dashboard.dataset.scoped import DOCUMENT_KEYS
from dashboard.figures.compare.chart import comparison_dict, distinctive_terms_figure, theme_delta_figure
from dashboard.figures.registry import ChartOptions
from dashboard.figures.themes.tables import cell_provisions, counted_provisions

PAIRS = [("59-NQ-TW-2025", "22-NQ-TW-2013"), ("01-NQ-CP-2016", "40-QD-TTg-2016")]


@pytest.fixture(scope="module")
def query(shipped_data: Path) -> Query:
    return Query(shipped_data, Dataset(shipped_data).table_names)


def test_a_scoped_table_is_the_whole_tables_rows_of_its_documents(shipped_data: Path, query: Query):
    whole = Dataset(shipped_data)
    for pair in PAIRS:
        scoped = query.scoped(whole, pair)
        for name, keys in DOCUMENT_KEYS.items():
            if name not in whole.table_names:
                continue
            table = whole.table(name)
            keep = pd.Series(False, index=table.index)
            for key in keys:
                keep |= table[key].isin(pair)
            pd.testing.assert_frame_equal(scoped.table(name), table[keep].reset_index(drop=True))
        assert scoped.table("documents") is whole.table("documents")  # the small tables are shared
        assert scoped.table("themes") is whole.table("themes")
        assert set(scoped.provisions["document_id"]) == set(pair)


def test_the_same_documents_give_the_same_scoped_dataset(shipped_data: Path, query: Query):
    whole = Dataset(shipped_data)
    assert query.scoped(whole, PAIRS[0]) is query.scoped(whole, PAIRS[0][::-1])
    assert query.scoped(whole, PAIRS[0]) is not query.scoped(whole, PAIRS[1])


def test_compare_and_theme_cells_read_from_a_scoped_dataset_are_the_same(shipped_data: Path, query: Query):
    whole, fresh = Dataset(shipped_data), Dataset(shipped_data)
    for a, b in PAIRS:
        scoped = query.scoped(fresh, (a, b))
        assert json.dumps(comparison_dict(scoped, a, b), sort_keys=True, default=str) == json.dumps(
            comparison_dict(whole, a, b), sort_keys=True, default=str
        )
        options = ChartOptions(a=a, b=b)
        assert theme_delta_figure(scoped, options).to_json() == theme_delta_figure(whole, options).to_json()
        assert distinctive_terms_figure(scoped, options).to_json() == distinctive_terms_figure(whole, options).to_json()
        for theme in ("economy_trade", "diplomacy_partnerships", "science_technology"):
            for basis in ("own", "all"):
                assert cell_provisions(scoped, a, theme, basis) == cell_provisions(whole, a, theme, basis)
        assert counted_provisions(scoped, a, "own") == counted_provisions(whole, a, "own")
    # the base dataset behind the scoped ones never loaded its large tables
    assert not {"provisions", "provision_themes", "mentions", "targets"} & set(fresh._tables)


def test_a_document_id_is_a_value_never_sql(shipped_data: Path, query: Query):
    scoped = query.scoped(Dataset(shipped_data), ["x') OR TRUE --", "59-NQ-TW-2025' OR '1'='1"])
    assert scoped.provisions.empty and scoped.table("provision_themes").empty


def test_files_read_where_they_lie_give_the_same_scoped_tables(shipped_data: Path):
    """`diff`, `brief` and a pair's export read the pair's rows from views over the Parquet twins (no copy)."""
    from dashboard.dataset.database import scoped_to

    whole = Dataset(shipped_data)
    for pair in PAIRS:
        scoped = scoped_to(Dataset(shipped_data), pair)
        for name in ("provisions", "provision_themes", "mentions", "targets", "alignments"):
            expected = query_free_rows(whole, name, pair)
            pd.testing.assert_frame_equal(scoped.table(name), expected)
        a, b = pair
        assert json.dumps(comparison_dict(scoped, a, b), sort_keys=True, default=str) == json.dumps(
            comparison_dict(whole, a, b), sort_keys=True, default=str
        )


def query_free_rows(whole: Dataset, name: str, documents: tuple[str, str]) -> pd.DataFrame:
    table = whole.table(name)
    keep = pd.Series(False, index=table.index)
    for key in DOCUMENT_KEYS[name]:
        keep |= table[key].isin(documents)
    return table[keep].reset_index(drop=True)


def test_a_briefing_pack_about_a_pair_draws_its_corpus_charts_from_every_document(shipped_data: Path, query: Query):
    """The app's button and `brief` hand the pack a pair's dataset; its timeline and theme charts draw every
    document they show (they drew only the pair's targets and measures)."""
    from dashboard.export.brief import CHART_BOX, _drawn_from
    from dashboard.export.static import export_figure
    from dashboard.figures.catalogue import CHARTS

    whole, fresh = Dataset(shipped_data), Dataset(shipped_data)
    pair = query.scoped(fresh, PAIRS[1])
    for name in ("timeline", "themes-evolution", "themes-heatmap"):
        options = ChartOptions(lang="en")
        drawn = _drawn_from(pair, CHARTS[name], options)
        assert drawn is not pair
        ours, theirs = (export_figure(d, CHARTS[name], options, CHART_BOX, titled=False)[0] for d in (drawn, whole))
        assert ours.to_json() == theirs.to_json(), name
    a, b = PAIRS[1]
    options = ChartOptions(docs=(a, b), a=a, b=b)
    assert _drawn_from(pair, CHARTS["targets-timeline"], options) is pair  # a chart of the pair reads the pair
