"""What the build tests share: a package's files as bytes (to compare an incremental build with a cold one, file by
file) and a build through the Python API with its runner returned (to read what it processed, reused or read)."""

from __future__ import annotations

import shutil
from pathlib import Path

from dashboard.dataset.build import run as build_package
from dashboard.dataset.parallel import DocumentRunner


def files(folder: Path) -> dict[str, bytes]:
    """Return every file of `folder` by name, as bytes, in name order."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def build(seeds: Path, out: Path, cache: Path | None = None) -> DocumentRunner:
    """Build `seeds` into `out` in one process (over `cache` when given); return the runner, which says what the
    build processed and took from the cache."""
    runner = DocumentRunner(jobs=1, cache_dir=cache)
    build_package(seeds, out, runner=runner)
    return runner


def cold(seeds: Path, out: Path) -> dict[str, bytes]:
    """Return the files of a build of `seeds` without a cache, written into `out` (emptied first)."""
    shutil.rmtree(out, ignore_errors=True)
    build(seeds, out)
    return files(out)
