"""Write tables as a deterministic Frictionless data package: CSV (the contract) and Parquet twins (for speed).

Rebuilding from unchanged seeds gives byte-identical files: rows keep the build's order, values are formatted by
their schema type, and nothing time-dependent is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pyarrow as pa
import pyarrow.feather
import pyarrow.parquet as pq

from dashboard.paths import SCHEMA_DIR

_feather: Any = pyarrow.feather  # its stubs leave the source's IO type unknown

Row = dict[str, Any]
_ARROW = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "year": pa.int64(),
}


def resource_schemas(schema_dir: Path = SCHEMA_DIR) -> list[dict[str, Any]]:
    """Return every resource descriptor in dataset/schema/, in package order."""
    found = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(schema_dir.glob("*.json"))]
    return sorted(found, key=lambda r: (r.get("order", 999), r["name"]))


def format_value(value: Any, field: dict[str, Any]) -> str:
    """Return the CSV form of one value under its Table Schema field."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    kind = field["type"]
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "number":
        text = f"{float(value):.4f}".rstrip("0").rstrip(".")
        return text if text not in ("-0", "") else "0"
    if kind == "integer":
        return str(int(value))
    if kind == "date":
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if kind == "list":
        return field.get("delimiter", ",").join(str(v) for v in cast("Iterable[Any]", value))
    return str(value)


@dataclass(frozen=True)
class Chunk:
    """Some rows of one table already written: their CSV lines (as write_csv writes them, without the header) and
    their Arrow table (as write_parquet builds it). The build's per-document step writes each document's rows
    of the per-document tables once, in its worker, and the cache keeps them: a table is then written by joining
    its chunks in order, which gives the same bytes as writing all its rows (CSV lines and Arrow columns depend
    on their own row only)."""

    csv: bytes
    arrow: pa.Table

    # pickled (into the build cache, and by a worker sending its result to the build) as one Arrow IPC stream: an
    # Arrow table pickles buffer by buffer, about 15 times slower to write and 10 times to read (at 3,000
    # documents, 17 s of a 2-job build's CPU); old entries, pickled the dataclass's way, still read
    def __reduce__(self) -> tuple[Callable[[bytes, bytes], Chunk], tuple[bytes, bytes]]:
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, self.arrow.schema) as stream:
            stream.write_table(self.arrow)
        return _chunk_from_ipc, (self.csv, sink.getvalue().to_pybytes())


def _chunk_from_ipc(csv_lines: bytes, arrow: bytes) -> Chunk:
    # a pickled Chunk (Chunk.__reduce__): the table read back without copying its buffers
    return Chunk(csv_lines, pa.ipc.open_stream(pa.py_buffer(arrow)).read_all())


Pieces = list[list[Row] | Chunk]  # a table as rows and chunks, in order


def make_chunk(rows: list[Row], resource: dict[str, Any]) -> Chunk:
    """Return the chunk of `rows` of the table `resource`."""
    return Chunk(csv_lines(rows, resource), arrow_table(rows, resource))


