"""The search index written once to a folder and opened by every worker, instead of built in each.

`write_index` builds a `SearchIndex` into a folder: the two FTS5 files and their count matrices (`fulltext`),
the provisions' filter columns in reading order (Parquet), the rows each theme, entity and body filter keeps
(one .npy array and its offsets), the titles and names, and a few counts. `open_index` opens them again: the
FTS5 files read-only and the arrays mapped from disk, so the workers of a server share them through the page
cache and a worker's own memory holds only the filter columns (Arrow strings) and the stems' dictionaries.
Nothing in the folder is written after `write_index` returns; the caller writes it under a temporary name and
renames it (see app.search_index).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard.analysis.fulltext import FullText
from dashboard.analysis.search import NameHit, SearchIndex

# pyarrow's hints leave parts of these signatures unknown to pyright: used through Any
parquet: Any = pq
FORMAT = "2"  # the folder's layout: a change of it (or of what the index holds) makes every folder stale
_FILTERS = ("theme_rows", "entity_rows", "actor_rows")


def write_index(folder: Path, provisions: pd.DataFrame, documents: pd.DataFrame, **tables: Any) -> SearchIndex:
    """Build the index of `provisions` (see SearchIndex.build: `tables` are its keyword arguments) into
    `folder` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    index = SearchIndex.build(provisions, documents, folder=folder, **tables)
    # the filter columns: documents and issuers dictionary-encoded (a code per row, read back as categories), the
    # date only sorted the rows and is left out
    frame = index.frame.drop(columns=["issued"]).astype({"document_id": "category", "issuer": "category"})
    parquet.write_table(pa.Table.from_pandas(frame, preserve_index=False), folder / "frame.parquet")
    keys: dict[str, list[list[Any]]] = {}
    pieces: list[np.ndarray] = []
    at = 0
    for name in _FILTERS:
        keys[name] = []
        for key, rows in getattr(index, name).items():
            keys[name].append([list(key), at, at + len(rows)])
            pieces.append(rows.astype(np.int64))
            at += len(rows)
    np.save(folder / "filter_rows.npy", np.concatenate(pieces) if pieces else np.empty(0, dtype=np.int64))
    meta = {
        "format": FORMAT,
        "vietnamese_documents": index.vietnamese_documents,
        "names": [[n.kind, n.id, n.text] for n in index.names],
        "filters": keys,
    }
    (folder / "index.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return index


def open_index(folder: Path) -> SearchIndex:
    """Return the index `write_index` wrote in `folder`."""
    meta = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    table: Any = parquet.read_table(folder / "frame.parquet")
    # one chunk per string column (the ids at 10,000 documents were read in 5): pyarrow's `take` of a page of
    # rows from several chunks joins them first, 20 MB of ids copied for 25 rows
    for i, column in enumerate(table.schema):
        if column.type in (pa.string(), pa.large_string()) and table.column(i).num_chunks > 1:
            table = table.set_column(i, column, pa.chunked_array([table.column(i).combine_chunks()]))
    # ids stay Arrow strings (a few bytes each, not a Python object each); documents and issuers categories
    frame: pd.DataFrame = table.to_pandas(types_mapper=_arrow_strings)
    for column in ("year", "ordinal"):  # int64 in the file: int16 / int32 held (626,420 rows: 6 MB less)
        if column in frame and pd.api.types.is_integer_dtype(frame[column]):
            frame[column] = pd.to_numeric(frame[column], downcast="integer")
    rows = np.load(folder / "filter_rows.npy", mmap_mode="r")
    index = SearchIndex(
        frame=frame,
        text=FullText.open(folder / "text"),
        names=[NameHit(sys.intern(kind), i, text) for kind, i, text in meta["names"]],  # 4 kinds, held once
        name_text=FullText.open(folder / "names"),
        vietnamese_documents=int(meta["vietnamese_documents"]),
    )
    for name in _FILTERS:
        setattr(index, name, {tuple(key): rows[start:end] for key, start, end in meta["filters"][name]})
    return index


def _arrow_strings(kind: Any) -> Any:
    return pd.StringDtype("pyarrow") if kind == pa.string() else None
