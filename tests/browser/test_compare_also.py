"""Journey: "This 2016 bullet went into two 2025 paragraphs." A reader reads the section summary, pairs a bullet,
then gives it a second counterpart with "Also link" (pin `3.b1+p13`), sees the split (or merge) row for each
link and the summary follow at once, copies the corrections as YAML, and takes the second link back with undo.
Once at a laptop's width, once at a phone's (390 px)."""

from __future__ import annotations

import re

import pytest
import yaml
from playwright.sync_api import expect

from dashboard.app import ids
from dashboard.app.views.compare_text import TEXT
from tests.browser.pages import sel, wait_for_page

pytestmark = pytest.mark.browser

STRATEGY, PROGRAMME = "40-QD-TTg-2016", "153-NQ-CP-2025"
T = 60_000  # ms: generous, the suite may share two cores with builds and benchmarks
MARKED = [".page-title", f"{sel(ids.COMPARE_CHART)} .js-plotly-plot", sel(ids.COMPARE_TERMS_CHART)]


def links_of(page, a_id: str):
    return page.locator(f"{sel(ids.COMPARE_PAIRS)} > .pair[data-a='{a_id}']")


@pytest.mark.parametrize("width", [1366, 390])
def test_cmpr020_a_reader_adds_a_second_counterpart_and_takes_it_back(journey, app_url, width):
    page = journey.page
    page.set_viewport_size({"width": width, "height": 900 if width > 400 else 844})
    page.goto(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}&pin=3.b1-p2")
    wait_for_page(page, ids.COMPARE_PAIRS)
    # the section summary comes first: one line per part of A, before the charts and the rows
    lines = page.locator(f"{sel(ids.COMPARE_SECTIONS)} li")
    expect(lines.first).to_contain_text("→", timeout=T)
    assert page.locator(sel(ids.COMPARE_SECTIONS)).bounding_box()["y"] < page.locator(
        sel(ids.COMPARE_PAIRS)).bounding_box()["y"]
    bullet = f"{STRATEGY}:3.b1"
    expect(links_of(page, bullet)).to_have_count(1, timeout=T)
    # the page around the rows is not drawn again by a correction (marks survive)
    page.evaluate("(s) => s.forEach(q => { document.querySelector(q).dataset.mark = 'before'; })", MARKED)
    row = links_of(page, bullet).first
    also = row.locator(".side-a a.pin-also").first
    also.scroll_into_view_if_needed()
    expect(row.locator(".side-a .pin-candidates")).to_contain_text(TEXT["also"]["en"], timeout=T)
    target = also.inner_text().strip()
    cell = row.locator(".side-a").get_attribute("id")
    also.click()
    # one more pin in the address, the first one kept; the reader stays at the bullet
    expect(page).to_have_url(re.compile(rf"&pin=3\.b1-p2,3\.b1%2B{re.escape(target)}#{cell}$"), timeout=T)
    expect(links_of(page, bullet)).to_have_count(2, timeout=T)
    rows = links_of(page, bullet)
    assert sorted(rows.evaluate_all("els => els.map(e => e.dataset.b)")) == sorted(
        [f"{PROGRAMME}:p2", f"{PROGRAMME}:{target}"])
    assert set(rows.evaluate_all("els => els.map(e => e.dataset.setBy)")) == {"reader"}
    # a provision with two counterparts is a split (or, when the paragraph takes others too, a merge)
    statuses = rows.evaluate_all("els => els.map(e => e.dataset.status)")
    assert set(statuses) <= {"split", "merged"} and statuses
    expect(rows.first.locator(".status-badge")).to_have_text(re.compile("^(Split|Merged)$"), timeout=T)
    expect(page.locator(f"#{cell}")).to_be_in_viewport(timeout=T)
    assert page.evaluate("() => document.querySelectorAll('[data-mark=before]').length") == 3
    # the summary follows: item 3's line names the paragraph it now also went into
    line = page.locator(f"{sel(ids.COMPARE_SECTIONS)} li[data-a='{STRATEGY}:3']")
    expect(line).to_contain_text(target, timeout=T)
    # the corrections bar lists it, and its YAML holds it as a curated pair
    pins = page.locator(sel(ids.COMPARE_PINS))
    expect(pins).to_have_attribute("data-count", "2", timeout=T)
    expect(pins.locator(".pin-item").nth(1)).to_contain_text(f"3.b1 + {target}", timeout=T)
    entries = yaml.safe_load(page.locator(sel(ids.COMPARE_YAML)).text_content())
    assert [(e["a"], e["b"], e["relation"]) for e in entries] == [("3.b1", "p2", "pair"), ("3.b1", target, "pair")]
    journey.shot(f"also-{width}")
    # undo on the second link takes back that link only; the reader's pair stays
    second = page.locator(f"{sel(ids.COMPARE_PAIRS)} > .pair[data-a='{bullet}'][data-b='{PROGRAMME}:{target}']")
    second.locator("a.pin-undo").click()
    expect(page).to_have_url(re.compile(r"&pin=3\.b1-p2#a-\d+$"), timeout=T)
    expect(pins).to_have_attribute("data-count", "1", timeout=T)
    expect(links_of(page, bullet)).to_have_count(1, timeout=T)
    expect(links_of(page, bullet)).to_have_attribute("data-b", f"{PROGRAMME}:p2", timeout=T)
    expect(links_of(page, bullet)).to_have_attribute("data-set-by", "reader", timeout=T)
    assert page.evaluate("() => document.querySelectorAll('[data-mark=before]').length") == 3
    if width < 400:  # nothing scrolls sideways on a phone
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    journey.assert_clean()
