"""A worker's server threads compute at most CALLBACKS_AT_ONCE callbacks at a time; other requests are not held."""

from __future__ import annotations

import threading
import time

from flask import Flask

from dashboard.app import gate


def _server(inside: list[int], most: list[int], release: threading.Event, lock: threading.Lock) -> Flask:
    server = Flask(__name__)
    gate.install(server, "/")

    @server.post("/_dash-update-component")
    def _callback() -> str:
        with lock:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        release.wait(timeout=30)
        with lock:
            inside[0] -= 1
        return "{}"

    @server.get("/page")
    def _page() -> str:
        return "page"

    return server


def test_no_more_callbacks_compute_at_once_than_the_gate_allows_and_every_one_is_answered() -> None:
    inside, most, lock, release = [0], [0], threading.Lock(), threading.Event()
    server = _server(inside, most, release, lock)
    answers: list[int] = []

    def post() -> None:
        answers.append(server.test_client().post("/_dash-update-component").status_code)

    threads = [threading.Thread(target=post) for _ in range(gate.CALLBACKS_AT_ONCE + 2)]
    for thread in threads:
        thread.start()
    while True:  # wait until the gate is full: the others are then queued at it
        with lock:
            if inside[0] == gate.CALLBACKS_AT_ONCE:
                break
        time.sleep(0.001)
    # a request that is no callback is answered while the callbacks hold every place
    assert server.test_client().get("/page").get_data(as_text=True) == "page"
    release.set()
    for thread in threads:
        thread.join(timeout=30)
    assert most[0] == gate.CALLBACKS_AT_ONCE
    assert answers == [200] * len(threads)


def test_a_callback_that_fails_gives_its_place_back() -> None:
    """A callback that raises (a 500) or is refused by a later check still leaves the gate: more failures than
    places, then as many callbacks as places at once, are all answered (no place is lost, nothing deadlocks)."""
    server = Flask(__name__)
    gate.install(server, "/")
    release = threading.Event()
    inside = [0]
    lock = threading.Lock()

    @server.post("/_dash-update-component")
    def _callback() -> str:
        if release.is_set():
            with lock:
                inside[0] += 1
            return "{}"
        raise RuntimeError("a callback's own error")

    failed = [
        server.test_client().post("/_dash-update-component").status_code for _ in range(3 * gate.CALLBACKS_AT_ONCE)
    ]
    assert failed == [500] * (3 * gate.CALLBACKS_AT_ONCE)
    release.set()
    answers: list[int] = []
    threads = [
        threading.Thread(
            target=lambda: answers.append(server.test_client().post("/_dash-update-component").status_code)
        )
        for _ in range(gate.CALLBACKS_AT_ONCE + 2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert answers == [200] * len(threads) and inside[0] == len(threads)
