"""One export process for every server worker: one Chromium, a bounded queue, and one cache shared by all.

The production server (`app/production.py`) starts `serve()` in its own process at nice 10 before it forks the
page workers, and hands them its address (a Unix socket in a private folder) and a random key in the
environment. A worker's download (the menus' callbacks and the `/export` address) then sends the job, "chart X as
.png for these options" or "the briefing pack of A and B", to this process instead of rendering it itself:

- **cache**: a file already made for the same job (the view's address: chart, format, size, the page's options)
  is answered from memory, for every worker, without touching Chromium;
- **queue**: at most EXPORT_QUEUE jobs are admitted at once (one rendering, the others waiting for the machine's
  export slot, `gate.machine_slot`); any other is answered "busy" at once, which the worker turns into HTTP 503
  with Retry-After, or the page's "busy, try again in N seconds";
- **one Chromium**: only this process renders, so the workers never start their own export browser (about
  0.2-0.5 GB each); it loads the data package itself, once, on its first job.

Without the environment (the development server, the CLI, tests of the app in one process), `export()` falls
back to `gate.cached_export` in the calling process, as before.
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Callable
from multiprocessing.connection import Client, Connection, Listener
from typing import Any

from dashboard.dataset.load import Dataset
from dashboard.dataset.query import Query
from dashboard.errors import PolicyTimelineError, UnknownDocument
from dashboard.export import kaleido
from dashboard.export.errors import ExportFailed
from dashboard.export.gate import EXPORT_WAIT_S, RETRY_AFTER_S, ExportBusy, ExportCache, cached_export, machine_slot

ADDRESS_ENV = "POLICY_TIMELINE_EXPORT_SERVICE"
KEY_ENV = "POLICY_TIMELINE_EXPORT_SERVICE_KEY"
EXPORT_QUEUE = int(os.environ.get("POLICY_TIMELINE_EXPORT_QUEUE") or 2)  # admitted at once: 1 rendering + waiting
ANSWER_TIMEOUT_S = EXPORT_WAIT_S + kaleido.RENDER_TIMEOUT_S + 30


class Service:
    """The export process's state: its data folder, the admission bound, the shared cache and counters."""

    def __init__(self, data_dir: str | None, queue: int = EXPORT_QUEUE) -> None:
        self.data_dir = data_dir
        self.admitted = threading.BoundedSemaphore(max(1, queue))
        self.cache = ExportCache()
        self.counts = {"jobs": 0, "cached": 0, "busy": 0, "waiting": 0, "made": 0}
        self._lock = threading.Lock()
        self._query: Query | None = None  # opened at the first job about two documents

    def _count(self, name: str, step: int = 1) -> None:
        with self._lock:
            self.counts[name] += step

    def handle(self, message: tuple[Any, ...]) -> tuple[Any, ...]:
        """Answer one message: ("stats",) or a job ("chart", name, options, fmt, size) / ("brief", a, b, fmt,
        lang, pins). Answers: ("ok", bytes | dict), ("busy", retry_after_s) or ("error", message)."""
        if message[0] == "stats":
            return "ok", {**self.counts, "kaleido_renders": kaleido.render_count()}
        key = repr(message)
        self._count("jobs")
        found = self.cache.get(key)
        if found is not None:
            self._count("cached")
            return "ok", found
        if not self.admitted.acquire(blocking=False):
            self._count("busy")
            return "busy", RETRY_AFTER_S
        try:
            self._count("waiting")
            try:
                with machine_slot():
                    self._count("waiting", -1)
                    found = self.cache.get(key)  # made by another job while this one waited
                    if found is None:
                        found = self._make(message)
                        self._count("made")
                        self.cache.put(key, found)
            except ExportBusy:
                self._count("waiting", -1)
                self._count("busy")
                return "busy", RETRY_AFTER_S
            return "ok", found
        except PolicyTimelineError as exc:
            return "error", str(exc)
        except Exception as exc:  # noqa: BLE001  (a bug in one export must not leave the worker waiting)
            return "error", f"the export failed ({exc.__class__.__name__})"
        finally:
            self.admitted.release()

    def _make(self, message: tuple[Any, ...]) -> bytes:
        from dashboard.dataset.load import get_dataset  # the worker has loaded its own; this process loads once

        dataset = get_dataset(self.data_dir)
        if message[0] == "chart":
            from dashboard.export.static import render_chart

            _, name, options, fmt, size = message
            return render_chart(self._scoped(dataset, options.a, options.b), name, options, fmt, size=size)
        if message[0] == "brief":
            from dashboard.export.brief import render_brief

            _, a, b, fmt, lang, pins = message
            return render_brief(self._scoped(dataset, a, b), a, b, fmt, lang=lang, pins=list(pins))
        raise ExportFailed(f"unknown export job {message[0]!r}")


    def _scoped(self, dataset: Dataset, a: str | None, b: str | None) -> Dataset:
        """Return what a job about documents `a` and `b` reads: the dataset seen through those two (their rows
        of the large tables, read from the query database: dataset.scoped), as the app's own exports do; the
        whole dataset for a chart of the corpus, or when either is unknown (the render then says so)."""
        if not (a and b):
            return dataset
        try:
            docs = (dataset.resolve_document(a), dataset.resolve_document(b))
        except UnknownDocument:
            return dataset
        with self._lock:
            if self._query is None:
                self._query = Query(dataset.data_dir, dataset.table_names)
            query = self._query
        return query.scoped(dataset, docs)


def serve(address: str, key: bytes, data_dir: str | None, queue: int = EXPORT_QUEUE) -> None:
    """Answer export jobs on the Unix socket `address` until killed (one thread per connection)."""
    service = Service(data_dir, queue)
    if os.path.exists(address):  # left by a service that died: this one replaces it
        os.unlink(address)
    with Listener(address, family="AF_UNIX", authkey=key) as listener:
        while True:
            try:
                conn = listener.accept()
            except (OSError, EOFError):  # a client that failed the key or hung up: the next one
                continue
            threading.Thread(target=_answer, args=(service, conn), daemon=True).start()


def _answer(service: Service, conn: Connection) -> None:
    with conn:
        try:
            message = conn.recv()
            conn.send(service.handle(message))
        except (OSError, EOFError):
            pass


def new_key() -> bytes:
    """Return a random key for the service's socket."""
    return secrets.token_bytes(32)


def configured() -> bool:
    """Whether this process was started beside an export service (the production server's workers)."""
    return bool(os.environ.get(ADDRESS_ENV) and os.environ.get(KEY_ENV))


def ask(message: tuple[Any, ...], timeout: float = ANSWER_TIMEOUT_S) -> Any:
    """Send `message` to the export service and return its answer; raise ExportBusy or ExportFailed."""
    try:
        with Client(os.environ[ADDRESS_ENV], family="AF_UNIX", authkey=bytes.fromhex(os.environ[KEY_ENV])) as conn:
            conn.send(message)
            if not conn.poll(timeout):
                raise ExportFailed(f"the export service did not answer within {timeout:.0f} s")
            status, value = conn.recv()
    except (OSError, EOFError) as exc:
        raise ExportFailed(f"the export service is not answering ({exc.__class__.__name__})") from exc
    if status == "busy":
        raise ExportBusy("the export service's queue is full")
    if status == "error":
        raise ExportFailed(str(value))
    return value


def export(job: tuple[Any, ...], local_key: tuple[Any, ...], make: Callable[[], bytes]) -> bytes:
    """Return the file for `job`: from the export service when there is one, else made here through the gate
    (`local_key` keys this process's cache, `make` makes the file)."""
    if configured():
        return ask(job)
    return cached_export(local_key, make)
