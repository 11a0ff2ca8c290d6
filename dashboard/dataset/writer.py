"""The build's package writer: package.write_package's files, with the Parquet twins encoded on threads.

Encoding a Parquet twin (columns encoded and compressed with zstd, in C++) does not hold the GIL, so while one
table's twin is encoded the build writes the next tables' CSV files. The bytes are package.write_package's: each
file is written by the same function (package.write_csv, package.write_parquet) from the same rows and pieces,
and datapackage.json by the same package.descriptor_entry and package.write_descriptor
(`tests/unit/dataset/test_writer.py` compares the two writers). Kept apart from package.py, whose source is part
of the build cache's key (perdoc.code_version): a change there makes every cached document's rows stale.

A CSV file with runs of the previous package's file (dataset.splice: `FileRun`, the kept documents' lines) is
written here instead of by package.write_csv: each run copied from the old file by the kernel
(os.copy_file_range: no page of it mapped into this process or copied through it; about half the system time of
the mapping and write for the 400 MB provisions file at 10,000 documents), and written from its mapped view when
the kernel cannot copy it (another file system, an old kernel, a file that is no longer the one mapped). The bytes
are the same either way: the run's view is those very bytes of that file.
"""

from __future__ import annotations

import csv
import errno
import io
import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from dashboard.dataset import package
from dashboard.dataset.package import (
    Chunk,
    Pieces,
    Row,
    csv_lines,
    descriptor_entry,
    resource_schemas,
    write_descriptor,
    write_parquet,
)

THREADS = 2  # the Parquet twins encoded at once, beside the thread writing the CSV files
# copy_file_range's errors that say "not here" (file systems, kernels, file kinds): the run is written instead
CANNOT_COPY = frozenset({errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EBADF})
Stamp = tuple[int, int, int, int]  # a file's device, inode, size and modification time (ns)


@dataclass(frozen=True)
class FileRun(Chunk):
    """A chunk whose CSV lines are a run of another file's bytes: `csv` is their view (of the mapped file), and
    they lie at `offset` in the file at `source`, as it was when mapped (`stamp`)."""

    source: Path
    offset: int
    stamp: Stamp


def stamp_of(fd: int) -> Stamp:
    """Return what tells an open file apart from any other or a rewritten one (its device, inode, size, time)."""
    st = os.fstat(fd)
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


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
                resources.append(descriptor_entry(resource))
            for name, written in encoded:
                result = written.result()  # (raises the thread's error here)
                if keep and name in chunks:
                    keep(name, result)
        finally:
            for _, written in encoded:
                written.cancel()
    return write_descriptor(out, meta, resources)


def write_csv(rows: list[Row] | Pieces, resource: dict[str, Any], path: Path) -> None:
    """Write a table as package.write_csv does (the same bytes), its runs of another file (FileRun) copied from
    that file by the kernel where it can."""
    if not any(isinstance(piece, FileRun) for piece in rows):
        package.write_csv(rows, resource, path)
        return
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow([f["name"] for f in resource["schema"]["fields"]])
    sources: dict[Path, int | None] = {}  # each run's file, open (None: written from the views)
    try:
        with path.open("wb", buffering=0) as handle:
            fd = handle.fileno()
            _write_all(fd, header.getvalue().encode("utf-8"))
            for piece in rows:
                if isinstance(piece, FileRun):
                    if piece.source not in sources:
                        sources[piece.source] = _open_source(piece)
                    source = sources[piece.source]
                    if source is not None and not _copy_run(source, fd, piece):
                        os.close(source)  # (the kernel cannot: this file's next runs are written as well)
                        sources[piece.source] = None
                    if source is None:
                        _write_all(fd, piece.csv)
                elif isinstance(piece, Chunk):
                    _write_all(fd, piece.csv)
                else:
                    _write_all(fd, csv_lines(piece, resource))  # type: ignore[arg-type]
    finally:
        for source in sources.values():
            if source is not None:
                os.close(source)


def _open_source(run: FileRun) -> int | None:
    # the run's file, open for copying, if it is still the file that was mapped (else the view's bytes are written)
    try:
        fd = os.open(run.source, os.O_RDONLY)
    except OSError:
        return None
    if stamp_of(fd) != run.stamp:
        os.close(fd)
        return None
    return fd


def _copy_run(source: int, fd: int, run: FileRun) -> bool:
    # copy the run's bytes from `source` to the end of `fd`; False when the kernel cannot (after writing what it
    # did not copy from the view, so the file holds the whole run either way)
    size, done = len(run.csv), 0
    copy = getattr(os, "copy_file_range", None)
    while done < size and copy is not None:
        try:
            copied = copy(source, fd, size - done, run.offset + done)
        except OSError as error:
            if error.errno not in CANNOT_COPY:
                raise
            break
        if copied <= 0:  # (the file is shorter than it was: never so while its stamp holds)
            break
        done += copied
    if done < size:
        _write_all(fd, memoryview(run.csv)[done:])
        return False
    return True


def _write_all(fd: int, data: bytes | memoryview) -> None:
    # os.write may write less than it is given (a signal, a pipe): write the rest
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
