"""Hostile addresses, payloads and content against the production entry point: `gunicorn -w 2
dashboard.app.wsgi:server` on a free port, serving the fixture corpus plus the hostile document
(tests/hostile_corpus.py), driven by Debian's Chromium and by raw HTTP.

- every page, given script, path, right-to-left, oversized, malformed and too many query parameters, renders with
  a friendly notice, no console error, no dialog, no injected element and no traceback;
- markup from the documents and their sidecars is shown as text, never run;
- hand-made callback requests get a 4xx/5xx JSON answer and kill nothing: the same workers answer the next normal
  request;
- paths that climb out of assets/ or the component suites never return a file from outside them.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Page, expect

from dashboard.dataset.build import run as build_package
from dashboard.paths import REPO_DIR
from tests import hostile_corpus as hostile

from .conftest import Journey, _free_port

PAGES = ["/", "/timeline", "/themes", "/targets", "/explorer", "/compare", "/document"]
SCRIPTS = ("doc=<script>alert(1)</script>&a=../../etc/passwd&b=/etc/passwd&q=<img src=x onerror=alert(2)>"
           "&theme=<svg onload=alert(3)>&lang=<b>vi</b>&p=javascript:alert(4)&hide=<i>x</i>"
           "&status=\u202ekept&docs=תעזיז,تعزيز&entity=Z\u0337\u0322a\u0336l\u0335g\u0334o\u0338&from=٢٠٢٠")
# under gunicorn's 4094-byte request line (longer addresses get its 414, tested below), far over what a view keeps
OVERSIZED = f"q={'A' * 1500}&doc={'B' * 1000}&a={'C' * 500}&theme={'D' * 500}"
MALFORMED = ("%ZZ=%E0%A4%A&doc=%FF%FE&from=abc&to=99999999999999999999&page=-1&own=maybe&hide=,,,&years=1e9&"
             + "&".join(f"x{i}={i}" for i in range(200)))
# the Compare page's corrections: markup, a right-to-left override, conflicts and 300 values in `pin`
PINS = ("a=1-NQ/TW&b=2/NQ-CP&pin=<script>alert(5)</script>-1,\u202e1-1,1!<b>x</b>,1-1,1-,"
        + ",".join(f"{i}!{i}" for i in range(300)))
QUERIES = {"script-and-unicode": SCRIPTS, "oversized": OVERSIZED, "malformed-and-many": MALFORMED, "pins": PINS}
INJECTED = """() => ({
    img: document.querySelectorAll('img[src="x"]').length,
    handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(
        a => a.name.startsWith('on'))).map(e => e.outerHTML.slice(0, 120)),
    scripts: [...document.scripts].filter(s => s.textContent.includes('alert(')).length,
    javascriptLinks: [...document.querySelectorAll('a[href]')].filter(
        a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')).length,
})"""
SECRETS = (b"root:x:0:", b"doc_types:", b"[project]", b"MAX_SEED_BYTES", b"import-linter")


# ------------------------------------------------------------------------------------------------- server
@pytest.fixture(scope="module")
def hostile_data(fixture_seeds: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture corpus plus the hostile document, built."""
    root = tmp_path_factory.mktemp("hostile-app")
    seeds = hostile.write_hostile_corpus(fixture_seeds, root / "seeds")
    build_package(seeds, root / "data")
    return root / "data"


@pytest.fixture(scope="module")
def server(hostile_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """gunicorn with two workers on the hostile data; yields its URL and its master's pid."""
    port = _free_port()
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    env = {**os.environ, "POLICY_TIMELINE_DATA": str(hostile_data)}
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}",
                                 "dashboard.app.wsgi:server"], cwd=REPO_DIR, env=env, stdout=out,
                                stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    try:
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not start on {url}:\n{log.read_text()}")
            try:
                with urllib.request.urlopen(url + "/_dash-dependencies", timeout=3) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        yield url, proc.pid
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def workers(master: int) -> set[int]:
    """Return the pids of gunicorn's workers (children of the master)."""
    return {int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()}


