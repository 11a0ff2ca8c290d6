"""The Targets page's rows, computed once per package version and queried a view at a time.

The targets with their document's facts and derived columns (deadline roles, labels, sources, due years:
figures.targets.tables.ordered_targets, ~6 s of CPU over 133,000 targets at 10,000 documents) are written once
per package version, in a process of its own, to `<key>.targets{FORMAT}/targets.parquet` beside the query
database (built like the search index: under a lock, renamed into place). Each worker then asks DuckDB for
what a Targets view shows: its counts, a page of each of the table's two parts, the timeline's first rows and
span, the reported indicators, the conflict groups, instead of holding every target in its heap. Where the
cache folder cannot be written, the rows are computed in the worker and queried the same way.

The answers equal what the pure functions of figures.targets compute from target_records (tests/unit/app/
test_target_store.py checks it on the seeds); the figures draw them (timeline_figure's `drawn`,
indicators_figure's `rows`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, overload

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard.app.search_index import build_once
from dashboard.dataset.database import ProcessConnection
from dashboard.dataset.load import Dataset
from dashboard.dataset.memory import MemoryLimit
from dashboard.dataset.query import Query
from dashboard.figures.labels import chart_documents
from dashboard.figures.registry import ChartOptions
from dashboard.figures.targets.chart import MAX_ROWS, Drawn, drawn_kinds
from dashboard.figures.targets.tables import COLUMNS, KINDS, ordered_targets, shown_kinds

FORMAT = 1  # bump when ordered_targets' columns or order change: a new folder is written
FILE = "targets.parquet"
_COLS = ", ".join(f'"{c}"' for c in COLUMNS)
_CONFLICT = "coalesce(conflict_group, '') <> ''"


@dataclass(frozen=True)
class Counts:
    """A view's rows in numbers: all of them, the deadlines, the documents that set those, the rows in conflict."""

    total: int
    due: int
    due_docs: int
    in_conflict: int


def write_targets(data_dir: Path, folder: Path) -> None:
    """Write the package's ordered targets into `folder` (run in a process of its own)."""
    table = ordered_targets(Dataset(data_dir))
    folder.mkdir(parents=True, exist_ok=True)
    arrow = pa.Table.from_pandas(table.assign(_order=range(len(table))), preserve_index=False)
    pq.write_table(arrow, folder / f"{FILE}.partial", row_group_size=16_384)
    os.replace(folder / f"{FILE}.partial", folder / FILE)


