"""Validate a rebuilt package by what changed: the Frictionless row checks on the rows that are new since the last
package the build validated, the whole-table checks (primary keys, unique fields, foreign keys) vectorised, and the
cross-table checks within a document on the documents whose rows changed.

The build records, in its cache folder, the SHA-256 of every file of the package it validated and swapped in
(`record_validated`). When it rebuilds the same --out and that package is still there with those very bytes and
the same table schemas, a row of the new package that is also a row of the old one (same cells) passed the row
checks (types, constraints) then and passes them now: only the other rows go through Frictionless. A primary key,
a unique field or a foreign key depends on the whole table: those are checked in Arrow (dataset.keys), over every
row, or, against the tables the previous validation kept (below), over the rows that can break one (those of the
stretch that changed, the rows sharing a key value with them, the old rows referring to a removed value). Every
table is read once by Arrow's CSV reader; the new rows are a hash anti-join of the new table against the old. The
cross-table checks within a document (dataset.validate.cross_table_problems: spans, evidence, hierarchy, seed
texts) depend on that document's rows only, so they run on the documents that have a row added, changed or
removed (an anti-join both ways); the Parquet twins' row counts and the relations of changed sources are checked
as before. `policy-timeline validate` always runs the full validation.

The record is read once a build (`validated_record`), and a file whose size and time are those recorded with its
digest is not hashed again (dataset.digests).

The old package's side need not be parsed again: once a package has passed, the build keeps the tables it read
(every cell as text) as uncompressed Arrow files in the cache (`validated-tables/`, each table a list of parts of
files recorded with the digests: dataset.kept; a table the build assembled from the tables kept before and its new
rows keeps those parts and writes its new rows alone), and the next build memory-maps them instead of reading the
old CSVs (`kept_tables`). They are the very tables read from the bytes the digests name, so the comparison and
every check are the same; when they are missing or do not match the schemas, the old CSVs are read as before.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import uuid
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import chdir
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pyarrow as pa
import pyarrow.compute as compute
import pyarrow.csv as pacsv

from dashboard.dataset.digests import Digests, same_digests, take_digests
from dashboard.dataset.kept import Part, Planned, as_parts, files_named, keep_table, prune, read_parts
from dashboard.dataset.keys import key_problems
from dashboard.dataset.package import read_arrow
from dashboard.dataset.stretch import ROW, Stretch, differing, find_stretch, row_numbers
from dashboard.settings import MAX_SEED_BYTES

# pyarrow.compute's stubs overload on Arrow scalars a plain str does not meet: reached through an Any
pc: Any = compute

STAMP = "validated.json"  # in the build cache folder: the files of the last package the build validated
KEPT_DIR = "validated-tables"  # in the build cache folder: the last validated package's tables, as text, in Arrow
TEXT: Any = pa.string()
# the column naming the document each row belongs to, in the tables the cross-table checks read
DOCUMENT_COLUMNS = {"documents": "id", "provisions": "document_id", "seed_texts": "document_id",
                    "provision_themes": "document_id", "mentions": "document_id", "assignments": "document_id",
                    "targets": "document_id", "relations": "source_id"}


def record_validated(data_dir: Path, cache_dir: Path, index: dict[str, Any] | None = None,
                     tables: Mapping[str, pa.Table | Planned] | None = None) -> None:
    """Remember the bytes of the package in `data_dir`, which has just passed validation (best effort: without
    the record the next build validates in full), and with them `index`: where each document's rows lie in its
    per-document tables (dataset.splice), trusted only while the package holds those bytes. `tables`: the
    package's tables as the validation read them (Changed.tables, or as splice.Splicer.text_plans gives them:
    the parts kept before and the new rows), kept as Arrow files for the next build's comparison (kept_tables);
    the files no longer named are removed."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = cache_dir / f".{STAMP}.tmp"
        digests = take_digests(data_dir)  # each file read once, its size and time kept beside its digest
        record: dict[str, Any] = {"files": digests.files, "stats": digests.stats}
        if index is not None:
            record["index"] = index
        listing = _keep_tables(tables, cache_dir / KEPT_DIR) if tables else None
        if listing:
            record["tables"] = {name: [list(p) for p in parts] for name, parts in listing.items()}
        tmp.write_text(json.dumps(record, sort_keys=True), encoding="utf-8")
        tmp.replace(cache_dir / STAMP)
        prune(cache_dir / KEPT_DIR, files_named((listing or {}).values()))
    except OSError:  # an older record left behind names other bytes than --out's: it is never trusted
        pass


