"""Components: document text stays text, highlights cover every character once, badges say the coverage."""

from __future__ import annotations

import json

import plotly
import pytest
from dash import html

from dashboard.analysis.annotations import Span
from dashboard.app.components import (
    coverage_note,
    highlight,
    notices_alert,
    pager,
    provision_card,
    safe_href,
    source_badge,
    theme_chip,
)
from dashboard.app.components.badges import _ink
from dashboard.app.state import ExplorerView, Notice

from .helpers import components, strings, text_of

HOSTILE = 'Cooperate with UNESCO <script>alert(1)</script> and <img src=x onerror="alert(2)"> &amp; more'
PROVISION = {
    "id": "1-NQ-TW-2020:2.b2",
    "document_id": "1-NQ-TW-2020",
    "ordinal": 7,
    "depth": 2,
    "label": "-",
    "kind": "bullet",
    "own_text": True,
    "text": HOSTILE,
    "start": 120,
    "end": 205,
}
DOCUMENT = {
    "id": "1-NQ-TW-2020",
    "symbol": "1-NQ/TW",
    "seed_file": "alpha.txt",
    "coverage": "full",
    "source_kind": "official_translation",
    "held": True,
    "seed_url": float("nan"),
    "source_url": "https://example.org/alpha",
}


def serialised(component) -> str:
    return json.dumps(component, cls=plotly.utils.PlotlyJSONEncoder)


def test_highlight_keeps_every_character_once_in_order() -> None:
    text = "The Ministry of Foreign Affairs shall lead ASEAN work."
    children = highlight(text, [Span(4, 31, "actor", "MOFA"), Span(43, 48, "entity"), (0, 3, "query")])
    assert "".join(c if isinstance(c, str) else c.children for c in children) == text
    marks = [c for c in children if isinstance(c, html.Mark)]
    assert [m.children for m in marks] == ["The", "Ministry of Foreign Affairs", "ASEAN"]
    assert marks[1].className == "hl hl-actor" and marks[1].title == "MOFA"


@pytest.mark.parametrize(
    "spans",
    [
        [(5, 2)],
        [(-4, 3)],
        [(0, 999)],
        [(3, 10), (5, 8), (8, 20)],
        [(10, 12), (0, 11)],
        [],
    ],
)
def test_highlight_survives_bad_spans(spans) -> None:
    text = "abcdefghijklmnopqrstuvwxyz"
    children = highlight(text, spans)
    assert "".join(c if isinstance(c, str) else c.children for c in children) == text


def test_document_text_is_rendered_as_text_never_html() -> None:
    card = provision_card(PROVISION, [Span(4, 13, "query")], document=DOCUMENT)
    texts = strings(card)
    assert any("<script>alert(1)</script>" in s for s in texts)
    assert any('<img src=x onerror="alert(2)">' in s for s in texts)
    assert not components(card, "Markdown") and not components(card, "Iframe")
    assert "dangerously_allow_html" not in serialised(card)
    # the text reaches the browser as a JSON string child, which React renders as characters
    assert "\\u003cscript\\u003e" in serialised(card) or "<script>" in serialised(card)


def test_provision_card_shows_its_source_span_and_link() -> None:
    card = provision_card(
        PROVISION, document=DOCUMENT, themes=[{"theme_id": "culture_information", "score": 0.9}]
    )
    text = text_of(card)
    # the span in words a reader understands, linked to the app's source view (not to any outside page: the
    # facts' address is not where this text was published)
    assert "characters 121–205 of the seed file alpha.txt" in text and "[120:205]" not in text
    links = [a for a in components(card, "Link") if "source" in (a.className or "")]
    assert [a.href for a in links] == ["/source?doc=1-NQ-TW-2020&start=120&end=205"]
    assert not [a for a in components(card, "A") if a.href == "https://example.org/alpha"]
    assert card.id == "prov-7" and card.style == {"marginLeft": "1.6rem"}
    assert "Culture and external information" in text


def test_commentary_is_marked_as_not_the_documents_words() -> None:
    card = provision_card({**PROVISION, "kind": "commentary", "own_text": False}, document=DOCUMENT)
    assert "Publisher's framing, not the document's words" in text_of(card)
    assert "not-own" in card.className
    reported = provision_card(
        {**PROVISION, "kind": "reported", "own_text": False}, document=DOCUMENT, lang="vi"
    )
    assert "Tường thuật" in text_of(reported)


def test_selected_card_and_explorer_card() -> None:
    assert "selected" in provision_card(PROVISION, document=DOCUMENT, selected=True).className
    card = provision_card(
        PROVISION,
        document=DOCUMENT,
        show_document=True,
        indent=False,
        href="/document?doc=1-NQ-TW-2020&p=1-NQ-TW-2020:2.b2",
    )
    assert "1-NQ/TW" in text_of(card) and "Full text" in text_of(card)
    assert getattr(card, "id", None) is None and getattr(card, "style", None) is None
    hrefs = [link.href for link in components(card, "Link")]
    assert "/document?doc=1-NQ-TW-2020&p=1-NQ-TW-2020:2.b2" in hrefs
    assert "/source?doc=1-NQ-TW-2020&start=120&end=205" in hrefs