class TargetStore:
    """A package's targets, queried by view (thread-safe: a cursor per call)."""

    def __init__(self, dataset: Dataset, query: Query) -> None:
        self.dataset = dataset
        self.folder = query.cache_dir / f"{query.key}.targets{FORMAT}"
        self.all_docs = len(chart_documents(dataset))
        self._connection = ProcessConnection(self._open)
        self._cached = lru_cache(maxsize=128)(self._answer)
        self._limit = MemoryLimit("128MB")

    def prepare(self) -> None:
        """Write the rows into the cache folder now if they are not there (what a worker's start does, so that no
        request waits for it); a folder that cannot be written is left to the first query."""
        try:
            if not (self.folder / FILE).exists():
                build_once(self.dataset.data_dir, self.folder, "dashboard.app.target_store", FILE, "the targets")
        except OSError:
            pass

    def _open(self) -> duckdb.DuckDBPyConnection:
        db = duckdb.connect(":memory:", config={"threads": 1, "memory_limit": self._limit.limit})
        try:
            if not (self.folder / FILE).exists():
                build_once(self.dataset.data_dir, self.folder, "dashboard.app.target_store", FILE, "the targets")
            path = str(self.folder / FILE).replace("'", "''")
            db.execute(f"CREATE VIEW target_rows AS SELECT * FROM read_parquet('{path}')")
        except OSError:  # the cache folder cannot be written: the rows in this worker, queried the same way
            table = ordered_targets(self.dataset)
            db.register("_targets_frame", table.assign(_order=range(len(table))))
            db.execute("CREATE TABLE target_rows AS SELECT * FROM _targets_frame")
            db.unregister("_targets_frame")
        return db

    def _rows(self, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        # a server's threads sorting views at once can need more than 128MB: run again with BUILD_MEMORY
        return self._limit.run(self._connection, lambda c: c.sql(sql, params=list(params)).to_arrow_table().to_pylist())

    def _where(self, options: ChartOptions, kinds: tuple[str, ...] | None = None) -> tuple[str, list[Any]]:
        """Return the WHERE clause of a view's rows (target_records' filters) and its parameters."""
        clauses, params = ["TRUE"], []
        if options.docs:
            docs = [d.id for d in chart_documents(self.dataset, options.docs)]
            if len(docs) < self.all_docs:
                clauses.append("document_id IN (SELECT unnest(?))")
                params.append(docs)
        wanted = shown_kinds(options) if kinds is None else tuple(k for k in shown_kinds(options) if k in kinds)
        if wanted != KINDS:
            clauses.append("kind IN (SELECT unnest(?))")
            params.append(list(wanted))
        if options.themes:
            clauses.append("list_has_any(theme_ids, ?)")
            params.append(list(options.themes))
        if options.targets.year_from is not None:
            clauses.append("due_year >= ?")
            params.append(options.targets.year_from)
        if options.targets.year_to is not None:
            clauses.append("due_year <= ?")
            params.append(options.targets.year_to)
        return " AND ".join(clauses), params

    def _answer(self, sql: str, params: tuple[Any, ...]) -> tuple[dict[str, Any], ...]:
        return tuple(self._rows(sql, [list(p) if isinstance(p, tuple) else p for p in params]))

    def _ask(self, sql: str, params: Sequence[Any]) -> tuple[dict[str, Any], ...]:
        """Return the rows of one query (the last 128 answers kept: a view asks the same on every page)."""
        return self._cached(sql, tuple(tuple(p) if isinstance(p, list) else p for p in params))

    def select(self, options: ChartOptions, where: str = "TRUE", limit: int | None = None, offset: int = 0) -> Any:
        """Return the view's rows that `where` (a condition written in this module) keeps, in order."""
        clause, params = self._where(options)
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        return self._ask(f"SELECT {_COLS} FROM target_rows WHERE {clause} AND {where} ORDER BY _order{page}", params)

    def counts(self, options: ChartOptions) -> Counts:
        """Return the view's counts (targets.status)."""
        clause, params = self._where(options)
        row = self._ask(
            "SELECT count(*) AS total, count(*) FILTER (WHERE role = 'deadline') AS due, "
            "count(DISTINCT document_id) FILTER (WHERE role = 'deadline') AS due_docs, "
            f"count(*) FILTER (WHERE {_CONFLICT}) AS in_conflict FROM target_rows WHERE {clause}",
            params,
        )[0]
        return Counts(*(int(row[k] or 0) for k in ("total", "due", "due_docs", "in_conflict")))

    def due(self, options: ChartOptions, counts: Counts) -> Paged:
        """Return the view's deadlines, read a page at a time."""
        return Paged(self, options, "role = 'deadline'", counts.due)

    def apart(self, options: ChartOptions, counts: Counts) -> Paged:
        """Return the view's years listed apart (not deadlines the document sets), read a page at a time."""
        return Paged(self, options, "role <> 'deadline'", counts.total - counts.due)

    def conflict_groups(self, options: ChartOptions, limit: int) -> dict[str, list[dict[str, Any]]]:
        """Return the first `limit` conflict groups among the view's rows (by name), each with every row of the
        group (also the rows the view's filters hide), in order."""
        clause, params = self._where(options)
        names = self._ask(
            f"SELECT DISTINCT CAST(conflict_group AS VARCHAR) AS g FROM target_rows WHERE {clause} AND {_CONFLICT} "
            f"ORDER BY g LIMIT {int(limit)}",
            params,
        )
        if not names:
            return {}
        groups: dict[str, list[dict[str, Any]]] = {str(n["g"]): [] for n in names}
        rows = self._ask(
            f"SELECT {_COLS} FROM target_rows WHERE CAST(conflict_group AS VARCHAR) IN (SELECT unnest(?)) "
            "ORDER BY _order",
            [list(groups)],
        )
        for row in rows:
            groups[str(row["conflict_group"])].append(row)
        return groups

    def drawn(self, options: ChartOptions) -> Drawn:
        """Return what the targets timeline draws of the view (figures.targets.chart.Drawn): its rows listed apart
        are the page's (counts), of every kind the view shows."""
        clause, params = self._where(options, drawn_kinds(options))
        dated = "role = 'deadline' AND (start_year IS NOT NULL OR end_year IS NOT NULL)"
        row = self._ask(
            "SELECT count(*) FILTER (WHERE role = 'deadline') AS due, "
            f"count(*) FILTER (WHERE {dated}) AS dated, "
            f"least(min(start_year) FILTER (WHERE {dated}), min(end_year) FILTER (WHERE {dated})) AS lo, "
            f"greatest(max(start_year) FILTER (WHERE {dated}), max(end_year) FILTER (WHERE {dated})) AS hi "
            f"FROM target_rows WHERE {clause}",
            params,
        )[0]
        first = self._ask(
            f"SELECT {_COLS} FROM target_rows WHERE {clause} AND {dated} ORDER BY _order LIMIT {MAX_ROWS}", params
        )
        span = (row["lo"] - 1, row["hi"] + 1) if row["lo"] is not None else (2010, 2035)
        counts = self.counts(options)
        return Drawn(int(row["due"]), counts.total - counts.due, int(row["dated"]), first, span)

    def indicators(self, options: ChartOptions) -> tuple[dict[str, Any], ...]:
        """Return the view's reported indicators that name an indicator, in order (indicators_figure's rows)."""
        return self.select(options, "kind = 'reported_indicator' AND coalesce(indicator, '') <> ''")

    def listed(self, options: ChartOptions, limit: int) -> tuple[dict[str, Any], ...]:
        """Return the view's first `limit` dated deadlines that are not reported indicators (the phone's list)."""
        where = "role = 'deadline' AND due_year IS NOT NULL AND kind <> 'reported_indicator'"
        return self.select(options, where, limit=limit)


class Paged(Sequence[dict[str, Any]]):
    """Some of a view's rows, counted, and read from the store a slice at a time."""

    def __init__(self, store: TargetStore, options: ChartOptions, where: str, total: int) -> None:
        self.store, self.options, self.where, self.total = store, options, where, total

    def __len__(self) -> int:
        return self.total

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, int):
            found = self[index : index + 1] if index >= 0 else []
            if not found:
                raise IndexError(index)
            return found[0]
        start, stop, step = index.indices(self.total)
        if step != 1 or stop <= start:
            return list(self)[index] if step != 1 else []
        return list(self.store.select(self.options, self.where, limit=stop - start, offset=start))

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.store.select(self.options, self.where))


if __name__ == "__main__":
    write_targets(Path(sys.argv[1]), Path(sys.argv[2]))