def _keep_tables(tables: Mapping[str, pa.Table | Planned], folder: Path) -> dict[str, list[Part]] | None:
    # write what of each table (its cells as text, without the row numbers) is not kept yet to
    # folder/<token>/<name>.arrow (dataset.kept); each table's parts, or None when a file could not be written
    token = uuid.uuid4().hex
    try:
        return {name: keep_table(folder, token, name, table.drop_columns([ROW]) if isinstance(table, pa.Table)
                                 and ROW in table.column_names else table) for name, table in tables.items()}
    except OSError:  # (the folder half written is removed with the others not named: record_validated)
        return None


def kept_parts(cache_dir: Path, record: dict[str, Any] | None = None) -> dict[str, list[Part]] | None:
    """Return where record_validated kept each table of the package the build last validated (dataset.kept's
    parts), or None (kept before tables were kept as parts, or not kept). `record`: validated_record's, if read."""
    try:
        listing = (record if record is not None else _read_record(cache_dir)).get("tables")
    except (OSError, ValueError):
        return None
    if not isinstance(listing, dict):
        return None
    found = {name: as_parts(parts) for name, parts in cast("dict[str, Any]", listing).items()}
    return {name: parts for name, parts in found.items() if parts is not None} or None


def kept_tables(cache_dir: Path, record: dict[str, Any] | None = None) -> dict[str, pa.Table] | None:
    """Return the tables of the package the build last validated as record_validated kept them (memory-mapped,
    nothing parsed), each with its `__row` column; None when they are not there (then the old CSVs are read).
    Call only when `validated_before` found that package unchanged. `record`: validated_record's, if read."""
    try:
        found = record if record is not None else _read_record(cache_dir)
        listing = found.get("tables")
        tables: dict[str, pa.Table] = {}
        if isinstance(listing, str) and listing:  # (one folder of whole files: kept before the parts)
            tables = {path.stem: read_arrow(path) for path in sorted((cache_dir / KEPT_DIR / listing).glob("*.arrow"))}
        parts = kept_parts(cache_dir, found) or {}
        for name in sorted(parts):
            tables[name] = read_parts(cache_dir / KEPT_DIR, parts[name])
        return {name: table.append_column(ROW, row_numbers(table.num_rows)) for name, table in tables.items()} or None
    except (OSError, ValueError, AttributeError, pa.ArrowInvalid):
        return None


def validated_record(cache_dir: Path) -> dict[str, Any] | None:
    """Return what record_validated recorded in `cache_dir` (read and parsed once a build: with the index it is
    megabytes at 10,000 documents; pass it to validated_before, validated_index and kept_tables), or None."""
    try:
        return _read_record(cache_dir)
    except (OSError, ValueError):
        return None


def _read_record(cache_dir: Path) -> dict[str, Any]:
    record = json.loads((cache_dir / STAMP).read_text(encoding="utf-8"))
    if not isinstance(record, dict):
        raise ValueError(f"{STAMP} is not an object")
    return cast("dict[str, Any]", record)


def validated_before(out_dir: Path, cache_dir: Path, record: dict[str, Any] | None = None) -> Path | None:
    """Return `out_dir` when it holds, byte for byte, the package the build last validated; else None. A file
    whose size and time are those recorded with its digest is not read again (dataset.digests).
    `record`: validated_record's, if read."""
    try:
        found = record if record is not None else _read_record(cache_dir)
        files, stats = found["files"], found.get("stats", {})  # (a record from before the stats: every file hashed)
        if not isinstance(files, dict) or not isinstance(stats, dict):
            return None
        recorded = Digests(cast("dict[str, str]", files), cast("dict[str, list[int]]", stats))
        return out_dir if out_dir.is_dir() and same_digests(out_dir, recorded) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def validated_index(cache_dir: Path, record: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """Return the index recorded with the package the build last validated (call only when `validated_before`
    found that package unchanged), or None. `record`: validated_record's, if read."""
    try:
        index = (record if record is not None else _read_record(cache_dir)).get("index")
    except (OSError, ValueError):
        return None
    return cast("dict[str, Any]", index) if isinstance(index, dict) else None


def _schemas(data_dir: Path) -> dict[str, dict[str, Any]]:
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    return {r["name"]: r["schema"] for r in package["resources"]}


def read_text_table(path: Path) -> pa.Table:
    """Return a package CSV with every cell as text (an empty cell is "", never null) and a `__row` column: the
    row's number in the file as problems name it (2 for the first row under the header). Read by Arrow's CSV
    reader (C++, every core): the build reads each table once, not row by row in Python."""
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle), None) or []
    table = _read_csv(path, header)
    return table.append_column(ROW, row_numbers(table.num_rows))


