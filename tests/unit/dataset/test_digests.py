"""digests: the build finds the package it validated last by the size and time recorded with each file's digest,
hashing only the files whose size or time changed: a hand edit is still caught, a file touched but left as it was
is accepted after it is hashed, and an untouched package is found without reading a file."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

import dashboard.dataset.digests as digests
from dashboard.dataset.validate_changed import (
    STAMP,
    record_validated,
    validated_before,
    validated_index,
    validated_record,
)

from .tiny import write_tiny

HOUR_NS = 3600 * 10**9


@pytest.fixture
def hashed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files hashed, in order."""
    names: list[str] = []
    real = digests._sha256  # pyright: ignore[reportPrivateUsage]

    def counting(path: Path) -> str:
        names.append(path.name)
        return real(path)

    monkeypatch.setattr(digests, "_sha256", counting)
    return names


def recorded(tmp_path: Path) -> tuple[Path, Path]:
    """A package whose files were last changed an hour ago (none racy), recorded as validated."""
    data, cache = write_tiny(tmp_path / "data"), tmp_path / "cache"
    for path in data.iterdir():
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - HOUR_NS))
    record_validated(data, cache)
    return data, cache


def test_an_untouched_package_is_found_without_hashing_a_file(tmp_path: Path, hashed: list[str]):
    data, cache = recorded(tmp_path)
    assert len(hashed) == len(list(data.glob("*.csv"))) + 1  # each file hashed once when recorded
    hashed.clear()
    assert validated_before(data, cache) == data
    assert hashed == []


def test_a_same_size_edit_with_a_new_time_is_caught(tmp_path: Path, hashed: list[str]):
    data, cache = recorded(tmp_path)
    path = data / "documents.csv"
    before = path.stat()
    raw = path.read_bytes()
    at = raw.rindex(b"2020")
    path.write_bytes(raw[:at] + b"2021" + raw[at + 4 :])  # one year edited in place: the same size
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns != before.st_mtime_ns
    hashed.clear()
    assert validated_before(data, cache) is None
    assert hashed == ["documents.csv"]


def test_a_file_touched_but_the_same_is_accepted_after_hashing(tmp_path: Path, hashed: list[str]):
    data, cache = recorded(tmp_path)
    (data / "themes.csv").touch()
    hashed.clear()
    assert validated_before(data, cache) == data
    assert hashed == ["themes.csv"]


def test_a_file_added_or_removed_is_caught_without_hashing(tmp_path: Path, hashed: list[str]):
    data, cache = recorded(tmp_path)
    (data / "extra.csv").write_text("id\n", encoding="utf-8")
    hashed.clear()
    assert validated_before(data, cache) is None
    (data / "extra.csv").unlink()
    (data / "themes.csv").unlink()
    assert validated_before(data, cache) is None
    assert hashed == []


def test_a_file_changed_just_before_it_was_recorded_is_always_hashed(tmp_path: Path, hashed: list[str]):
    # its time could stay the same through an edit in the same tick of the clock: it has no size and time recorded
    data, cache = recorded(tmp_path)
    now = time.time_ns()
    os.utime(data / "themes.csv", ns=(now, now))
    # a time in whole seconds (a file system without finer times) is as racy for longer
    whole = (now // 10**9 - 2) * 10**9
    os.utime(data / "actors.csv", ns=(whole, whole))
    record_validated(data, cache)
    stats = json.loads((cache / STAMP).read_text(encoding="utf-8"))["stats"]
    assert "themes.csv" not in stats and "actors.csv" not in stats and "documents.csv" in stats
    hashed.clear()
    assert validated_before(data, cache) == data
    assert sorted(hashed) == ["actors.csv", "themes.csv"]


def test_a_record_without_sizes_and_times_hashes_every_file(tmp_path: Path, hashed: list[str]):
    # a record written before the sizes and times were kept: still trusted, by the digests alone
    data, cache = recorded(tmp_path)
    record = json.loads((cache / STAMP).read_text(encoding="utf-8"))
    del record["stats"]
    (cache / STAMP).write_text(json.dumps(record), encoding="utf-8")
    hashed.clear()
    assert validated_before(data, cache) == data
    assert len(hashed) == len(record["files"])


def test_the_record_read_once_answers_every_question(tmp_path: Path):
    data, cache = write_tiny(tmp_path / "data"), tmp_path / "cache"
    record_validated(data, cache, {"keys": ["a"]})
    record = validated_record(cache)
    assert record is not None
    (cache / STAMP).unlink()  # what the build read is what it goes by
    assert validated_before(data, cache, record) == data
    assert validated_index(cache, record) == {"keys": ["a"]}
    assert validated_record(cache) is None and validated_before(data, cache) is None
