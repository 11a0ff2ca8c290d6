"""The build cache's copy of a written table (dataset.splice.Splicer.keep) reads back as one chunk a column: a
table spliced from one run of it is written to Parquet as it is, and the Parquet writer's pages follow the chunks,
so a table of more than Feather's default 64K rows a batch must not come back in pieces."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.feather
import pyarrow.parquet as pq

from dashboard.dataset.package import Chunk, resource_schemas
from dashboard.dataset.splice import ARROW_DIR, Splicer

ROWS = 70_000  # more than one Feather batch by default


def _table() -> pa.Table:
    resource = {r["name"]: r for r in resource_schemas()}["theme_measures"]
    from dashboard.dataset.package import arrow_table

    schema = arrow_table([], resource).schema
    columns = {f.name: pa.nulls(ROWS, f.type) for f in schema}
    return pa.table(columns, schema=schema)


def test_a_kept_table_reads_back_as_one_chunk(tmp_path: Path):
    splicer = Splicer(None, None, tmp_path)
    splicer.keep("theme_measures", _table())
    (kept,) = (tmp_path / ARROW_DIR).iterdir()
    table = pyarrow.feather.read_table(str(kept / "theme_measures.arrow"), memory_map=True)
    assert table.num_rows == ROWS and all(c.num_chunks == 1 for c in table.columns)


def test_a_table_kept_in_batches_is_joined_before_it_is_sliced(tmp_path: Path):
    # a file kept before the tables were written as one batch: the previous table comes back as one chunk
    resource = {r["name"]: r for r in resource_schemas()}["theme_measures"]
    folder = tmp_path / ARROW_DIR / "old"
    folder.mkdir(parents=True)
    pyarrow.feather.write_feather(_table(), str(folder / "theme_measures.arrow"), compression="uncompressed")
    index = {"arrow": "old", "keys": ["k"], "tables": {"theme_measures": {"start": [0, 0], "rows": [ROWS],
                                                                          "bytes": [0]}}}
    (tmp_path / "theme_measures.csv").write_bytes(b"")  # (its CSV lines: none here)
    splicer = Splicer(tmp_path, index, tmp_path)
    pieces = splicer.pieces("theme_measures", resource, None, ["k"], lambda i: Chunk(b"", pa.table({})))
    assert len(pieces) == 1
    (piece,) = pieces
    assert isinstance(piece, Chunk) and all(c.num_chunks == 1 for c in piece.arrow.columns)
    pq.write_table(piece.arrow, tmp_path / "x.parquet")  # (written as it is, as package.write_parquet does)
