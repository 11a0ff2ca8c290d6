"""The query database: the data package's Parquet twins copied once into a DuckDB file, opened once per process.

Where it is kept (`default_cache_dir`, named by `package_key`), how it is written (each table sorted by document,
SORT_KEYS) and opened (`ProcessConnection`: one connection per process, opened at first use in the process that
queries, so a forked worker never shares its parent's), and how one query runs on it (`QueryDatabase.frame`, a
cursor of its own per call, so the threads of one server use it at the same time safely). What each view asks of
it is written in dataset.query; app.target_store opens its own database of a view's rows the same way.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pandas as pd

from dashboard.dataset.load import Dataset
from dashboard.dataset.memory import BUILD_MEMORY, SERVE_MEMORY, MemoryLimit
from dashboard.dataset.scoped import ScopedDataset

SCOPES = 16  # scoped datasets (a pair compared, a heatmap cell's document) each process keeps
T = TypeVar("T")

# how each table is stored in the query database: sorted so that a page's rows sit together (DuckDB skips the
# row groups whose min/max cannot hold them); `_row` keeps the package's own order for ties
SORT_KEYS = {
    "provisions": "document_id, ordinal",
    "provision_themes": "document_id, provision_id, _row",
    "mentions": "document_id, provision_id, _row",
    "assignments": "document_id, provision_id, _row",
    "targets": "document_id, provision_id, _row",
    "seed_texts": "document_id",
}


def package_key(data_dir: Path, tables: Sequence[str]) -> str:
    """Return a key of the package's content as published: its descriptor and each Parquet twin's size and
    modification time (a rebuilt or swapped package gets a new query database)."""
    digest = hashlib.sha256((data_dir / "datapackage.json").read_bytes())
    for name in tables:
        stat = (data_dir / f"{name}.parquet").stat()
        digest.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()[:24]


def default_cache_dir(data_dir: Path) -> Path:
    """Return where the query database of `data_dir` is kept: $POLICY_TIMELINE_QUERY_CACHE, else
    `.cache/query/` beside the package (ignored by git, like the build's cache)."""
    env = os.environ.get("POLICY_TIMELINE_QUERY_CACHE")
    return Path(env) if env else data_dir.resolve().parent / ".cache" / "query"


class ProcessConnection:
    """One DuckDB connection per process, made by `opener` at first use (a forked child makes its own); calling
    it returns the connection. Its lock guards the connection only, so opening it never blocks its owner's
    other state."""

    def __init__(self, opener: Callable[[], duckdb.DuckDBPyConnection]) -> None:
        self._open = opener
        self._db: duckdb.DuckDBPyConnection | None = None
        self._pid = 0
        self._lock = threading.Lock()

    def __call__(self) -> duckdb.DuckDBPyConnection:
        """Return this process's connection (opened on first use)."""
        with self._lock:
            if self._db is None or self._pid != os.getpid():
                self._db, self._pid = self._open(), os.getpid()
            return self._db


class QueryDatabase:
    """The data package in `data_dir`, queried with DuckDB; safe to share between the threads of a process.

    At first use the Parquet twins are copied once into a DuckDB database file (each table sorted by document,
    see SORT_KEYS), kept in the cache folder under a key of the package's content and opened read-only by every
    worker: the rows stay on disk, in DuckDB's buffer pool (at most `memory_limit`: by default SERVE_MEMORY,
    `POLICY_TIMELINE_DUCKDB_MEMORY` or 64MB) and the page cache the workers share, not in each worker's heap.
    The copy runs with BUILD_MEMORY (`POLICY_TIMELINE_DUCKDB_BUILD_MEMORY` or 256MB), and so does a builder
    process's own database (the search index's). Where the cache folder cannot be written, the tables are copied
    into an in-memory database instead (same queries, memory in the worker, BUILD_MEMORY).
    """

    def __init__(
        self,
        data_dir: Path | str,
        tables: Sequence[str],
        cache_dir: Path | None = None,
        memory_limit: str = "",
        over_files: bool = False,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.over_files = over_files  # views over the Parquet twins, nothing copied (see `over`)
        self.memory_limit = memory_limit or SERVE_MEMORY
        self._limit = MemoryLimit(self.memory_limit)
        self.tables = tuple(t for t in tables if (self.data_dir / f"{t}.parquet").exists())
        self.cache_dir = cache_dir or default_cache_dir(self.data_dir)
        self._connection = ProcessConnection(self._open)
        self._lock = threading.Lock()  # guards the scoped datasets and the null-column cache
        self._scopes: dict[tuple[int, tuple[str, ...]], ScopedDataset] = {}
        self._nulls: dict[str, frozenset[str]] = {}

    @classmethod
    def over(cls, dataset: Dataset) -> QueryDatabase:
        """Return the package of `dataset` queried where it lies: an in-memory DuckDB whose tables are views over
        the Parquet twins, nothing copied and no file written. What a one-off command about a few documents uses
        (`diff`, `brief`, a pair's chart: see `scoped_to`); a server copies the package once instead, since it
        asks again and again."""
        return cls(dataset.data_dir, dataset.table_names, memory_limit=BUILD_MEMORY, over_files=True)

    def _open(self) -> duckdb.DuckDBPyConnection:
        config: dict[str, str | bool | int | float | list[str]] = {"threads": 1, "memory_limit": self.memory_limit}
        build: dict[str, str | bool | int | float | list[str]] = {"threads": 1, "memory_limit": BUILD_MEMORY}
        if self.over_files:
            db = duckdb.connect(":memory:", config=build)
            self._copy_tables(db, view=True)
            return db
        try:
            path = self.cache_dir / f"{package_key(self.data_dir, self.tables)}.duckdb"
            if not path.exists():
                self.cache_dir.mkdir(parents=True, exist_ok=True)
                partial = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.partial")
                db = duckdb.connect(str(partial), config=build)
                self._copy_tables(db)
                db.close()
                os.replace(partial, path)  # atomic: another worker sees the whole file or none
            return duckdb.connect(str(path), read_only=True, config=config)
        except (OSError, duckdb.IOException):
            db = duckdb.connect(":memory:", config=build)  # the tables themselves are in this buffer pool
            self.memory_limit, self._limit = BUILD_MEMORY, MemoryLimit(BUILD_MEMORY)
            self._copy_tables(db)
            return db

    def _copy_tables(self, db: duckdb.DuckDBPyConnection, view: bool = False) -> None:
        for name in self.tables:
            path = str(self.data_dir / f"{name}.parquet").replace("'", "''")
            order = "" if view else f" ORDER BY {SORT_KEYS.get(name, '_row')}"
            db.execute(
                f'CREATE {"VIEW" if view else "TABLE"} "{name}" AS SELECT * EXCLUDE (file_row_number), '
                f"file_row_number AS _row FROM read_parquet('{path}', file_row_number = true){order}"
            )

    @property
    def key(self) -> str:
        """Return the key of the package's content (see package_key): what files derived from it are named by."""
        return package_key(self.data_dir, self.tables)

    def frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """Return the result of one parameterised query as a DataFrame (a cursor of its own per call)."""
        return self._run(lambda cursor: cursor.execute(sql, list(params)).df())

    def arrow_frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """Return the result of one parameterised query as a DataFrame converted through Arrow: the dtypes
        `pd.read_parquet` gives for the same rows (lists as arrays, strings as strings), so a frame read here
        can stand in for a slice of the package's table."""
        return self._run(lambda cursor: cursor.sql(sql, params=list(params)).to_arrow_table().to_pandas())

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Return the first value of one parameterised query."""
        row = self._run(lambda cursor: cursor.execute(sql, list(params)).fetchone())
        return row[0] if row else None

    def _run(self, call: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Return `call` run on a cursor of its own (run again with BUILD_MEMORY if it ran out of memory)."""
        return self._limit.run(self._connection, call)

    def has(self, table: str) -> bool:
        """Return True when the package has `table`."""
        return table in self.tables

    def columns_with_nulls(self, table: str) -> frozenset[str]:
        """Return the integer and boolean columns of `table` that hold a null in some row (counted once)."""
        with self._lock:
            found = self._nulls.get(table)
        if found is not None:
            return found
        types = self.frame(f"SELECT column_name, column_type FROM (DESCRIBE {table})")
        kinds = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT")
        wanted = [str(c) for c, t in zip(types["column_name"], types["column_type"], strict=True)
                  if str(t) in (*kinds, "BOOLEAN")]  # fmt: skip
        nulls: frozenset[str] = frozenset()
        if wanted:
            counts = self.frame(
                "SELECT " + ", ".join(f'count(*) - count("{c}") AS "{c}"' for c in wanted) + f" FROM {table}"
            )
            nulls = frozenset(c for c in wanted if int(counts[c].iloc[0]))
        with self._lock:
            self._nulls[table] = nulls
        return nulls

    def scoped(self, base: Dataset, documents: Sequence[str]) -> ScopedDataset:
        """Return `base` seen through `documents`: its document-keyed tables hold those documents' rows only,
        read from here on first use (dataset.scoped). The last SCOPES asked for are kept."""
        key = tuple(sorted(set(documents)))
        with self._lock:
            found = self._scopes.pop((id(base), key), None)
            scoped = found if found is not None else ScopedDataset(base, self, key)
            self._scopes[(id(base), key)] = scoped
            while len(self._scopes) > SCOPES:
                self._scopes.pop(next(iter(self._scopes)))
        return scoped


def scoped_to(dataset: Dataset, documents: Sequence[str]) -> Dataset:
    """Return `dataset` seen through `documents` (ids), its document-keyed tables read from the Parquet twins for
    those documents only (`QueryDatabase.over`): a command about two documents of 10,000 reads their rows, not
    every table whole (`diff` at 10,000 documents: 45 s of CPU, mostly indexing every provision's themes and
    entities). The figures and the comparison are the same from either (tests/unit/dataset/test_scoped.py)."""
    return QueryDatabase.over(dataset).scoped(dataset, documents)
