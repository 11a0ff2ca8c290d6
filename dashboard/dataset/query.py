"""What each view asks of the data package: SQL over the query database (dataset.database), one method a need.

`Query` is the query database (one per process, a cursor per call; see dataset.database for where it is kept
and how it is opened) with the questions the pages ask: a page of provisions (by document, or filtered like the
Explorer) with the total count, provisions by id, theme counts per document (the timeline's aggregate), a page
of targets with their count and their counts per year, one document's seed text. SQL is written here and in
dataset.database only, with `?` parameters for every value that comes from a request; table names come from the
package's own descriptor, never from a request.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.analysis.search import Filters
from dashboard.dataset.database import QueryDatabase

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


@dataclass(frozen=True)
class Page:
    """Rows of one page and how many rows match in all."""

    rows: pd.DataFrame
    total: int


@dataclass(frozen=True)
class ProvisionFilter(Filters):
    """Which provisions to list: the Explorer's filters (analysis.search.Filters; empty fields match
    everything)."""


class Query(QueryDatabase):
    """The data package queried by view (dataset.database.QueryDatabase: safe to share between the threads of a
    process)."""

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
        _between(clauses, params, "d.year", f.year_from, f.year_to)
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
        _between(clauses, params, "year(issued)", year_from, year_to)
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
        _between(clauses, params, "end_year", year_from, year_to)
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


def _between(clauses: list[str], params: list[Any], expr: str, lo: int | None, hi: int | None) -> None:
    """Add the conditions that `expr` (a year) is at least `lo` and at most `hi`, each bound that is given."""
    for bound, op in ((lo, ">="), (hi, "<=")):
        if bound is not None:
            clauses.append(f"{expr} {op} ?")
            params.append(int(bound))
