"""The Targets page reads a view's rows from the target store (written once per package version, queried by
view) instead of walking every target in the worker: what it answers must be what the figures compute from
target_records on the same package, for every filter the page has."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.app.context import AppData
from dashboard.app.target_store import FILE, TargetStore
from dashboard.figures.registry import ChartOptions, TargetOptions
from dashboard.figures.targets.chart import _drawn, drawn_kinds
from dashboard.figures.targets.indicators import indicator_records, indicators_of
from dashboard.figures.targets.tables import conflict_groups, target_records


@pytest.fixture(scope="module")
def shipped(shipped_data: Path) -> AppData:
    return AppData.load(shipped_data)


def _views(data: AppData) -> list[ChartOptions]:
    held = [d for d in data.documents if d in data.vocab.held]
    known_only = [d for d in data.documents if d not in data.vocab.held][:1]  # no targets: nothing to show
    return [
        ChartOptions(docs=tuple(known_only)),
        ChartOptions(),
        ChartOptions(targets=TargetOptions(year_from=2030, year_to=2030)),
        ChartOptions(targets=TargetOptions(year_from=2026)),
        ChartOptions(targets=TargetOptions(year_to=2020, kinds=("goal", "milestone"))),
        ChartOptions(targets=TargetOptions(kinds=("reported_indicator",))),
        ChartOptions(themes=("economy_trade",)),
        ChartOptions(themes=("economy_trade", "science_technology"), targets=TargetOptions(by="theme")),
        ChartOptions(docs=(held[0], held[-1])),
        ChartOptions(docs=tuple(held[:3]), targets=TargetOptions(kinds=("programme_period",), year_from=2021)),
    ]


def test_the_store_answers_what_target_records_gives_for_each_view(shipped: AppData) -> None:
    store = shipped.targets
    assert store is not None and (store.folder / FILE).exists()  # written once, beside the query database
    ds = shipped.dataset
    every = conflict_groups(target_records(ds, ChartOptions()))
    for options in _views(shipped):
        rows = list(target_records(ds, options))
        assert list(store.select(options)) == rows, options
        counts = store.counts(options)
        due = [r for r in rows if r["role"] == "deadline"]
        assert (counts.total, counts.due, counts.due_docs) == (
            len(rows),
            len(due),
            len({r["document_id"] for r in due}),
        )
        assert counts.in_conflict == sum(1 for r in rows if r["conflict_group"])
        assert list(store.due(options, counts)) == due
        assert store.apart(options, counts)[0:3] == [r for r in rows if r["role"] != "deadline"][0:3]
        assert store.drawn(options) == _drawn(ds, options, drawn_kinds(options)), options
        assert indicators_of(store.indicators(options)) == indicator_records(ds, options)
        shown = sorted({str(r["conflict_group"]) for r in rows if r["conflict_group"]})
        assert store.conflict_groups(options, 20) == {g: every[g] for g in shown[:20]}


def test_the_views_have_rows_to_compare() -> None:
    """The shipped package has what the comparison above needs to mean something: deadlines and years apart,
    conflicts and reported indicators."""
    rows = target_records(AppData.load().dataset, ChartOptions())
    roles = {r["role"] for r in rows}
    assert "deadline" in roles and len(roles) > 1
    assert any(r["conflict_group"] for r in rows)
    assert any(r["kind"] == "reported_indicator" and r["indicator"] for r in rows)


def test_without_a_writable_cache_the_rows_are_queried_in_the_worker(shipped: AppData, tmp_path: Path) -> None:
    assert shipped.query is not None
    blocked = tmp_path / "file"
    blocked.write_text("")
    shipped.query.cache_dir = blocked / "query"  # under a file: cannot be created
    try:
        store = TargetStore(shipped.dataset, shipped.query)
        options = ChartOptions(targets=TargetOptions(year_from=2030))
        assert list(store.select(options)) == list(target_records(shipped.dataset, options))
        assert not (blocked / "query").exists()
    finally:
        shipped.query.cache_dir = shipped.targets.folder.parent if shipped.targets else shipped.query.cache_dir


def test_serving_the_targets_and_themes_pages_reads_neither_whole_table_into_the_worker(shipped_data: Path) -> None:
    from dashboard.app.state import TargetsView, ThemesView
    from dashboard.app.views import targets, themes

    data = AppData.load(shipped_data)
    for query in ("", "?from=2030&to=2030", "?kind=reported_indicator&by=theme", "?page=2"):
        targets.targets_page(data, TargetsView.from_query(query, data.vocab))
    for query in ("", "?theme=science_technology&basis=all", "?measure=count"):
        themes.outputs(data, ThemesView.from_query(query, data.vocab))
    assert not {"targets", "theme_measures", "provisions", "provision_themes"} & data.dataset.loaded()


def test_a_view_over_the_stores_memory_limit_is_answered_not_an_error(shipped: AppData) -> None:
    """A server's threads sorting views at once can need more than the store's 128MB (DuckDB raised
    OutOfMemoryException at 10,000 documents with 4 threads): the view is answered with the builders' limit,
    and the store's own limit is back afterwards."""
    from dashboard.dataset.memory import MemoryLimit

    assert shipped.query is not None
    store = TargetStore(shipped.dataset, shipped.query)
    store._limit = MemoryLimit("512KB")  # too small for any view of the shipped package
    for options in _views(shipped):
        assert list(store.select(options)) == list(target_records(shipped.dataset, options)), options
    assert store._rows("SELECT current_setting('memory_limit') AS m", []) == [{"m": "500.0 KiB"}]
