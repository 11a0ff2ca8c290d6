"""The cache folder's old package versions: which worker uses which, and removing those nobody can use again.

Each package version has its files in the cache folder (`<key>.duckdb`, `<key>.search2/`, `<key>.targets1/`:
283 MB at 10,000 documents) and a new version (a rebuilt or swapped package) gets new ones, so old ones pile up.
A worker that opens a version records it (`hold`):

- `<key>.package`: the folders of the packages that opened this version (several packages with the same content
  share a version);
- `latest/<hash of the package folder>`: the version a package folder opened last;
- a shared lock on `<key>.inuse`, held as long as the worker (and the processes it forks) lives.

`prune` then removes a version's files when every package folder that opened it is gone or has opened another
version since, and no process holds its lock (tried without waiting: a worker still serving the old version keeps
it). Versions written before this record existed have no `.package` file and are left alone (delete them by hand:
that is always safe while no server runs on them). The small `.lock` and `.inuse` files stay.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
from pathlib import Path

LATEST = "latest"


def _folder_hash(data_dir: Path) -> str:
    return hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]


def _write(path: Path, content: str) -> None:
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.write_text(content, encoding="utf-8")
    os.replace(partial, path)


class Held:
    """A shared lock on a version's `.inuse` file, released when closed (or when this object goes)."""

    def __init__(self, path: Path) -> None:
        self.fd: int | None = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(self.fd, fcntl.LOCK_SH)

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def __del__(self) -> None:
        self.close()


def hold(cache_dir: Path, key: str, data_dir: Path) -> Held | None:
    """Record that the package in `data_dir` opened version `key` and hold that version's lock (shared); return
    the lock (keep it while the version is used), or None when the folder cannot be written."""
    try:
        (cache_dir / LATEST).mkdir(parents=True, exist_ok=True)
        lock = Held(cache_dir / f"{key}.inuse")
        folder = str(data_dir.resolve())
        record = cache_dir / f"{key}.package"
        folders = set(record.read_text(encoding="utf-8").splitlines()) if record.exists() else set()
        if folder not in folders:
            _write(record, "\n".join(sorted(folders | {folder})) + "\n")
        _write(cache_dir / LATEST / _folder_hash(data_dir), key)
        return lock
    except OSError:
        return None


def stale(cache_dir: Path, keep: str) -> list[str]:
    """Return the versions recorded in `cache_dir` (other than `keep`) that no package folder can open again:
    each folder that opened it is gone, or opened another version since."""
    out = []
    for record in sorted(cache_dir.glob("*.package")):
        key = record.name.removesuffix(".package")
        if key == keep:
            continue
        folders = [Path(f) for f in record.read_text(encoding="utf-8").splitlines() if f.strip()]
        if all(_moved_on(cache_dir, f, key) for f in folders):
            out.append(key)
    return out


def _moved_on(cache_dir: Path, folder: Path, key: str) -> bool:
    if not (folder / "datapackage.json").exists():
        return True
    latest = cache_dir / LATEST / _folder_hash(folder)
    return latest.exists() and latest.read_text(encoding="utf-8").strip() != key


def prune(cache_dir: Path, keep: str) -> list[str]:
    """Remove the files of the stale versions (see `stale`) that no process uses; return the versions removed."""
    removed = []
    with contextlib.suppress(OSError):
        for key in stale(cache_dir, keep):
            with open(cache_dir / f"{key}.inuse", "a") as lock:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # a worker still serves this version
                for path in cache_dir.glob(f"{key}.*"):
                    if path.suffix in (".lock", ".inuse"):
                        continue
                    if path.is_dir():
                        shutil.rmtree(path, ignore_errors=True)
                    else:
                        path.unlink(missing_ok=True)
                removed.append(key)
    return removed