def raw(url: str, method: str, path: str, body: bytes | None = None,
        headers: dict[str, str] | None = None) -> tuple[int, str, bytes]:
    """Send `path` exactly as written (no client-side normalisation of `..`); return status, type and body."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        for key, value in {**(headers or {}), "Content-Length": str(len(body or b""))}.items():
            conn.putheader(key, value)
        conn.endheaders(body)
        response = conn.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read()
    finally:
        conn.close()


ROUTER = {
    "output": ".._pages_content.children..._pages_store.data..",
    "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
    "changedPropIds": ["_pages_location.pathname"],
    "state": [],
}


def render(url: str, path: str, search: str = "") -> tuple[int, bytes]:
    """Ask the pages router for a page, as the browser does on every navigation."""
    body = {**ROUTER, "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                                 {"id": "_pages_location", "property": "search", "value": search}]}
    status, _, payload = raw(url, "POST", "/_dash-update-component", json.dumps(body).encode(),
                             {"Content-Type": "application/json"})
    return status, payload


# ------------------------------------------------------------------------------------ addresses in a browser
def assert_friendly(journey: Journey, page: Page) -> None:
    expect(page.locator("#_pages_content > *").first).to_be_attached(timeout=20_000)
    page.wait_for_load_state("networkidle")
    notice = page.locator(".url-notices.alert, #not-found")
    expect(notice.first).to_be_visible(timeout=10_000)
    text = page.locator("body").inner_text()
    assert "Traceback" not in text and "Internal Server Error" not in text
    assert not any(secret.decode() in text for secret in SECRETS[:1])
    injected = page.evaluate(INJECTED)
    assert injected == {"img": 0, "handlers": [], "scripts": 0, "javascriptLinks": 0}, injected
    journey.assert_clean()


@pytest.mark.parametrize("path", PAGES)
def test_hostile_query_parameters_get_a_friendly_notice_on_every_page(server, journey: Journey, page: Page, path):
    url, _ = server
    for name, query in QUERIES.items():
        page.goto(f"{url}{path}?{quote(query, safe='=&%')}")
        assert_friendly(journey, page)
        journey.shot(f"{path.strip('/') or 'home'}-{name}")


def test_an_address_longer_than_gunicorn_reads_gets_414_and_the_server_goes_on(server):
    url, master = server
    before = workers(master)
    status, _, payload = raw(url, "GET", "/explorer?q=" + "A" * 10_000)
    assert status == 414 and b"too large" in payload.lower()
    assert render(url, "/explorer", "?q=trade")[0] == 200
    assert workers(master) == before


def test_climbing_paths_in_the_address_bar_reach_the_not_found_page(server, journey: Journey, page: Page):
    url, _ = server
    for path in ("/etc/passwd", "/document/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/seeds/vocabulary.yml"):
        response = page.goto(url + path)
        assert response is not None and response.status == 404, path  # the friendly page, with a 404
        expect(page.locator("#_pages_content > *").first).to_be_attached(timeout=20_000)
        body = page.locator("body").inner_text()
        assert "root:x:0" not in body and "doc_types" not in body
    journey.assert_clean(not_found=True)


# ------------------------------------------------------------------------------------ content shown as text
def test_markup_from_documents_and_sidecars_is_shown_as_text(server, journey: Journey, page: Page):
    url, _ = server
    page.goto(f"{url}/document?doc={hostile.HOSTILE_ID}")
    expect(page.get_by_text("<script>alert('title')</script>", exact=False).first).to_be_visible(timeout=20_000)
    page.wait_for_load_state("networkidle")
    body = page.locator("body").inner_text()
    for shown in ('<script>alert("provision")</script>', "<img src=x onerror=", hostile.ARABIC[3:],
                  hostile.HEBREW[3:], "Nghị quyết"):
        assert shown in body, shown
    assert page.evaluate(INJECTED) == {"img": 0, "handlers": [], "scripts": 0, "javascriptLinks": 0}
    journey.shot("document")
    page.goto(f"{url}/explorer?q=script")
    expect(page.get_by_text('alert("provision")', exact=False).first).to_be_visible(timeout=20_000)
    assert page.evaluate(INJECTED) == {"img": 0, "handlers": [], "scripts": 0, "javascriptLinks": 0}
    journey.shot("explorer")
    journey.assert_clean()


# ------------------------------------------------------------------------------------ hand-made requests
MALFORMED_POSTS = [
    (b"{not json", "application/json"),
    (b"hello", "text/plain"),
    (b"[]", "application/json"),
    (b"{}", "application/json"),
    (json.dumps({**ROUTER, "output": "nope.children", "inputs": []}).encode(), "application/json"),
    (json.dumps({**ROUTER, "inputs": [{"id": "_pages_location", "property": "pathname", "value": {"$ne": 1}},
                                      {"id": "_pages_location", "property": "search", "value": ""}]}).encode(),
     "application/json"),
    (json.dumps({**ROUTER, "inputs": [{"id": "_pages_location", "property": "pathname", "value": "/"},
                                      {"id": "_pages_location", "property": "search", "value": "x" * 2_000_000}]})
     .encode(), "application/json"),
    (b"[" * 200_000 + b"]" * 200_000, "application/json"),
    (b"\xff\xfe\x00garbage", "application/json"),
]


def test_malformed_callback_requests_get_an_error_answer_and_kill_nothing(server):
    url, master = server
    before = workers(master)
    for body, content_type in MALFORMED_POSTS:
        status, kind, payload = raw(url, "POST", "/_dash-update-component", body, {"Content-Type": content_type})
        assert 400 <= status < 600, (body[:60], status)
        assert b"Traceback" not in payload and b'File "' not in payload, payload[:200]
        if status != 413:  # werkzeug answers an oversized body itself, before the app
            assert kind.startswith("application/json") and json.loads(payload)["code"], payload[:200]
    for path in ("/", "/explorer", "/compare"):
        status, payload = render(url, path)
        assert status == 200 and b'"response"' in payload
    assert workers(master) == before, "a worker died and was replaced"


def test_wrongly_typed_values_in_real_callbacks_never_answer_with_a_traceback(server):
    url, master = server
    before = workers(master)
    with urllib.request.urlopen(url + "/_dash-dependencies", timeout=10) as response:
        deps = [d for d in json.loads(response.read()) if not d.get("clientside_function")]
    weird_values = [{"$gt": ""}, 12345, ["a", ["b"]], None, "\u202e<script>alert(1)</script>" * 50, True, -1e308]
    for dep in deps:
        outputs = [{"id": o.rsplit(".", 1)[0], "property": o.rsplit(".", 1)[1]}
                   for o in dep["output"].strip(".").split("...")] if dep["output"].startswith("..") else \
            {"id": dep["output"].rsplit(".", 1)[0], "property": dep["output"].rsplit(".", 1)[1]}
        for value in weird_values:
            body = {"output": dep["output"], "outputs": outputs,
                    "inputs": [{**spec, "value": value} for spec in dep["inputs"]],
                    "state": [{**spec, "value": value} for spec in dep["state"]],
                    "changedPropIds": [f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"]}
            status, kind, payload = raw(url, "POST", "/_dash-update-component", json.dumps(body).encode(),
                                        {"Content-Type": "application/json"})
            assert status in (200, 204) or (400 <= status < 600 and kind.startswith("application/json")), (
                dep["output"][:60], value, status, payload[:120])
            assert b"Traceback" not in payload and b'File "' not in payload
    assert render(url, "/")[0] == 200
    assert workers(master) == before


# ------------------------------------------------------------------------------------ files outside assets
@pytest.mark.parametrize(
    "path",
    [
        "/assets/../seeds/vocabulary.yml",
        "/assets/../../etc/passwd",
        "/assets/..%2f..%2fseeds%2fvocabulary.yml",
        "/assets/%2e%2e/%2e%2e/pyproject.toml",
        "/assets/....//....//etc/passwd",
        "/assets/%2fetc%2fpasswd",
        "/assets//etc/passwd",
        "/_dash-component-suites/dash/../../../../etc/passwd",
        "/_dash-component-suites/dash/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/_dash-component-suites/dashboard/settings.py",
        "/_dash-component-suites/os/path.py",
        "/_dash-layout/../../etc/passwd",
        "//etc/passwd",
        "/document?doc=../../etc/passwd",
        "/document?doc=%2Fetc%2Fpasswd",
        "/seeds/vocabulary.yml",
        "/data/datapackage.json",
        "/pyproject.toml",
    ],
)
def test_paths_that_climb_out_never_return_a_file(server, path: str):
    url, _ = server
    status, kind, payload = raw(url, "GET", path)
    assert not any(secret in payload for secret in SECRETS), (path, payload[:200])
    if status == 200:  # the app's own HTML shell: the pages router shows "not found" or a notice
        assert kind.startswith("text/html") and b'id="react-entry-point"' in payload, (path, kind)
    else:
        assert 400 <= status < 500, (path, status)


def test_the_assets_themselves_are_served(server):
    url, _ = server
    status, kind, payload = raw(url, "GET", "/assets/app.css")
    assert status == 200 and kind.startswith("text/css") and payload
