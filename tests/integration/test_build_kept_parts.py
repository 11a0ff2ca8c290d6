"""Adds over a warm cache keep the tables for the next build as lists of parts of Arrow files (dataset.kept): each
build writes its new rows alone, a list grown past the bound is written whole again, a kept file missing or
damaged falls back to the Parquet twin or the CSV, and every package is the same bytes as a cold build."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from dashboard.dataset import kept
from dashboard.dataset.build import run as build_package
from dashboard.dataset.kept import as_parts, read_parts
from dashboard.dataset.parallel import DocumentRunner
from dashboard.dataset.perdoc import CHUNKED_TABLES
from dashboard.dataset.splice import ARROW_DIR
from dashboard.dataset.validate_changed import KEPT_DIR, kept_parts, kept_tables, read_text_table, validated_index
from tests.package_files import cold, files

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
sys.path.insert(0, str(Path(__file__).parent))
from test_build_splice import copy_as_new  # noqa: E402

TABLES = [*CHUNKED_TABLES, "mentions"]


def rebuild(seeds: Path, out: Path, cache: Path) -> DocumentRunner:
    runner = DocumentRunner(jobs=1, cache_dir=cache)
    build_package(seeds, out, runner=runner)
    return runner


def arrow_parts(cache: Path) -> dict[str, Any]:
    index = validated_index(cache)
    assert index is not None
    return {name: as_parts(index["tables"][name].get("arrow")) for name in TABLES}


def assert_kept_is_the_package(out: Path, cache: Path) -> None:
    # what the cache keeps is what the package holds: the typed parts are its Parquet twins' tables, the text
    # parts are its CSVs as the validation reads them
    for name, parts in arrow_parts(cache).items():
        assert parts is not None, name
        typed = read_parts(cache / ARROW_DIR, parts)
        assert typed.equals(pq.ParquetFile(out / f"{name}.parquet").read().cast(typed.schema)), name
    text = kept_tables(cache)
    assert text is not None and sorted(text) == sorted(p.stem for p in out.glob("*.csv"))
    for name, table in text.items():
        assert table.equals(read_text_table(out / f"{name}.csv")), name


def test_adds_in_a_row_keep_their_new_rows_and_compact_past_the_bound(warm, tmp_path: Path, monkeypatch):
    full, out, cache = warm
    monkeypatch.setattr(kept, "MAX_PARTS", 4)
    sidecars = sorted(p for p in full.glob("*.yml") if p.with_suffix(".txt").exists())
    compacted = False
    # the add of the latest document, then documents inserted in the middle of the corpus order: each splits runs
    for step, at in enumerate([None, 4, 7, 2]):
        if at is not None:
            copy_as_new(full, sidecars[at], str(7000 + step), f"inserted-{step}")
        before = validated_index(cache)
        runner = rebuild(full, out, cache)
        assert runner.processed == 1 and runner.compared == "kept"
        assert files(out) == cold(full, tmp_path / "cold"), step
        assert_kept_is_the_package(out, cache)
        parts = arrow_parts(cache)
        assert all(len(p) <= 4 for p in parts.values())
        # the provisions: either its new rows alone (parts of the files before, and this build's few rows), or
        # written whole again when the list grew past the bound
        mine = [p for p in parts["provisions"] if p[0].startswith(runner.splicer.token)]
        whole = mine == parts["provisions"]
        old = as_parts((before or {})["tables"]["provisions"].get("arrow"))
        compacted |= whole and old is not None and len(old) > 1
        if not whole:
            assert sum(p[2] for p in mine) < sum(p[2] for p in parts["provisions"]) / 5
    assert compacted  # (the bound was reached at least once)
    # the files no index names are gone (the tables a build wrote whole and the next wrote again); those named stay
    named = {p[0] for ps in arrow_parts(cache).values() for p in ps}
    assert {str(p.relative_to(cache / ARROW_DIR)) for p in (cache / ARROW_DIR).glob("*/*")} == named
    text = kept_parts(cache)
    assert text is not None and sorted(text) == sorted(p.stem for p in out.glob("*.csv"))
    named = {p[0] for ps in text.values() for p in ps}
    assert {str(p.relative_to(cache / KEPT_DIR)) for p in (cache / KEPT_DIR).glob("*/*")} == named


def test_kept_files_missing_or_damaged_fall_back(warm, tmp_path: Path):
    full, out, cache = warm
    first = rebuild(full, out, cache)  # the add: its new rows in files of their own
    sidecars = sorted(p for p in full.glob("*.yml") if p.with_suffix(".txt").exists())
    copy_as_new(full, sidecars[5], "7100", "inserted")
    # the add's own provisions file deleted, its seed texts file damaged: those tables come from the Parquet twins
    (cache / ARROW_DIR / first.splicer.token / "provisions.arrow").unlink()
    (cache / ARROW_DIR / first.splicer.token / "seed_texts.arrow").write_bytes(b"damaged")
    # and the validation's kept text files of the add damaged: the previous package's CSVs are read instead
    for path in (cache / KEPT_DIR).rglob("provision_themes.arrow"):
        path.write_bytes(b"damaged")
    runner = rebuild(full, out, cache)
    assert (runner.processed, runner.compared) == (1, "csv")
    assert files(out) == cold(full, tmp_path / "cold")
    # the tables read from the Parquet twins were kept whole again, and the next build reads its kept tables
    assert_kept_is_the_package(out, cache)
    assert rebuild(full, out, cache).compared == "kept"
    assert files(out) == files(tmp_path / "cold")


def test_the_files_of_the_recorded_index_stay_when_recording_fails(warm, tmp_path: Path, monkeypatch):
    full, out, cache = warm
    rebuild(full, out, cache)  # the add, recorded
    named = {p[0] for ps in arrow_parts(cache).values() for p in ps}
    recorded = (cache / "validated.json").read_bytes()

    def fail(data_dir: Path) -> Any:
        raise OSError("disk full")

    # the next build writes its package but cannot record it: the record names the add's files, which stay
    monkeypatch.setattr("dashboard.dataset.validate_changed.take_digests", fail)
    monkeypatch.setattr(kept, "MAX_PARTS", 1)  # (every table written whole: its index names none of those files)
    copy_as_new(full, sorted(full.glob("*.yml"))[3], "7200", "inserted")
    rebuild(full, out, cache)
    assert (cache / "validated.json").read_bytes() == recorded
    assert named <= {str(p.relative_to(cache / ARROW_DIR)) for p in (cache / ARROW_DIR).glob("*/*")}
    # the package on --out is not the recorded one: the next build does not trust the index, and writes the same
    # bytes as a cold build
    monkeypatch.undo()
    runner = rebuild(full, out, cache)
    assert runner.reused == 0
    assert files(out) == cold(full, tmp_path / "cold")
