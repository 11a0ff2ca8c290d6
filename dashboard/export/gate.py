"""Exports under load: a bounded number at a time on the machine, a short queue, and a cache of finished files.

An export (PNG, SVG, PDF through the export browser, a briefing pack) costs hundreds of milliseconds to seconds
of CPU, a page callback tens: four people exporting beside fifty reading raised the pages' p95 from 281 ms to
1,275 ms (issue 16). So the app's downloads go through `cached_export`:

- **cache**: a file already made for the same view (chart, format, size and the page's address, normalised by
  its View) is served from memory; the cache is bounded (CACHE_BYTES per process, least recently used first);
- **slots**: at most EXPORT_SLOTS exports run at once on the machine, across every server process: a slot is an
  advisory lock (`flock`) on a file in a shared folder, released by the kernel if its process dies;
- **queue**: a request waits up to EXPORT_WAIT_S for a slot, and only one request per process waits at a time
  (a waiting request holds one of the server's threads, and pages need the others); any other gets ExportBusy
  at once, which the page shows as "busy, try again in a few seconds" (Retry-After: RETRY_AFTER_S);
- the export browser runs at a lower CPU priority (`kaleido.py`), so pages go first when cores are short.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path

from dashboard.errors import PolicyTimelineError

EXPORT_SLOTS = int(os.environ.get("POLICY_TIMELINE_EXPORT_SLOTS") or 1)
EXPORT_WAIT_S = float(os.environ.get("POLICY_TIMELINE_EXPORT_WAIT") or 20)
RETRY_AFTER_S = 10
CACHE_BYTES = 64 * 1024 * 1024
LOCK_DIR = Path(tempfile.gettempdir()) / f"policy-timeline-export-slots-{os.getuid()}"


class ExportBusy(PolicyTimelineError):
    """Every export slot is taken: try again in a few seconds."""

    code = "export-busy"
    retry_after = RETRY_AFTER_S


_waiting = threading.Semaphore(1)  # one request per process may queue for a slot


@contextmanager
def export_slot(wait: float = EXPORT_WAIT_S, slots: int = EXPORT_SLOTS, lock_dir: Path = LOCK_DIR) -> Iterator[int]:
    """Hold one of the machine's `slots` export slots for the block; raise ExportBusy if none frees in `wait` s."""
    if not _waiting.acquire(blocking=False):
        raise ExportBusy("every export slot is taken and another request is already waiting")
    try:
        handle, slot = _take(wait, slots, lock_dir)
    finally:
        _waiting.release()
    try:
        yield slot
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        os.close(handle)


@contextmanager
def machine_slot(wait: float = EXPORT_WAIT_S, slots: int = EXPORT_SLOTS, lock_dir: Path = LOCK_DIR) -> Iterator[int]:
    """Hold one of the machine's export slots for the block, waiting up to `wait` s (the export service bounds its
    own queue, so it waits here without the one-waiter-per-process rule of `export_slot`)."""
    handle, slot = _take(wait, slots, lock_dir)
    try:
        yield slot
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        os.close(handle)


def _take(wait: float, slots: int, lock_dir: Path) -> tuple[int, int]:
    lock_dir.mkdir(mode=0o700, exist_ok=True)
    deadline = time.monotonic() + wait
    while True:
        for slot in range(slots):
            handle = os.open(lock_dir / f"slot-{slot}.lock", os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return handle, slot
            except BlockingIOError:
                os.close(handle)
        if time.monotonic() >= deadline:
            raise ExportBusy(f"every export slot is taken (waited {wait:.0f} s)")
        time.sleep(0.1)


class ExportCache:
    """Finished exports by key, least recently used dropped first beyond `limit` bytes (thread-safe)."""

    def __init__(self, limit: int = CACHE_BYTES) -> None:
        self.limit, self.size = limit, 0
        self._items: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> bytes | None:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        return None

    def put(self, key: Hashable, payload: bytes) -> None:
        if len(payload) > self.limit // 4:  # one huge file must not empty the cache
            return
        with self._lock:
            if key in self._items:
                self.size -= len(self._items.pop(key))
            self._items[key] = payload
            self.size += len(payload)
            while self.size > self.limit:
                _, dropped = self._items.popitem(last=False)
                self.size -= len(dropped)


CACHE = ExportCache()


def cached_export(key: Hashable, make: Callable[[], bytes], cache: ExportCache = CACHE) -> bytes:
    """Return the export for `key` from the cache, or make it in an export slot and keep it."""
    found = cache.get(key)
    if found is not None:
        return found
    with export_slot():
        found = cache.get(key)  # made by another thread of this process while this one waited
        if found is None:
            found = make()
            cache.put(key, found)
    return found
