"""URL query ⇄ frozen view states: parse, validate, default; write the query back; describe the view in words.

Every page's state lives in its URL, so that a copied address restores exactly the same view. A view is a
frozen dataclass with

- `from_query(search, vocab)` / `from_params(params, vocab)`: never raise. Unknown parameters, unknown values
  and malformed values are dropped, and each leaves a `Notice` that the page shows as a friendly warning;
- `to_query()`: the canonical query string (defaults omitted, so `from_query(v.to_query()) == v`);
- `href()`: the page's path plus the query; `caption(vocab)`: the view in words (datasette's human
  description).

One module a noun: `base` (what every view shares: `View`, `Notice`, `Vocabulary`, `parse_query`, the reader of
parameters), `documents` (home, timeline, document, explorer), `compare`, `themes` and `targets`. Every name is
re-exported here, so pages import from `dashboard.app.state`.

Adding a page: subclass `View` in the module of its noun, set PATH and PARAMS, implement `_parse` and `_params`
(and `caption`), re-export it here, and test the round trip and the malformed inputs in
tests/unit/app/test_state.py. Values are checked against `Vocabulary`, the set of names the dataset knows (built
once at start by `app.context`); this package itself reads no data.
"""

from dashboard.app.state.base import (
    MAX_FIELDS,
    MAX_VALUE,
    YEAR_MAX,
    YEAR_MIN,
    Notice,
    Params,
    View,
    Vocabulary,
    parse_query,
)
from dashboard.app.state.compare import STATUSES, CompareView
from dashboard.app.state.documents import (
    LAYERS,
    ROLES,
    DocumentView,
    ExplorerView,
    HomeView,
    SourceView,
    TimelineView,
    span_words,
)
from dashboard.app.state.targets import GROUPINGS, TargetsView, clamp_years, year_range_text
from dashboard.app.state.themes import ThemesView

__all__ = [
    "GROUPINGS",
    "LAYERS",
    "MAX_FIELDS",
    "MAX_VALUE",
    "ROLES",
    "STATUSES",
    "YEAR_MAX",
    "YEAR_MIN",
    "CompareView",
    "DocumentView",
    "ExplorerView",
    "HomeView",
    "Notice",
    "Params",
    "SourceView",
    "TargetsView",
    "ThemesView",
    "TimelineView",
    "View",
    "Vocabulary",
    "clamp_years",
    "parse_query",
    "span_words",
    "year_range_text",
]
