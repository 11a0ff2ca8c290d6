"""query: the pages of rows the app asks DuckDB for are the rows the in-memory tables give, on the shipped data,
and a request's values are parameters (a quote in a filter is a value to match, never SQL)."""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard.analysis.search import SearchIndex, SearchQuery
from dashboard.dataset.load import Dataset
from dashboard.dataset.query import PROVISION_COLUMNS, ProvisionFilter, Query


@pytest.fixture(scope="module")
def shipped(shipped_data: Path) -> tuple[Dataset, Query]:
    ds = Dataset(shipped_data)
    return ds, Query(shipped_data, ds.table_names)


@pytest.fixture(scope="module")
def index(shipped: tuple[Dataset, Query]) -> SearchIndex:
    ds, _ = shipped
    return SearchIndex.build(
        ds.provisions,
        ds.documents,
        provision_themes=ds.table("provision_themes"),
        mentions=ds.table("mentions"),
        assignments=ds.table("assignments"),
    )


def test_a_documents_provisions_come_a_page_at_a_time_in_reading_order(shipped):
    ds, q = shipped
    doc = ds.provisions["document_id"].value_counts().index[0]  # the longest document
    expected = ds.provisions[ds.provisions["document_id"] == doc].sort_values("ordinal")
    first, second = q.document_provisions(doc, 0, 10), q.document_provisions(doc, 10, 10)
    assert first.total == second.total == len(expected) > 10
    assert list(first.rows["id"]) + list(second.rows["id"]) == list(expected["id"][:20])
    assert list(first.rows.columns) == list(PROVISION_COLUMNS)
    assert first.rows.iloc[0]["text"] == expected.iloc[0]["text"]


@pytest.mark.parametrize(
    "f",
    [
        ProvisionFilter(),
        ProvisionFilter(theme="economy_trade", own_only=True),
        ProvisionFilter(actor="mofa", year_from=2016),
        ProvisionFilter(issuer="government", year_to=2020),
        ProvisionFilter(entity="asean"),
    ],
    ids=["all", "theme-own", "actor-from", "issuer-to", "entity"],
)
def test_a_filtered_page_is_the_search_indexs_page(shipped, index: SearchIndex, f: ProvisionFilter):
    """Without words to rank by, the Explorer lists in reading order: the SQL page matches the index's."""
    _, q = shipped
    found = index.search(SearchQuery(**{k: getattr(f, k) for k in f.__dataclass_fields__})).frame
    page = q.provision_page(f, offset=5, limit=7)
    assert page.total == len(found) > 0
    assert list(page.rows["id"]) == list(found["id"].iloc[5:12])


def test_a_filter_value_is_matched_as_text_never_read_as_sql(shipped):
    _, q = shipped
    assert q.provision_page(ProvisionFilter(theme="x' OR '1'='1")).total == 0
    assert q.provision_page(ProvisionFilter(issuer="') ; DROP VIEW provisions; --")).total == 0
    assert q.provision_page(ProvisionFilter()).total > 0  # the views are still there


def test_provisions_by_id_keep_the_order_asked_for(shipped):
    ds, q = shipped
    ids = list(ds.provisions["id"].iloc[[7, 2, 40]])
    assert list(q.provisions([*ids, "no-such:provision"])["id"]) == ids


def test_theme_counts_per_document_are_the_tables_counts(shipped):
    ds, q = shipped
    expected = (
        ds.table("provision_themes")
        .groupby(["document_id", "theme_id"])["provision_id"]
        .nunique()
        .rename("n")
        .reset_index()
    )
    got = q.theme_counts()
    pd.testing.assert_frame_equal(got.astype({"n": "int64"}), expected.astype({"n": "int64"}))


def test_targets_page_and_counts_per_year(shipped):
    ds, q = shipped
    targets = ds.table("targets")
    due = targets[(targets["end_year"] >= 2025) & (targets["end_year"] <= 2030)]
    page = q.target_page(year_from=2025, year_to=2030, limit=5)
    assert page.total == len(due) and len(page.rows) == min(5, len(due))
    assert list(page.rows["id"]) == list(due.sort_values(["end_year", "id"])["id"][:5])
    per_year = q.targets_per_year()
    assert int(per_year["n"].sum()) == int(targets["end_year"].notna().sum())


def test_seed_text_is_the_stored_text(shipped):
    ds, q = shipped
    row = ds.table("seed_texts").iloc[0]
    assert q.seed_text(row["document_id"]) == row["text"]
    assert q.seed_text("no-such-document") is None