def text_table(data: bytes, columns: list[str]) -> pa.Table:
    """Return CSV bytes (a header line, then rows as a package CSV holds them) as read_text_table reads a file,
    without the `__row` column; raise pa.ArrowInvalid when the header does not name `columns`."""
    table = _read_csv(io.BytesIO(data), columns)
    if table.column_names != columns:
        raise pa.ArrowInvalid(f"columns {table.column_names} are not {columns}")
    return table


def _read_csv(source: Path | io.BytesIO, header: list[str]) -> pa.Table:
    return pacsv.read_csv(
        source,
        # a block must hold a whole row, and a row of seed_texts holds a seed (up to MAX_SEED_BYTES, its quotes
        # doubled in the CSV)
        read_options=pacsv.ReadOptions(block_size=4 * MAX_SEED_BYTES),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(column_types={name: TEXT for name in header}, null_values=[],
                                             strings_can_be_null=False, quoted_strings_can_be_null=False),
    )


@dataclass
class Changed:
    """What a package holds that the package validated before did not: the problems of those rows and of every
    table's keys, the documents whose rows differ (added, changed or removed), and the tables as read."""

    problems: list[str]
    documents: set[str]
    tables: dict[str, pa.Table]
    # where the previous package's tables came from: "kept" (record_validated's Arrow files), "csv", or "" (none)
    previous_from: str = ""
    assembled: tuple[str, ...] = ()  # the tables taken from `given`, not read from files


def changed_rows_problems(data_dir: Path, previous: Path) -> list[str] | None:
    """Return the Frictionless problems of `data_dir`, checking row by row only the rows not in `previous` (a
    package validated before, with the same schemas); None when the two cannot be compared (then validate all)."""
    changed = compare_packages(data_dir, previous)
    return changed.problems if changed else None


def compare_packages(data_dir: Path, previous: Path | None, jobs: int = 1,
                     kept: dict[str, pa.Table] | None = None, given: dict[str, pa.Table] | None = None
                     ) -> Changed | None:
    """Compare `data_dir` with `previous` (validated before, same schemas): Frictionless row checks on the rows
    not in `previous` (every row when `previous` is None: a first build), split over `jobs` processes, and keys
    over every row; None when the two cannot be compared (then validate all). `kept`: `previous`'s tables as
    kept_tables gives them, used instead of reading its CSVs when they hold every table with its columns.
    `given`: some of `data_dir`'s tables as read_text_table would read them, assembled by the build from `kept`
    and its new rows (splice.Splicer.text_tables); used instead of reading those files when `kept` is."""
    schemas = _schemas(data_dir)
    if previous is not None and _schemas(previous) != schemas:
        return None
    usable = kept is not None and all(
        name in kept and kept[name].column_names == [f["name"] for f in schema["fields"]] + [ROW]
        for name, schema in schemas.items())
    given = {name: t for name, t in (given or {}).items() if usable and name in schemas
             and t.column_names == [f["name"] for f in schemas[name]["fields"]] + [ROW]}
    try:
        tables = {name: given[name] if name in given else read_text_table(data_dir / f"{name}.csv") for name in schemas}
        if previous is not None and usable and kept is not None:
            before: dict[str, pa.Table] | None = {name: kept[name] for name in schemas}
        else:
            before = {name: read_text_table(previous / f"{name}.csv") for name in schemas} if previous else None
    except (OSError, pa.ArrowInvalid):  # a CSV Arrow cannot read: the full validation says what is wrong with it
        return None
    news: dict[str, pa.Table] = {}
    stretches: dict[str, Stretch] = {}
    documents: set[str] = set()
    for name in schemas:
        table = tables[name]
        key = DOCUMENT_COLUMNS.get(name)
        if before is None:  # every row is new, every document is checked
            news[name] = table
            documents.update(cast("list[str]", pc.unique(table[key]).to_pylist()) if key else [])
            continue
        old = before[name]
        columns = [c for c in table.column_names if c != ROW]
        if columns != [c for c in old.column_names if c != ROW]:
            return None
        stretches[name] = find_stretch(table, old, columns)
        news[name], gone = differing(table, old, columns, stretches[name])
        if key:  # the documents whose rows were added, changed or removed: the cross-table checks cover them
            documents.update(cast("list[str]", news[name][key].to_pylist()), cast("list[str]", gone[key].to_pylist()))
    problems = row_problems(data_dir, news, schemas, whole=before is None, jobs=jobs)
    source = "" if previous is None else "kept" if usable else "csv"
    # the previous package's tables as its validation kept them passed the key checks: only what changed is checked
    keys = key_problems(tables, schemas, before, stretches) if source == "kept" else key_problems(tables, schemas)
    return Changed(problems + keys, documents, tables, source, tuple(sorted(given)))


