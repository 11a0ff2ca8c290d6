"""Ask the data package for the rows a page shows, instead of holding every table: DuckDB over the Parquet twins.

One `Query` per process (per worker of a production server): an in-memory DuckDB database with one view per
table of the package (`SELECT * FROM read_parquet(...)`), so nothing is loaded until a query reads it and then
only the columns and row groups it needs. The connection is opened at first use in the process that queries
(a forked worker never shares its parent's), and every call takes its own `cursor()`, so the threads of one
server use it at the same time safely. SQL is written here only, with `?` parameters for every value that comes
from a request; table names come from the package's own descriptor, never from a request.

Each function answers one need of a view: a page of provisions (by document, or filtered like the Explorer) with
the total count, provisions by id, theme counts per document (the timeline's aggregate), a page of targets with
their count and their counts per year, one document's seed text.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pandas as pd

from dashboard.analysis.search import Filters
from dashboard.dataset.load import Dataset
from dashboard.dataset.memory import BUILD_MEMORY, SERVE_MEMORY, MemoryLimit
from dashboard.dataset.scoped import ScopedDataset

PROVISION_COLUMNS = (
    "id",
    "document_id",
    "parent_id",
    "ordinal",
    "depth",
    "label",
    "kind",
    "own_text",
    "text",
    "words",
    "start",
    "end",
)
SCOPES = 16  # scoped datasets (a pair compared, a heatmap cell's document) each process keeps
T = TypeVar("T")


@dataclass(frozen=True)
class Page:
    """Rows of one page and how many rows match in all."""

    rows: pd.DataFrame
    total: int


@dataclass(frozen=True)
class ProvisionFilter(Filters):
    """Which provisions to list: the Explorer's filters (analysis.search.Filters; empty fields match
    everything)."""


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


class Query:
    """The data package in `data_dir`, queried with DuckDB; safe to share between the threads of a process.

    At first use the Parquet twins are copied once into a DuckDB database file (each table sorted by document,
    see SORT_KEYS), kept in the cache folder under a key of the package's content and opened read-only by every
    worker: the rows stay on disk, in DuckDB's buffer pool (at most `memory_limit`: by default SERVE_MEMORY,
    `POLICY_TIMELINE_DUCKDB_MEMORY` or 64MB) and the page cache the workers share, not in each worker's heap.
    The copy runs with BUILD_MEMORY (`POLICY_TIMELINE_DUCKDB_BUILD_MEMORY` or 256MB), and so does a builder
    process's own `Query` (the search index's). Where the cache folder cannot be written, the tables are copied
    into an in-memory database instead (same queries, memory in the worker, BUILD_MEMORY).
    """

    def __init__(
        self, data_dir: Path | str, tables: Sequence[str], cache_dir: Path | None = None, memory_limit: str = ""
    ) -> None:
        self.data_dir = Path(data_dir)
        self.memory_limit = memory_limit or SERVE_MEMORY
        self._limit = MemoryLimit(self.memory_limit)
        self.tables = tuple(t for t in tables if (self.data_dir / f"{t}.parquet").exists())
        self.cache_dir = cache_dir or default_cache_dir(self.data_dir)
        self._db: duckdb.DuckDBPyConnection | None = None
        self._pid = 0
        self._lock = threading.Lock()
        self._scopes: dict[tuple[int, tuple[str, ...]], ScopedDataset] = {}
        self._nulls: dict[str, frozenset[str]] = {}

    def _connection(self) -> duckdb.DuckDBPyConnection:
        """Return this process's connection (opened on first use; a forked child opens its own)."""
        with self._lock:
            if self._db is None or self._pid != os.getpid():
                self._db, self._pid = self._open(), os.getpid()
            return self._db

    def _open(self) -> duckdb.DuckDBPyConnection:
        config: dict[str, str | bool | int | float | list[str]] = {"threads": 1, "memory_limit": self.memory_limit}
        build: dict[str, str | bool | int | float | list[str]] = {"threads": 1, "memory_limit": BUILD_MEMORY}
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

    def _copy_tables(self, db: duckdb.DuckDBPyConnection) -> None:
        for name in self.tables:
            path = str(self.data_dir / f"{name}.parquet").replace("'", "''")
            order = SORT_KEYS.get(name, "_row")
            db.execute(
                f'CREATE TABLE "{name}" AS SELECT * EXCLUDE (file_row_number), file_row_number AS _row '
                f"FROM read_parquet('{path}', file_row_number = true) ORDER BY {order}"
            )

    def frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """Return the result of one parameterised query as a DataFrame (a cursor of its own per call)."""
        return self._run(lambda cursor: cursor.execute(sql, list(params)).df())

    def arrow_frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """Return the result of one parameterised query as a DataFrame converted through Arrow: the dtypes
        `pd.read_parquet` gives for the same rows (lists as arrays, strings as strings), so a frame read here
        can stand in for a slice of the package's table."""
        return self._run(lambda cursor: cursor.sql(sql, params=list(params)).to_arrow_table().to_pandas())

    def _run(self, call: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Return `call` run on a cursor of its own (run again with BUILD_MEMORY if it ran out of memory)."""
        return self._limit.run(self._connection, call)

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

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Return the first value of one parameterised query."""
        row = self._run(lambda cursor: cursor.execute(sql, list(params)).fetchone())
        return row[0] if row else None

    def has(self, table: str) -> bool:
        """Return True when the package has `table`."""
        return table in self.tables

    # provisions ---------------------------------------------------------------------------------------------

    def provisions(
        self, ids: Sequence[str], columns: Sequence[str] = PROVISION_COLUMNS, documents: Sequence[str] = ()
    ) -> pd.DataFrame:
        """Return the provisions with these ids, in the order of `ids` (unknown ids are left out); `documents`,
        the documents that hold them when known, lets DuckDB read only those documents' rows."""
        if not ids:
            return pd.DataFrame(columns=list(columns))
        cols = ", ".join(f'p."{c}"' for c in columns)
        where, params = (
            ("WHERE p.document_id IN (SELECT unnest(?))", [sorted(set(documents))]) if documents else ("", [])
        )
        return self.frame(
            f"SELECT {cols} FROM provisions p JOIN (SELECT unnest(?) AS id, generate_subscripts(?, 1) AS k) w "
            f"ON p.id = w.id {where} ORDER BY w.k",
            [list(ids), list(ids), *params],
        )

    def by_provision(
        self, table: str, columns: Sequence[str], ids: Sequence[str], documents: Sequence[str] = (), order: str = ""
    ) -> pd.DataFrame:
        """Return the rows of `table` (provision_themes, mentions, assignments, targets) about these provisions:
        provision_id and `columns`, in the package's order (or `order`, then the package's)."""
        if not ids or not self.has(table):
            return pd.DataFrame(columns=["provision_id", *columns])
        cols = ", ".join(f'"{c}"' for c in ["provision_id", *columns])
        where, params = "provision_id IN (SELECT unnest(?))", [list(ids)]
        if documents:
            where += " AND document_id IN (SELECT unnest(?))"
            params.append(sorted(set(documents)))
        return self.frame(
            f"SELECT {cols} FROM {table} WHERE {where} ORDER BY provision_id, {order + ', ' if order else ''}_row",
            params,
        )

    def document_provisions(self, doc_id: str, offset: int = 0, limit: int = 50) -> Page:
        """Return one page of a document's provisions in reading order, and how many it has."""
        cols = ", ".join(f'"{c}"' for c in PROVISION_COLUMNS)
        rows = self.frame(
            f"SELECT {cols} FROM provisions WHERE document_id = ? ORDER BY ordinal LIMIT ? OFFSET ?",
            [doc_id, limit, offset],
        )
        total = self.scalar("SELECT count(*) FROM provisions WHERE document_id = ?", [doc_id])
        return Page(rows, int(total or 0))

    def _where(self, f: ProvisionFilter) -> tuple[str, list[Any]]:
        """Return the WHERE clause (over provisions p joined to documents d) and its parameters."""
        clauses: list[str] = ["TRUE"]
        params: list[Any] = []
        if f.documents:
            clauses.append("p.document_id IN (SELECT unnest(?))")
            params.append(list(f.documents))
        if f.issuer:
            clauses.append("d.issuer = ?")
            params.append(f.issuer)
        if f.year_from is not None:
            clauses.append("d.year >= ?")
            params.append(int(f.year_from))
        if f.year_to is not None:
            clauses.append("d.year <= ?")
            params.append(int(f.year_to))
        if f.own_only:
            clauses.append("p.own_text")
        for table, condition, values in (
            ("provision_themes", "theme_id = ?", [f.theme] if f.theme else []),
            ("mentions", "entity_id = ?", [f.entity] if f.entity else []),
            (
                "assignments",
                "actor_id = ?" + (" AND role = ?" if f.role else ""),
                [f.actor, f.role][: 1 + bool(f.role)] if f.actor else [],
            ),
        ):
            if not values:
                continue
            if not self.has(table):  # a filter on a table the package lacks keeps nothing
                clauses.append("FALSE")
                continue
            clauses.append(f"p.id IN (SELECT provision_id FROM {table} WHERE {condition})")
            params += values
        return " AND ".join(clauses), params

    def provision_page(self, f: ProvisionFilter, offset: int = 0, limit: int = 25) -> Page:
        """Return one page of the provisions the filter keeps, in reading order (document date, document,
        ordinal), and how many it keeps in all."""
        where, params = self._where(f)
        base = f"FROM provisions p JOIN documents d ON d.id = p.document_id WHERE {where}"
        cols = ", ".join(f'p."{c}"' for c in PROVISION_COLUMNS)
        rows = self.frame(
            f"SELECT {cols}, d.year {base} ORDER BY d.issued, p.document_id, p.ordinal LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        total = self.scalar(f"SELECT count(*) {base}", params)
        return Page(rows, int(total or 0))

    # aggregates -----------------------------------------------------------------------------------------------

    def theme_counts(self) -> pd.DataFrame:
        """Return, per document and theme, how many provisions carry the theme (document_id, theme_id, n)."""
        if not self.has("provision_themes"):
            return pd.DataFrame(columns=["document_id", "theme_id", "n"])
        return self.frame(
            "SELECT document_id, theme_id, count(DISTINCT provision_id) AS n FROM provision_themes "
            "GROUP BY document_id, theme_id ORDER BY document_id, theme_id"
        )

    def documents_per_lane_year(
        self,
        *,
        ids: Sequence[str] = (),
        held_only: bool = False,
        year_from: int | None = None,
        year_to: int | None = None,
        symbols: int = 5,
    ) -> pd.DataFrame:
        """Return how many dated documents each timeline lane has each year, by coverage: lane, year, coverage,
        held, n, and the first `symbols` symbols by date (the timeline's aggregate at scale). `ids` keeps those
        documents only; `held_only` leaves out the documents known only through references."""
        clauses: list[str] = ["issued IS NOT NULL"]
        params: list[Any] = []
        if ids:
            clauses.append("id IN (SELECT unnest(?))")
            params.append(list(ids))
        if held_only:
            clauses.append("held")
        if year_from is not None:
            clauses.append("year(issued) >= ?")
            params.append(int(year_from))
        if year_to is not None:
            clauses.append("year(issued) <= ?")
            params.append(int(year_to))
        return self.frame(
            "SELECT coalesce(nullif(lane, ''), 'Other') AS lane, CAST(year(issued) AS BIGINT) AS year, "
            "coalesce(coverage, '') AS coverage, held, count(*) AS n, "
            "list(coalesce(nullif(symbol, ''), id) ORDER BY issued, id)[1:?] AS symbols "
            f"FROM documents WHERE {' AND '.join(clauses)} GROUP BY ALL ORDER BY lane, year, coverage, held",
            [int(symbols), *params],
        )

    def target_page(
        self,
        *,
        year_from: int | None = None,
        year_to: int | None = None,
        theme: str = "",
        offset: int = 0,
        limit: int = 50,
    ) -> Page:
        """Return one page of the targets due between the years (and tagged `theme`), by due year, then id."""
        if not self.has("targets"):
            return Page(pd.DataFrame(), 0)
        clauses: list[str] = ["TRUE"]
        params: list[Any] = []
        if year_from is not None:
            clauses.append("end_year >= ?")
            params.append(int(year_from))
        if year_to is not None:
            clauses.append("end_year <= ?")
            params.append(int(year_to))
        if theme:
            clauses.append("list_contains(theme_ids, ?)")
            params.append(theme)
        where = " AND ".join(clauses)
        rows = self.frame(
            f"SELECT * EXCLUDE (_row) FROM targets WHERE {where} ORDER BY end_year NULLS LAST, id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return Page(rows, int(self.scalar(f"SELECT count(*) FROM targets WHERE {where}", params) or 0))

    def targets_per_year(self) -> pd.DataFrame:
        """Return how many targets fall due each year (end_year, n), in year order."""
        if not self.has("targets"):
            return pd.DataFrame(columns=["end_year", "n"])
        return self.frame(
            "SELECT end_year, count(*) AS n FROM targets WHERE end_year IS NOT NULL GROUP BY end_year ORDER BY end_year"
        )

    def seed_text(self, doc_id: str) -> str | None:
        """Return a held document's seed text verbatim (None when the package has none for it)."""
        if not self.has("seed_texts"):
            return None
        value = self.scalar("SELECT text FROM seed_texts WHERE document_id = ?", [doc_id])
        return None if value is None else str(value)

    # what the app keeps per process instead of whole tables ----------------------------------------------------

    @property
    def key(self) -> str:
        """Return the key of the package's content (see package_key): what files derived from it are named by."""
        return package_key(self.data_dir, self.tables)

    def document_provision_ids(self, doc_id: str) -> list[str]:
        """Return a document's provision ids in reading order."""
        found = self.frame("SELECT id FROM provisions WHERE document_id = ? ORDER BY ordinal", [doc_id])
        return [str(i) for i in found["id"]]

    def documents_with_provisions(self) -> list[str]:
        """Return the ids of the documents that have provisions, in the package's order of their first row."""
        found = self.frame("SELECT document_id FROM provisions GROUP BY document_id ORDER BY min(_row)")
        return [str(i) for i in found["document_id"]]

    def distinct(self, table: str, column: str) -> pd.DataFrame:
        """Return the distinct non-null values of one column of `table` (the ids a filter may name)."""
        return self.frame(f'SELECT DISTINCT "{column}" FROM {table} WHERE "{column}" IS NOT NULL ORDER BY 1')

    def target_year_bounds(self, documents: Sequence[str]) -> tuple[int, int] | None:
        """Return the first and last year any target of `documents` starts or falls due in (its end year, or
        the year of its `as_of` date), as figures.targets.tables.year_bounds reads them; None without any."""
        if not self.has("targets") or not documents:
            return None
        row = self.frame(
            "SELECT min(y) AS lo, max(y) AS hi FROM (SELECT start_year AS y FROM targets WHERE document_id IN "
            "(SELECT unnest(?)) UNION ALL SELECT coalesce(end_year, TRY_CAST(substr(CAST(as_of AS VARCHAR), 1, 4) "
            "AS BIGINT)) FROM targets WHERE document_id IN (SELECT unnest(?)))",
            [list(documents), list(documents)],
        )
        lo, hi = row["lo"].iloc[0], row["hi"].iloc[0]
        return None if pd.isna(lo) or pd.isna(hi) else (int(lo), int(hi))
