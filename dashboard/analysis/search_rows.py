"""The rows a search keeps, found without an array as long as the index.

The search index's frame holds every provision in reading order (document date, document, ordinal), so each
document's provisions are consecutive: a block. The documents, issuer and year filters are properties of a
document, so they are decided once per block (10,000 values at 10,000 documents, not 626,420), and the rows of the
blocks kept are listed only where a match needs them. The theme, entity and body filters are sorted row lists
already; the words' hits are the rows FTS5 found. Everything a search allocates is then about as large as what it
matches: a worker's server threads no longer build and free a few MB per filter on every call, memory that glibc
kept in its arenas afterwards (docs/scale.md, "4 threads: where the excess goes").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

Rows = np.ndarray | range  # row positions in the index's frame; a range when they are consecutive


@dataclass(frozen=True)
class Blocks:
    """Each document's consecutive rows in the index's frame, and its filter columns, one value per block."""

    starts: np.ndarray  # the first row of each block, then the number of rows (len = blocks + 1)
    columns: pd.DataFrame  # document_id, issuer, year of each block (the values of its rows)

    @classmethod
    def of(cls, frame: pd.DataFrame) -> Blocks | None:
        """Return the frame's blocks, or None when some document's rows are not consecutive."""
        ids: Any = frame["document_id"]
        factorize: Any = pd.factorize
        raw: Any = ids.cat.codes if isinstance(ids.dtype, pd.CategoricalDtype) else factorize(ids)[0]
        codes = np.asarray(raw, dtype=np.int64)
        firsts = np.concatenate([[0], np.flatnonzero(codes[1:] != codes[:-1]) + 1]) if len(codes) else np.zeros(0)
        firsts = firsts.astype(np.int64)
        if len(np.unique(codes)) != len(firsts):
            return None
        present = [c for c in ("document_id", "issuer", "year") if c in frame]
        columns = frame[present].iloc[firsts].reset_index(drop=True)
        return cls(np.append(firsts, len(frame)), columns)

    def block_of(self, rows: np.ndarray) -> np.ndarray:
        """Return the block of each row."""
        return np.searchsorted(self.starts, rows, side="right") - 1

    def count(self, rows: Rows) -> int:
        """Return how many documents `rows` come from."""
        if isinstance(rows, range):
            if not len(rows):
                return 0
            first, last = self.block_of(np.array([rows.start, rows.stop - 1]))
            return int(last - first + 1)
        return int(np.count_nonzero(np.bincount(self.block_of(rows), minlength=len(self.starts))))

    def rows(self, kept: np.ndarray) -> Rows:
        """Return the rows of the blocks `kept` (a bool per block), in order; a range when they are one run."""
        chosen = np.flatnonzero(kept)
        if not len(chosen):
            return range(0)
        starts, ends = self.starts[chosen], self.starts[chosen + 1]
        if int(chosen[-1] - chosen[0]) == len(chosen) - 1:
            return range(int(starts[0]), int(ends[-1]))
        sizes = ends - starts
        # each block's rows: its start, plus 0..size-1 (a running count restarted at each block)
        offsets = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        return np.repeat(starts, sizes) + offsets


def take(column: np.ndarray, rows: Rows) -> np.ndarray:
    """Return `column`'s values at `rows`."""
    return column[rows.start : rows.stop] if isinstance(rows, range) else column[rows]


def keep(rows: Rows, where: np.ndarray) -> Rows:
    """Return the `rows` where `where` (a bool per row of `rows`) holds, in the same order."""
    if where.all():
        return rows
    if isinstance(rows, range):
        return np.flatnonzero(where) + rows.start
    return rows[where]


def kept_blocks(columns: pd.DataFrame, query: Any) -> np.ndarray | None:
    """Return, for each block, whether the documents, issuer and years of `query` (a search.Filters) keep it;
    None when the query has none of these filters."""
    tests: list[Any] = []
    if query.documents:
        tests.append(columns["document_id"].isin(query.documents))
    if query.issuer:
        tests.append(columns["issuer"] == query.issuer)
    if query.year_from is not None:
        tests.append(columns["year"] >= query.year_from)
    if query.year_to is not None:
        tests.append(columns["year"] <= query.year_to)
    if not tests:
        return None
    kept = np.ones(len(columns), dtype=bool)
    for test in tests:
        kept &= test.to_numpy(dtype=bool)
    return kept


def listed_rows(query: Any, theme: dict[Any, np.ndarray], entity: dict[Any, np.ndarray],
                actor: dict[Any, np.ndarray]) -> np.ndarray | None:  # fmt: skip
    """Return the sorted rows the theme, entity and body filters of `query` all keep (a key not listed keeps
    none); None when the query has none of these filters."""
    listed: np.ndarray | None = None
    for wanted, table, key in (
        (query.theme, theme, (query.theme,)),
        (query.entity, entity, (query.entity,)),
        (query.actor, actor, (query.actor, query.role)),
    ):
        if wanted:
            rows = table.get(key)
            rows = np.empty(0, dtype=np.int64) if rows is None else np.asarray(rows, dtype=np.int64)
            listed = rows if listed is None else np.intersect1d(listed, rows, assume_unique=True)
    return listed


def every_row_mask(frame: pd.DataFrame, query: Any, listed: np.ndarray | None) -> np.ndarray:
    """Return a bool per row of the frame: the filters of `query` over every row (used only when a document's
    rows are not consecutive)."""
    mask = np.ones(len(frame), dtype=bool)
    if query.documents:
        mask &= frame["document_id"].isin(query.documents).to_numpy()
    if query.issuer:
        mask &= (frame["issuer"] == query.issuer).to_numpy()
    if query.year_from is not None:
        mask &= (frame["year"] >= query.year_from).to_numpy()
    if query.year_to is not None:
        mask &= (frame["year"] <= query.year_to).to_numpy()
    if query.own_only:
        mask &= frame["own_text"].to_numpy(dtype=bool)
    if listed is not None:
        inside = np.zeros(len(frame), dtype=bool)
        inside[listed] = True
        mask &= inside
    return mask


def passes(
    rows: Rows, query: Any, listed: np.ndarray | None, blocks: Blocks | None, frame: pd.DataFrame, own: np.ndarray
) -> np.ndarray:
    """Return whether each of `rows` passes the filters of `query` (`listed`: its theme, entity and body
    filters' rows; `own`: a bool per row of the frame)."""
    if blocks is None:
        return take(every_row_mask(frame, query, listed), rows)
    inside = np.ones(len(rows), dtype=bool)
    kept = kept_blocks(blocks.columns, query)
    if kept is not None:
        inside &= kept[blocks.block_of(np.asarray(rows))]
    if listed is not None and rows is not listed:
        inside &= np.isin(np.asarray(rows), listed)
    if query.own_only:
        inside &= take(own, rows)
    return inside


def count_documents(rows: Rows, blocks: Blocks | None, frame: pd.DataFrame) -> int:
    """Return how many documents `rows` of the frame come from."""
    if blocks is None:
        return int(frame["document_id"].iloc[np.asarray(rows, dtype=np.int64)].nunique())
    return blocks.count(rows)
