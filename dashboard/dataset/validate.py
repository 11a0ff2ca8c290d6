"""Validate a data package: Frictionless (types, constraints, primary and foreign keys) plus the cross-table
checks a Table Schema cannot express (hierarchy within one document, spans, Parquet twins, provenance)."""

from __future__ import annotations

import csv
import json
import os
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import frictionless
import pyarrow.parquet as pq

from dashboard.corpus.normalise import normalise_text
from dashboard.errors import DataInvalid


@contextmanager
def _cwd(path: Path):
    # frictionless refuses absolute resource paths as unsafe; validate from inside the package folder
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def validate_package(data_dir: Path, *, seeds_dir: Path | None = None) -> None:
    """Raise DataInvalid listing every problem, or return when the package in `data_dir` is valid."""
    descriptor = data_dir / "datapackage.json"
    if not descriptor.exists():
        raise DataInvalid([f"error: {descriptor}: file: datapackage.json not found"])
    problems = frictionless_problems(data_dir)
    if not problems:
        problems = cross_table_problems(data_dir, seeds_dir)
    if problems:
        raise DataInvalid(problems)


def frictionless_problems(data_dir: Path) -> list[str]:
    """Return one line per error the Frictionless validator reports."""
    with _cwd(data_dir):
        report = frictionless.validate("datapackage.json")
    lines = []
    for task in report.tasks:
        for err in task.errors:
            where = f"row {err.row_number}" if getattr(err, "row_number", None) else "table"
            field = getattr(err, "field_name", None)
            where += f": {field}" if field else ""
            lines.append(f"error: {task.name}.csv: {where}: {err.message}")
    lines.extend(f"error: datapackage.json: package: {err.message}" for err in report.errors)
    return lines


def _read(data_dir: Path, name: str) -> list[dict[str, str]]:
    with (data_dir / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def cross_table_problems(data_dir: Path, seeds_dir: Path | None) -> list[str]:
    """Return problems no schema can express."""
    problems: list[str] = []
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        twin = data_dir / f"{resource['name']}.parquet"
        rows = sum(1 for _ in _read(data_dir, resource["name"]))
        if not twin.exists():
            problems.append(f"error: {twin.name}: file: Parquet twin missing")
        elif pq.ParquetFile(twin).metadata.num_rows != rows:
            problems.append(f"error: {twin.name}: rows: {pq.ParquetFile(twin).metadata.num_rows} rows, CSV has {rows}")
    documents = {d["id"]: d for d in _read(data_dir, "documents")}
    provisions = _read(data_dir, "provisions")
    by_id = {p["id"]: p for p in provisions}
    counts = Counter(p["document_id"] for p in provisions)
    for doc in documents.values():
        held = doc["held"] == "true"
        if held and counts[doc["id"]] == 0:
            problems.append(f"error: documents.csv: {doc['id']}: held document has no provisions")
        if not held and counts[doc["id"]]:
            problems.append(f"error: documents.csv: {doc['id']}: document not held but has provisions")
        if held and int(doc["provisions"]) != counts[doc["id"]]:
            problems.append(f"error: documents.csv: {doc['id']}: provisions says {doc['provisions']}, "
                            f"provisions.csv has {counts[doc['id']]}")
    raw_cache: dict[str, str] = {}
    for p in provisions:
        where = f"error: provisions.csv: {p['id']}"
        if not p["id"].startswith(p["document_id"] + ":"):
            problems.append(f"{where}: id: does not start with its document id")
        parent = by_id.get(p["parent_id"]) if p["parent_id"] else None
        if parent and parent["document_id"] != p["document_id"]:
            problems.append(f"{where}: parent_id: parent belongs to another document")
        if int(p["start"]) >= int(p["end"]):
            problems.append(f"{where}: start: span is empty or reversed")
        if seeds_dir is not None:
            seed = documents[p["document_id"]]["seed_file"]
            if seed not in raw_cache:
                raw_cache[seed] = (seeds_dir / seed).read_text(encoding="utf-8")
            if normalise_text(raw_cache[seed][int(p["start"]):int(p["end"])]) != p["text"]:
                problems.append(f"{where}: start: seeds/{seed}[{p['start']}:{p['end']}] does not give its text")
    for t in _read(data_dir, "targets"):
        if t["start_year"] and t["end_year"] and int(t["start_year"]) > int(t["end_year"]):
            problems.append(f"error: targets.csv: {t['id']}: start_year: after end_year")
        if t["origin"] == "cited" and not (t["source_url"] or t["source_note"]):
            problems.append(f"error: targets.csv: {t['id']}: source_url: a cited row needs its source")
        if t["origin"] == "extracted" and not t["provision_id"]:
            problems.append(f"error: targets.csv: {t['id']}: provision_id: an extracted row needs its provision")
    return problems
