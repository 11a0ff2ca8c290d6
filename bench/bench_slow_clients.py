"""Slow clients against the production server: N half-sent requests held open, then normal requests timed.

Run: .venv/bin/python bench/bench_slow_clients.py [--held 60] [--workers 2] [--server waitress|gunicorn]
It starts the server on a free loopback port (`python -m dashboard.app.production`, or gunicorn's sync workers
for comparison), opens --held connections that each send part of a request and stop (half inside the headers,
half inside a body), then sends 5 normal GET /_dash-dependencies one after another and prints how long each
took (or that it timed out after 10 s). Everything is closed and the server stopped at the end.
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(server: str, workers: int, port: int, data: Path | None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if data:
        env["POLICY_TIMELINE_DATA"] = str(data.resolve())
    if server == "gunicorn":
        cmd = [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}",
               "--log-level", "warning", "dashboard.app.wsgi:server"]
    else:
        cmd = [sys.executable, "-m", "dashboard.app.production", "--workers", str(workers),
               "--bind", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_dash-dependencies", timeout=2):
                return proc
        except OSError:
            time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGKILL)
    raise SystemExit("the server did not start")


def timed_get(port: int) -> float | None:
    start = time.perf_counter()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/_dash-dependencies")
        response = conn.getresponse()
        response.read()
        conn.close()
    except OSError:
        return None
    return time.perf_counter() - start if response.status == 200 else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--server", choices=("waitress", "gunicorn"), default="waitress")
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args()
    port = free_port()
    proc = start(args.server, args.workers, port, args.data)
    held: list[socket.socket] = []
    try:
        for i in range(args.held):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(b"POST /_dash-update-component HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n{"
                         if i % 2 else b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            held.append(sock)
        time.sleep(1)  # let the server pick the half requests up
        times = [timed_get(port) for _ in range(5)]
    finally:
        for sock in held:
            sock.close()
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    shown = ", ".join("timed out (10 s)" if t is None else f"{t * 1000:.0f} ms" for t in times)
    answered = [t for t in times if t is not None]
    print(f"{args.server}, {args.workers} worker(s), {args.held} half-sent connections held open: "
          f"{len(answered)}/5 normal requests answered; {shown}"
          + (f"; slowest {max(answered) * 1000:.0f} ms" if answered else ""))


if __name__ == "__main__":
    main()