def test_actors_and_targets_listed_under_the_text() -> None:
    card = provision_card(
        PROVISION,
        document=DOCUMENT,
        actors=[{"name": "Ministry of Foreign Affairs", "role": "lead", "inherited": True}],
        targets=[{"end_year": 2030, "surface": "through 2030", "text": "long"}],
        lang="en",
    )
    text = text_of(card)
    assert "Ministry of Foreign Affairs (lead, from the enclosing item)" in text
    assert "★ 2030" in text and "“through 2030”" in text


@pytest.mark.parametrize(
    ("coverage", "kind", "held", "label", "css"),
    [
        ("full", "official_text", True, "Full text", "coverage-full"),
        ("partial", "press_quotation", True, "Partial excerpt", "coverage-partial"),
        ("summary", "news_report", True, "Secondary summary", "coverage-summary"),
        (None, None, False, "Not held", "coverage-not_held"),
        ("weird", "brand_new_kind", True, "Partial excerpt", "coverage-partial"),
    ],
)
def test_source_badge(coverage, kind, held, label, css) -> None:
    badge = source_badge(coverage, kind, "What the seed lacks.", held=held)
    assert label in text_of(badge) and css in badge.className
    assert badge.title == "What the seed lacks."
    if kind == "brand_new_kind":
        assert "brand new kind" in text_of(badge)


def test_badges_in_vietnamese_and_the_coverage_note() -> None:
    assert "Trích một phần" in text_of(source_badge("partial", "press_quotation", lang="vi"))
    note = coverage_note({**DOCUMENT, "coverage": "summary", "coverage_note": "Only the headings."})
    assert "Only the headings." in text_of(note) and "secondary account" in text_of(note)
    assert note.role == "note"


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a?b=c", True),
        ("http://x.vn", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>", False),
        ("/etc/passwd", False),
        ("file:///etc/passwd", False),
        ("//evil.example", False),
        (float("nan"), False),
        (None, False),
        ("", False),
    ],
)
def test_safe_href(url, ok) -> None:
    assert (safe_href(url) is not None) is ok


def test_theme_chip_colours_and_contrast() -> None:
    chip = theme_chip("governance")
    assert chip.style == {"backgroundColor": "#332288", "color": "#FFFFFF"}
    assert _ink("#EEDD88") == "#111111"


def test_notices_alert() -> None:
    assert "d-none" in notices_alert([], "en").className
    alert = notices_alert([Notice("unknown-param", "zzz")], "en", id="x")
    assert alert.role == "alert" and "zzz" in text_of(alert) and alert.id == "x"


@pytest.mark.parametrize(
    ("page", "pages", "hrefs"),
    [(1, 1, []), (1, 3, ["page=2"]), (2, 3, ["page=1", "page=3"]), (3, 3, ["page=2"])],
)
def test_pager_links_are_shareable_urls_to_the_neighbouring_pages(page, pages, hrefs) -> None:
    view = ExplorerView(q="asean", page=page)
    nav = pager(view, page, pages, f"Page {page} / {pages}", "the-pager", "en")
    links = components(nav, "Link")
    assert nav.id == "the-pager"
    assert [link.href for link in links] == [
        ExplorerView(q="asean", page=int(h.split("=")[1])).href() for h in hrefs
    ]
    assert all("q=asean" in link.href for link in links)  # the rest of the view is kept
    if pages > 1:
        assert f"Page {page} / {pages}" in strings(nav)


def test_a_search_snippet_is_text_with_marks_and_the_whole_provision_stays_one_click_away() -> None:
    text = PROVISION["text"]
    at = text.index("<script>")
    card = provision_card(PROVISION, [(at, at + 8, "query")], document=DOCUMENT, snippet=(at - 5, at + 30))
    snippet = next(p for p in components(card, "P") if "search-snippet" in (p.className or ""))
    marks = [c for c in snippet.children if isinstance(c, html.Mark)]
    # the marked words are the script tag's characters, as text: nothing in a document becomes markup
    assert [m.children for m in marks] == ["<script>"]
    assert all(isinstance(c, str | html.Mark) for c in snippet.children)
    assert snippet.children[0] == "… " and snippet.children[-1] == " …"
    assert "dangerously" not in serialised(card)
    whole = components(card, "Details")
    paragraph = components(whole[0], "P")[0]
    assert len(whole) == 1 and "".join(c if isinstance(c, str) else c.children for c in paragraph.children) == text
