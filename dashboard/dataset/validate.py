"""Validate a data package: Frictionless (types, constraints, primary and foreign keys) plus the cross-table
checks a Table Schema cannot express (hierarchy within one document, spans, Parquet twins, provenance)."""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Generator, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import frictionless
import pyarrow as pa
import pyarrow.compute as compute
import pyarrow.parquet as pq

from dashboard.corpus.normalise import normalise_text
from dashboard.dataset.validate_changed import DOCUMENT_COLUMNS, ROW, Changed, compare_packages
from dashboard.errors import DataInvalid

# pyarrow.compute's stubs overload on Arrow scalars a plain str does not meet: reached through an Any
pc: Any = compute


@contextmanager
def _cwd(path: Path) -> Generator[None, None, None]:
    # frictionless refuses absolute resource paths as unsafe; validate from inside the package folder
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def validate_package(
    data_dir: Path, *, seeds_dir: Path | None = None, previous: Path | None = None, jobs: int | None = None,
    kept: dict[str, pa.Table] | None = None, given: dict[str, pa.Table] | None = None,
) -> Changed | None:
    """Raise DataInvalid listing every problem, or return when the package in `data_dir` is valid.

    `previous`: a package validated before (dataset.validate_changed.validated_before); the rows it already holds
    are not checked row by row by Frictionless again (the keys still cover every row), and the cross-table checks
    within a document cover the documents whose rows differ from it.
    `jobs`: the build's validation of a first build (no `previous`): Frictionless checks every row's types and
    constraints, its tables shared out over that many processes, and the keys are checked in Arrow, as when
    `previous` is given. Without either, Frictionless validates the whole package (`policy-timeline validate`).
    `kept`: `previous`'s tables kept by the build (validate_changed.kept_tables), read instead of its CSVs.
    `given`: tables of `data_dir` the build assembled from `kept` and its new rows (splice.Splicer.text_tables),
    used instead of reading those files.
    Returns what the comparison read (the build keeps its tables for the next build), or None after a full
    validation.
    """
    descriptor = data_dir / "datapackage.json"
    if not descriptor.exists():
        raise DataInvalid([f"error: {descriptor}: file: datapackage.json not found"])
    changed = compare_packages(data_dir, previous, jobs or 1, kept, given) if previous is not None or jobs else None
    problems = changed.problems if changed else frictionless_problems(data_dir)
    if not problems:
        problems = cross_table_problems(data_dir, seeds_dir, changed)
    if problems:
        raise DataInvalid(problems)
    return changed


def frictionless_problems(data_dir: Path) -> list[str]:
    """Return one line per error the Frictionless validator reports."""
    with _cwd(data_dir):
        report = frictionless.validate("datapackage.json")
    lines: list[str] = []
    for task in report.tasks:
        for err in task.errors:
            row = getattr(err, "row_number", None)  # a row's error has one; a table's does not
            where = f"row {row}" if row else "table"
            field = getattr(err, "field_name", None)
            where += f": {field}" if field else ""
            lines.append(f"error: {task.name}.csv: {where}: {err.message}")
    lines.extend(f"error: datapackage.json: package: {err.message}" for err in report.errors)
    return lines


def _seed_text(seeds_dir: Path | None, seed: str, cache: dict[str, str]) -> str | None:
    """Return a seed file's text as the offsets count it (UTF-8, line endings as they are), read once; None when
    only the package's seed texts are at hand and they lack it (that is reported on its own)."""
    if seed not in cache:
        if seeds_dir is None:
            return None
        cache[seed] = (seeds_dir / seed).read_bytes().decode("utf-8")
    return cache[seed]


