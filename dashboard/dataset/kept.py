"""Tables kept in the build cache for the next build, each as a list of pieces of Arrow files, so that a build
writes only the rows it did not take from the build before.

The build keeps two copies of the last package's tables in its cache: the per-document tables as written, typed
(dataset.splice, `package-tables/`), which the next build slices its unchanged documents' rows from; and every
table as the validation read it, as text (dataset.validate_changed, `validated-tables/`), which the next build's
validation compares with. Both were written whole by every build, though an add changes a few rows of each. Here a
table is a list of parts (`Part`: a file, its first row and its number of rows), recorded in the build's index:
the runs of rows a build took from the table before are parts of the files that table already lies in, and the
build writes only its new rows, as one file a table (in a folder of its own, `<token>/<name>.arrow`). When a
table's list grows past `MAX_PARTS`, or the table before is not in the list (a cache from before, a file missing),
the table is written whole as one file again (compacted), so reads stay a few memory-mapped files.

Old files are never rewritten: a file is removed only when neither the index the build records nor the one
recorded before (while it still is the one recorded) names it (`prune`). A file that is missing or shorter than
its parts say makes `read_parts` fail, and the caller falls back as it did without the kept tables (the Parquet
twins, the CSVs).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pyarrow as pa
import pyarrow.feather

_feather: Any = pyarrow.feather  # its stubs leave the IO types unknown

MAX_PARTS = 32  # a table kept in more parts than this is written whole again (reads stay a few files)
Part = tuple[str, int, int]  # a file (relative to the kept folder: "<token>/<name>.arrow"), first row, rows


@dataclass(frozen=True)
class Planned:
    """A table to keep as parts: runs of rows already kept (`Part`s) and new rows (tables to write), in order, and
    the whole table (`whole`: written instead when the list would be too long)."""

    parts: list[Part | pa.Table]
    whole: pa.Table


def as_parts(listing: Any) -> list[Part] | None:
    """Return a list of parts as recorded in JSON (lists of three), or None when it is not one."""
    if not isinstance(listing, list):
        return None
    parts: list[Part] = []
    for item in cast("list[Any]", listing):
        if not (isinstance(item, list) and len(cast("list[Any]", item)) == 3):
            return None
        file, first, rows = cast("list[Any]", item)
        if not (isinstance(file, str) and isinstance(first, int) and isinstance(rows, int)):
            return None
        parts.append((file, first, rows))
    return parts


def read_parts(folder: Path, parts: Sequence[Part]) -> pa.Table:
    """Return the table the parts make, each file memory-mapped (nothing decoded or copied; a file read once
    however many parts it holds). Raise OSError or pa.ArrowInvalid when a file is missing, unreadable, shorter
    than its parts say, or of other columns than the first."""
    files: dict[str, pa.Table] = {}
    slices: list[pa.Table] = []
    for file, first, rows in parts:
        if file not in files:
            if ".." in Path(file).parts or Path(file).is_absolute():
                raise pa.ArrowInvalid(f"kept file {file!r} is outside the kept folder")
            files[file] = cast(pa.Table, _feather.read_table(str(folder / file), memory_map=True))
        table = files[file]
        if first < 0 or rows < 0 or first + rows > table.num_rows:
            raise pa.ArrowInvalid(f"kept file {file} has {table.num_rows} rows, not {first + rows}")
        slices.append(table.slice(first, rows))
    if not slices:
        raise pa.ArrowInvalid("no parts")
    return pa.concat_tables(slices)  # (raises ArrowInvalid when the files' columns differ)


def slice_parts(parts: Sequence[Part], first: int, rows: int) -> list[Part]:
    """Return the parts holding rows `first` to `first + rows` of the table `parts` make."""
    out: list[Part] = []
    at = 0  # the table's row where the current part starts
    for file, start, count in parts:
        lo, hi = max(first, at), min(first + rows, at + count)
        if lo < hi:
            out.append((file, start + lo - at, hi - lo))
        at += count
    if sum(p[2] for p in out) != rows:
        raise ValueError(f"rows {first}-{first + rows} are not all in the parts ({at} rows)")
    return out


def joined(parts: Iterable[Part]) -> list[Part]:
    """Return the parts with neighbours that continue one another in the same file made one."""
    out: list[Part] = []
    for part in parts:
        if out and out[-1][0] == part[0] and out[-1][1] + out[-1][2] == part[1]:
            out[-1] = (part[0], out[-1][1], out[-1][2] + part[2])
        elif part[2]:
            out.append(part)
    return out


def keep_table(folder: Path, token: str, name: str, table: pa.Table | Planned) -> list[Part]:
    """Write what of `table` is not kept yet to `folder/<token>/<name>.arrow` and return its parts: a `Planned`
    table's new rows alone (one file, one record batch), or the whole table when it is a plain table, when its
    list would hold more than MAX_PARTS parts or when its parts do not add up to its rows. Raise OSError when the
    file cannot be written."""
    (folder / token).mkdir(parents=True, exist_ok=True)
    file = f"{token}/{name}.arrow"
    if isinstance(table, Planned) and all(isinstance(p, pa.Table) for p in table.parts):
        table = table.whole  # (nothing kept before: the whole table, already one chunk a column)
    if isinstance(table, Planned):
        new = [p for p in table.parts if isinstance(p, pa.Table) and p.num_rows]
        parts: list[Part] = []
        at = 0
        for part in table.parts:
            if isinstance(part, pa.Table):
                parts.append((file, at, part.num_rows))
                at += part.num_rows
            else:
                parts.append(part)
        parts = joined(parts)
        if parts and len(parts) <= MAX_PARTS and sum(p[2] for p in parts) == table.whole.num_rows:
            if new:
                _write(pa.concat_tables(new).combine_chunks(), folder / file)
            return parts
        table = table.whole
    _write(table, folder / file)
    return [(file, 0, table.num_rows)]


def _write(table: pa.Table, path: Path) -> None:
    # uncompressed (memory-mapped by the next build), one record batch (Feather's default is one per 64K rows)
    _feather.write_feather(table, str(path), compression="uncompressed", chunksize=max(1, table.num_rows))


def files_named(listings: Iterable[Sequence[Part]]) -> set[str]:
    """Return the files (relative to the kept folder) the given lists of parts name."""
    return {file for parts in listings for file, _, _ in parts}


def prune(folder: Path, keep: set[str]) -> None:
    """Remove the files under `folder` that are not in `keep` (paths relative to it, as parts name them), and the
    build folders left empty (call once the index naming `keep` is recorded, and keep every file a recorded index
    still names). A file, not a folder, at a time: a build's whole tables (those it does not splice) go as soon as
    the next build has written its own, though its new rows of the spliced tables are still named."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if not entry.is_dir() or entry.is_symlink():
            entry.unlink(missing_ok=True)
            continue
        for path in entry.iterdir():
            if f"{entry.name}/{path.name}" in keep:
                continue
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        if not any(entry.iterdir()):
            entry.rmdir()
