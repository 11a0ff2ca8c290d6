"""Validate a rebuilt package by what changed: the Frictionless row checks on the rows that are new since the last
package the build validated, and the whole-table checks (primary keys, unique fields, foreign keys) vectorised.

The build records, in its cache folder, the SHA-256 of every file of the package it validated and swapped in
(`record_validated`). When it rebuilds the same --out and that package is still there with those very bytes and
the same table schemas, a row of the new package that is also a row of the old one (same cells) passed the row
checks (types, constraints) then and passes them now: only the other rows go through Frictionless. A primary key,
a unique field or a foreign key depends on the whole table, so those are checked over every row, with pandas. The
cross-table checks (dataset.validate.cross_table_problems) run in full as before. `policy-timeline validate` always
runs the full Frictionless validation.
"""

from __future__ import annotations

import csv
import hashlib
import json
import tempfile
from contextlib import chdir
from pathlib import Path
from typing import Any

import pandas as pd

STAMP = "validated.json"  # in the build cache folder: the files of the last package the build validated


def _digests(data_dir: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(data_dir.iterdir())
            if p.suffix in (".csv", ".json")}


def record_validated(data_dir: Path, cache_dir: Path) -> None:
    """Remember the bytes of the package in `data_dir`, which has just passed validation (best effort: without
    the record the next build validates in full)."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = cache_dir / f".{STAMP}.tmp"
        tmp.write_text(json.dumps({"files": _digests(data_dir)}, sort_keys=True), encoding="utf-8")
        tmp.replace(cache_dir / STAMP)
    except OSError:  # an older record left behind names other bytes than --out's: it is never trusted
        pass


def validated_before(out_dir: Path, cache_dir: Path) -> Path | None:
    """Return `out_dir` when it holds, byte for byte, the package the build last validated; else None."""
    try:
        stamp = json.loads((cache_dir / STAMP).read_text(encoding="utf-8"))["files"]
        return out_dir if out_dir.is_dir() and _digests(out_dir) == stamp else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _schemas(data_dir: Path) -> dict[str, dict[str, Any]]:
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    return {r["name"]: r["schema"] for r in package["resources"]}


def changed_rows_problems(data_dir: Path, previous: Path) -> list[str] | None:
    """Return the Frictionless problems of `data_dir`, checking row by row only the rows not in `previous` (a
    package validated before, with the same schemas); None when the two cannot be compared (then validate all)."""
    import frictionless

    schemas = _schemas(data_dir)
    if _schemas(previous) != schemas:
        return None
    tables = {name: _rows(data_dir / f"{name}.csv") for name in schemas}
    problems: list[str] = []
    positions: dict[str, list[int]] = {}
    with tempfile.TemporaryDirectory(prefix="policy-timeline-validate-") as tmp:
        resources: list[dict[str, Any]] = []
        for name, schema in schemas.items():
            rows = tables[name]
            old = {tuple(r) for r in _rows(previous / f"{name}.csv")}
            new = [(i, r) for i, r in enumerate(rows[1:], start=2) if tuple(r) not in old]
            positions[name] = [i for i, _ in new]
            with (Path(tmp) / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
                csv.writer(handle, lineterminator="\n").writerows([rows[0], *(r for _, r in new)])
            resources.append({"name": name, "path": f"{name}.csv", "format": "csv", "encoding": "utf-8",
                              "schema": _row_schema(schema)})
        (Path(tmp) / "datapackage.json").write_text(json.dumps({"resources": resources}), encoding="utf-8")
        with chdir(tmp):  # frictionless refuses absolute resource paths: validate from inside the folder
            report = frictionless.validate("datapackage.json")
        for task in report.tasks:
            for err in task.errors:
                number = getattr(err, "row_number", None)
                where = f"row {positions[task.name][number - 2]}" if number else "table"
                field = getattr(err, "field_name", None)
                where += f": {field}" if field else ""
                problems.append(f"error: {task.name}.csv: {where}: {err.message}")
        problems.extend(f"error: datapackage.json: package: {err.message}" for err in report.errors)
    return problems + key_problems(tables, schemas)


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


def key_problems(tables: dict[str, list[list[str]]], schemas: dict[str, dict[str, Any]]) -> list[str]:
    """Return the primary key, unique field and foreign key problems of every table, over all its rows."""
    # pandas is used as Any here (docs/architecture.md: how the untyped libraries are met)
    frames: dict[str, Any] = {name: pd.DataFrame(rows[1:], columns=rows[0], dtype=str)
                              for name, rows in tables.items()}
    problems: list[str] = []
    for name, schema in schemas.items():
        frame = frames[name]
        keys: list[str] = schema.get("primaryKey") or []
        fields: list[dict[str, Any]] = schema["fields"]
        foreign: list[dict[str, Any]] = schema.get("foreignKeys") or []
        if keys:
            for i in frame.index[frame.duplicated(subset=keys)]:
                problems.append(f"error: {name}.csv: row {i + 2}: primary key {', '.join(keys)} is duplicated")
        for field in fields:
            constraints: dict[str, Any] = field.get("constraints") or {}
            if constraints.get("unique"):
                column: Any = frame[field["name"]]
                for i in frame.index[(column != "") & column.duplicated()]:
                    problems.append(f"error: {name}.csv: row {i + 2}: {field['name']}: value is not unique")
        for fk in foreign:
            key: str = fk["fields"]
            ref: dict[str, str] = fk["reference"]
            target: Any = frames[ref["resource"] or name][ref["fields"]]
            values: Any = frame[key]
            for i in frame.index[(values != "") & ~values.isin(set(target))]:
                problems.append(f"error: {name}.csv: row {i + 2}: {key}: {values[i]!r} is not in "
                                f"{ref['resource'] or name}.{ref['fields']}")
    return problems
