"""The SHA-256 of each file of a data package (its CSVs and datapackage.json), recorded with each file's size and
modification time, as git's index records them: finding the package again hashes only the files whose size or
time is not the one recorded, and so costs what was touched rather than the package's gigabyte.

A hand edit changes a file's modification time (or its size), so it is hashed and found. A file recorded soon
after its last change has no size and time recorded (an edit in the same tick of the file system's clock could
leave both as they were; git calls such an entry racily clean): it is always hashed. "Soon" is `RACY_NS`, or
`RACY_SECONDS_NS` for a time in whole seconds (a file system that keeps times to the second or to two).
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = (".csv", ".json")  # the files a package's digests cover (the Parquet twins are derived from the CSVs)
# a file changed less than this before its digest was taken is hashed every time: over the kernel's coarse clock
# tick (at most 10 ms) and the 10 ms of the coarsest file system with times under a second (exFAT)
RACY_NS = 100_000_000
RACY_SECONDS_NS = 3_000_000_000  # the same for a time in whole seconds (ext3, HFS+, FAT's two seconds)


@dataclass(frozen=True)
class Digests:
    """Each file's SHA-256 (hex) by name, and the size and modification time (ns) of those safe to trust."""

    files: dict[str, str]
    stats: dict[str, list[int]]


def take_digests(data_dir: Path) -> Digests:
    """Return the digests of the package in `data_dir`, each file read once; its size and time kept only when
    they did not change while it was read and its last change is older than RACY_NS."""
    files: dict[str, str] = {}
    stats: dict[str, list[int]] = {}
    now = time.time_ns()
    for path in _package_files(data_dir):
        before = _stat(path)
        files[path.name] = _sha256(path)
        after = _stat(path)
        if before == after and after[1] < now - (RACY_SECONDS_NS if after[1] % 1_000_000_000 == 0 else RACY_NS):
            stats[path.name] = after
    return Digests(files, stats)


def same_digests(data_dir: Path, recorded: Digests) -> bool:
    """Return whether the package in `data_dir` holds exactly the files `recorded` names, with those bytes: a
    file whose size and time are the ones recorded is trusted, any other is hashed."""
    paths = _package_files(data_dir)
    if [p.name for p in paths] != sorted(recorded.files):
        return False
    for path in paths:
        if recorded.stats.get(path.name) != _stat(path) and _sha256(path) != recorded.files[path.name]:
            return False
    return True


def _package_files(data_dir: Path) -> list[Path]:
    return [p for p in sorted(data_dir.iterdir()) if p.suffix in SUFFIXES]


def _stat(path: Path) -> list[int]:
    stat = os.stat(path)
    return [stat.st_size, stat.st_mtime_ns]


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
