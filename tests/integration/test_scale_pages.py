"""Views that stay small, on a generated corpus: every callback of every page (the cases bench/bench_callbacks.py
times, posted as the browser posts them) answers under 1 MB; the timeline counts documents per lane and year
once they pass the aggregation limit and shows a clicked year's documents one by one.

The corpus is modest (40 documents, so the build takes a minute here), and the timeline's limit is set below its
size for the test, so the aggregated path is the one exercised: the same code a corpus of thousands takes.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from dashboard.app import create_app, ids
from dashboard.app.context import current
from dashboard.dataset.build import run as build_package
from dashboard.figures.timeline import aggregate
from dashboard.paths import REPO_DIR

sys.path.insert(0, str(REPO_DIR / "bench"))

from bench_callbacks import Case, cases, request_for  # noqa: E402
from generate_corpus import generate  # noqa: E402

MB = 1 << 20
N = 40


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("scale")
    generate(root / "seeds", N, seed=8)
    build_package(root / "seeds", root / "data")
    return root / "data"


@pytest.fixture(scope="module")
def served(generated: Path):
    """The app on the generated corpus with the timeline's limit below its size, its test client, the callbacks'
    declarations and the size of every case's response."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(aggregate, "AGGREGATE_LIMIT", N // 2)  # this corpus stands for one of thousands
        app = create_app(generated)
        with app.server.app_context():
            data = current()
        client = app.server.test_client()
        deps = json.loads(client.get("/_dash-dependencies").get_data(as_text=True))
        sizes: dict[str, int] = {}
        for case in cases(data):
            response = client.post("/_dash-update-component", json=request_for(case, deps))
            assert response.status_code in (200, 204), (case.callback, response.get_data(as_text=True)[:300])
            sizes[f"{case.callback} {json.dumps(case.values)[:160]}"] = len(response.get_data())
        yield data, client, deps, sizes


def test_no_page_response_is_over_a_megabyte(served):
    _data, _client, _deps, sizes = served
    too_big = {k: v for k, v in sizes.items() if v > MB and "compare" not in k}
    assert not too_big, too_big


def test_no_compare_response_is_over_a_megabyte(served):
    """The generated pair has hundreds of pairs, each offering counterparts and corrections: the rows go a page
    at a time, packed (views/compare_rows.py); 150 of them as they were sent before made 1.0–1.5 MB."""
    _data, _client, _deps, sizes = served
    compare = {k: v for k, v in sizes.items() if "compare" in k}
    assert compare and max(compare.values()) > 100 << 10  # the pair's rows are in these answers
    too_big = {k: v for k, v in compare.items() if v > MB}
    assert not too_big, too_big


def test_the_timeline_counts_documents_and_shows_a_clicked_year_one_by_one(served):
    data, client, deps, _sizes = served
    router = "_pages_content.children"
    first, last = data.vocab.years

    def page(search: str) -> str:
        case = Case("router", router, {"_pages_location.pathname": "/timeline", "_pages_location.search": search})
        return client.post("/_dash-update-component", json=request_for(case, deps)).get_data(as_text=True)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(aggregate, "AGGREGATE_LIMIT", N // 2)
        grouped = page("?hide=relations")  # not a view drawn (and cached) before
        one_year = page(f"?from={last}&to={last}")
    assert '"year:' in grouped and "too many to draw one by one" in grouped
    assert '"year:' not in one_year  # the documents of that year, one by one
    that_year = [d for d, row in data.documents.items() if str(row["issued"])[:4] == str(last)]
    assert that_year and all(f'"{d}"' in one_year for d in that_year)

    click = Case(
        "click",
        f"{ids.NAV}.href",
        {f"{ids.TIMELINE_GRAPH}.clickData": {"points": [{"customdata": [f"year:{first}"]}]}, "url.search": ""},
        trigger=True,
    )
    answer = client.post("/_dash-update-component", json=request_for(click, deps)).get_json()
    assert f"/timeline?from={first}&to={first}" in json.dumps(answer)


# the tables a worker may hold after serving the pages about documents and provisions: the dimension tables
SMALL_TABLES = {"documents", "document_versions", "themes", "entities", "actors", "relations"}


def _router(client, deps, path: str, search: str) -> str:
    values = {"_pages_location.pathname": path, "_pages_location.search": search}
    case = Case("router", "_pages_content.children", values)
    response = client.post("/_dash-update-component", json=request_for(case, deps))
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.fixture(scope="module")
def fresh(generated: Path):
    """A new app on the generated corpus (nothing served yet), its data, test client and callbacks."""
    app = create_app(generated)
    with app.server.app_context():
        data = current()
    client = app.server.test_client()
    deps = json.loads(client.get("/_dash-dependencies").get_data(as_text=True))
    return data, client, deps


def test_serving_home_explorer_and_document_pages_loads_no_large_table(fresh):
    data, client, deps = fresh
    assert data.dataset.loaded() <= SMALL_TABLES  # nothing large read at start
    held = sorted(data.vocab.held)
    for path, search in [
        ("/", ""),
        ("/explorer", ""),
        ("/explorer", "?q=cooperation"),
        ("/explorer", f"?theme={data.vocab.themes[0]}"),
        ("/document", f"?doc={held[0]}"),
        ("/document", f"?doc={held[-1]}&page=2"),
    ]:
        _router(client, deps, path, search)
    assert data.dataset.loaded() <= SMALL_TABLES, data.dataset.loaded() - SMALL_TABLES
    # the search index keeps no provision text in the worker (it reads the page's texts when it shows them)
    assert data.index.text is not None and data.index.text.texts is None
    assert "text" not in data.index.frame.columns


def test_the_explorer_and_document_pages_send_one_page_of_rows(fresh):
    data, client, deps = fresh
    total = sum(int(d.get("provisions") or 0) for d in data.documents.values())
    assert total > 100
    page = _router(client, deps, "/explorer", "")
    assert page.count('"provision-head"') == 25  # one page of result cards, whatever the corpus holds
    assert f'"data-count":"{total}"' in page.replace(" ", "")  # counted over every provision
    biggest = max(data.documents, key=lambda d: int(data.documents[d].get("provisions") or 0))
    shown = json.loads(_router(client, deps, "/document", f"?doc={biggest}"))
    size = len(data.by_document[biggest])
    assert size > 50 and json.dumps(shown).count('"provision-head"') == 50  # the Document page pages by 50
    assert f"1–50 / {size}" in json.dumps(shown, ensure_ascii=False)


def test_a_briefing_packs_sources_slide_lists_the_pair_and_counts_the_rest(generated: Path):
    """Past a dozen held documents the sources slide lists the two compared, marked, and counts every held source
    by its coverage: a table of the whole corpus would show its first rows, which need not be the pair."""
    from dashboard.dataset.load import Dataset
    from dashboard.export.brief_slides import sources_slide

    dataset = Dataset(generated)
    held = dataset.held_documents()
    a, b = held["id"].iloc[-1], held["id"].iloc[0]  # the later first: the marks follow the pair, not the order
    slide = sources_slide(dataset, (a, b))
    symbols = dict(zip(held["id"], held["symbol"], strict=True))
    assert sorted(row[0] for row in slide.rows) == sorted([f"{symbols[a]} (A)", f"{symbols[b]} (B)"])
    assert f"holds {len(held)} sources (" in slide.note
    counted = re.findall(r"(\d+) (full|partial|summary)", slide.note)
    assert counted and sum(int(n) for n, _ in counted) == len(held)
    assert dict((kind, int(n)) for n, kind in counted) == held["coverage"].value_counts().to_dict()
