"""The app as Dash serves it (Flask test client, no browser): callbacks bound, ids present, pages routed, and
requests that try to reach files get nothing."""

from __future__ import annotations

import json
from pathlib import Path

import dash
import pytest
from dash import Dash

from dashboard.app import create_app, ids
from dashboard.app.context import AppData
from dashboard.app.state import CompareView, DocumentView, ExplorerView, HomeView, TimelineView
from dashboard.app.views.compare import compare_page
from dashboard.app.views.document import document_page
from dashboard.app.views.explorer import explorer_page
from dashboard.app.views.home import home_page
from dashboard.app.views.timeline import timeline_page

from .helpers import ids as all_ids
from .helpers import walk

ROUTER = {
    "output": ".._pages_content.children..._pages_store.data..",
    "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
    "changedPropIds": ["_pages_location.pathname"],
    "state": [],
}


@pytest.fixture(scope="module")
def app(fixture_data: Path) -> Dash:
    return create_app(fixture_data)


def _matches(wanted: dict, component_id: dict) -> bool:
    """True when a callback's pattern id (values, or wildcards such as ["MATCH"]) fits a layout's dict id."""
    return wanted.keys() == component_id.keys() and all(
        isinstance(v, list) or component_id[k] == v for k, v in wanted.items()
    )


def route(app: Dash, path: str, search: str = "") -> tuple[int, str]:
    payload = {
        **ROUTER,
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": path},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
    }
    response = app.server.test_client().post("/_dash-update-component", json=payload)
    return response.status_code, response.get_data(as_text=True)


def test_every_callback_id_exists_in_a_layout(app: Dash, app_data: AppData) -> None:
    deps = json.loads(app.server.test_client().get("/_dash-dependencies").get_data(as_text=True))
    used = set()
    for dep in deps:
        for item in dep["inputs"] + dep["state"]:
            used.add(item["id"])
        output = dep["output"].strip(".")
        for part in output.split("..."):
            used.add(part.split("@")[0].rsplit(".", 1)[0])
    layouts = [
        app.layout,
        home_page(app_data, HomeView()),
        timeline_page(app_data, TimelineView()),
        document_page(app_data, DocumentView(doc="1-NQ-TW-2020")),
        explorer_page(app_data, ExplorerView()),
        compare_page(app_data, CompareView(a="1-NQ-TW-2020", b="2-NQ-CP-2021")),  # the pin pickers need a pair
    ]
    with app.server.test_request_context("/"):  # every registered page, including those added later
        layouts += [page["layout"]() for page in dash.page_registry.values() if callable(page["layout"])]
    present = set().union(*(all_ids(layout) for layout in layouts))
    ours = {i for i in used if not i.startswith("_pages")}
    # pattern-matching ids (the download menus) arrive as JSON with wildcards: match them on their fixed keys
    patterns = [n.id for layout in layouts for n in walk(layout) if isinstance(getattr(n, "id", None), dict)]
    present |= {i for i in ours if i.startswith("{") and any(_matches(json.loads(i), p) for p in patterns)}
    assert ours - present == set()
    assert {ids.EXP_QUERY, ids.TIMELINE_LAYERS, ids.TIMELINE_GRAPH, ids.DOC_ANCHOR, ids.URL} <= ours


@pytest.mark.parametrize(
    ("path", "search", "expected"),
    [
        ("/", "", "The corpus"),
        ("/", "?lang=vi", "Kho văn bản"),
        ("/timeline", "?hide=relations", "timeline-graph"),
        ("/document", "?doc=1-nq%2Ftw", "Resolution on openness"),
        ("/document", "?doc=..%2F..%2Fetc%2Fpasswd", "There is no document"),
        ("/explorer", "?q=unesco&from=abc&zzz=1", "Part of the address was not understood"),
        ("/no/such/page", "", "There is no page here"),
    ],
)
def test_pages_route_with_friendly_answers(app: Dash, path: str, search: str, expected: str) -> None:
    status, body = route(app, path, search)
    assert status == 200 and expected in json.loads(body)["response"].__repr__()
    assert "Traceback" not in body


@pytest.mark.parametrize(
    "url",
    [
        "/assets/../../seeds/alpha.txt",
        "/assets/..%2f..%2fpaths.py",
        "/assets/%2e%2e/%2e%2e/pyproject.toml",
        "/_dash-component-suites/../../etc/passwd",
        "/document?doc=/etc/passwd",
    ],
)
def test_no_file_outside_the_assets(app: Dash, url: str) -> None:
    response = app.server.test_client().get(url)
    body = response.get_data(as_text=True)
    assert "root:" not in body and "[project]" not in body and "Resolution No. 1-NQ/TW" not in body


def test_served_page_is_small_and_local(app: Dash) -> None:
    html = app.server.test_client().get("/").get_data(as_text=True)
    assert "validation_layout" not in html or len(html) < 50_000
    assert "cdn." not in html and "jsdelivr" not in html and "/assets/bootstrap.min.css" in html


def test_debug_is_off(app: Dash) -> None:
    config = app.server.test_client().get("/").get_data(as_text=True)
    assert '"ui":false' in config and '"props_check":false' in config
