"""DuckDB's memory in the app: a small limit for a serving worker's queries, a larger one for the builders, and a
query that needs more than its database's limit run again with the larger one.

A serving worker reads a page's rows at a time (`dataset.query`, `app.target_store`): a small buffer pool is enough
and is what the worker holds (SERVE_MEMORY, `POLICY_TIMELINE_DUCKDB_MEMORY`, 64MB). The one-off copy of the tables
and the search index's read of every provision sort whole tables (BUILD_MEMORY,
`POLICY_TIMELINE_DUCKDB_BUILD_MEMORY`, 256MB, so that they do not spill to disk). Not every step of DuckDB spills,
and a server's threads query at the same time: a query over the limit fails with OutOfMemoryException (seen at
10,000 documents: at 32MB on the Explorer's page, at 64MB and 128MB with 4 threads). `MemoryLimit.run` then
raises the database's limit to BUILD_MEMORY while it runs the query again, and sets it back once no such query
runs (DuckDB then evicts what it holds over the limit): an answer, never an error page.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from typing import TypeVar

import duckdb

SERVE_MEMORY = os.environ.get("POLICY_TIMELINE_DUCKDB_MEMORY", "64MB")
BUILD_MEMORY = os.environ.get("POLICY_TIMELINE_DUCKDB_BUILD_MEMORY", "256MB")
T = TypeVar("T")


class MemoryLimit:
    """One DuckDB database's memory limit (the `memory_limit` it was opened with), raised to BUILD_MEMORY while
    a query that needed more runs again; safe to share between threads."""

    def __init__(self, limit: str) -> None:
        self.limit = limit
        self.raised = 0  # queries running again with BUILD_MEMORY now
        self._lock = threading.Lock()

    def run(
        self, connection: Callable[[], duckdb.DuckDBPyConnection], call: Callable[[duckdb.DuckDBPyConnection], T]
    ) -> T:
        """Return `call` run on a cursor of its own of `connection()`, run again with BUILD_MEMORY if it ran out
        of memory."""
        cursor = connection().cursor()
        try:
            return call(cursor)
        except duckdb.OutOfMemoryException:
            if self.limit == BUILD_MEMORY:
                raise
        finally:
            cursor.close()
        with self._lock:
            self.raised += 1
            if self.raised == 1:
                _set(connection, BUILD_MEMORY)
        try:
            cursor = connection().cursor()
            try:
                return call(cursor)
            finally:
                cursor.close()
        finally:
            with self._lock:
                self.raised -= 1
                if not self.raised:
                    # another thread's query may still hold more than the limit: then it stays raised until the
                    # next query that needs it ends
                    with contextlib.suppress(duckdb.Error):
                        _set(connection, self.limit)


def _set(connection: Callable[[], duckdb.DuckDBPyConnection], limit: str) -> None:
    """Set the database's memory limit (a global setting) through a cursor of its own: the shared connection is
    only ever used to open cursors, which the server's threads do at the same time."""
    cursor = connection().cursor()
    try:
        cursor.execute(f"SET memory_limit = '{limit}'")
    finally:
        cursor.close()
