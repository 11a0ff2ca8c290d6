"""Requests the pages never send: malformed callback envelopes get a JSON 400 before any callback runs, a body over
MAX_REQUEST_BYTES gets 413, a failing callback a JSON 500 without a traceback, and the app keeps answering."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dash import Dash

from dashboard.app import create_app
from dashboard.app.guard import PROP_CHECKS, callback_problem
from dashboard.settings import MAX_REQUEST_BYTES

ROUTER = ".._pages_content.children..._pages_store.data.."
ROUTER_BODY = {
    "output": ROUTER,
    "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
    "inputs": [
        {"id": "_pages_location", "property": "pathname", "value": "/"},
        {"id": "_pages_location", "property": "search", "value": ""},
    ],
    "changedPropIds": ["_pages_location.pathname"],
    "state": [],
}


@pytest.fixture(scope="module")
def app(fixture_data: Path) -> Dash:
    return create_app(fixture_data)


def post(app: Dash, data: bytes, content_type: str | None = "application/json"):
    headers = {"Content-Type": content_type} if content_type else {}
    return app.server.test_client().post("/_dash-update-component", data=data, headers=headers)


def with_inputs(*values) -> dict:
    return {
        **ROUTER_BODY,
        "inputs": [{**spec, "value": v} for spec, v in zip(ROUTER_BODY["inputs"], values, strict=True)],
    }


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ([], "not a JSON object"),
        ({}, "no server callback"),
        ({**ROUTER_BODY, "output": "nope.children"}, "no server callback"),
        ({**ROUTER_BODY, "output": "shell-html-lang.data"}, "no server callback"),  # clientside: no server side
        ({**ROUTER_BODY, "inputs": []}, "must list the callback's 2 inputs"),
        ({**ROUTER_BODY, "inputs": "x"}, "must list"),
        ({**ROUTER_BODY, "state": [{"id": "url", "property": "search", "value": ""}]}, "must list"),
        ({**ROUTER_BODY, "inputs": [{"id": "other", "property": "pathname", "value": "/"}] * 2}, "do not match"),
        ({**ROUTER_BODY, "inputs": [1, 2]}, "do not match"),
        ({**ROUTER_BODY, "outputs": "x"}, "outputs must be"),
        ({**ROUTER_BODY, "changedPropIds": [1]}, "changedPropIds"),
        (with_inputs({"$ne": 1}, ""), "must be text"),
        (with_inputs("/", ["?a=1"]), "must be text"),
    ],
)
def test_malformed_envelopes_are_named(app: Dash, body, problem) -> None:
    assert problem in (callback_problem(app.callback_map, body) or "")
    response = post(app, json.dumps(body).encode())
    assert response.status_code == 400
    assert response.get_json()["code"] == "malformed-callback"


def test_a_well_formed_request_passes(app: Dash) -> None:
    assert callback_problem(app.callback_map, ROUTER_BODY) is None
    assert post(app, json.dumps(ROUTER_BODY).encode()).status_code == 200


@pytest.mark.parametrize(
    ("data", "content_type"),
    [(b"{not json", "application/json"), (b"hello", None), (b"[" * 100_000 + b"]" * 100_000, "application/json")],
)
def test_bodies_that_are_not_json_objects_get_400(app: Dash, data: bytes, content_type) -> None:
    response = post(app, data, content_type)
    assert response.status_code == 400 and response.get_json()["code"] == "malformed-callback"


def test_a_body_over_the_limit_gets_413_and_the_app_goes_on(app: Dash) -> None:
    big = json.dumps(with_inputs("/", "?q=" + "x" * MAX_REQUEST_BYTES)).encode()
    assert post(app, big).status_code == 413
    assert post(app, json.dumps(ROUTER_BODY).encode()).status_code == 200


def test_a_value_of_the_wrong_type_is_refused_before_the_callback(app: Dash) -> None:
    deps = app.server.test_client().get("/_dash-dependencies").get_json()
    click = next(d for d in deps if d["output"] == "nav-location.href")
    body = {
        "output": click["output"],
        "outputs": {"id": "nav-location", "property": "href"},
        "inputs": [{"id": "timeline-graph", "property": "clickData", "value": "not a click"}],
        "state": [{"id": "url", "property": "search", "value": ""}],
        "changedPropIds": [],
    }
    response = post(app, json.dumps(body).encode())
    assert response.status_code == 400 and "clickData must be an object" in response.get_json()["error"]


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        (("x" * 1_000, ""), "must start with /"),
        (("/" + "x" * 9_000, ""), "too long"),
        (("/", "?q=" + "x" * 9_000), "too long"),
        ((3, ""), "must be text"),
    ],
)
def test_a_pathname_or_search_no_browser_sends_is_refused(app: Dash, values, problem) -> None:
    response = post(app, json.dumps(with_inputs(*values)).encode())
    assert response.status_code == 400 and problem in response.get_json()["error"]


def test_a_failing_callback_answers_json_without_the_traceback(app: Dash) -> None:
    # a well-formed envelope with a value no page sends: the timeline's click with points that are not points
    deps = app.server.test_client().get("/_dash-dependencies").get_json()
    click = next(d for d in deps if d["output"] == "nav-location.href")
    body = {
        "output": click["output"],
        "outputs": {"id": "nav-location", "property": "href"},
        "inputs": [{"id": "timeline-graph", "property": "clickData", "value": {"points": "not points"}}],
        "state": [{"id": "url", "property": "search", "value": ""}],
        "changedPropIds": [],
    }
    response = post(app, json.dumps(body).encode())
    assert response.status_code in (200, 204, 500)
    if response.status_code == 500:
        assert response.get_json()["code"] == "callback-error"
        assert b"Traceback" not in response.data and b"File " not in response.data
    assert post(app, json.dumps(ROUTER_BODY).encode()).status_code == 200


def test_an_unserved_package_is_404_not_500(app: Dash) -> None:
    for path in (
        "/_dash-component-suites/os/path.py",
        "/_dash-component-suites/dashboard/settings.py",
        "/_dash-component-suites/dash/..%2f..%2f..%2fetc%2fpasswd",
    ):
        response = app.server.test_client().get(path)
        assert response.status_code == 404, path
        assert b"MAX_SEED_BYTES" not in response.data and b"root:" not in response.data


@pytest.mark.parametrize("path", ["/no-such-page", "/explorer/extra", "/404", "/document.php", "/%2e%2e/etc/passwd"])
def test_an_address_that_is_no_page_answers_404_with_the_page_shell(app: Dash, path: str) -> None:
    response = app.server.test_client().get(path)
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert b"_dash-app-content" in response.data or b"react-entry-point" in response.data


@pytest.mark.parametrize("path", ["/", "/explorer", "/explorer/", "/source", "/document?doc=nope", "/targets?lang=vi"])
def test_every_page_answers_200(app: Dash, path: str) -> None:
    assert app.server.test_client().get(path).status_code == 200


def test_scripts_and_assets_keep_their_status(app: Dash) -> None:
    client = app.server.test_client()
    with client.get("/assets/app.css") as response:
        assert response.status_code == 200
    assert client.get("/_dash-layout").status_code == 200


def test_every_answer_carries_the_security_headers(app: Dash) -> None:
    client = app.server.test_client()
    for response in (
        client.get("/"),
        client.get("/_dash-layout"),
        post(app, json.dumps(ROUTER_BODY).encode()),
        post(app, b"[]"),
        client.get("/no-such-page"),
    ):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        csp = response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    page = client.get("/")
    for digest in app.csp_hashes():  # the page's own inline scripts are allowed by their hashes
        assert digest in page.headers["Content-Security-Policy"]


def test_source_maps_are_not_served(app: Dash) -> None:
    response = app.server.test_client().get("/_dash-component-suites/dash/dcc/async-graph.js.map")
    assert response.status_code == 404 and b"sourceMappingURL" not in response.data


def test_every_property_a_callback_reads_has_a_check(app: Dash) -> None:
    """The guard refuses a property it has no check for: a page whose callback reads a new one (the navbar menu's
    is_open) would fail for every reader, so each property a registered callback takes must be in PROP_CHECKS."""
    read = {
        dep["property"]
        for spec in app.callback_map.values()
        for dep in [*spec.get("inputs", []), *spec.get("state", [])]
    }
    assert read and "is_open" in read
    assert read <= set(PROP_CHECKS), sorted(read - set(PROP_CHECKS))