# below this many new cells, the row checks run in this process (a pool costs more than it saves)
_POOL_CELLS = 200_000


def row_problems(data_dir: Path, news: dict[str, pa.Table], schemas: dict[str, dict[str, Any]], *, whole: bool,
                 jobs: int = 1, pool_cells: int = _POOL_CELLS) -> list[str]:
    """Return Frictionless's row checks (types, constraints; not keys) of the rows `news` holds of each table,
    named by their row in `data_dir`'s file. `whole`: `news` holds every row, so the package's own files are
    checked. With `jobs` > 1 and more than `pool_cells` cells to check, the tables are shared out over that many
    processes, the largest first."""
    cells = {name: table.num_rows * len(schemas[name]["fields"]) for name, table in news.items()}
    bins: list[list[str]] = [[] for _ in range(max(1, min(jobs, len(news))) if sum(cells.values()) > pool_cells
                                               else 1)]
    for name in sorted(news, key=lambda n: -cells[n]):  # each table to the lightest bin so far
        min(bins, key=lambda b: sum(cells[n] for n in b)).append(name)
    bins = [b for b in bins if b]
    with tempfile.TemporaryDirectory(prefix="policy-timeline-validate-") as tmp:
        folder = str(data_dir) if whole else tmp
        if not whole:
            for name, new in news.items():
                columns = [c for c in new.column_names if c != ROW]
                with (Path(tmp) / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
                    writer = csv.writer(handle, lineterminator="\n")
                    writer.writerow(columns)
                    writer.writerows(zip(*(new[c].to_pylist() for c in columns), strict=True))
        tasks = [(folder, b, {n: _row_schema(schemas[n]) for n in b}) for b in bins]
        if len(tasks) == 1:
            found = [_frictionless_rows(*tasks[0])]
        else:
            with ProcessPoolExecutor(max_workers=len(tasks)) as pool:
                found = list(pool.map(_frictionless_rows, *zip(*tasks, strict=True)))
    order = {name: i for i, name in enumerate(schemas)}
    problems: list[str] = []
    for name, number, field, message in sorted((e for part in found for e in part), key=lambda e: order.get(e[0], -1)):
        if not name:
            problems.append(f"error: datapackage.json: package: {message}")
            continue
        where = "table" if not number else f"row {number if whole else news[name][ROW][number - 2].as_py()}"
        where += f": {field}" if field else ""
        problems.append(f"error: {name}.csv: {where}: {message}")
    return problems


def _frictionless_rows(folder: str, names: list[str], schemas: dict[str, dict[str, Any]]
                       ) -> list[tuple[str, int | None, str | None, str]]:
    # Frictionless's errors in the tables `names` (each `<name>.csv` in `folder`) against the row schemas given:
    # (table, row number in the file or None, field or None, message); a package-level error has no table
    import frictionless

    resources = [{"name": n, "path": f"{n}.csv", "format": "csv", "encoding": "utf-8", "schema": schemas[n]}
                 for n in names]
    with chdir(folder):  # frictionless refuses absolute resource paths: validate from inside the folder
        report = frictionless.Package({"resources": resources}).validate()
    out = [(task.name or "", getattr(err, "row_number", None), getattr(err, "field_name", None), err.message)
           for task in report.tasks for err in task.errors]
    return out + [("", None, None, err.message) for err in report.errors]


def _row_schema(schema: dict[str, Any]) -> dict[str, Any]:
    # the row-local part of a schema: no keys, no unique constraints; key fields stay required (as a key makes them)
    keys = set(schema.get("primaryKey") or [])
    fields: list[dict[str, Any]] = []
    for field in schema["fields"]:
        given: dict[str, Any] = field.get("constraints") or {}
        constraints = {k: v for k, v in given.items() if k != "unique"}
        if field["name"] in keys:
            constraints["required"] = True
        fields.append({**field, "constraints": constraints})
    return {k: v for k, v in schema.items() if k not in ("primaryKey", "foreignKeys", "fields")} | {"fields": fields}
