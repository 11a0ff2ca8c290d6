"""A document held in two languages: the Document page's `version` parameter, checked; the switch between the
versions; theme charts and the corpus table count the document once."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.app import ids
from dashboard.app.context import AppData
from dashboard.app.state import DocumentView
from dashboard.app.views.document import document_page
from dashboard.dataset.build import run as build_package
from tests.bilingual import DOC_ID, VI_ID, bilingual_seeds


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> AppData:
    root = tmp_path_factory.mktemp("versions")
    build_package(bilingual_seeds(root / "seeds"), root / "data")
    return AppData.load(Path(root / "data"))


def _view(data: AppData, **params: str) -> DocumentView:
    return DocumentView.from_params(params, data.vocab)


def test_version_picks_the_text_shown_and_round_trips(data: AppData):
    view = _view(data, doc=DOC_ID, version="vi")
    assert (view.version, view.shown(data.vocab), view.notices) == ("vi", VI_ID, ())
    assert view.href() == f"/document?doc={DOC_ID}&version=vi"
    assert _view(data, doc=DOC_ID, version="en").href() == f"/document?doc={DOC_ID}"  # the primary is the default


def test_a_versions_own_id_or_provision_opens_the_document_at_that_version(data: AppData):
    assert _view(data, doc=VI_ID).href() == f"/document?doc={DOC_ID}&version=vi"
    view = _view(data, doc=DOC_ID, p=f"{VI_ID}:1.a")
    assert (view.version, view.p) == ("vi", f"{VI_ID}:1.a")


@pytest.mark.parametrize("doc, version", [(DOC_ID, "fr"), (DOC_ID, "<b>vi</b>"), ("1-NQ-TW-2020", "vi")])
def test_an_unknown_version_is_a_notice_and_the_primary_version_is_shown(data: AppData, doc: str, version: str):
    view = _view(data, doc=doc, version=version)
    assert [(n.code, n.param) for n in view.notices] == [("unknown-value", "version")]
    assert (view.version, view.shown(data.vocab)) == ("", doc)


def _find(node, wanted: str):
    if isinstance(node, list):
        return next((found for child in node if (found := _find(child, wanted)) is not None), None)
    if getattr(node, "id", None) == wanted:
        return node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list) else [children] if children is not None else []:
        found = _find(child, wanted)
        if found is not None:
            return found
    return None


def test_the_page_shows_the_version_asked_for_and_links_the_other(data: AppData):
    page = document_page(data, _view(data, doc=DOC_ID, version="vi"))
    text = str(page)
    assert "Giữ vững biên giới trên biển" in text and "Keep the maritime border" not in text
    switch = str(_find(page, ids.DOC_VERSIONS))
    assert f"href='/document?doc={DOC_ID}'" in switch and "aria-current='page'" in switch
    assert f"/compare?a={DOC_ID}&b={VI_ID}" in switch


def test_a_document_in_one_language_has_no_switch(data: AppData):
    switch = _find(document_page(data, _view(data, doc="1-NQ-TW-2020")), ids.DOC_VERSIONS)
    assert switch is not None and switch.hidden


def test_the_corpus_lists_a_bilingual_document_once(data: AppData):
    held = [d["id"] for d in data.held_documents()]
    assert DOC_ID in held and VI_ID not in held
    assert VI_ID not in list(data.dataset.held_documents()["id"])
    chooser = str(document_page(data, DocumentView.from_params({}, data.vocab)))
    assert f"doc={VI_ID}" not in chooser and f"doc={DOC_ID}" in chooser


def test_theme_shares_say_which_version_they_count(data: AppData):
    import json

    import plotly.utils

    from dashboard.app.state import ThemesView
    from dashboard.app.views.themes import themes_page

    def shown(params: dict[str, str]) -> str:  # the page with its charts' captions, line breaks undone
        page = themes_page(data, ThemesView.from_params(params, data.vocab))
        return json.dumps(page, cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False).replace("<br>", " ")

    switch = str(_find(document_page(data, _view(data, doc=DOC_ID, version="vi")), ids.DOC_VERSIONS))
    assert "Theme shares count the primary version only" in switch
    assert "A document held in two languages is counted once, in its primary version." in shown({"docs": DOC_ID})
    vi = shown({"docs": DOC_ID, "lang": "vi"})
    assert "counted once" not in vi and "Văn bản có hai bản ngôn ngữ chỉ được tính một lần, theo bản chính." in vi
