"""Browser journeys: the real app on a free port, driven by Playwright in Debian's headless Chromium.

Two servers, each started once per session:
- `app_url`: the shipped seeds built into a temporary data package, `create_app` in this process, served by
  werkzeug's `make_server` on a free port in a thread;
- `fixture_url`: `policy-timeline serve` in a subprocess on the fixture corpus (one provision holds
  `<script>alert(1)</script>`), so the CLI's loopback default is exercised too. Every journey collects the
  page's console errors and uncaught exceptions and asserts there are none, and writes a screenshot to
  tmp/screenshots/ (git-ignored).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from dashboard.dataset.build import run as build_package
from dashboard.paths import REPO_DIR, SEEDS_DIR

# A loaded CI machine can take seconds to draw a chart: wait up to 20 s for an expectation rather than Playwright's 5.
expect.set_options(timeout=20_000)

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROME_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SCREENSHOTS = REPO_DIR / "tmp" / "screenshots"
SERVER_DEADLINE = 60.0
NOT_FOUND_LOG = "console: Failed to load resource: the server responded with a status of 404 (NOT FOUND)"


@pytest.fixture(scope="session")
def shipped_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped seeds built into a temporary data package (independent of edits to data/)."""
    out = tmp_path_factory.mktemp("shipped") / "data"
    build_package(SEEDS_DIR, out)
    return out


@pytest.fixture(scope="session")
def app_url(shipped_build: Path) -> Iterator[str]:
    """The dashboard on the shipped seeds, served in a thread on a free port."""
    from dashboard.app import create_app

    app = create_app(shipped_build)
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def fixture_url(fixture_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`policy-timeline serve` on the fixture corpus in a subprocess (its output is shown if it fails)."""
    port = _free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "dashboard", "serve", "--data", str(fixture_data), "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=REPO_DIR,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's chromium, headless, without the sandbox (no `playwright install`)."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True, "args": CHROME_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """A laptop-sized window."""
    return {**browser_context_args, "viewport": {"width": 1366, "height": 900}}


@dataclass
class Journey:
    """A page plus what went wrong in it: console errors, uncaught exceptions and dialogs (e.g. alert())."""

    page: Page
    name: str
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> Page:
        """Record `page`'s console errors, exceptions and dialogs."""
        page.on(
            "console", lambda msg: self.errors.append(f"console: {msg.text}") if msg.type == "error" else None
        )
        page.on("pageerror", lambda exc: self.errors.append(f"exception: {exc}"))
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        return page

    def shot(self, label: str = "", page: Page | None = None) -> Path:
        """Save a full-page screenshot to tmp/screenshots/<test>[-label].png."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{self.name}{'-' + label if label else ''}.png"
        (page or self.page).screenshot(path=str(path), full_page=True)
        return path

    def assert_clean(self, *, not_found: bool = False) -> None:
        """Fail when the page logged an error, threw, or opened a dialog (`not_found`: the page itself was
        asked for at an address that is no page, whose 404 status the browser logs as an error)."""
        errors = [e for e in self.errors if not (not_found and e == NOT_FOUND_LOG)]
        assert errors == [], errors
        assert self.dialogs == [], self.dialogs


@pytest.fixture()
def journey(page: Page, request: pytest.FixtureRequest) -> Journey:
    """The test's page, watched for console errors; screenshots are named after the test."""
    name = request.node.name.removeprefix("test_").replace("[", "-").replace("]", "").replace("/", "_")
    run = Journey(page=page, name=name)
    run.watch(page)
    return run


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_DEADLINE
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url + "/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    proc.kill()
    pytest.fail(f"policy-timeline serve did not start on {url}:\n{log.read_text()}")
