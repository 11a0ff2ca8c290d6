"""The shipped production server (`make serve-prod` = `python -m dashboard.app.production`) on loopback, serving
the fixture corpus with ONE waitress process (the hardest case): slow clients, headers, hostile callback
requests and what they leave in the log. Every loop is bounded and the server is stopped at the end."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from multiprocessing.connection import Client
from pathlib import Path

import pytest

from dashboard.export.service import KEY_ENV
from dashboard.paths import REPO_DIR

EXPORT_QUEUE_ENV = "POLICY_TIMELINE_EXPORT_QUEUE"
SERVICE_KEY = b"policy-timeline-test-key"

START_DEADLINE = 120  # seconds for the worker to load the fixture data (a busy 2-core machine)
ANSWER_TIMEOUT = 20  # generous: what matters is that the answer arrives at all


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, proc: subprocess.Popen, port: int, log: Path) -> None:
        self.proc, self.port, self.log = proc, port, log

    def get(self, path: str, timeout: float = ANSWER_TIMEOUT) -> http.client.HTTPResponse:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:  # closed whatever happens: a socket left open fails a later test's garbage collection
            conn.request("GET", path)
            response = conn.getresponse()
            response.body = response.read()
        finally:
            conn.close()
        return response

    def post(self, path: str, body: bytes, timeout: float = ANSWER_TIMEOUT) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request("POST", path, body=body, headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            payload = response.read()
        finally:
            conn.close()
        return response.status, payload


@pytest.fixture(scope="module")
def server(fixture_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    port = free_port()
    log = tmp_path_factory.mktemp("prod") / "server.log"
    # its own folder of export slots (the test takes the slot itself), exports that wait for the slot until the
    # test frees it, the default queue bound, and a key the test knows (to ask the export service for its counts)
    env = {**os.environ, "POLICY_TIMELINE_DATA": str(fixture_data), "PYTHONPATH": str(REPO_DIR),
           "TMPDIR": str(log.parent), "POLICY_TIMELINE_EXPORT_WAIT": "120", EXPORT_QUEUE_ENV: "2",
           KEY_ENV: SERVICE_KEY.hex()}
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "dashboard.app.production", "--workers", "1",
                                 "--bind", f"127.0.0.1:{port}"], cwd=REPO_DIR, env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    running = Server(proc, port, log)
    deadline = time.monotonic() + START_DEADLINE
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_dash-dependencies", timeout=2):
                break
        except OSError:
            time.sleep(0.3)
    else:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail(f"the production server did not start:\n{log.read_text()}")
    yield running
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


def half_sent(port: int, n: int) -> list[socket.socket]:
    """Open `n` connections that each send part of a request and stop: half of them stop inside the headers,
    the other half after announcing a body they never finish."""
    held = []
    for i in range(n):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        if i % 2:
            sock.sendall(b"POST /_dash-update-component HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 5000\r\n\r\n{\"output\": ")
        else:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        held.append(sock)
    return held


def test_sixty_half_sent_requests_do_not_stop_a_normal_one(server: Server):
    held = half_sent(server.port, 60)
    try:
        for _ in range(3):  # three normal requests, each answered while the 60 are still open
            response = server.get("/_dash-dependencies")
            assert response.status == 200 and json.loads(response.body)
        assert server.proc.poll() is None
    finally:
        for sock in held:
            sock.close()


def test_a_body_over_the_limit_is_refused_before_it_is_read(server: Server):
    from dashboard.settings import MAX_REQUEST_BYTES

    # the headers announce a body over the limit and only its first kilobyte follows: the answer comes without the
    # rest. (Sending the whole body raced the refusal: a server that answers and closes early breaks the client's
    # pipe mid-send, and the socket it left open failed the next test's garbage collection.)
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=ANSWER_TIMEOUT)
    try:
        conn.putrequest("POST", "/_dash-update-component")
        conn.putheader("Content-Type", "application/json")
        conn.putheader("Content-Length", str(MAX_REQUEST_BYTES + 1))
        conn.endheaders()
        conn.send(b"x" * 1024)
        response = conn.getresponse()
        response.read()
    finally:
        conn.close()
    assert response.status == 413
    assert server.get("/_dash-dependencies").status == 200


def router_body(pathname: object, search: object = "") -> bytes:
    return json.dumps({
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
        "inputs": [{"id": "_pages_location", "property": "pathname", "value": pathname},
                   {"id": "_pages_location", "property": "search", "value": search}],
        "changedPropIds": ["_pages_location.pathname"], "state": []}).encode()


def failing_click() -> bytes:
    # well-formed and well-typed, but the points are not points: the callback itself fails
    return json.dumps({
        "output": "nav-location.href", "outputs": {"id": "nav-location", "property": "href"},
        "inputs": [{"id": "timeline-graph", "property": "clickData", "value": {"points": "x" * 50_000}}],
        "state": [{"id": "url", "property": "search", "value": ""}], "changedPropIds": []}).encode()


def test_hostile_callback_requests_leave_a_small_log(server: Server):
    before = server.log.stat().st_size
    for _ in range(10):  # a ~0.9 MB pathname Dash's router would have quoted whole in the log
        status, payload = server.post("/_dash-update-component", router_body("x" * 900_000))
        assert status == 400 and b"pathname" in payload
    for _ in range(40):  # a callback failing on a 50 KB value, forty times in a row
        status, payload = server.post("/_dash-update-component", failing_click())
        assert status in (200, 204, 500) and b"Traceback" not in payload
    assert server.get("/_dash-dependencies").status == 200
    time.sleep(0.5)
    grown = server.log.stat().st_size - before
    # at most a few capped records (2,000 characters each) get through; uncapped it would be megabytes
    assert grown < 40_000, server.log.read_text()[-3000:]
    assert "AttributeError" in server.log.read_text() and "characters cut" in server.log.read_text()


def test_answers_carry_security_headers_and_no_source_maps(server: Server):
    page = server.get("/")
    assert page.status == 200
    assert page.getheader("X-Content-Type-Options") == "nosniff"
    assert "frame-ancestors 'none'" in page.getheader("Content-Security-Policy")
    assert server.get("/_dash-component-suites/dash/dcc/async-graph.js.map").status == 404


def export_body(fmt: str, search: str = "") -> bytes:
    item = {"chart": "timeline", "fmt": fmt, "size": "", "type": "export-item"}
    return json.dumps({
        "output": '..{"chart":["MATCH"],"type":"export-download"}.data...{"chart":["MATCH"],"type":"export-status"}'
                  '.children..',
        "outputs": [{"id": {"chart": "timeline", "type": "export-download"}, "property": "data"},
                    {"id": {"chart": "timeline", "type": "export-status"}, "property": "children"}],
        "inputs": [[{"id": item, "property": "n_clicks", "value": 1}]],
        "changedPropIds": [json.dumps(item, separators=(",", ":"), sort_keys=True) + ".n_clicks"],
        "state": [{"id": "url", "property": "pathname", "value": "/timeline"},
                  {"id": "url", "property": "search", "value": search}]}).encode()


DOWNLOAD = '{"chart":"timeline","type":"export-download"}'
STATUS = '{"chart":"timeline","type":"export-status"}'


def export_counts(server: Server) -> dict[str, int]:
    """Ask the server's one export process for its counters (jobs, cached, busy, waiting, kaleido_renders)."""
    address = next(server.log.parent.glob("policy-timeline-exports-*/service.sock"))
    with Client(str(address), family="AF_UNIX", authkey=SERVICE_KEY) as conn:
        conn.send(("stats",))
        return conn.recv()[1]


