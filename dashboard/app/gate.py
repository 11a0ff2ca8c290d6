"""At most CALLBACKS_AT_ONCE callbacks of a worker compute at the same time; the server's other threads wait.

A waitress worker has 4 threads (production.SERVER_OPTIONS) so that a request's little I/O overlaps another's
work; the GIL runs one thread's Python at a time anyway. Four callbacks computing together hold four requests'
objects at once: Python's small-object allocator takes more 1 MB arenas for them, and an arena is given back
only once every object in it is freed, so the objects kept afterwards (caches, interned strings) pin them. At
10,000 documents, four threads serving every page grew Python's arenas by ~56 MB after one round (docs/scale.md,
"4 threads: where the excess went"). Waiting here costs a request the time the GIL would have shared anyway.
"""

from __future__ import annotations

import os
import threading

from flask import Flask, g, request

CALLBACKS_AT_ONCE = int(os.environ.get("POLICY_TIMELINE_CALLBACKS_AT_ONCE", "2"))


def install(server: Flask, prefix: str) -> None:
    """Make the callback requests of `server` (under `prefix`) wait for one of CALLBACKS_AT_ONCE places."""
    places = threading.BoundedSemaphore(max(1, CALLBACKS_AT_ONCE))
    path = f"{prefix}_dash-update-component"

    @server.before_request
    def _enter() -> None:
        if request.path == path:
            places.acquire()
            g.callback_place = True

    @server.teardown_request
    def _leave(_error: BaseException | None) -> None:
        if g.pop("callback_place", False):
            places.release()
