"""Journey: "Can I read this on my phone?" At 390 x 844 px no page scrolls sideways, the navbar folds behind a
menu button that opens it, the timeline, the heatmap and the targets timeline give way to lists, and wide tables
show that they scroll. English and Vietnamese."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from dashboard.app import ids

from .conftest import Journey
from .pages import sel, wait_for_page

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PAGES = [
    ("/", ids.HOME_CORPUS),
    ("/timeline", ids.TIMELINE_LIST),
    ("/themes", ids.THEMES_HEATMAP_LIST),
    ("/targets", ids.TARGETS_LIST),
    ("/targets?from=2030&to=2030", ids.TARGETS_TABLE),
    ("/explorer?q=ASEAN", ids.EXP_RESULTS),
    ("/compare?a=40-QD-TTg-2016&b=153-NQ-CP-2025", ids.COMPARE_CONTENT),
    ("/document?doc=40-QD-TTg-2016", ids.DOC_PROVISIONS),
]


def _phone(journey: Journey) -> Page:
    journey.page.set_viewport_size(PHONE)
    return journey.page


def _scroll_width(page: Page) -> int:
    page.wait_for_timeout(500)  # charts and late callbacks draw after the page's first component
    return int(page.evaluate("() => document.documentElement.scrollWidth"))


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize(("path", "component"), PAGES)
def test_phone001_no_page_scrolls_sideways(journey: Journey, app_url: str, path: str, component: str, lang: str):
    page = _phone(journey)
    page.goto(app_url + path + (("&" if "?" in path else "?") + "lang=vi" if lang == "vi" else ""))
    wait_for_page(page, component)
    assert _scroll_width(page) <= PHONE["width"]
    journey.shot()
    journey.assert_clean()


def test_phone002_the_navbar_folds_behind_a_menu_button(journey: Journey, app_url: str) -> None:
    page = _phone(journey)
    page.goto(app_url + "/?lang=vi")
    wait_for_page(page, ids.HOME_CORPUS)
    toggler = page.locator(sel(ids.NAV_TOGGLER))
    themes = page.locator(sel(ids.nav_link("themes")))
    expect(toggler).to_be_visible()
    expect(toggler).to_have_attribute("aria-label", "Danh mục")
    brand, button = (page.locator(s).bounding_box() for s in (".site-navbar .navbar-brand", sel(ids.NAV_TOGGLER)))
    assert brand and button and button["y"] < brand["y"] + brand["height"]  # the longer name keeps one row
    expect(themes).to_be_hidden()
    toggler.click()
    expect(themes).to_be_visible()
    themes.click()
    expect(page).to_have_url(app_url + "/themes?lang=vi")
    wait_for_page(page, ids.THEMES_HEATMAP_LIST)
    expect(page.locator(sel(ids.nav_link("targets")))).to_be_hidden()  # the new page starts with the menu shut
    page.set_viewport_size({"width": 1280, "height": 900})  # on a laptop: links in the bar, no button
    expect(toggler).to_be_hidden()
    expect(page.locator(sel(ids.nav_link("targets")))).to_be_visible()
    journey.assert_clean()


def test_phone003_heatmap_and_targets_timeline_become_lists(journey: Journey, app_url: str) -> None:
    page = _phone(journey)
    page.goto(app_url + "/themes?theme=science_technology")
    wait_for_page(page, ids.THEMES_HEATMAP_LIST)
    expect(page.locator(sel(ids.THEMES_HEATMAP))).to_be_hidden()
    listed = page.locator(sel(ids.THEMES_HEATMAP_LIST))
    expect(listed.locator("[data-doc='40-QD-TTg-2016'] li")).to_have_text(["Science, technology and innovation13%"])
    expect(listed.locator("[data-doc='22-NQ-TW-2013']")).to_contain_text("no text on this basis")
    expect(page.locator(sel(ids.THEMES_EVOLUTION))).to_be_hidden()  # needs a wider screen, and says so
    expect(page.get_by_text("need a wider screen")).to_be_visible()
    page.goto(app_url + "/targets?from=2030&to=2030&lang=vi")
    wait_for_page(page, ids.TARGETS_LIST)
    expect(page.locator(sel(ids.TARGETS_TIMELINE))).to_be_hidden()
    items = page.locator(f"{sel(ids.TARGETS_LIST)} li[data-target]")
    expect(items).to_have_count(8)  # the deadlines due in 2030; names and cross-references are apart
    expect(page.locator(sel(ids.TARGETS_LIST))).to_contain_text("Mục tiêu theo năm đến hạn")
    page.set_viewport_size({"width": 1280, "height": 900})  # a laptop shows the chart, not the list
    expect(page.locator(sel(ids.TARGETS_TIMELINE))).to_be_visible()
    expect(page.locator(sel(ids.TARGETS_LIST))).to_be_hidden()
    journey.assert_clean()


def test_phone004_a_wide_table_shows_that_it_scrolls(journey: Journey, app_url: str) -> None:
    page = _phone(journey)
    page.goto(app_url + "/targets?from=2030&to=2030")
    wait_for_page(page, ids.TARGETS_TABLE)
    box = page.locator(f"{sel(ids.TARGETS_TABLE)} .table-scroll").first
    expect(box).to_be_visible()
    wide, style = box.evaluate(
        "el => [el.scrollWidth > el.clientWidth,"
        " getComputedStyle(el).overflowX + ' ' + getComputedStyle(el).backgroundImage]"
    )
    assert wide and style.startswith("auto") and "radial-gradient" in style  # the shadow at the edge it goes on past
    expect(page.locator(f"{sel(ids.TARGETS_TABLE)} .scroll-hint").first).to_be_visible()
    journey.shot()
    journey.assert_clean()


def test_phone005_the_timeline_becomes_the_documents_in_order_of_issue(journey: Journey, app_url: str) -> None:
    page = _phone(journey)
    page.goto(app_url + "/timeline?lang=vi")
    wait_for_page(page, ids.TIMELINE_LIST)
    expect(page.locator(sel(ids.TIMELINE_GRAPH))).to_be_hidden()
    listed = page.locator(sel(ids.TIMELINE_LIST))
    docs = listed.locator("li[data-doc]")
    expect(docs.first).to_have_attribute("data-doc", "22-NQ-TW-2013")  # in order of issue, the earliest first
    expect(docs.last).to_have_attribute("data-doc", "153-NQ-CP-2025")
    expect(listed).to_contain_text("Các văn bản theo thứ tự ban hành")
    action = listed.locator("[data-doc='153-NQ-CP-2025']")
    expect(action).to_contain_text("2030, 2035")  # its horizons
    expect(action.get_by_role("link", name="59-NQ/TW")).to_have_attribute("href", "/document?doc=59-NQ-TW-2025&lang=vi")
    expect(listed.locator("[data-doc='57-KL-TW-2023']")).to_contain_text("không có văn bản")  # not held: no link
    expect(listed.locator("[data-doc='57-KL-TW-2023'] a")).to_have_count(0)
    page.set_viewport_size({"width": 1280, "height": 900})  # a laptop shows the chart, not the list
    expect(page.locator(sel(ids.TIMELINE_GRAPH))).to_be_visible()
    expect(listed).to_be_hidden()
    journey.assert_clean()


def test_phone006_compare_theme_weight_becomes_a_list(journey: Journey, app_url: str) -> None:
    page = _phone(journey)
    page.goto(app_url + "/compare?a=40-QD-TTg-2016&b=153-NQ-CP-2025&lang=vi")
    wait_for_page(page, ids.COMPARE_THEMES_LIST)
    listed = page.locator(sel(ids.COMPARE_THEMES_LIST))
    expect(listed).to_be_visible()
    expect(page.locator(sel(ids.COMPARE_CHART))).to_be_hidden()  # a 390 px card clipped its title and theme names
    expect(page.locator(sel(ids.COMPARE_TERMS_CHART))).to_be_hidden()  # the terms' lists below carry the same terms
    expect(listed).to_contain_text("Tỷ trọng chủ đề từ 40/QĐ-TTg đến 153/NQ-CP")
    items = listed.locator("li[data-theme]")
    values = [v.strip() for v in items.locator(".phone-bar-value").all_inner_texts()]
    numbers = [int(v.replace("−", "-").removesuffix(" pt")) for v in values]
    assert len(numbers) >= 10 and numbers == sorted(numbers, reverse=True)  # the largest gain first, as on the chart
    assert numbers[0] > 0 > numbers[-1]  # gains and losses both shown
    expect(items.last).to_have_attribute("data-theme", "governance")
    page.set_viewport_size({"width": 1280, "height": 900})  # a laptop shows the charts, not the list
    expect(page.locator(sel(ids.COMPARE_CHART))).to_be_visible()
    expect(listed).to_be_hidden()
    journey.assert_clean()