def test_a_full_export_queue_answers_503_with_retry_after_and_pages_go_on(server: Server):
    import fcntl

    status, payload = server.post("/_dash-update-component", export_body(".csv"))
    assert status == 200 and json.loads(payload)["response"][DOWNLOAD]["data"]["content"]
    lock_dir = next(server.log.parent.glob("policy-timeline-export-slots-*"))
    handle = os.open(lock_dir / "slot-0.lock", os.O_RDWR)
    fcntl.flock(handle, fcntl.LOCK_EX)  # another export holds the machine's only slot
    queued: list[http.client.HTTPResponse] = []
    threads = [threading.Thread(target=lambda fmt=fmt: queued.append(server.get(f"/export?chart=timeline&fmt={fmt}"
                                                                                f"&page=/timeline", timeout=180)))
               for fmt in (".html", ".svg")]
    try:
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + ANSWER_TIMEOUT
        while export_counts(server)["waiting"] < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert export_counts(server)["waiting"] == 2  # the queue (bound 2) is full
        busy = server.get("/export?chart=timeline&fmt=.pdf&size=a4&page=/timeline")
        assert busy.status == 503 and busy.getheader("Retry-After") == "10"
        assert b"try again in 10 seconds" in busy.body
        status, payload = server.post("/_dash-update-component", export_body(".png"))  # the page's menu
        answer = json.loads(payload)["response"]
        assert status == 200 and DOWNLOAD not in answer and "try again in 10" in answer[STATUS]["children"]
        status, payload = server.post("/_dash-update-component", export_body(".csv"))  # made before: cached
        assert status == 200 and json.loads(payload)["response"][DOWNLOAD]["data"]["content"]
        assert server.get("/_dash-dependencies").status == 200  # pages are answered meanwhile
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        os.close(handle)
        for thread in threads:
            thread.join(200)
    assert sorted(r.status for r in queued) == [200, 200]  # the queued exports ran once the slot freed
    assert any(r.body.startswith(b"<svg") or b"<svg" in r.body[:200] for r in queued)


def test_a_repeated_export_is_served_from_the_shared_cache_without_rendering_again(server: Server):
    address = "/export?chart=timeline&fmt=.png&size=slide&page=/timeline%3Flang%3Den"
    first = server.get(address, timeout=180)
    assert first.status == 200 and first.body.startswith(b"\x89PNG")
    assert "attachment" in first.getheader("Content-Disposition")
    before = export_counts(server)
    again = server.get(address)
    after = export_counts(server)
    assert again.status == 200 and again.body == first.body
    assert after["kaleido_renders"] == before["kaleido_renders"]  # no second call to the export browser
    assert after["cached"] == before["cached"] + 1


def test_the_export_address_refuses_what_no_menu_sends(server: Server):
    assert server.get("/export?chart=nope&fmt=.png&page=/timeline").status == 400
    assert server.get("/export?chart=timeline&fmt=.exe&page=/timeline").status == 400
    assert server.get("/export?chart=timeline&fmt=.csv&page=timeline").status == 400
    assert server.get("/export?chart=timeline&fmt=.csv&page=/timeline").status == 200
