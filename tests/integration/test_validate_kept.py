"""An add validates against the tables the build before kept in its cache (dataset.validate_changed.kept_tables),
never parsing the previous package's CSVs again, and still names a duplicated key or a reference to nothing in
the added document's rows; without those tables it reads the previous package's CSVs as before."""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

import pytest

from dashboard.dataset.build import run as build_package
from dashboard.dataset.parallel import DocumentRunner
from dashboard.dataset.perdoc import CHUNKED_TABLES
from dashboard.dataset.validate import validate_package
from dashboard.dataset.validate_changed import (
    KEPT_DIR,
    compare_packages,
    kept_tables,
    read_text_table,
    validated_before,
)
from dashboard.errors import DataInvalid
from tests.package_files import files

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from bench_build_parallel import corpora  # noqa: E402
from generate_corpus import read_material  # noqa: E402


def rebuild(seeds: Path, out: Path, cache: Path) -> DocumentRunner:
    runner = DocumentRunner(jobs=1, cache_dir=cache)
    build_package(seeds, out, runner=runner)
    return runner


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, Path]:
    """A generated corpus of 12 documents built into `out` over `cache`; the same plus one document (`full`), and
    that corpus built cold into `added` (the package an add over `out` writes)."""
    tmp = tmp_path_factory.mktemp("kept")
    base, full = corpora(12, 8, tmp, read_material())
    out, cache, added = tmp / "out", tmp / "cache", tmp / "added"
    build_package(base, out, runner=DocumentRunner(jobs=2, cache_dir=cache))
    build_package(full, added, runner=DocumentRunner(jobs=1))
    return full, out, cache, added


def rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, table: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(table)


def added_document(out: Path, added: Path) -> str:
    before = {r[0] for r in rows(out / "documents.csv")[1:]}
    (new,) = [r[0] for r in rows(added / "documents.csv")[1:] if r[0] not in before]
    return new


def tampered(built: tuple[Path, Path, Path, Path], tmp_path: Path, change) -> tuple[Path, int]:
    # a copy of the added package whose provision_themes.csv has the added document's first row changed by
    # `change` (given the table and that row's index); returns the copy and the row's number as problems name it
    _, out, _, added = built
    bad = tmp_path / "bad"
    shutil.copytree(added, bad)
    table = rows(bad / "provision_themes.csv")
    column = table[0].index("document_id")
    document = added_document(out, added)
    at = next(i for i, r in enumerate(table) if i and r[column] == document)
    change(table, at)
    write_rows(bad / "provision_themes.csv", table)
    return bad, at + 1


def test_an_add_reads_the_kept_tables_not_the_previous_csvs(built, tmp_path: Path):
    full, out, cache, added = built
    work_out, work_cache = tmp_path / "out", tmp_path / "cache"
    shutil.copytree(out, work_out)
    shutil.copytree(cache, work_cache)
    kept = list((work_cache / KEPT_DIR).iterdir())
    assert len(kept) == 1 and {p.stem for p in kept[0].iterdir()} == {p.stem for p in out.glob("*.csv")}
    runner = rebuild(full, work_out, work_cache)
    assert (runner.processed, runner.compared) == (1, "kept")
    # its own per-document tables were assembled from the kept ones and the new document's lines, not read
    assert runner.assembled == tuple(sorted([*CHUNKED_TABLES, "mentions"]))
    assert files(work_out) == files(added)
    # the add kept its own tables beside the ones before, whose files its assembled tables' parts still name
    # (dataset.kept: only the new rows written): the next build compares with them
    now = list((work_cache / KEPT_DIR).iterdir())
    assert len(now) == 2 and kept[0] in now
    assert rebuild(full, work_out, work_cache).compared == "kept"


def test_a_duplicated_key_in_the_added_document_is_named(built, tmp_path: Path):
    _, out, cache, _ = built
    bad, number = tampered(built, tmp_path, lambda table, at: table.insert(at + 1, list(table[at])))
    expected = f"error: provision_themes.csv: row {number + 1}: primary key provision_id, theme_id is duplicated"
    changed = compare_packages(bad, validated_before(out, cache), 1, kept_tables(cache))
    assert changed is not None and changed.previous_from == "kept"
    assert changed.problems == [expected]
    with pytest.raises(DataInvalid) as caught:
        validate_package(bad, previous=out, jobs=1, kept=kept_tables(cache))
    assert caught.value.problems == [expected]


def test_a_reference_to_nothing_in_the_added_document_is_named(built, tmp_path: Path):
    _, out, cache, _ = built

    def dangle(table: list[list[str]], at: int) -> None:
        table[at][table[0].index("theme_id")] = "no-such-theme"

    bad, number = tampered(built, tmp_path, dangle)
    expected = f"error: provision_themes.csv: row {number}: theme_id: 'no-such-theme' is not in themes.id"
    changed = compare_packages(bad, validated_before(out, cache), 1, kept_tables(cache))
    assert changed is not None and changed.previous_from == "kept"
    assert expected in changed.problems
    assert all(line.startswith("error: provision_themes.csv: row ") for line in changed.problems)


