"""The build's writer (dataset.writer: the Parquet twins encoded on threads) writes the same files, byte for byte, as
package.write_package, from rows and from chunks, and hands the same tables to `keep`."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from dashboard.dataset import package, writer
from dashboard.dataset.package import make_chunk, resource_schemas
from tests.package_files import files
from tests.unit.dataset.tiny import META, tables


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


def runs_of_an_old_file(folder: Path) -> tuple[dict[str, Any], list[Any]]:
    """The provisions as a rebuild gives them: two runs of the previous package's file (as dataset.splice cuts
    them: FileRun, mapped) around a new document's chunk."""
    from dashboard.dataset.splice import header_bytes, mapped

    resource = {r["name"]: r for r in resource_schemas()}["provisions"]
    rows = tables()["provisions"]
    old = folder / "old.csv"
    package.write_csv(rows, resource, old)
    view, stamp = mapped(old)
    head = header_bytes(resource)
    first = len(make_chunk(rows[:1], resource).csv)
    whole = len(view)
    pieces = [
        writer.FileRun(view[head : head + first], pa.table({}), old, head, stamp),  # type: ignore[arg-type]
        make_chunk(rows[1:], resource),
        writer.FileRun(view[head:whole], pa.table({}), old, head, stamp),  # type: ignore[arg-type]
    ]
    return resource, pieces


def test_runs_of_an_old_file_are_copied_by_the_kernel_as_the_package_writer_writes_them(tmp_path: Path, monkeypatch):
    resource, pieces = runs_of_an_old_file(tmp_path)
    calls: list[int] = []
    real = os.copy_file_range

    def counted(*args: Any) -> int:
        calls.append(args[2])
        return real(*args)

    monkeypatch.setattr(os, "copy_file_range", counted)
    writer.write_csv(pieces, resource, tmp_path / "writer.csv")
    package.write_csv(pieces, resource, tmp_path / "package.csv")
    assert (tmp_path / "writer.csv").read_bytes() == (tmp_path / "package.csv").read_bytes()
    assert calls == [len(pieces[0].csv), len(pieces[2].csv)]


@pytest.mark.parametrize("code", [errno.EXDEV, errno.ENOSYS, errno.EOPNOTSUPP])
def test_runs_the_kernel_cannot_copy_are_written_from_the_mapping(tmp_path: Path, monkeypatch, code: int):
    resource, pieces = runs_of_an_old_file(tmp_path)
    calls: list[int] = []

    def refused(*args: Any) -> int:
        calls.append(args[2])
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "copy_file_range", refused)
    writer.write_csv(pieces, resource, tmp_path / "writer.csv")
    package.write_csv(pieces, resource, tmp_path / "package.csv")
    assert (tmp_path / "writer.csv").read_bytes() == (tmp_path / "package.csv").read_bytes()
    assert len(calls) == 1  # (the file's next run is not tried again)


def test_runs_are_written_without_copy_file_range(tmp_path: Path, monkeypatch):
    resource, pieces = runs_of_an_old_file(tmp_path)
    monkeypatch.delattr(os, "copy_file_range")
    writer.write_csv(pieces, resource, tmp_path / "writer.csv")
    package.write_csv(pieces, resource, tmp_path / "package.csv")
    assert (tmp_path / "writer.csv").read_bytes() == (tmp_path / "package.csv").read_bytes()


def test_a_copy_the_kernel_cuts_short_is_carried_on(tmp_path: Path, monkeypatch):
    resource, pieces = runs_of_an_old_file(tmp_path)
    real = os.copy_file_range
    monkeypatch.setattr(os, "copy_file_range", lambda src, dst, count, offset: real(src, dst, min(count, 7), offset))
    writer.write_csv(pieces, resource, tmp_path / "writer.csv")
    package.write_csv(pieces, resource, tmp_path / "package.csv")
    assert (tmp_path / "writer.csv").read_bytes() == (tmp_path / "package.csv").read_bytes()


def test_a_run_whose_file_was_replaced_is_written_from_the_mapping(tmp_path: Path, monkeypatch):
    resource, pieces = runs_of_an_old_file(tmp_path)
    expected = tmp_path / "package.csv"
    package.write_csv(pieces, resource, expected)
    replaced = tmp_path / "replaced.csv"
    replaced.write_bytes(b"x" * 10_000)
    replaced.replace(tmp_path / "old.csv")  # (the mapping still holds the old bytes)
    monkeypatch.setattr(os, "copy_file_range", lambda *args: pytest.fail("copied from a file that is not the run's"))
    writer.write_csv(pieces, resource, tmp_path / "writer.csv")
    assert (tmp_path / "writer.csv").read_bytes() == expected.read_bytes()


def test_a_failing_copy_fails_the_write(tmp_path: Path, monkeypatch):
    resource, pieces = runs_of_an_old_file(tmp_path)

    def broken(*args: Any) -> int:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "copy_file_range", broken)
    with pytest.raises(OSError, match="I/O error"):
        writer.write_csv(pieces, resource, tmp_path / "writer.csv")
