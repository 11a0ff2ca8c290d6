"""Old package versions' files in the cache folder are removed once no package folder can open them again and no
worker uses them; a version another package folder still opens, or a worker still serves, stays."""

from __future__ import annotations

import shutil
from pathlib import Path

from dashboard.app.cache_prune import hold, prune


def _package(root: Path, name: str) -> Path:
    folder = root / name
    folder.mkdir()
    (folder / "datapackage.json").write_text("{}")
    return folder


def _version(cache: Path, key: str) -> None:
    (cache / f"{key}.duckdb").write_bytes(b"db")
    for part in ("search2", "targets1"):
        (cache / f"{key}.{part}").mkdir()
        (cache / f"{key}.{part}" / "file").write_bytes(b"x")


def _present(cache: Path, key: str) -> bool:
    return any((cache / f"{key}.{part}").exists() for part in ("duckdb", "search2", "targets1"))


def test_a_version_superseded_for_its_folder_is_removed_unless_a_worker_still_holds_it(tmp_path: Path) -> None:
    cache, data = tmp_path / "cache", _package(tmp_path, "data")
    cache.mkdir()
    old = hold(cache, "old", data)
    _version(cache, "old")
    new = hold(cache, "new", data)  # the package was rebuilt: its folder opens another version
    _version(cache, "new")
    assert old is not None and new is not None
    assert prune(cache, keep="new") == []  # a worker still serves the old version
    assert _present(cache, "old")
    old.close()
    assert prune(cache, keep="new") == ["old"]
    assert not _present(cache, "old") and _present(cache, "new")
    new.close()


def test_a_version_another_folder_still_opens_stays_and_a_removed_folder_lets_it_go(tmp_path: Path) -> None:
    cache, a, b = tmp_path / "cache", _package(tmp_path, "a"), _package(tmp_path, "b")
    cache.mkdir()
    for folder in (a, b):  # two packages of the same content share a version
        lock = hold(cache, "shared", folder)
        assert lock is not None
        lock.close()
    _version(cache, "shared")
    lock = hold(cache, "a2", a)
    assert lock is not None
    lock.close()
    assert prune(cache, keep="a2") == [] and _present(cache, "shared")  # b still opens it
    shutil.rmtree(b)
    assert prune(cache, keep="a2") == ["shared"] and not _present(cache, "shared")


def test_versions_written_before_the_record_are_left_alone(tmp_path: Path) -> None:
    cache, data = tmp_path / "cache", _package(tmp_path, "data")
    cache.mkdir()
    _version(cache, "unrecorded")
    lock = hold(cache, "now", data)
    assert lock is not None
    assert prune(cache, keep="now") == [] and _present(cache, "unrecorded")
    lock.close()
