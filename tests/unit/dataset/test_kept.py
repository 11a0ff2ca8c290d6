"""Tables kept as lists of parts of Arrow files (dataset.kept): a build writes its new rows alone, reads the parts
back as the table, compacts a list grown too long, and fails (for its caller to fall back) on a file missing or
shorter than its parts."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from dashboard.dataset import kept
from dashboard.dataset.kept import Planned, files_named, joined, keep_table, prune, read_parts, slice_parts


def _table(values: list[int]) -> pa.Table:
    return pa.table({"n": pa.array(values, pa.int64()), "s": pa.array([str(v) for v in values])})


def test_slice_parts_gives_the_rows_asked_across_files():
    parts = [("a/t.arrow", 0, 3), ("b/t.arrow", 5, 2), ("a/t.arrow", 3, 4)]
    assert slice_parts(parts, 2, 4) == [("a/t.arrow", 2, 1), ("b/t.arrow", 5, 2), ("a/t.arrow", 3, 1)]
    assert slice_parts(parts, 0, 0) == []
    with pytest.raises(ValueError):
        slice_parts(parts, 5, 10)  # more rows than the parts hold


def test_joined_makes_neighbouring_runs_of_one_file_one_part():
    assert joined([("a", 0, 2), ("a", 2, 3), ("b", 0, 1), ("a", 5, 1), ("a", 7, 0)]) == [
        ("a", 0, 5),
        ("b", 0, 1),
        ("a", 5, 1),
    ]


def test_a_planned_table_writes_its_new_rows_alone_and_reads_back_whole(tmp_path: Path):
    first = keep_table(tmp_path, "one", "t", _table(list(range(10))))
    assert first == [("one/t.arrow", 0, 10)]
    # rows 0-4 and 6-9 of the first, a new row between them and two at the end (as an add that inserts and appends)
    whole = _table([0, 1, 2, 3, 4, 100, 6, 7, 8, 9, 101, 102])
    plan = Planned([*slice_parts(first, 0, 5), _table([100]), *slice_parts(first, 6, 4), _table([101, 102])], whole)
    parts = keep_table(tmp_path, "two", "t", plan)
    assert parts == [("one/t.arrow", 0, 5), ("two/t.arrow", 0, 1), ("one/t.arrow", 6, 4), ("two/t.arrow", 1, 2)]
    assert read_parts(tmp_path, [("two/t.arrow", 0, 3)]).equals(_table([100, 101, 102]))  # (the new rows alone)
    assert read_parts(tmp_path, parts).equals(whole)


def test_a_list_grown_past_the_bound_is_written_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(kept, "MAX_PARTS", 3)
    first = keep_table(tmp_path, "one", "t", _table(list(range(10))))
    whole = _table([0, 100, 2, 101, 4, 5, 6, 7, 8, 9])
    plan = Planned(
        [*slice_parts(first, 0, 1), _table([100]), *slice_parts(first, 2, 1), _table([101]), *slice_parts(first, 4, 6)],
        whole,
    )
    parts = keep_table(tmp_path, "two", "t", plan)
    assert parts == [("two/t.arrow", 0, 10)]
    assert read_parts(tmp_path, parts).equals(whole)


def test_parts_that_do_not_add_up_to_the_table_are_written_whole(tmp_path: Path):
    first = keep_table(tmp_path, "one", "t", _table([1, 2]))
    whole = _table([1, 2, 3, 4])
    assert keep_table(tmp_path, "two", "t", Planned([*first, _table([3])], whole)) == [("two/t.arrow", 0, 4)]


def test_a_missing_or_short_file_fails_the_read(tmp_path: Path):
    parts = keep_table(tmp_path, "one", "t", _table([1, 2, 3]))
    with pytest.raises(pa.ArrowInvalid):
        read_parts(tmp_path, [("one/t.arrow", 2, 5)])  # more rows than the file holds
    with pytest.raises(pa.ArrowInvalid):
        read_parts(tmp_path, [("../one/t.arrow", 0, 1)])  # outside the kept folder
    (tmp_path / "one" / "t.arrow").write_bytes(b"not arrow")
    with pytest.raises((OSError, pa.ArrowInvalid)):
        read_parts(tmp_path, parts)
    (tmp_path / "one" / "t.arrow").unlink()
    with pytest.raises(OSError):
        read_parts(tmp_path, parts)


def test_prune_keeps_every_file_named_and_nothing_else(tmp_path: Path):
    a = keep_table(tmp_path, "a", "t", _table([1]))
    b = keep_table(tmp_path, "b", "t", _table([2]))
    keep_table(tmp_path, "b", "whole", _table([3]))  # (a table the next build writes whole again)
    keep_table(tmp_path, "c", "t", _table([4]))
    prune(tmp_path, files_named([a, b]))
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == ["a", "a/t.arrow", "b", "b/t.arrow"]