class _Reader:
    """The package's tables as rows of text. Given what changed since a package validated before
    (validate_changed.compare_packages), the tables it read, and only the rows of the documents that changed."""

    def __init__(self, data_dir: Path, changed: Changed | None) -> None:
        self.data_dir = data_dir
        self.changed = changed
        self._chosen = pa.array(sorted(changed.documents), pa.string()) if changed else None

    def rows(self, name: str) -> list[dict[str, str]]:
        if self.changed is None or name not in self.changed.tables:
            with (self.data_dir / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
                return list(csv.DictReader(handle))
        table = self.changed.tables[name]
        if name in DOCUMENT_COLUMNS:
            table = table.filter(pc.is_in(table[DOCUMENT_COLUMNS[name]], value_set=self._chosen))
        return table.drop_columns([ROW]).to_pylist()

    def count(self, name: str) -> int:
        if self.changed is None or name not in self.changed.tables:
            return sum(1 for _ in self.rows(name))
        return self.changed.tables[name].num_rows


class _Provisions(Mapping[str, dict[str, str]]):
    """Provisions by id: those read; another one (of a document that did not change) read from the whole table
    when a check asks for it, as the full validation would find it."""

    def __init__(self, rows: dict[str, dict[str, str]], table: pa.Table | None) -> None:
        self._rows = rows
        self._table = table

    def __getitem__(self, key: str) -> dict[str, str]:
        if key in self._rows:
            return self._rows[key]
        table = self._table
        found = table.filter(pc.equal(table["id"], key)).drop_columns([ROW]).to_pylist() if table else []
        if not found:
            raise KeyError(key)
        self._rows[key] = found[0]
        return found[0]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


def cross_table_problems(data_dir: Path, seeds_dir: Path | None, changed: Changed | None = None) -> list[str]:
    """Return problems no schema can express. Given what changed since a package validated before
    (validate_changed.compare_packages), the checks within a document cover the documents that changed."""
    reader = _Reader(data_dir, changed)
    problems: list[str] = []
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        twin = data_dir / f"{resource['name']}.parquet"
        rows = reader.count(resource["name"])
        if not twin.exists():
            problems.append(f"error: {twin.name}: file: Parquet twin missing")
        elif pq.ParquetFile(twin).metadata.num_rows != rows:
            problems.append(f"error: {twin.name}: rows: {pq.ParquetFile(twin).metadata.num_rows} rows, CSV has {rows}")
    documents = {d["id"]: d for d in reader.rows("documents")}
    provisions = reader.rows("provisions")
    by_id = _Provisions({p["id"]: p for p in provisions}, changed.tables["provisions"] if changed else None)
    counts = Counter(p["document_id"] for p in provisions)
    for doc in documents.values():
        held = doc["held"] == "true"
        if held and counts[doc["id"]] == 0:
            problems.append(f"error: documents.csv: {doc['id']}: held document has no provisions")
        if not held and counts[doc["id"]]:
            problems.append(f"error: documents.csv: {doc['id']}: document not held but has provisions")
        if held and int(doc["provisions"]) != counts[doc["id"]]:
            problems.append(
                f"error: documents.csv: {doc['id']}: provisions says {doc['provisions']}, "
                f"provisions.csv has {counts[doc['id']]}"
            )
    raw_cache, text_problems = _package_seed_texts(reader, package, documents)
    problems += text_problems
    have_raw = seeds_dir is not None or bool(raw_cache)
    for p in provisions:
        where = f"error: provisions.csv: {p['id']}"
        if not p["id"].startswith(p["document_id"] + ":"):
            problems.append(f"{where}: id: does not start with its document id")
        parent = by_id.get(p["parent_id"]) if p["parent_id"] else None
        if parent and parent["document_id"] != p["document_id"]:
            problems.append(f"{where}: parent_id: parent belongs to another document")
        if int(p["start"]) >= int(p["end"]):
            problems.append(f"{where}: start: span is empty or reversed")
        seed = documents[p["document_id"]]["seed_file"]
        seed_text = _seed_text(seeds_dir, seed, raw_cache) if have_raw else None
        if seed_text is not None:
            if normalise_text(seed_text[int(p["start"]) : int(p["end"])]) != p["text"]:
                problems.append(f"{where}: start: seeds/{seed}[{p['start']}:{p['end']}] does not give its text")
    for t in reader.rows("targets"):
        if t["start_year"] and t["end_year"] and int(t["start_year"]) > int(t["end_year"]):
            problems.append(f"error: targets.csv: {t['id']}: start_year: after end_year")
        if t["origin"] == "cited" and not (t["source_url"] or t["source_note"]):
            problems.append(f"error: targets.csv: {t['id']}: source_url: a cited row needs its source")
        if t["origin"] == "extracted" and not t["provision_id"]:
            problems.append(f"error: targets.csv: {t['id']}: provision_id: an extracted row needs its provision")
    problems += annotation_problems(reader, documents, by_id, raw_cache if have_raw else None, seeds_dir)
    return problems


def _package_seed_texts(
    reader: _Reader, package: dict[str, Any], documents: dict[str, dict[str, str]]
) -> tuple[dict[str, str], list[str]]:
    """Return the seed texts the package holds (by seed file) and their problems: each held document has one,
    whose SHA-256 is the document's seed_sha256 (so the package's spans are checkable without seeds/)."""
    if "seed_texts" not in {r["name"] for r in package["resources"]}:
        return {}, []
    texts: dict[str, str] = {}
    problems: list[str] = []
    for row in reader.rows("seed_texts"):
        doc = documents.get(row["document_id"], {})
        where = f"error: seed_texts.csv: {row['document_id']}"
        if row["seed_file"] != doc.get("seed_file"):
            problems.append(f"{where}: seed_file: not the document's seed file")
        elif hashlib.sha256(row["text"].encode("utf-8")).hexdigest() != doc.get("seed_sha256"):
            problems.append(f"{where}: text: its SHA-256 is not the document's seed_sha256")
        else:
            texts[row["seed_file"]] = row["text"]
    missing = sorted(d for d, r in documents.items() if r["held"] == "true" and r["seed_file"] not in texts)
    problems += [
        f"error: seed_texts.csv: {d}: document_id: held document has no seed text"
        for d in missing
        if not any(p.startswith(f"error: seed_texts.csv: {d}:") for p in problems)
    ]
    return texts, problems


def annotation_problems(
    reader: _Reader,
    documents: dict[str, dict[str, str]],
    provisions: Mapping[str, dict[str, str]],
    raw_cache: dict[str, str] | None,
    seeds_dir: Path | None,
) -> list[str]:
    """Return problems of theme evidence, mentions, assignments, extracted targets and relations (spans,
    hierarchy, graph)."""
    problems: list[str] = []
    package = json.loads((reader.data_dir / "datapackage.json").read_text(encoding="utf-8"))
    names = {r["name"] for r in package["resources"]}

    def raw(doc_id: str) -> str | None:
        # (a document that did not change is not among `documents` when only the changed ones are checked)
        seed = documents[doc_id]["seed_file"] if doc_id in documents else ""
        if raw_cache is None or not seed:
            return None
        return _seed_text(seeds_dir, seed, raw_cache)

    def check_span(table: str, key: str, row: dict[str, str]) -> None:
        # a span must lie inside its provision and, when the seeds are at hand, give back its surface
        p = provisions.get(row["provision_id"]) if row["start"] else None
        if p is None:  # no span, or no provision to hold it (that is reported on its own, not raised here)
            return
        start, end = int(row["start"]), int(row["end"])
        if not int(p["start"]) <= start < end <= int(p["end"]):
            problems.append(f"error: {table}.csv: {key}: start: span lies outside its provision")
            return
        text = raw(p["document_id"])
        if text is not None and normalise_text(text[start:end]) != row["surface"]:
            problems.append(f"error: {table}.csv: {key}: surface: seed[{start}:{end}] gives other words")

    if "provision_themes" in names:
        problems += _evidence_problems(reader, provisions, raw)
    if "mentions" in names:
        for m in reader.rows("mentions"):
            check_span("mentions", f"{m['provision_id']} {m['entity_id']}", m)
    if "assignments" in names:
        for a in reader.rows("assignments"):
            key = f"{a['provision_id']} {a['actor_id']} {a['role']}"
            check_span("assignments", key, a)
            ancestor = provisions[a["provision_id"]]["parent_id"]
            while ancestor and ancestor != a["inherited_from"]:
                ancestor = provisions[ancestor]["parent_id"]
            if (a["inherited"] == "true") != bool(a["inherited_from"]) or (a["inherited_from"] and not ancestor):
                problems.append(f"error: assignments.csv: {key}: inherited_from: not an enclosing provision")
    for t in reader.rows("targets"):
        if t["origin"] == "extracted":
            check_span("targets", t["id"], t)
    if "relations" in names:
        for r in reader.rows("relations"):
            key = f"{r['source_id']} {r['kind']} {r['target_id']}"
            if r["source_id"] == r["target_id"]:
                problems.append(f"error: relations.csv: {key}: target_id: relates a document to itself")
            if r["provision_id"] and provisions[r["provision_id"]]["document_id"] != r["source_id"]:
                problems.append(f"error: relations.csv: {key}: provision_id: not a provision of the source")
    return problems


_EVIDENCE_LISTS = ("evidence", "terms", "weights", "starts", "ends", "source_starts", "source_ends")


def _evidence_problems(
    reader: _Reader, provisions: Mapping[str, dict[str, str]], raw: Callable[[str], str | None]
) -> list[str]:
    """Return problems of the theme evidence: parallel lists of one length, each piece of evidence found at its
    offsets in the provision's text and, when the seeds are at hand, at its offsets in the seed file."""
    problems: list[str] = []
    for row in reader.rows("provision_themes"):
        key = f"{row['provision_id']} {row['theme_id']}"
        lists = {name: row[name].split("; ") if row[name] else [] for name in _EVIDENCE_LISTS}
        lengths = {len(v) for v in lists.values()}
        if len(lengths) != 1:
            problems.append(
                f"error: provision_themes.csv: {key}: evidence: evidence, terms, weights and offsets "
                f"differ in length ({', '.join(f'{n} {len(v)}' for n, v in lists.items())})"
            )
            continue
        try:
            offsets = [[int(x) for x in lists[name]] for name in ("starts", "ends", "source_starts", "source_ends")]
        except ValueError:
            problems.append(f"error: provision_themes.csv: {key}: starts: offsets are not whole numbers")
            continue
        text = provisions[row["provision_id"]]["text"]
        seed = raw(row["document_id"])
        for words, start, end, src_start, src_end in zip(lists["evidence"], *offsets, strict=True):
            if text[start:end] != words:
                problems.append(f"error: provision_themes.csv: {key}: starts: text[{start}:{end}] is not {words!r}")
            elif seed is not None and normalise_text(seed[src_start:src_end]) != words:
                problems.append(
                    f"error: provision_themes.csv: {key}: source_starts: seed[{src_start}:{src_end}] is not {words!r}"
                )
    return problems
