"""validate_changed: a rebuild validated by what changed against the package validated before still finds every
problem the full validation finds (a bad cell in a new row, a key that is duplicated or points nowhere), and the
build trusts the old package only while it holds the very bytes it validated."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pyarrow as pa
import pytest

from dashboard.dataset.stretch import differing
from dashboard.dataset.validate import validate_package
from dashboard.dataset.validate_changed import (
    ROW,
    _schemas,  # pyright: ignore[reportPrivateUsage]
    changed_rows_problems,
    read_text_table,
    record_validated,
    row_problems,
    validated_before,
)
from dashboard.errors import DataInvalid

from .test_validate import _edit_csv  # pyright: ignore[reportPrivateUsage]
from .tiny import write_tiny


def _append_copy(table: str, row: int):
    def change(data: Path) -> None:
        path = data / f"{table}.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        with path.open("a", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerow(rows[row + 1])
    return change


def test_an_unchanged_package_has_no_problems(tmp_path: Path):
    data = write_tiny(tmp_path / "data", tmp_path / "seeds")
    shutil.copytree(data, tmp_path / "before")
    assert changed_rows_problems(data, tmp_path / "before") == []
    validate_package(data, seeds_dir=tmp_path / "seeds", previous=tmp_path / "before")


@pytest.mark.parametrize(("change", "expected"), [
    (_edit_csv("provisions", 1, "start", "twelve"), "error: provisions.csv: row 3: start: "),
    (_edit_csv("documents", 0, "coverage", "most"), "error: documents.csv: row 2: coverage: "),
    (_edit_csv("mentions", 0, "entity_id", "who"), "error: mentions.csv: row 2: entity_id: "),
    (_edit_csv("themes", 0, "id", "trade"), "error: provision_themes.csv: row 2: theme_id: "),
    (_append_copy("provisions", 0), "error: provisions.csv: row 5: primary key id is duplicated"),
], ids=["not-an-integer", "not-in-the-enum", "unknown-entity", "unknown-theme", "duplicated-key"])
def test_changed_rows_and_keys_are_checked(tmp_path: Path, change, expected: str):
    before = write_tiny(tmp_path / "before", tmp_path / "seeds")
    data = write_tiny(tmp_path / "data")
    change(data)
    with pytest.raises(DataInvalid) as caught:
        validate_package(data, seeds_dir=tmp_path / "seeds", previous=before)
    assert [p for p in caught.value.problems if p.startswith(expected)], caught.value.problems
    assert all(p.startswith("error: ") and "\n" not in p for p in caught.value.problems)


CHANGES = [
    (_edit_csv("provisions", 1, "start", "twelve"), "error: provisions.csv: row 3: start: "),
    (_edit_csv("documents", 0, "coverage", "most"), "error: documents.csv: row 2: coverage: "),
    (_edit_csv("themes", 0, "id", "trade"), "error: provision_themes.csv: row 2: theme_id: "),
    (_append_copy("provisions", 0), "error: provisions.csv: row 5: primary key id is duplicated"),
]


@pytest.mark.parametrize(("change", "expected"), CHANGES, ids=["not-an-integer", "not-in-the-enum", "unknown-theme",
                                                               "duplicated-key"])
def test_a_first_build_checks_every_row(tmp_path: Path, change, expected: str):
    # a first build has no package validated before: every row goes through the row checks, the keys through Arrow
    data = write_tiny(tmp_path / "data", tmp_path / "seeds")
    validate_package(data, seeds_dir=tmp_path / "seeds", jobs=2)
    change(data)
    with pytest.raises(DataInvalid) as caught:
        validate_package(data, seeds_dir=tmp_path / "seeds", jobs=2)
    assert [p for p in caught.value.problems if p.startswith(expected)], caught.value.problems


def test_row_checks_shared_out_over_processes_name_the_same_rows(tmp_path: Path):
    data = write_tiny(tmp_path / "data", tmp_path / "seeds")
    for change, _ in CHANGES[:3]:
        change(data)
    schemas = _schemas(data)
    tables = {name: read_text_table(data / f"{name}.csv") for name in schemas}
    alone = row_problems(data, tables, schemas, whole=True, jobs=1)
    named = [["error", "documents.csv", "row 2"], ["error", "provisions.csv", "row 3"]]
    assert [p.split(": ")[:3] for p in alone] == named
    assert row_problems(data, tables, schemas, whole=True, jobs=2, pool_cells=0) == alone
    # the same rows written apart (as when only the new rows are checked) are named by their rows in the package
    apart = row_problems(data, tables, schemas, whole=False, jobs=2, pool_cells=0)
    assert [p.split(": ")[:4] for p in apart] == [p.split(": ")[:4] for p in alone]


def test_the_old_package_is_trusted_only_with_the_bytes_that_were_validated(tmp_path: Path):
    data, cache = write_tiny(tmp_path / "data"), tmp_path / "cache"
    assert validated_before(data, cache) is None  # nothing recorded yet
    record_validated(data, cache)
    assert validated_before(data, cache) == data
    _edit_csv("documents", 0, "coverage", "most")(data)  # edited by hand after the build
    assert validated_before(data, cache) is None


def _drop_row(table: str, row: int):
    def change(data: Path) -> None:
        path = data / f"{table}.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        del rows[row + 1]
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
    return change


@pytest.mark.parametrize(("change", "expected"), [
    (_edit_csv("provisions", 1, "text", "Other words."), "error: provisions.csv: "),
    (_drop_row("seed_texts", 0), "error: seed_texts.csv: "),  # a removed row: its document is checked again
    (_edit_csv("mentions", 0, "surface", "Someone"), "error: mentions.csv: "),
], ids=["span-gives-other-text", "seed-text-removed", "mention-surface"])
def test_cross_table_checks_cover_the_documents_that_changed(tmp_path: Path, change, expected: str):
    before = write_tiny(tmp_path / "before", tmp_path / "seeds")
    data = write_tiny(tmp_path / "data")
    change(data)
    with pytest.raises(DataInvalid) as full:
        validate_package(data, seeds_dir=tmp_path / "seeds")
    with pytest.raises(DataInvalid) as by_change:
        validate_package(data, seeds_dir=tmp_path / "seeds", previous=before)
    assert [p for p in by_change.value.problems if p.startswith(expected)], by_change.value.problems
    assert by_change.value.problems == full.value.problems


def test_tables_are_read_cell_for_cell_even_with_a_seed_over_a_megabyte(tmp_path: Path):
    # a long seed's row in seed_texts is larger than Arrow's default block: still read, not a fall back to the
    # full validation
    from dashboard.dataset.validate_changed import ROW, read_text_table

    rows = [["document_id", "text"], ["a", '"quoted"\nline\r\n' * 200_000], ["b", ""]]
    path = tmp_path / "seed_texts.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    table = read_text_table(path)
    assert table.column_names == ["document_id", "text", ROW]
    assert [[r["document_id"], r["text"]] for r in table.to_pylist()] == rows[1:]  # an empty cell is "", not null
    assert table[ROW].to_pylist() == [2, 3]


@pytest.mark.parametrize(("before", "after"), [
    ("abcdef", "abcXdef"),  # a row added in the middle
    ("abcdef", "abXdef"),  # a row changed
    ("abcdef", "abdef"),  # a row removed
    ("abcdef", "Xabcdef"),  # at the start
    ("abcdef", "abcdefX"),  # at the end
    ("abcabc", "abcXabc"),  # rows repeated on both sides of the change
    ("abc", "abc"),
    ("", "ab"),
    ("ab", ""),
])
def test_rows_added_changed_or_removed_are_found_by_position_then_by_value(before: str, after: str):
    # a table's rows against the package validated before: what the row checks and the cross-table checks cover
    def table(cells: str) -> pa.Table:
        rows = [f"row {c}" for c in cells]
        return pa.table({"id": rows, "text": [r.upper() for r in rows], ROW: list(range(2, len(rows) + 2))})

    new, old = table(after), table(before)
    added, gone = differing(new, old, ["id", "text"])
    assert sorted(added["id"].to_pylist()) == sorted(f"row {c}" for c in set(after) - set(before))
    assert sorted(gone["id"].to_pylist()) == sorted(f"row {c}" for c in set(before) - set(after))
    assert all(new[ROW][r - 2].as_py() == r for r in added[ROW].to_pylist())  # named by their row in the file