def test_without_the_kept_tables_the_previous_csvs_are_read(built, tmp_path: Path):
    full, out, cache, added = built
    work_out, work_cache = tmp_path / "out", tmp_path / "cache"
    shutil.copytree(out, work_out)
    shutil.copytree(cache, work_cache)
    shutil.rmtree(work_cache / KEPT_DIR)
    runner = rebuild(full, work_out, work_cache)
    assert (runner.processed, runner.compared, runner.assembled) == (1, "csv", ())
    assert files(work_out) == files(added)
    # and a bad package is still named by the comparison with the CSVs
    bad, number = tampered(built, tmp_path, lambda table, at: table.insert(at + 1, list(table[at])))
    changed = compare_packages(bad, validated_before(out, cache), 1, None)
    assert changed is not None and changed.previous_from == "csv"
    assert changed.problems == [
        f"error: provision_themes.csv: row {number + 1}: primary key provision_id, theme_id is duplicated"
    ]


def test_the_assembled_tables_are_the_files_as_read(built, tmp_path: Path):
    # what the add's validation checks instead of its files is what reading those files gives, row for row
    full, out, cache, _ = built
    work_out, work_cache = tmp_path / "out", tmp_path / "cache"
    shutil.copytree(out, work_out)
    shutil.copytree(cache, work_cache)
    before = kept_tables(work_cache)
    runner = rebuild(full, work_out, work_cache)
    assert runner.splicer is not None
    given = runner.splicer.text_tables(before, work_out)
    assert sorted(given) == sorted([*CHUNKED_TABLES, "mentions"])
    for name, table in given.items():
        assert table.equals(read_text_table(work_out / f"{name}.csv")), name
    # a file that is not what its pieces add up to is read instead; so is a table not kept
    with (work_out / "provisions.csv").open("ab") as handle:
        handle.write(b"x")
    assert before is not None
    del before["targets"]
    left = runner.splicer.text_tables(before, work_out)
    assert sorted(left) == sorted({*CHUNKED_TABLES, "mentions"} - {"provisions", "targets"})


def by_kept_and_by_csv(out: Path, cache: Path, bad: Path) -> list[str]:
    # the comparison's problems with the kept tables (the keys checked by what changed) and with the old CSVs (the
    # keys checked over every row): the same lines, in the same order
    kept = compare_packages(bad, validated_before(out, cache), 1, kept_tables(cache))
    read = compare_packages(bad, validated_before(out, cache), 1, None)
    assert kept is not None and read is not None and (kept.previous_from, read.previous_from) == ("kept", "csv")
    assert kept.problems == read.problems
    with pytest.raises(DataInvalid) as caught:
        validate_package(bad, previous=out, jobs=1, kept=kept_tables(cache))
    assert caught.value.problems == kept.problems
    return kept.problems


def test_a_new_row_that_repeats_an_old_rows_key_is_named(built, tmp_path: Path):
    # an exact copy of an old document's row among the added document's rows (the comparison finds no new row in
    # it: the old table has one like it), named at the copy's row as the check over every row names it
    _, out, cache, _ = built
    bad, number = tampered(built, tmp_path, lambda table, at: table.insert(at, list(table[1])))
    assert by_kept_and_by_csv(out, cache, bad) == [
        f"error: provision_themes.csv: row {number}: primary key provision_id, theme_id is duplicated"
    ]


def test_a_new_row_that_refers_to_nothing_is_named_as_over_every_row(built, tmp_path: Path):
    _, out, cache, _ = built

    def dangle(table: list[list[str]], at: int) -> None:
        table[at][table[0].index("provision_id")] = "no-such-provision"

    bad, number = tampered(built, tmp_path, dangle)
    problems = by_kept_and_by_csv(out, cache, bad)
    assert f"error: provision_themes.csv: row {number}: provision_id: 'no-such-provision' is not in provisions.id" in (
        problems
    )


def test_old_rows_whose_target_was_removed_are_named(built, tmp_path: Path):
    # a provision of an old document removed from the added package: the old rows referring to it (unchanged
    # themselves) no longer resolve
    _, out, cache, added = built
    bad = tmp_path / "bad"
    shutil.copytree(added, bad)
    provisions = rows(bad / "provisions.csv")
    themes = rows(bad / "provision_themes.csv")
    column = themes[0].index("provision_id")
    gone = themes[1][column]  # the first old document's provision with a theme
    write_rows(bad / "provisions.csv", [r for r in provisions if r[0] != gone])
    referring = [i + 1 for i, r in enumerate(themes) if i and r[column] == gone]
    problems = by_kept_and_by_csv(out, cache, bad)
    assert [p for p in problems if p.startswith("error: provision_themes.csv: ")] == [
        f"error: provision_themes.csv: row {n}: provision_id: {gone!r} is not in provisions.id" for n in referring
    ]
