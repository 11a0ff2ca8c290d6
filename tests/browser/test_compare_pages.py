"""Journey: a long comparison read a page of rows at a time (issue 17). The seed pair's 70 rows stand for the
hundreds of two large documents: the page's rows are set to 30 for this test (the app runs in this process).

Next and Previous change the address in place (`&page=2`) and redraw only the rows; a correction on the second
page keeps the reader there, and the rows it does not concern keep their nodes.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from dashboard.app import ids
from dashboard.app.views import compare_pairs
from tests.browser.pages import sel, wait_for_page

pytestmark = pytest.mark.browser

STRATEGY, PROGRAMME = "40-QD-TTg-2016", "153-NQ-CP-2025"
T = 60_000  # ms: generous, the suite may share two cores with builds and benchmarks
PER_PAGE = 30


def _keys(page) -> list[str]:
    return page.locator(f"{sel(ids.COMPARE_PAIRS)} > .pair").evaluate_all(
        "els => els.map(e => (e.dataset.a || '') + '|' + (e.dataset.b || ''))"
    )


def test_cmpr030_a_long_comparison_is_read_a_page_of_rows_at_a_time(journey, app_url, monkeypatch):
    monkeypatch.setattr(compare_pairs, "MAX_ROWS", PER_PAGE)
    page = journey.page
    page.goto(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}")
    wait_for_page(page, ids.COMPARE_PAIRS)
    count = page.locator(sel(ids.COMPARE_PAIR_COUNT))
    total = int(count.get_attribute("data-count") or "0")
    assert total > 2 * PER_PAGE
    rows = page.locator(f"{sel(ids.COMPARE_PAIRS)} > .pair")
    expect(rows).to_have_count(PER_PAGE, timeout=T)
    expect(count).to_contain_text(f"rows 1–{PER_PAGE}", timeout=T)
    first = _keys(page)
    page.evaluate("document.querySelector('#cmp-content').dataset.mark = 'kept'")  # not drawn again

    count.locator("a.rows-next").click()
    expect(page).to_have_url(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}&page=2#{ids.COMPARE_PAIRS}", timeout=T)
    expect(count).to_contain_text(f"rows {PER_PAGE + 1}–{2 * PER_PAGE}", timeout=T)
    expect(rows).to_have_count(PER_PAGE, timeout=T)
    second = _keys(page)
    assert not set(first) & set(second)
    assert page.evaluate("document.querySelector('#cmp-content').dataset.mark") == "kept"  # in place

    # a correction on the second page: the reader stays on it, the other rows keep their nodes
    page.evaluate("document.querySelectorAll('#cmp-pairs > .pair').forEach(e => { e.dataset.node = 'old'; })")
    unpair = page.locator(f"{sel(ids.COMPARE_PAIRS)} > .pair a.pin-unpair").first
    href = unpair.get_attribute("href") or ""
    assert parse_qs(urlsplit(href).query).get("page") == ["2"]
    unpair.click()
    expect(page.locator(f"{sel(ids.COMPARE_PINS)}")).to_have_attribute("data-count", "1", timeout=T)
    assert parse_qs(urlsplit(page.url).query).get("page") == ["2"]
    kept = page.locator(f"{sel(ids.COMPARE_PAIRS)} > .pair[data-node='old']").count()
    assert kept >= PER_PAGE - 4
    # the kept rows' corrections lead from the new address (its pin), still on page 2
    links = page.locator(f"{sel(ids.COMPARE_PAIRS)} > .pair[data-node='old'] a.pin-candidate")
    assert all("page=2" in h and "pin=" in h for h in links.evaluate_all("els => els.map(e => e.href)"))

    page.go_back()
    expect(page.locator(sel(ids.COMPARE_PINS))).to_have_count(1, timeout=T)
    expect(page.locator(f"{sel(ids.COMPARE_PINS)}.d-none")).to_have_count(1, timeout=T)
    count.locator("a.rows-prev").click()
    expect(count).to_contain_text(f"rows 1–{PER_PAGE}", timeout=T)
    expect(rows).to_have_count(PER_PAGE, timeout=T)
    assert _keys(page) == first
    journey.assert_clean()
