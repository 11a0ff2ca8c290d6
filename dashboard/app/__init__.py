"""The Dash app: `create_app(data_dir)` loads the data package once and serves the pages in `pages/`.

Layering: this package is the ONLY place that imports dash. It reads the published data package (data/)
through `dashboard.dataset`, draws charts through `dashboard.figures` and never reads seeds/ or recomputes
what the build stored (enforced by import-linter; see pyproject.toml).

Conventions for a new page (Themes, Targets, Compare follow them):
- `pages/<path>.py`: `dash.register_page(__name__, path="/<path>")`, `layout(**params)` built from the query
  string via a `View` in `state/`, and `@callback`s whose bodies are three lines over builders in
  `views/<path>.py`;
- component ids in `ids.py` with the page's prefix; UI words in `i18n.py` (en and vi);
- the page's state is its URL: callbacks write `Output(ids.URL, "search", allow_duplicate=True)` with
  `prevent_initial_call=True`, and the layout rebuilds the same view from a pasted address. Dash still fires
  such a callback when the router inserts the page (its URL output already exists), so the callback raises
  PreventUpdate when `view.same_as(search, vocab)`;
- document text goes in as component children (never HTML strings); charts flag coverage and source kind.

`create_app` finishes Dash's first-request setup itself, so the page callbacks bind to the app just made (Dash
otherwise binds `@callback`s to whichever app serves first), and each app serves its own data
(`context.current()` looks in the Flask app first): several apps, one after another, in one process are fine.
"""

from __future__ import annotations

import gc
from pathlib import Path

from dash import Dash

from dashboard.app import allocators, export_route, gate, guard, shell
from dashboard.app.context import EXTENSION, AppData, use
from dashboard.paths import ASSETS_DIR

PAGES_DIR = Path(__file__).resolve().parent / "pages"


def create_app(data_dir: Path | str | None = None) -> Dash:
    """Return the dashboard for the data package in `data_dir` (default data/), loaded once."""
    allocators.tune()  # fewer malloc arenas, Arrow on the system allocator: before the data are read
    data = use(AppData.load(data_dir))
    # The loaded data never change and hold a few hundred thousand objects: move them out of the cyclic
    # garbage collector's sight, or every full collection walks them all (a 0.3-0.5 s pause inside a callback
    # on a thousand documents).
    gc.collect()
    gc.freeze()
    app = Dash(
        __name__,
        use_pages=True,
        pages_folder=str(PAGES_DIR),
        assets_folder=str(ASSETS_DIR),
        # Bootstrap first, then app.css (assets load in file-name order, which would put app.css first)
        assets_ignore=r"bootstrap\.min\.css",
        external_stylesheets=["/assets/bootstrap.min.css"],
        title="Policy timeline",
        update_title=None,  # pyright: ignore[reportArgumentType] - Dash documents None (no "Updating..." title); its stub says str
        serve_locally=True,
        # Page components exist only on their page. Without this, Dash would render every page's layout into
        # a "validation layout" embedded in each HTML response (MBs on a large corpus);
        # tests/unit/app/test_wiring.py checks instead that every callback's ids exist in the layouts.
        suppress_callback_exceptions=True,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.server.extensions[EXTENSION] = data
    app.layout = shell.layout(data)
    shell.register_callbacks(app, data)
    with app.server.test_request_context("/"):
        app.server.preprocess_request()  # Dash's first-request setup: binds the pages' callbacks to this app
    gate.install(app.server, app.config.routes_pathname_prefix)  # at most CALLBACKS_AT_ONCE callbacks compute
    guard.install(app)  # body size limit; malformed callback requests get a 400, not a 500 from inside Dash
    export_route.install(app.server, app.config.routes_pathname_prefix)  # GET /export: files, or 503 when busy
    return app