def test_threads_share_one_query_each_with_its_own_cursor(shipped):
    _, q = shipped
    totals: list[int] = []

    def work() -> None:
        totals.extend(q.provision_page(ProvisionFilter(), limit=3).total for _ in range(20))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(totals) == 80 and len(set(totals)) == 1


def _plain(value):
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def test_annotations_read_on_demand_are_those_built_from_the_whole_tables(shipped_data: Path):
    """Every provision's themes (best first), targets, mentions and bodies, read a page at a time from the query
    database, equal the ones grouped from the tables in memory (the app's old path)."""
    from dashboard.analysis.annotations import Annotations
    from dashboard.app.context import AppData

    data = AppData.load(shipped_data)
    ds = data.dataset
    whole = Annotations.build(
        {n: ds.table(n) for n in ("provision_themes", "targets", "mentions", "entities", "assignments", "actors")}
    )
    pids = list(ds.provisions["id"])
    data.provision_rows(pids[:60])  # one page read together, the rest one by one
    for field in ("themes", "targets", "mentions", "assignments"):
        lazy, full = getattr(data.notes, field), getattr(whole, field)
        assert sum(1 for p in pids if p in full) > 0
        for pid in pids:
            got, expected = lazy.get(pid, []), full.get(pid, [])
            assert [{k: _plain(v) for k, v in r.items()} for r in got] == [
                {k: _plain(v) for k, v in r.items()} for r in expected
            ], (field, pid)
    assert data.notes.available == whole.available
    assert [data.provisions[p]["text"] for p in pids[:5]] == list(ds.provisions["text"][:5])


def test_a_workers_connection_is_bounded_by_the_serving_memory_limit(shipped_data: Path, tmp_path: Path):
    """A worker's read-only connection holds at most SERVE_MEMORY (POLICY_TIMELINE_DUCKDB_MEMORY) in DuckDB's
    buffer pool, not the builders' larger BUILD_MEMORY; the tables it copied into a new cache folder are whole."""
    from dashboard.dataset.memory import BUILD_MEMORY, SERVE_MEMORY

    def shown(limit: str) -> str:  # how DuckDB shows a limit ("61.0 MiB")
        return str(duckdb.connect(":memory:", config={"memory_limit": limit}).execute(
            "SELECT current_setting('memory_limit')").fetchone()[0])  # fmt: skip

    ds = Dataset(shipped_data)
    q = Query(shipped_data, ds.table_names, cache_dir=tmp_path)
    assert q.scalar("SELECT current_setting('memory_limit')") == shown(SERVE_MEMORY) != shown(BUILD_MEMORY)
    assert q.scalar("SELECT count(*) FROM provisions") == len(ds.provisions)


def test_each_documents_relations_are_the_tables_rows_from_and_to_it(shipped_data: Path):
    """The Document page's relations (from and to a document, in the package's order, missing values None) are
    the relations table's rows as the query database gives them, though the worker holds the table and not a
    dict per row."""
    from dashboard.analysis.search import records
    from dashboard.app.context import AppData

    data = AppData.load(shipped_data)
    assert data.query is not None
    table = data.query.frame("SELECT * EXCLUDE (_row) FROM relations ORDER BY _row")
    rows = records(table, list(table.columns))
    assert rows
    for side, mapping in (("source_id", data.relations_from), ("target_id", data.relations_to)):
        expected: dict[str, list[dict]] = {}
        for row in rows:
            expected.setdefault(str(row[side]), []).append(row)
        assert set(mapping) == set(expected)
        for doc, wanted in expected.items():
            assert [{k: _plain(v) for k, v in r.items()} for r in mapping[doc]] == [
                {k: _plain(v) for k, v in r.items()} for r in wanted
            ], (side, doc)
        assert mapping.get("no-such-document", []) == []


def test_a_query_over_the_serving_limit_is_answered_then_the_limit_is_back(shipped, tmp_path: Path):
    """Not every step of DuckDB spills to disk: a query that needs more than a worker's limit is answered (run
    again with BUILD_MEMORY), not an error page, and the worker's limit is its own again afterwards."""
    ds, whole = shipped
    small = Query(ds.data_dir, ds.table_names, cache_dir=tmp_path, memory_limit="2MB")
    limit = small.scalar("SELECT current_setting('memory_limit')")
    sql = "SELECT document_id, string_agg(text, ' ' ORDER BY ordinal) AS t FROM provisions GROUP BY 1 ORDER BY 1"
    with pytest.raises(duckdb.OutOfMemoryException):  # what a worker's query did before
        small._connection().execute(sql).df()
    assert small.frame(sql).equals(whole.frame(sql))
    assert small.scalar("SELECT current_setting('memory_limit')") == limit
