"""The app as Dash serves it (Flask test client, no browser): callbacks bound, ids present, pages routed, and
requests that try to reach files get nothing."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

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
from dashboard.paths import ASSETS_DIR, PACKAGE_DIR, REPO_DIR

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
        ("/document", "?doc=/etc/passwd", "There is no document"),
        ("/explorer", "?q=unesco&from=abc&zzz=1", "Part of the address was not understood"),
        ("/no/such/page", "", "There is no page here"),
    ],
)
def test_pages_route_with_friendly_answers(app: Dash, path: str, search: str, expected: str) -> None:
    status, body = route(app, path, search)
    assert status == 200 and expected in json.loads(body)["response"].__repr__()
    assert "Traceback" not in body


# Each URL tries to climb out of a folder the server serves files from, towards a file that does exist there; the
# server must answer 404 and nothing of the file. (`?doc=` paths are pages, not files: see the routing test above.)
DASH_DIR = Path(dash.__file__).parent
SUITES = "/_dash-component-suites/dash/"
CLIMBS = [  # (served folder's URL, the climb, the folder, the file it reaches)
    ("/assets/", "../__init__.py", ASSETS_DIR, ASSETS_DIR.parent / "__init__.py"),
    ("/assets/", "..%2f..%2fpaths.py", ASSETS_DIR, PACKAGE_DIR / "paths.py"),
    ("/assets/", "%2e%2e/%2e%2e/%2e%2e/pyproject.toml", ASSETS_DIR, REPO_DIR / "pyproject.toml"),
    ("/assets/", "..%2f..%2f..%2ftests%2ffixtures%2fseeds%2falpha.txt", ASSETS_DIR,
     REPO_DIR / "tests" / "fixtures" / "seeds" / "alpha.txt"),
    (SUITES, "__init__.py", DASH_DIR, DASH_DIR / "__init__.py"),  # a file of the package, not a resource it serves
    (SUITES, "..%2f" * (len(DASH_DIR.parts) - 1) + "etc%2fpasswd", DASH_DIR, Path("/etc/passwd")),
]


@pytest.mark.parametrize(("prefix", "climb", "served", "target"), CLIMBS, ids=[c[3].name for c in CLIMBS])
def test_no_file_outside_the_assets(app: Dash, prefix: str, climb: str, served: Path, target: Path) -> None:
    assert (served / unquote(climb)).resolve() == target.resolve() and target.is_file()  # aimed at a real file
    first_line = next(line for line in target.read_text(encoding="utf-8").splitlines() if line.strip())
    with app.server.test_client().get(prefix + climb) as response:
        assert response.status_code == 404
        assert first_line not in response.get_data(as_text=True)


def test_the_assets_are_served(app: Dash) -> None:
    """The climbs above use the prefix real assets are served under."""
    with app.server.test_client().get("/assets/app.css") as response:  # a file response holds the file open
        assert response.status_code == 200
        assert response.get_data(as_text=True) == (ASSETS_DIR / "app.css").read_text(encoding="utf-8")


def test_served_page_is_small_and_local(app: Dash) -> None:
    html = app.server.test_client().get("/").get_data(as_text=True)
    assert "validation_layout" not in html or len(html) < 50_000
    assert "cdn." not in html and "jsdelivr" not in html and "/assets/bootstrap.min.css" in html


def test_debug_is_off(app: Dash) -> None:
    config = app.server.test_client().get("/").get_data(as_text=True)
    assert '"ui":false' in config and '"props_check":false' in config


@pytest.mark.parametrize("picker", [ids.EXP_DOCS, ids.THEMES_DOCS, ids.TARGETS_DOCS, ids.COMPARE_A, ids.COMPARE_B])
def test_typing_in_a_documents_picker_searches_every_document(app: Dash, app_data: AppData, picker: str) -> None:
    # a large corpus lists only the latest documents before the reader types: what is typed must reach them all
    held = [d for d in app_data.documents if d in app_data.vocab.held]
    first = held[0]
    symbol = app_data.vocab.symbol(first)
    payload = {
        "output": f"{picker}.options",
        "outputs": {"id": picker, "property": "options"},
        "inputs": [{"id": picker, "property": "search_value", "value": symbol[:6].lower()}],
        "state": [{"id": picker, "property": "value", "value": []}],
        "changedPropIds": [f"{picker}.search_value"],
    }
    response = app.server.test_client().post("/_dash-update-component", json=payload)
    assert response.status_code == 200, response.get_data(as_text=True)
    options = json.loads(response.get_data(as_text=True))["response"][picker]["options"]
    assert first in [o["value"] for o in options]
    assert all(symbol[:6].casefold() in (o["label"] + o["value"]).casefold() for o in options)
