"""The build's package writer: package.write_package's files, with the Parquet twins encoded on threads.

Encoding a Parquet twin (columns encoded and compressed with zstd, in C++) does not hold the GIL, so while one
table's twin is encoded the build writes the next tables' CSV files. The bytes are package.write_package's: each
file is written by the same function (package.write_csv, package.write_parquet) from the same rows and pieces,
and datapackage.json from the same descriptors (`tests/unit/dataset/test_writer.py` compares the two). Kept apart
from package.py, whose source is part of the build cache's key (perdoc.code_version): a change there would make
every cached document's rows stale.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pyarrow as pa

from dashboard.dataset.package import Pieces, Row, resource_schemas, write_csv, write_parquet

THREADS = 2  # the Parquet twins encoded at once, beside the thread writing the CSV files


def write_package(
    tables: dict[str, list[Row]],
    out: Path,
    meta: dict[str, Any],
    chunks: dict[str, Pieces] | None = None,
    keep: Callable[[str, pa.Table], None] | None = None,
    threads: int = THREADS,
) -> Path:
    """Write the package as package.write_package does (same arguments, same files), each table's Parquet twin
    encoded on one of `threads` threads while the next tables are written; return the descriptor's path. `keep`
    is called in this thread, in package order, once each twin is written."""
    chunks = chunks or {}
    resources: list[dict[str, Any]] = []
    encoded: list[tuple[str, Future[pa.Table]]] = []
    with ThreadPoolExecutor(max_workers=max(1, threads), thread_name_prefix="parquet") as pool:
        try:
            for resource in resource_schemas():
                name = resource["name"]
                if name not in tables:
                    raise KeyError(f"the build produced no table {name!r} although dataset/schema/{name}.json exists")
                table = chunks.get(name) or [tables[name]]
                write_csv(table, resource, out / f"{name}.csv")
                encoded.append((name, pool.submit(write_parquet, table, resource, out / f"{name}.parquet")))
                resources.append(_descriptor(resource))
            for name, written in encoded:
                result = written.result()  # (raises the thread's error here)
                if keep and name in chunks:
                    keep(name, result)
        finally:
            for _, written in encoded:
                written.cancel()
    descriptor = {**meta, "resources": resources}
    path = out / "datapackage.json"
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def _descriptor(resource: dict[str, Any]) -> dict[str, Any]:
    # a table's entry in datapackage.json (as package.write_package writes it)
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
