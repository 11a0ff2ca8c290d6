"""Replacing --out safely: one build at a time (a lock file), the new package swapped in atomically, and the
leftovers of builds that were killed removed.

- **lock**: `.<out>.lock` beside --out, held with `flock` for the whole build; a second build of the same --out
  is refused in one line instead of racing the first (the kernel drops the lock if a build is killed);
- **swap**: on Linux `renameat2(RENAME_EXCHANGE)` exchanges the staged folder and --out in one step, so a reader
  (the app starting, `validate`) sees the old package or the new one, never no folder; elsewhere the old folder
  is renamed aside and the new one renamed in (two renames, a moment without --out);
- **a cache file** (`write_pickle`): pickled to a temporary file beside it and renamed over it, never half written;
- **leftovers**: `.<out>-build-*` (staging) and `.<out>-old-*` folders from a killed build are removed by the
  next build, under the lock, so none can be in use.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import pickle
import shutil
import tempfile
from collections.abc import Generator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dashboard import errors

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@contextmanager
def build_lock(out_dir: Path) -> Generator[None, None, None]:
    """Hold the lock of `out_dir` for the block, or raise BuildFailed when another build holds it."""
    lock = out_dir.parent / f".{out_dir.name}.lock"
    handle = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise errors.BuildFailed(
                [
                    errors.InvalidField(
                        str(out_dir),
                        "--out",
                        f"another build is writing this package now (lock {lock.name}); run again when it has finished",
                    )
                ]
            ) from None
        yield
    finally:
        os.close(handle)


def remove_leftovers(out_dir: Path) -> None:
    """Remove staging and old folders that killed builds of `out_dir` left beside it (call under the lock)."""
    for pattern in (f".{out_dir.name}-build-*", f".{out_dir.name}-old-*"):
        for folder in out_dir.parent.glob(pattern):
            if folder.is_dir() and not folder.is_symlink():
                shutil.rmtree(folder, ignore_errors=True)


def swap_in(staging: Path, out_dir: Path) -> None:
    """Put the folder `staging` at `out_dir`; the previous `out_dir` (if any) is removed afterwards."""
    if out_dir.is_dir() and not out_dir.is_symlink() and _exchange(staging, out_dir):
        shutil.rmtree(staging, ignore_errors=True)  # `staging` now holds the old package
        return
    old = None
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}-old-{staging.name[-8:]}")
        out_dir.rename(old)
    staging.rename(out_dir)
    if old:
        shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Exchange two paths atomically (Linux renameat2); return False where that is not available."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):  # old kernel or a file system without it
        return False
    raise OSError(code, os.strerror(code), str(b))


# what unpickling a file of the build cache raises when it is damaged or was written by other code (a damaged Arrow
# stream in a chunk raises ValueError or NotImplementedError: pyarrow's ArrowInvalid and ArrowNotImplementedError)
UNREADABLE = (
    OSError,
    pickle.UnpicklingError,
    EOFError,
    AttributeError,
    ImportError,
    TypeError,
    ValueError,
    NotImplementedError,
)


def read_pickle(path: Path) -> Any:
    """Return the value pickled in `path` by write_pickle, or None when the file is missing or cannot be read
    whole (a cache written by other code, or damaged: its reader then starts afresh)."""
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)  # noqa: S301 (the build's own cache folder)
    except UNREADABLE:
        return None


def write_pickle(path: Path, value: Any) -> None:
    """Write `value` pickled to `path`: to a temporary file in the same folder, then renamed over `path`, so a
    reader sees the old file or the new one, never half of one (the build cache's entries and states)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    with os.fdopen(fd, "wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
