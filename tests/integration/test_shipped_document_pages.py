"""A long document's provisions come a page at a time (read from the package for that page only), with the
rows shown, previous/next links that are shareable URLs, and the page that holds a linked provision."""

from __future__ import annotations

from pathlib import Path

import pytest
from dash import dcc

from dashboard.app import ids
from dashboard.app.context import AppData
from dashboard.app.state import DocumentView
from dashboard.app.views.document import PAGE_SIZE, document_page
from tests.unit.app.helpers import by_id, text_of, walk

LONG = "40-QD-TTg-2016"  # the shipped document with the most provisions (56)


@pytest.fixture(scope="module")
def shipped(shipped_data: Path) -> AppData:
    return AppData.load(shipped_data)


def _cards(layout) -> list[str]:
    section = by_id(layout, ids.DOC_PROVISIONS)
    return [n.id for n in walk(section) if type(n).__name__ == "Article"]


def _links(layout) -> dict[str, str]:
    nav = by_id(layout, ids.DOC_PAGER)
    return {text_of(link): link.href for link in walk(nav) if isinstance(link, dcc.Link)}


def test_a_long_document_shows_its_first_page_and_a_link_to_the_next(shipped: AppData):
    pids = shipped.by_document[LONG]
    assert len(pids) > PAGE_SIZE
    layout = document_page(shipped, DocumentView.from_query(f"?doc={LONG}", shipped.vocab))
    assert len(_cards(layout)) == PAGE_SIZE
    assert f"1–{PAGE_SIZE} / {len(pids)}" in text_of(by_id(layout, ids.DOC_PAGER))
    assert list(_links(layout).values()) == [f"/document?doc={LONG}&page=2"]
    # the note still counts the whole document, not the page
    assert f"{len(pids)} provisions" in text_of(by_id(layout, ids.DOC_PROVISIONS))


def test_the_next_page_holds_the_rest_in_reading_order(shipped: AppData):
    pids = shipped.by_document[LONG]
    first = document_page(shipped, DocumentView.from_query(f"?doc={LONG}", shipped.vocab))
    second = document_page(shipped, DocumentView.from_query(f"?doc={LONG}&page=2", shipped.vocab))
    ids_shown = [*_cards(first), *_cards(second)]
    assert len(ids_shown) == len(pids) and len(set(ids_shown)) == len(pids)
    assert f"{PAGE_SIZE + 1}–{len(pids)} / {len(pids)}" in text_of(by_id(second, ids.DOC_PAGER))
    assert "/document?doc=" in next(iter(_links(second).values()))  # ← previous


def test_a_linked_provision_opens_the_page_that_holds_it(shipped: AppData):
    last = shipped.by_document[LONG][-1]
    view = DocumentView.from_query(f"?doc={LONG}&p={last}", shipped.vocab)
    layout = document_page(shipped, view)
    assert f"{PAGE_SIZE + 1}–" in text_of(by_id(layout, ids.DOC_PAGER))
    assert by_id(layout, ids.DOC_ANCHOR).data in _cards(layout)


def test_a_short_document_has_no_pager(shipped: AppData):
    short = min((d for d, p in shipped.by_document.items() if p), key=lambda d: len(shipped.by_document[d]))
    layout = document_page(shipped, DocumentView.from_query(f"?doc={short}", shipped.vocab))
    assert len(_cards(layout)) == len(shipped.by_document[short]) and not _links(layout)


def test_the_list_of_documents_comes_a_page_at_a_time(shipped: AppData, monkeypatch: pytest.MonkeyPatch):
    """Without a document (or with an unknown one) the page lists the documents, a page at a time: a corpus of
    thousands is not sent whole (the page size is made small here; the shipped corpus has 7 documents)."""
    import dashboard.app.views.document as document_view

    monkeypatch.setattr(document_view, "PAGE_SIZE", 3)
    listed = [d for d in shipped.documents if not shipped.vocab.version_of(d)]
    first = document_page(shipped, DocumentView.from_query("?doc=no-such-document", shipped.vocab))
    last = document_page(shipped, DocumentView.from_query("?doc=no-such-document&page=3", shipped.vocab))
    assert "no-such-document" in text_of(first) and "no-such-document" in text_of(last)
    assert f"1–3 / {len(listed)}" in text_of(by_id(first, ids.DOC_PAGER))
    assert _links(first) == {"Next →": "/document?doc=no-such-document&page=2"}
    assert f"7–{len(listed)} / {len(listed)}" in text_of(by_id(last, ids.DOC_PAGER))
