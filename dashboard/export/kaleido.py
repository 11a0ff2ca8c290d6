"""One warm kaleido export browser per process, and one lock around it.

kaleido's sync server is a single Chromium tab fed by one shared task queue and one shared return queue: two
threads exporting at once (Dash serves callbacks from a thread pool) can receive each other's bytes, so every
render goes through `_RENDER_LOCK`. The server starts lazily on the first export (the app and the CLI pay the
browser start only when someone exports) and stops at interpreter exit.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import threading
import time
import weakref
from pathlib import Path
from typing import NotRequired, TypedDict

import plotly.graph_objects as go
import plotly.io as pio

from dashboard.export.errors import ExportFailed

STATIC_FORMATS = ("png", "svg", "pdf")
# how long the first render may take (browser start + plotly.js load); later renders take ~0.2 s
START_TIMEOUT_S = 60.0
RENDER_TIMEOUT_S = 60.0

_RENDER_LOCK = threading.Lock()
_STATE_LOCK = threading.Lock()


class _State(TypedDict):
    started: bool
    atexit: bool
    broken: bool
    cold_start_s: float
    profile: NotRequired[str]  # the browser's profile folder while it runs
    renders: NotRequired[int]


_state: _State = {"started": False, "atexit": False, "broken": False, "cold_start_s": 0.0}


def start_server() -> float:
    """Start the process-wide export browser if it is not running; return the seconds the start took."""
    import kaleido

    with _STATE_LOCK:
        if _state["started"] and _server_alive():
            return 0.0
        # plotly sends map-tile headers with every call by default; with a server running kaleido ignores them
        # and warns on every export, so send none (we draw no tile maps)
        pio.defaults.headers = {}
        t0 = time.perf_counter()
        if _state["started"]:  # the browser thread died: close the husk before opening a new one
            kaleido.stop_sync_server(silence_warnings=True)
        if _state.get("profile"):
            _remove_profile(str(_state.pop("profile")))
        if not _state["atexit"]:
            # atexit runs last-registered first: make sure weakref's own exit hook (which removes temporary
            # folders such as the browser's profile) is registered before ours, so the browser is gone first
            weakref.finalize(stop_server, lambda: None)
            atexit.register(stop_server)
            _state["atexit"] = True
        # the browser's profile goes in a folder of ours, so that stopping can wait for every Chromium process
        # using it to exit and then remove it (otherwise a late write races Python's clean-up at exit)
        _state["profile"] = tempfile.mkdtemp(prefix="policy-timeline-export-")
        # mathjax=False: the default loads MathJax from a CDN, which can hang on a network that drops packets
        kaleido.start_sync_server(mathjax=False, timeout=START_TIMEOUT_S, silence_warnings=True,
                                  tmp_dir=_state["profile"],
                                  **({"path": browser} if (browser := browser_path()) else {}))
        _state["started"] = True
    # a tiny first render: opens Chromium and loads plotly.js, so the caller's first chart is a warm one
    render(go.Figure(), "png", width=10, height=10, scale=1, timeout=START_TIMEOUT_S)
    _lower_priority(str(_state["profile"]))
    elapsed = time.perf_counter() - t0
    _state["cold_start_s"] = elapsed
    return elapsed


def stop_server() -> None:
    """Stop the export browser (safe to call when it is not running)."""
    import kaleido

    with _STATE_LOCK:
        if _state["started"]:
            with _RENDER_LOCK:
                kaleido.stop_sync_server(silence_warnings=True)
            _state["started"] = False
        if _state.get("profile"):
            _remove_profile(str(_state.pop("profile")))


def _remove_profile(folder: str, timeout: float = 5.0) -> None:
    """Wait (briefly) until no Chromium process uses `folder`, then remove it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _processes_using(folder):
        time.sleep(0.05)
    shutil.rmtree(folder, ignore_errors=True)


BROWSER_NICE = 10  # the export browser yields the CPU to the pages (issue 16: exports raised the pages' p95)


def _lower_priority(folder: str) -> None:
    """Run every Chromium process using `folder` at a lower CPU priority (nice BROWSER_NICE)."""
    needle = folder.encode()
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if needle in cmdline.read_bytes():
                pid = int(cmdline.parent.name)
                os.setpriority(os.PRIO_PROCESS, pid, max(os.getpriority(os.PRIO_PROCESS, pid), BROWSER_NICE))
        except (OSError, ValueError):  # the process ended while we looked
            continue


def _processes_using(folder: str) -> bool:
    needle = folder.encode()
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if needle in cmdline.read_bytes():
                return True
        except OSError:  # the process ended while we looked
            continue
    return False


def is_running() -> bool:
    """Return True when the export browser of this process is up."""
    return bool(_state["started"]) and _server_alive()


def render(fig: go.Figure, fmt: str, *, width: int, height: int, scale: float = 1.0,
           timeout: float = RENDER_TIMEOUT_S) -> bytes:
    """Return `fig` rendered as png, svg or pdf bytes by the warm export browser (started if needed)."""
    if fmt not in STATIC_FORMATS:
        raise ExportFailed(f"kaleido renders {', '.join(STATIC_FORMATS)}, not {fmt!r}")
    if _state["broken"]:
        raise ExportFailed("the export browser stopped answering earlier; restart the process")
    if not is_running():
        start_server()
    result: dict[str, bytes] = {}
    failed: list[Exception] = []  # what the render raised

    def work() -> None:
        try:
            result["bytes"] = pio.to_image(fig, format=fmt, width=width, height=height, scale=scale)
        except Exception as exc:  # noqa: BLE001  (re-raised below as one clear error)
            failed.append(exc)

    # kaleido waits on its queue without a time limit; if Chromium is gone the caller would hang forever, so
    # the render runs in a helper thread that we wait on with a deadline
    if not _RENDER_LOCK.acquire(timeout=timeout):
        raise ExportFailed(f"the export browser stayed busy for more than {timeout:.0f} s")
    try:
        worker = threading.Thread(target=work, name="kaleido-render", daemon=True)
        worker.start()
        worker.join(timeout)
        if worker.is_alive():
            # the stuck render would hand its late bytes to the next caller: refuse further renders
            _state["broken"] = True
            raise ExportFailed(f"the export browser did not answer within {timeout:.0f} s")
    finally:
        _RENDER_LOCK.release()
    if failed:
        exc = failed[0]
        first = str(exc).splitlines()[0] if str(exc) else repr(exc)
        raise ExportFailed(f"the export browser failed: {first}") from exc
    _state["renders"] = int(_state.get("renders", 0)) + 1
    return result["bytes"]


def render_count() -> int:
    """Return how many figures this process's export browser has rendered (its warm-up included)."""
    return int(_state.get("renders", 0))


def browser_path() -> str | None:
    """Return the Chromium to drive: $BROWSER_PATH, else Debian's real binary, else None (kaleido finds one).

    Debian's /usr/bin/chromium is a shell wrapper: closing it can leave the real browser writing to its
    profile while Python removes that folder at exit ("Directory not empty"), so we start the binary it wraps.
    """
    for candidate in (os.environ.get("BROWSER_PATH"), "/usr/lib/chromium/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def cold_start_seconds() -> float:
    """Return how long this process's export browser took to start and draw its first figure."""
    return float(_state["cold_start_s"])


def _server_alive() -> bool:
    from kaleido import _global_server  # the module-level singleton behind start_sync_server

    thread = getattr(_global_server, "_thread", None)
    return bool(_global_server.is_running()) and thread is not None and thread.is_alive()
