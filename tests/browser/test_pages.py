"""Every page renders, in both languages, with no console errors."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.app import ids

from .conftest import Journey
from .pages import sel, wait_for_page

pytestmark = pytest.mark.browser

PAGES = [
    ("/", ids.HOME_CORPUS, "The corpus"),
    ("/?lang=vi", ids.HOME_CORPUS, "Kho văn bản"),
    ("/timeline", ids.TIMELINE_GRAPH, "Relations between documents"),
    ("/timeline?lang=vi", ids.TIMELINE_GRAPH, "Quan hệ giữa các văn bản"),
    ("/document?doc=40-QD-TTg-2016", ids.DOC_PROVISIONS, "Provisions"),
    ("/document?doc=57-KL/TW", ids.DOC_HEADER, "known through the relations below"),
    ("/document", ids.DOC_UNKNOWN, "Choose a document"),
    ("/explorer", ids.EXP_RESULTS, "All provisions"),
    ("/explorer?lang=vi&q=asean", ids.EXP_RESULTS, "Điều khoản khớp"),
    ("/no/such/page", ids.NOT_FOUND, "There is no page here"),
]


@pytest.mark.parametrize(("path", "component", "text"), PAGES)
def test_pages001_every_page_renders_without_console_errors(
    journey: Journey, app_url: str, path: str, component: str, text: str
) -> None:
    journey.page.goto(app_url + path)
    wait_for_page(journey.page, component)
    expect(journey.page.locator("#main")).to_contain_text(text)
    expect(journey.page.locator(sel(ids.SHELL_FOOTER))).to_contain_text("0.1")
    journey.page.wait_for_timeout(300)  # let late callbacks (navbar, lang) settle before judging the console
    journey.shot()
    journey.assert_clean(not_found=component == ids.NOT_FOUND)


def test_pages002_navbar_marks_pages_not_built_yet(journey: Journey, app_url: str) -> None:
    page = journey.page
    page.goto(app_url + "/")
    wait_for_page(page, ids.HOME_CORPUS)
    for name in ("home", "timeline", "explorer"):
        expect(page.locator(sel(ids.nav_link(name)))).to_have_attribute(
            "href", "/" if name == "home" else f"/{name}"
        )
    expect(page.locator(sel(ids.nav_link("home")))).to_have_class("nav-link active")
    journey.assert_clean()