def csv_lines(rows: list[Row], resource: dict[str, Any]) -> bytes:
    """Return rows as CSV lines in schema column order, UTF-8, LF line ends, without the header."""
    fields = resource["schema"]["fields"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # csv quotes a cell holding the line terminator ("\n") but not a bare "\r" (a seed saved with old Mac line
    # ends, kept verbatim in seed_texts): such a row has every cell quoted, or a reader would split the row there
    carriage = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    # a string cell that is already a str is written as it is (what format_value gives it): the common case, fast
    spec = [(f["name"], f["type"] == "string", f) for f in fields]
    for row in rows:
        cells = [
            value if text and type(value) is str else format_value(value, f)
            for name, text, f in spec
            for value in (row.get(name),)
        ]
        (carriage if "\r" in "".join(cells) else writer).writerow(cells)
    return buffer.getvalue().encode("utf-8")


def write_csv(rows: list[Row] | Pieces, resource: dict[str, Any], path: Path) -> None:
    """Write a table (rows, or rows and chunks) to CSV in schema column order, UTF-8, LF line ends."""
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow([f["name"] for f in resource["schema"]["fields"]])
    with path.open("wb") as handle:
        handle.write(header.getvalue().encode("utf-8"))
        for piece in _pieces(rows):
            handle.write(piece.csv if isinstance(piece, Chunk) else csv_lines(piece, resource))


def _pieces(rows: list[Row] | Pieces) -> Pieces:
    # a plain list of rows is one piece
    if rows and all(isinstance(p, (list, Chunk)) for p in rows):
        return cast("Pieces", rows)
    return [cast("list[Row]", rows)]


def _arrow_type(field: dict[str, Any]) -> pa.DataType:
    if field["type"] == "list":
        return pa.list_(_ARROW[field.get("itemType", "string")])
    return _ARROW.get(field["type"], pa.string())


def _arrow_value(value: Any, field: dict[str, Any]) -> Any:
    if value is None or (isinstance(value, float) and value != value):
        return None
    kind = field["type"]
    if kind == "number":
        return round(float(value), 4)
    if kind == "list":
        return list(cast("Iterable[Any]", value))
    if kind == "string":
        return str(value) if value != "" else None
    return value


def _arrow_column(values: list[Any], field: dict[str, Any]) -> list[Any]:
    # a non-empty str in a string column is kept as it is (what _arrow_value gives it): the common case, fast
    if field["type"] == "string":
        return [v if type(v) is str and v else _arrow_value(v, field) for v in values]
    return [_arrow_value(v, field) for v in values]


def arrow_table(rows: list[Row], resource: dict[str, Any]) -> pa.Table:
    """Return rows as an Arrow table with the typed columns of the table's Parquet twin."""
    fields = resource["schema"]["fields"]
    schema = pa.schema([pa.field(f["name"], _arrow_type(f)) for f in fields])
    columns = {f["name"]: _arrow_column([r.get(f["name"]) for r in rows], f) for f in fields}
    return pa.table(columns, schema=schema)


def write_parquet(rows: list[Row] | Pieces, resource: dict[str, Any], path: Path) -> pa.Table:
    """Write the Parquet twin of a table (rows, or rows and chunks) with typed columns; return its Arrow table."""
    parts = [p.arrow if isinstance(p, Chunk) else arrow_table(p, resource) for p in _pieces(rows)]
    # one chunk per column, as one table of all the rows has: the writer's pages, and so its bytes, are the same
    table = pa.concat_tables(parts).combine_chunks() if len(parts) > 1 else parts[0]
    # the stubs leave parts of write_table's signature unannotated (IO[Unknown], list[Unknown], **kwargs)
    pq.write_table(table, path, compression="zstd", write_statistics=False)  # pyright: ignore[reportUnknownMemberType]
    return table


def write_arrow(table: pa.Table, path: Path) -> None:
    """Write `table` as an uncompressed Arrow file (Feather v2), which `read_arrow` maps without copying: the
    build cache's tables kept for the next build (dataset.splice, dataset.validate_changed)."""
    _feather.write_feather(table, str(path), compression="uncompressed")


def read_arrow(path: Path) -> pa.Table:
    """Return the table of an Arrow file written by `write_arrow`, memory-mapped (nothing decoded or copied)."""
    return cast(pa.Table, _feather.read_table(str(path), memory_map=True))


def write_package(
    tables: dict[str, list[Row]],
    out: Path,
    meta: dict[str, Any],
    chunks: dict[str, Pieces] | None = None,
    keep: Callable[[str, pa.Table], None] | None = None,
) -> Path:
    """Write every table with a schema, and datapackage.json, into `out`; return the descriptor's path.

    `chunks`: tables given as rows and chunks (the per-document tables the build's workers wrote); they are
    written from those, and their rows in `tables` are not written again. `keep(name, table)` is given the Arrow
    table of each of those, as written (the build keeps them for the next build: dataset.splice)."""
    chunks = chunks or {}
    resources: list[dict[str, Any]] = []
    for resource in resource_schemas():
        name = resource["name"]
        if name not in tables:
            raise KeyError(f"the build produced no table {name!r} although dataset/schema/{name}.json exists")
        table = chunks.get(name) or [tables[name]]
        write_csv(table, resource, out / f"{name}.csv")
        written = write_parquet(table, resource, out / f"{name}.parquet")
        if keep and name in chunks:
            keep(name, written)
        resources.append(descriptor_entry(resource))
    return write_descriptor(out, meta, resources)


def descriptor_entry(resource: dict[str, Any]) -> dict[str, Any]:
    """Return a table's entry in datapackage.json: its CSV file, title, description and schema."""
    return {
        "name": resource["name"],
        "path": f"{resource['name']}.csv",
        "title": resource["title"],
        "description": resource["description"],
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": resource["schema"],
    }


def write_descriptor(out: Path, meta: dict[str, Any], resources: list[dict[str, Any]]) -> Path:
    """Write datapackage.json into `out`: the package's properties `meta` and its tables' entries; return its path."""
    path = out / "datapackage.json"
    path.write_text(json.dumps({**meta, "resources": resources}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
