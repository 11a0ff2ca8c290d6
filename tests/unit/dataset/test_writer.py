"""The build's writer (dataset.writer: the Parquet twins encoded on threads) writes the same files, byte for byte, as
package.write_package, from rows and from chunks, and hands the same tables to `keep`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from dashboard.dataset import package, writer
from dashboard.dataset.package import make_chunk, resource_schemas
from tests.unit.dataset.tiny import META, tables


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_threaded_writer_writes_the_package_writers_bytes(tmp_path: Path):
    rows = tables()
    resources = {r["name"]: r for r in resource_schemas()}
    # the provisions as two chunks, the targets as cited rows then a chunk (as the build gives them)
    provisions = rows["provisions"]
    chunks: dict[str, Any] = {
        "provisions": [
            make_chunk(provisions[:1], resources["provisions"]),
            make_chunk(provisions[1:], resources["provisions"]),
        ],
        "targets": [[], make_chunk(rows["targets"], resources["targets"])],
    }
    kept: dict[str, list[tuple[str, pa.Table]]] = {"package": [], "writer": []}
    (tmp_path / "package").mkdir()
    (tmp_path / "writer").mkdir()
    package.write_package(rows, tmp_path / "package", META, chunks, lambda n, t: kept["package"].append((n, t)))
    writer.write_package(rows, tmp_path / "writer", META, chunks, lambda n, t: kept["writer"].append((n, t)), threads=3)
    assert files(tmp_path / "writer") == files(tmp_path / "package")
    assert [n for n, _ in kept["writer"]] == [n for n, _ in kept["package"]] == ["provisions", "targets"]
    assert all(a.equals(b) for (_, a), (_, b) in zip(kept["writer"], kept["package"], strict=True))


def test_a_schema_without_its_table_stops_the_threaded_write(tmp_path: Path):
    partial = {k: v for k, v in tables().items() if k != "themes"}
    with pytest.raises(KeyError, match="no table 'themes' although dataset/schema/themes.json exists"):
        writer.write_package(partial, tmp_path, META)


def test_a_twin_that_cannot_be_written_fails_the_write(tmp_path: Path):
    rows = tables()
    rows["provisions"] = [{**rows["provisions"][0], "ordinal": "7"}]  # (written to CSV, not to an int64 column)
    with pytest.raises((pa.ArrowInvalid, pa.ArrowTypeError)):
        package.write_package(rows, tmp_path, META)
    with pytest.raises((pa.ArrowInvalid, pa.ArrowTypeError)):
        writer.write_package(rows, tmp_path, META)
