"""Journey: read a document with its sources; follow a link to one provision; mistype a document."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.app import ids

from .conftest import Journey
from .pages import sel, wait_for_page

pytestmark = pytest.mark.browser


def test_doc001_document_header_and_provisions(journey: Journey, app_url: str) -> None:
    page = journey.page
    page.goto(app_url + "/document?doc=01/nq-cp")  # a symbol, any case
    wait_for_page(page, ids.DOC_PROVISIONS)
    header = page.locator(sel(ids.DOC_HEADER))
    expect(header).to_contain_text("01/NQ-CP")
    expect(header).to_contain_text("2016-01-07")
    expect(header.locator(".coverage-badge")).to_contain_text("Partial excerpt · press quotation")
    expect(header).to_contain_text("The diplomacy section only")
    expect(header).to_contain_text("references")
    cards = page.locator(f"{sel(ids.DOC_PROVISIONS)} article.provision")
    expect(cards).to_have_count(13)  # the page's truncated teaser of its lead is skipped as chrome
    expect(page.locator("#prov-1 .kind-badge")).to_have_text("Publisher's framing, not the document's words")
    expect(page.locator("#prov-4")).to_contain_text("characters 712–1,449 of the seed file 001_0092e438174fb30e.txt")
    source = page.locator("#prov-4 a", has_text="characters 712–1,449")
    expect(source).to_have_attribute("href", "/source?doc=01-NQ-CP-2016&start=711&end=1449")
    assert (
        page.locator("#prov-4").evaluate("e => getComputedStyle(e).marginLeft") != "0px"
    )  # depth 2 is indented
    journey.shot()
    journey.assert_clean()


def test_doc002_p_scrolls_to_and_marks_the_provision(journey: Journey, app_url: str) -> None:
    page = journey.page
    page.goto(app_url + "/document?doc=40-QD-TTg-2016&p=40-QD-TTg-2016:partV.2")
    wait_for_page(page, ids.DOC_PROVISIONS)
    card = page.locator("article.provision.selected")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Stage 2: Evaluate the outcomes of the first stage")
    expect(card).to_be_in_viewport()
    page.screenshot(path=str(journey.shot().with_name(journey.name + "-viewport.png")))
    journey.assert_clean()


def test_doc003_unknown_document_gives_a_friendly_message(journey: Journey, app_url: str) -> None:
    page = journey.page
    page.goto(app_url + "/document?doc=99-XYZ-2031&p=../../seeds/000_2682bb45d031bee5.txt")
    wait_for_page(page, ids.DOC_UNKNOWN)
    box = page.locator(sel(ids.DOC_UNKNOWN))
    expect(box).to_contain_text("There is no document “99-XYZ-2031” in this dataset.")
    expect(box.locator("a")).to_have_count(7)
    expect(page.locator(sel(ids.DOC_NOTICES))).to_contain_text("Ignored p=")
    expect(page.locator("body")).not_to_contain_text("Traceback")
    box.locator("a", has_text="22-NQ/TW").click()
    expect(page).to_have_url(app_url + "/document?doc=22-NQ-TW-2013")
    expect(page.locator(sel(ids.DOC_HEADER))).to_contain_text("A secondary account")
    journey.shot()
    journey.assert_clean()


def test_doc004_markup_in_a_provision_shows_as_characters(journey: Journey, fixture_url: str) -> None:
    page = journey.page
    page.goto(fixture_url + "/document?doc=1-NQ-TW-2020&p=1-NQ-TW-2020:2.b2")
    wait_for_page(page, ids.DOC_PROVISIONS)
    card = page.locator("article.provision.selected .provision-text")
    expect(card).to_have_text("- Cooperate with UNESCO on cultural heritage <script>alert(1)</script>.")
    assert page.locator("article.provision script").count() == 0
    page.wait_for_timeout(300)
    journey.shot()
    journey.assert_clean()  # includes: no alert() dialog opened
