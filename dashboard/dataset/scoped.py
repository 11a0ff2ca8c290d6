"""The data package seen through a few documents: a `Dataset` whose large tables hold only those documents' rows,
read through the query database (dataset.query) instead of every row held in every worker.

A page about one or two documents (the Compare page, a cell of the Themes heatmap, an export of a few documents)
asks `Query.scoped(documents)` for a `ScopedDataset` and hands it to the same pure functions the whole `Dataset`
feeds: the small dimension tables (documents, themes, entities, actors, versions, relations, term emergence) are
the base dataset's own, held once; each document-keyed table (provisions, their themes, mentions, assignments,
targets, theme measures, claims, seed texts, curated alignments) is read on first use for those documents only,
through Arrow, so its dtypes are those `pd.read_parquet` gives (the figures cannot tell the two apart).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import pandas as pd

from dashboard.dataset.load import Dataset


class Rows(Protocol):
    """What a scoped dataset asks of the query database (dataset.database.QueryDatabase)."""

    def has(self, table: str) -> bool: ...

    def arrow_frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame: ...

    def columns_with_nulls(self, table: str) -> frozenset[str]: ...

    def scoped(self, base: Dataset, documents: Sequence[str]) -> Dataset: ...


# how a document-keyed table names its documents; any other table is small and read whole from the base dataset
DOCUMENT_KEYS: dict[str, tuple[str, ...]] = {
    "provisions": ("document_id",),
    "provision_themes": ("document_id",),
    "mentions": ("document_id",),
    "assignments": ("document_id",),
    "targets": ("document_id",),
    "theme_measures": ("document_id",),
    "claims": ("document_id",),
    "seed_texts": ("document_id",),
    "alignments": ("a_doc", "b_doc"),
}


class ScopedDataset(Dataset):
    """`base` restricted to `documents` for its document-keyed tables (see DOCUMENT_KEYS); every other table,
    and the documents table itself, is the base's."""

    def __init__(self, base: Dataset, query: Rows, documents: Sequence[str]) -> None:
        # not Dataset.__init__: the descriptor is the base's, already read
        self.data_dir = base.data_dir
        self.package = base.package
        self._tables = {}
        self.base = base
        self.query = query
        self.scope = tuple(sorted(set(documents)))

    @property
    def whole(self) -> Dataset:
        """Return the base: the whole package's dataset."""
        return self.base

    def within(self, documents: Sequence[str]) -> Dataset:
        """Return this dataset when its scope holds `documents`, else the base seen through `documents` (a
        briefing pack about a pair also draws the theme charts of the documents around it)."""
        return self if set(documents) <= set(self.scope) else self.query.scoped(self.base, documents)

    def table(self, name: str) -> pd.DataFrame:
        """Return one table: the scope's rows of a document-keyed table (read once), else the base's table."""
        keys = DOCUMENT_KEYS.get(name)
        if keys is None or not self.query.has(name):
            return self.base.table(name)
        if name not in self._tables:
            where = " OR ".join(f'"{k}" IN (SELECT unnest(?))' for k in keys)
            frame = self.query.arrow_frame(
                f"SELECT * EXCLUDE (_row) FROM {name} WHERE {where} ORDER BY _row", [list(self.scope)] * len(keys)
            )
            self._tables[name] = _as_whole(frame, self.query.columns_with_nulls(name))
        return self._tables[name]


def _as_whole(frame: pd.DataFrame, nullable: frozenset[str]) -> pd.DataFrame:
    """Give a slice the dtypes its whole table has: an integer or boolean column that holds a null elsewhere is
    float or object in the whole table (pandas has no null for them), even where this slice has none."""
    for column in frame.columns:
        if column not in nullable:
            continue
        if pd.api.types.is_integer_dtype(frame[column]):
            frame[column] = frame[column].astype("float64")
        elif pd.api.types.is_bool_dtype(frame[column]):
            frame[column] = frame[column].astype(object)
    return frame
