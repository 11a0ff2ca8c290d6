"""Journey: land on the dashboard, read what the corpus holds and how much of it, switch language."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.app import ids

from .conftest import Journey
from .pages import sel, wait_for_page

pytestmark = pytest.mark.browser


def test_home001_corpus_table_flags_coverage_and_source_kind(journey: Journey, app_url: str) -> None:
    page = journey.page
    page.goto(app_url + "/")
    wait_for_page(page, ids.HOME_CORPUS)
    rows = page.locator(f"{sel(ids.HOME_CORPUS)} tbody tr")
    expect(rows).to_have_count(5)
    expect(page.locator(sel(ids.HOME_COVERAGE))).to_contain_text(
        "All 5 seeds are partial, and 2 of them are secondary accounts (22-NQ/TW, 59-NQ/TW)"
    )
    expect(page.locator(f"{sel(ids.HOME_CORPUS)} .coverage-summary")).to_have_count(2)
    expect(page.locator(f"{sel(ids.HOME_CORPUS)} .coverage-partial")).to_have_count(3)
    badge = page.locator("#home-row-59-NQ-TW-2025 .coverage-badge")
    expect(badge).to_contain_text("Secondary summary · infographic summary")
    expect(badge).to_have_attribute(
        "title",
        "An infographic summary: the three overall objectives and the headings "
        "of the seven task groups, with the newspaper's framing. The "
        "resolution's full text (viewpoints, detailed tasks) is not in the seed.",
    )
    expect(page.locator(sel(ids.HOME_REFERENCED))).to_contain_text("1052/NQ-UBTVQH13")
    journey.shot()
    journey.assert_clean()


def test_home002_language_switch_is_kept_in_the_url_and_links(journey: Journey, app_url: str) -> None:
    page = journey.page
    page.goto(app_url + "/")
    wait_for_page(page, ids.HOME_CORPUS)
    page.click(sel(ids.lang_link("vi")))
    expect(page).to_have_url(app_url + "/?lang=vi")
    expect(page.locator("h1")).to_contain_text("Chính sách hội nhập quốc tế")
    expect(page.locator(sel(ids.nav_link("timeline")))).to_have_attribute("href", "/timeline?lang=vi")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.click(sel(ids.nav_link("timeline")))
    expect(page).to_have_url(app_url + "/timeline?lang=vi")
    wait_for_page(page, ids.TIMELINE_GRAPH)
    expect(page.locator(sel(ids.TIMELINE_GRAPH))).to_contain_text("Các văn bản về hội nhập quốc tế")
    page.click(sel(ids.lang_link("en")))
    expect(page).to_have_url(app_url + "/timeline")
    expect(page.locator(sel(ids.nav_link("home")))).to_have_attribute("href", "/")
    journey.assert_clean()


def test_home003_document_link_opens_the_document(journey: Journey, app_url: str) -> None:
    page = journey.page
    page.goto(app_url + "/")
    wait_for_page(page, ids.HOME_CORPUS)
    page.locator("#home-row-153-NQ-CP-2025 a").first.click()
    expect(page).to_have_url(app_url + "/document?doc=153-NQ-CP-2025")
    expect(page.locator(sel(ids.DOC_HEADER))).to_contain_text("Government's Action Programme to implement")
    journey.assert_clean()
