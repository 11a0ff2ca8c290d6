"""The production server: waitress in N pre-forked processes sharing one listening socket.

    python -m dashboard.app.production --workers 2 --bind 127.0.0.1:8050      # or: make serve-prod

Why waitress and not gunicorn's sync workers: a sync worker reads the request itself, so two clients that send
half a request and stop hold both workers until gunicorn's timeout kills them, and nobody else is answered
(issue 16). Waitress reads every request, headers and body, in its asynchronous front end and hands it to a
worker thread only once it has arrived whole: a thousand half-sent connections cost a file descriptor each and
never reach the app. Gunicorn's gthread workers do not buffer (a thread blocks on a slow body); uvicorn and
hypercorn would need a WSGI adapter whose threads also block on the body. Waitress is pure Python and a single
process (the GIL would keep this CPU-bound app on one core), so this module binds the socket once and forks
one waitress per core, each loading the data package itself; the parent only restarts a worker that dies and
stops them all on SIGTERM or Ctrl-C. Before the workers it forks ONE export process (dashboard/export/service.py,
nice 10) that every worker sends its downloads to: one Chromium for the server, not one per worker, a bounded
queue (busy: HTTP 503 + Retry-After on /export, "try again in N seconds" in the page) and one cache.

The limits (SERVER_OPTIONS): bodies over MAX_REQUEST_BYTES are refused by waitress before they are buffered,
headers over 64 KB too, a connection silent for CHANNEL_TIMEOUT seconds is closed, and poll() replaces select()
so connections beyond 1024 do not break the loop.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import sys
import tempfile
import time
from typing import Any

from dashboard.settings import DEFAULT_HOST, DEFAULT_PORT, MAX_REQUEST_BYTES

DATA_ENV = "POLICY_TIMELINE_DATA"
CHANNEL_TIMEOUT = 30  # seconds a connection may stay silent before waitress closes it
SERVER_OPTIONS: dict[str, Any] = {
    "threads": 4,  # per process: enough to overlap the little I/O a request does; the GIL does the rest
    "connection_limit": 2000,
    "channel_timeout": CHANNEL_TIMEOUT,
    "max_request_body_size": MAX_REQUEST_BYTES,
    "max_request_header_size": 64 * 1024,
    "asyncore_use_poll": True,
    "ident": "policy-timeline",
}


def bind(address: str) -> socket.socket:
    """Return a listening socket on `address` ("host:port"), shared by the workers forked after it."""
    host, _, port = address.rpartition(":")
    host = host.strip("[]") or DEFAULT_HOST
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, int(port or DEFAULT_PORT)))
    sock.listen(1024)
    sock.setblocking(False)
    return sock


def run_worker(sock: socket.socket, data_dir: str | None) -> None:
    """Load the app and serve on `sock` until killed (in a forked child)."""
    import waitress

    from dashboard.app import create_app

    app = create_app(data_dir)
    waitress.serve(app.server, sockets=[sock], **SERVER_OPTIONS)


def _fork_exporter(address: str, key: bytes, data_dir: str | None) -> int:
    """Fork the one export process the workers share (dashboard/export/service.py), at nice 10."""
    pid = os.fork()
    if pid == 0:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        try:
            os.nice(10)  # exports yield the CPU to the pages
            from dashboard.export.service import serve as serve_exports

            serve_exports(address, key, data_dir)
        finally:
            os._exit(1)
    return pid


def _fork(sock: socket.socket, data_dir: str | None) -> int:
    pid = os.fork()
    if pid == 0:  # the child: serve, and never return into the parent's loop
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        try:
            run_worker(sock, data_dir)
        finally:
            os._exit(1)
    return pid


def serve(address: str, workers: int, data_dir: str | None) -> None:
    """Bind `address`, fork `workers` waitress processes and keep them running until SIGTERM or SIGINT."""
    sock = bind(address)
    # one export process for every worker: its socket in a private folder, its key in the workers' environment
    from dashboard.export.service import ADDRESS_ENV, KEY_ENV, new_key

    folder = tempfile.mkdtemp(prefix="policy-timeline-exports-")
    given = os.environ.get(KEY_ENV)  # a key set by the operator (or a test that asks the service for counts)
    export_address, key = os.path.join(folder, "service.sock"), bytes.fromhex(given) if given else new_key()
    os.environ[ADDRESS_ENV], os.environ[KEY_ENV] = export_address, key.hex()
    exporter = _fork_exporter(export_address, key, data_dir)
    children = {_fork(sock, data_dir) for _ in range(workers)}
    stopping = False

    def _stop(signum: int, frame: Any) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    host, port = sock.getsockname()[:2]
    print(f"policy-timeline: waitress, {workers} process(es) on http://{host}:{port} "
          f"(data {data_dir or 'data/'})", file=sys.stderr, flush=True)
    restarts: list[float] = []
    while not stopping:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            time.sleep(0.2)
            continue
        children.discard(pid)
        now = time.monotonic()
        restarts = [t for t in restarts if now - t < 60] + [now]
        if len(restarts) > 5 * workers:  # a worker that cannot start (bad data): give up instead of looping
            print("error: workers keep exiting; stopping", file=sys.stderr, flush=True)
            break
        if pid == exporter:  # the export process died (e.g. out of memory): start another
            exporter = _fork_exporter(export_address, key, data_dir)
        else:
            children.add(_fork(sock, data_dir))
    for pid in (*children, exporter):
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    for pid in (*children, exporter):
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
    shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    """Command line: --workers N (default $WORKERS or 2), --bind HOST:PORT (default $BIND or loopback)."""
    parser = argparse.ArgumentParser(description="Serve the dashboard with waitress in pre-forked processes.")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS") or 2))
    parser.add_argument("--bind", default=os.environ.get("BIND") or f"{DEFAULT_HOST}:{DEFAULT_PORT}")
    args = parser.parse_args(argv)
    serve(args.bind, max(1, args.workers), os.environ.get(DATA_ENV) or None)


if __name__ == "__main__":
    main()
