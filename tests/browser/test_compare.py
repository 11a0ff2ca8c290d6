"""Journey: "What does the 2025 action programme say about education that the 2016 strategy did not?"

Compare page in the real app (headless Chromium): pick two documents, read the theme-delta chart, the
distinctive-terms chart and the aligned provisions with changed words marked, filter by theme and status, follow
a provision to its source, download a chart, and paste the address to get the same view back.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from dashboard.app import ids
from dashboard.app.components.download import TEXT
from dashboard.app.views.compare_text import TEXT as COMPARE_TEXT
from tests.browser.pages import choose, sel, wait_for_page

pytestmark = pytest.mark.browser

STRATEGY, PROGRAMME = "40-QD-TTg-2016", "153-NQ-CP-2025"
T = 60_000  # ms: generous, the suite may share two cores with builds and benchmarks
DOWNLOAD_TIMEOUT = 90_000  # the first export starts the app's export browser


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def single_link(page) -> tuple[str, str]:
    """Return the A and B ids of the first reworded row whose two provisions are on no other row."""
    return tuple(
        rows(page).evaluate_all(
            """els => {
            const count = (k, v) => els.filter(e => e.dataset[k] === v).length;
            const row = els.find(e => e.dataset.status === 'reworded' && count('a', e.dataset.a) === 1
                                      && count('b', e.dataset.b) === 1);
            return [row.dataset.a, row.dataset.b];
        }"""
        )
    )


def rows(page):
    return page.locator(f"{sel(ids.COMPARE_PAIRS)} > .pair")


def drawn_bars(page: Page, graph_id: str) -> list[int]:
    """Return the number of bars plotly drew in each trace of the graph (once it has drawn them)."""
    handle = page.wait_for_function(
        "(id) => { const traces = document.querySelectorAll('#' + id + ' .barlayer .trace');"
        " return traces.length ? Array.from(traces, t => t.querySelectorAll('.point').length) : null; }",
        arg=graph_id,
    )
    return list(handle.json_value())


def download(page: Page, chart: str, item_class: str) -> tuple[bytes, str]:
    """Open the chart's download menu, click the item, and return the downloaded file's bytes and name."""
    box = page.locator(f".chart-download[data-chart='{chart}']")
    box.get_by_role("button", name=TEXT["download"]["en"]).click()
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT) as info:
        box.locator(f".{item_class}").click()
    assert info.value.failure() is None
    return Path(info.value.path()).read_bytes(), info.value.suggested_filename


def test_cmpr001_deep_link_restores_the_filtered_view(journey, app_url):
    page = journey.page
    page.goto(f"{app_url}/compare?a=40/QĐ-TTg&b=153/NQ-CP&theme=education_training&status=reworded,new")
    wait_for_page(page, ids.COMPARE_PAIRS)
    expect(page.locator(sel(ids.COMPARE_A))).to_contain_text("40/QĐ-TTg", timeout=T)
    expect(page.locator(sel(ids.COMPARE_B))).to_contain_text("153/NQ-CP", timeout=T)
    expect(page.locator(sel(ids.COMPARE_CAPTION))).to_contain_text("40/QĐ-TTg → 153/NQ-CP", timeout=T)
    expect(page.locator(f"{sel(ids.COMPARE_CHART)} .gtitle")).to_contain_text("Theme weight from 40/QĐ-TTg", timeout=T)
    expect(page.locator(sel(ids.COMPARE_WARNING))).to_contain_text("The sources differ", timeout=T)
    count = int(page.locator(sel(ids.COMPARE_PAIR_COUNT)).get_attribute("data-count") or "-1")
    assert count > 0
    expect(rows(page)).to_have_count(count, timeout=T)
    statuses = set(rows(page).evaluate_all("els => els.map(e => e.dataset.status)"))
    assert statuses <= {"reworded", "new"}
    for row in rows(page).all():
        expect(row.locator(".theme-chip", has_text="Education and training")).to_have_count(1, timeout=T)
    journey.shot()
    journey.assert_clean()


def test_cmpr002_picking_two_documents_writes_the_url(journey, app_url):
    page = journey.page
    page.goto(f"{app_url}/compare")
    wait_for_page(page, ids.COMPARE_EMPTY)
    choose(page, ids.COMPARE_A, "40/QĐ-TTg (2016)")
    expect(page).to_have_url(f"{app_url}/compare?a={STRATEGY}", timeout=T)
    choose(page, ids.COMPARE_B, "153/NQ-CP (2025)")
    expect(page).to_have_url(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}", timeout=T)
    wait_for_page(page, ids.COMPARE_PAIRS)
    total = int(page.locator(sel(ids.COMPARE_PAIR_COUNT)).get_attribute("data-total") or "-1")
    expect(rows(page)).to_have_count(total, timeout=T)
    # the summary counts the documents' own text: every row but the framing and bare headings set apart
    summary = page.locator(f"{sel(ids.COMPARE_SUMMARY)} [data-count]")
    counted = page.locator(f"{sel(ids.COMPARE_PAIRS)} > .pair:not(.pair-not-counted)").count()
    assert sum(int(x) for x in summary.evaluate_all("els => els.map(e => e.dataset.count)")) == counted < total
    # every provision of both documents is on at least one row (one row per link)
    a_ids = rows(page).evaluate_all("els => els.map(e => e.dataset.a).filter(Boolean)")
    b_ids = rows(page).evaluate_all("els => els.map(e => e.dataset.b).filter(Boolean)")
    assert len(set(a_ids)) == 56 and len(set(b_ids)) == 23
    journey.shot()
    journey.assert_clean()


def test_cmpr003_status_and_theme_filters(journey, app_url):
    page = journey.page
    page.goto(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}")
    wait_for_page(page, ids.COMPARE_PAIRS)
    total = rows(page).count()
    for label in ("Kept", "Reworded", "Merged", "Split", "New in B"):
        page.locator(f"{sel(ids.COMPARE_STATUS)} label", has_text=label).click()
    expect(page).to_have_url(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}&status=dropped", timeout=T)
    expect(page.locator(f"{sel(ids.COMPARE_PAIRS)} > .pair:not(.pair-dropped)")).to_have_count(0, timeout=T)
    dropped = rows(page).count()
    assert 0 < dropped < total
    expect(rows(page).first.locator(".pair-empty")).to_contain_text("Only in A", timeout=T)
    choose(page, ids.COMPARE_THEME, "Leadership, direction and implementation")
    expect(page).to_have_url(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}&theme=governance&status=dropped", timeout=T)
    expect(page.locator(sel(ids.COMPARE_PAIR_COUNT))).not_to_have_attribute("data-count", str(dropped), timeout=T)
    for row in rows(page).all():
        expect(row.locator(".theme-chip", has_text="Leadership")).to_have_count(1, timeout=T)
    journey.shot()
    journey.assert_clean()


def test_cmpr004_changed_words_are_marked_and_provisions_link_to_their_source(journey, app_url):
    page = journey.page
    page.goto(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}&status=reworded")
    wait_for_page(page, ids.COMPARE_PAIRS)
    first = rows(page).first
    expect(first.locator(".side-a del.diff-del").first).to_be_visible(timeout=T)
    expect(first.locator(".side-b ins.diff-ins").first).to_be_visible(timeout=T)
    expect(first.locator(".side-a .span-ref")).to_contain_text("seed file", timeout=T)
    pid = first.get_attribute("data-b")
    first.locator(".side-b a.open-link").click()
    expect(page).to_have_url(f"{app_url}/document?doc={PROGRAMME}&p={pid}", timeout=T)
    wait_for_page(page, ids.DOC_PROVISIONS)
    journey.shot()
    journey.assert_clean()


def test_cmpr005_swap_and_back(journey, app_url):
    page = journey.page
    page.goto(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}")
    wait_for_page(page, ids.COMPARE_PAIRS)
    before = page.locator(sel(ids.COMPARE_SUMMARY)).inner_text()
    page.click(sel(ids.COMPARE_SWAP))
    expect(page).to_have_url(f"{app_url}/compare?a={PROGRAMME}&b={STRATEGY}", timeout=T)
    expect(page.locator(sel(ids.COMPARE_CAPTION))).to_contain_text("153/NQ-CP → 40/QĐ-TTg", timeout=T)
    after = page.locator(sel(ids.COMPARE_SUMMARY)).inner_text()
    assert after != before  # new and dropped trade places
    page.go_back()
    expect(page).to_have_url(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}", timeout=T)
    journey.assert_clean()


def test_cmpr006_unknown_documents_are_a_notice_not_an_error(journey, app_url):
    page = journey.page
    page.goto(f"{app_url}/compare?a=99-XX-2099&b=153/NQ-CP&status=maybe")
    wait_for_page(page, ids.COMPARE_NOTICES)
    expect(page.locator(sel(ids.COMPARE_NOTICES))).to_contain_text("99-XX-2099", timeout=T)
    expect(page.locator(sel(ids.COMPARE_EMPTY))).to_be_visible(timeout=T)
    journey.assert_clean()


def test_cmpr007_document_text_is_text(journey, fixture_url):
    page = journey.page
    page.goto(f"{fixture_url}/compare?a=1-NQ/TW&b=2/NQ-CP")
    wait_for_page(page, ids.COMPARE_PAIRS)
    expect(page.locator(sel(ids.COMPARE_PAIRS))).to_contain_text("<script>alert(1)</script>", timeout=T)
    assert page.locator(f"{sel(ids.COMPARE_PAIRS)} script").count() == 0
    journey.shot()
    journey.assert_clean()  # no alert() dialog


def test_cmpr008_two_users_do_not_share_state(journey, app_url, browser):
    page = journey.page
    other = journey.watch(browser.new_context(viewport={"width": 1366, "height": 900}).new_page())
    page.goto(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}")
    other.goto(f"{app_url}/compare?a=01-NQ-CP-2016&b=59-NQ-TW-2025&status=new")
    wait_for_page(page, ids.COMPARE_PAIRS)
    wait_for_page(other, ids.COMPARE_PAIRS)
    page.locator(f"{sel(ids.COMPARE_STATUS)} label", has_text="Kept").click()
    expect(page).to_have_url(
        f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}&status=reworded,merged,split,new,dropped", timeout=T
    )
    other.reload()
    wait_for_page(other, ids.COMPARE_PAIRS)
    expect(other.locator(sel(ids.COMPARE_CAPTION))).to_contain_text("01/NQ-CP → 59-NQ/TW", timeout=T)
    assert set(query(other.url)["status"]) == {"new"}
    journey.assert_clean()


@pytest.mark.export
def test_cmpr009_distinctive_terms_chart_with_its_download_menu(journey, app_url):
    page = journey.page
    page.goto(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}")
    wait_for_page(page, ids.COMPARE_TERMS_CHART)
    card = page.locator(sel(ids.chart_card(ids.COMPARE_TERMS_CHART)))
    expect(card).to_have_attribute("data-chart", "compare-terms", timeout=T)
    expect(card.locator(".gtitle")).to_contain_text("Terms distinctive of 40/QĐ-TTg and of 153/NQ-CP", timeout=T)
    left, right = drawn_bars(page, ids.COMPARE_TERMS_CHART)  # A's terms, B's terms
    assert left > 0 and right > 0
    expect(page.locator(f"{sel(ids.COMPARE_TERMS)} .terms-a li")).to_have_count(left, timeout=T)  # counts kept
    # drawn at the figure's height, above the term lists (in a grid cell the responsive graph collapsed to 31 px)
    graph, lists = page.locator(sel(ids.COMPARE_TERMS_CHART)).bounding_box(), page.locator(sel(ids.COMPARE_TERMS))
    assert graph and graph["height"] >= 400
    assert lists.bounding_box()["y"] >= graph["y"] + graph["height"]
    # the menu offers images at both sizes, HTML and the data behind the chart
    card.get_by_role("button", name=TEXT["download"]["en"]).click()
    for fmt in (".png", ".svg", ".pdf", ".csv"):
        expect(card.get_by_text(TEXT[fmt]["en"]).first).to_be_visible(timeout=T)
    for item in ("png-slide", "svg-slide", "pdf-slide", "png-a4", "svg-a4", "pdf-a4", "html-slide", "csv-data"):
        expect(card.locator(f".export-{item}")).to_have_count(1, timeout=T)
    page.keyboard.press("Escape")
    png, name = download(page, "compare-terms", "export-png-slide")
    assert name == f"compare-terms_{STRATEGY}_vs_{PROGRAMME}_slide.png"
    with Image.open(io.BytesIO(png)) as img:
        assert img.size == (3200, 1800)
    csv, name = download(page, "compare-terms", "export-csv-data")
    table = pd.read_csv(io.BytesIO(csv))
    assert name == f"compare-terms_{STRATEGY}_vs_{PROGRAMME}.csv"
    assert set(zip(table["side"], table["document"], strict=True)) == {("a", STRATEGY), ("b", PROGRAMME)}
    journey.shot()
    # the chart follows the address: swapped documents, then the language
    page.click(sel(ids.COMPARE_SWAP))
    expect(page).to_have_url(f"{app_url}/compare?a={PROGRAMME}&b={STRATEGY}", timeout=T)
    expect(card.locator(".gtitle")).to_contain_text("Terms distinctive of 153/NQ-CP and of 40/QĐ-TTg", timeout=T)
    csv, name = download(page, "compare-terms", "export-csv-data")
    table = pd.read_csv(io.BytesIO(csv))
    assert name == f"compare-terms_{PROGRAMME}_vs_{STRATEGY}.csv"
    assert set(zip(table["side"], table["document"], strict=True)) == {("a", PROGRAMME), ("b", STRATEGY)}
    page.goto(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}&lang=vi")
    wait_for_page(page, ids.COMPARE_TERMS_CHART)
    expect(card.locator(".gtitle")).to_contain_text("Thuật ngữ đặc trưng của 40/QĐ-TTg", timeout=T)
    journey.assert_clean()


def test_cmpr010_a_reader_corrects_the_pairing_and_shares_it_by_its_address(journey, app_url):
    """The engine finds about two in five of the links a reader makes: the reader pairs a provision with one of the
    candidates offered beside it, takes it back, splits a pair the engine made, and returns to the engine's."""
    page = journey.page
    page.goto(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}")
    wait_for_page(page, ids.COMPARE_PAIRS)
    row = page.locator(f"{sel(ids.COMPARE_PAIRS)} > .pair[data-a='{STRATEGY}:3.b1']")
    expect(row).to_have_attribute("data-status", "dropped", timeout=T)
    expect(page.locator(sel(ids.COMPARE_PINS))).to_be_hidden(timeout=T)
    candidate = row.locator(".side-a .pin-candidates a.pin-candidate").first
    expect(candidate).to_be_visible(timeout=T)
    expect(candidate).to_have_text(re.compile(r"^\S+ \(\d\.\d\d\)$"))  # offered for shared words: their overlap
    # an offer by word vectors says "by meaning" instead of its word overlap (often 0.00)
    by_meaning = row.locator(".side-a .pin-candidates a.pin-candidate", has_text="(by meaning)").first
    expect(by_meaning).to_be_visible(timeout=T)
    path = candidate.inner_text().split()[0]
    cell = row.locator(".side-a").get_attribute("id")  # a-<reading order>: where the page brings the reader back
    candidate.click()
    expect(page).to_have_url(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}&pin=3.b1-{path}#{cell}", timeout=T)
    row = page.locator(f"{sel(ids.COMPARE_PAIRS)} > .pair[data-a='{STRATEGY}:3.b1']")
    expect(page.locator(f"#{cell}")).to_be_in_viewport(timeout=T)  # the reader is not sent back to the top
    expect(row).to_have_attribute("data-b", f"{PROGRAMME}:{path}", timeout=T)
    expect(row).to_have_attribute("data-set-by", "reader", timeout=T)
    expect(row.locator(".pin-badge")).to_have_text("set by you", timeout=T)
    expect(page.locator(sel(ids.COMPARE_PINS))).to_have_attribute("data-count", "1", timeout=T)
    # every provision is still on at least one row (one row per link)
    a_ids = rows(page).evaluate_all("els => els.map(e => e.dataset.a).filter(Boolean)")
    b_ids = rows(page).evaluate_all("els => els.map(e => e.dataset.b).filter(Boolean)")
    assert len(set(a_ids)) == 56 and len(set(b_ids)) == 23
    journey.shot()
    # a pasted address gives the same alignment in a fresh tab
    pasted = journey.watch(page.context.new_page())
    pasted.goto(page.url)
    wait_for_page(pasted, ids.COMPARE_PAIRS)
    expect(pasted.locator(f".pair[data-a='{STRATEGY}:3.b1']")).to_have_attribute("data-set-by", "reader", timeout=T)
    pasted.close()
    # take it back
    row.locator("a.pin-undo").click()
    expect(page).to_have_url(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}#{cell}", timeout=T)
    expect(page.locator(f".pair[data-a='{STRATEGY}:3.b1']")).to_have_attribute("data-status", "dropped", timeout=T)
    # "not a pair" on a pair the engine made: those two are kept apart, each may find another counterpart
    a_id, b_id = single_link(page)
    paired = page.locator(f"{sel(ids.COMPARE_PAIRS)} > .pair[data-a='{a_id}'][data-b='{b_id}']")
    paired.locator("a.pin-unpair").click()
    expect(page).to_have_url(
        re.compile(
            re.escape(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}&pin={a_id.split(':')[1]}!{b_id.split(':')[1]}#a-")
            + r"\d+$"
        ),
        timeout=T,
    )
    expect(page.locator(sel(ids.COMPARE_PINS))).to_have_attribute("data-count", "1", timeout=T)
    expect(page.locator(f".pair[data-a='{a_id}'][data-b='{b_id}']")).to_have_count(0, timeout=T)
    # "no counterpart" beside a paired provision leaves it alone, marked as the reader's
    lone, other_b = single_link(page)
    other = page.locator(f"{sel(ids.COMPARE_PAIRS)} > .pair[data-a='{lone}'][data-b='{other_b}']")
    other.locator(".side-a a.pin-none").click()
    expect(page.locator(f".pair[data-a='{lone}']")).to_have_attribute("data-status", "dropped", timeout=T)
    expect(page.locator(f".pair[data-a='{lone}']")).to_have_attribute("data-set-by", "reader", timeout=T)
    expect(page.locator(sel(ids.COMPARE_PINS))).to_have_attribute("data-count", "2", timeout=T)
    # each correction is listed with a link that takes it back alone
    expect(page.locator(f"{sel(ids.COMPARE_PINS)} .pin-item")).to_have_count(2, timeout=T)
    page.locator(f"{sel(ids.COMPARE_PINS)} .pin-item").first.locator("a.pin-remove").click()
    expect(page.locator(sel(ids.COMPARE_PINS))).to_have_attribute("data-count", "1", timeout=T)
    expect(page.locator(f".pair[data-a='{a_id}'][data-b='{b_id}']")).to_have_count(1, timeout=T)
    # the filters keep the pins and drop the #anchor (no jump away from the controls); swapping turns them round
    page.locator(f"{sel(ids.COMPARE_STATUS)} label", has_text="Kept").click()
    expect(page).to_have_url(re.compile(r"status=reworded,merged,split,new,dropped&pin=[^#]+$"), timeout=T)
    page.click(sel(ids.COMPARE_SWAP))
    path = lone.split(":")[1]
    expect(page).to_have_url(
        re.compile(rf"\?a={PROGRAMME}&b={STRATEGY}&status=reworded,merged,split,new,dropped&pin=-{re.escape(path)}$"),
        timeout=T,
    )
    expect(page.locator(f".pair[data-b='{lone}']")).to_have_attribute("data-set-by", "reader", timeout=T)
    page.locator(f"{sel(ids.COMPARE_PINS)} a.pin-reset").click()
    expect(page).to_have_url(
        f"{app_url}/compare?a={PROGRAMME}&b={STRATEGY}&status=reworded,merged,split,new,dropped", timeout=T
    )
    journey.assert_clean()


def test_cmpr011_pins_naming_nothing_are_notices(journey, app_url):
    page = journey.page
    page.goto(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}&pin=9.z-p1,<b>x</b>,3.b1-p2,3.b1-")
    wait_for_page(page, ids.COMPARE_PAIRS)
    notices = page.locator(sel(ids.COMPARE_NOTICES))
    expect(notices).to_contain_text("9.z is not a provision of these two documents", timeout=T)
    expect(notices).to_contain_text("an earlier correction already places 3.b1", timeout=T)
    expect(notices).to_contain_text("<b>x</b>", timeout=T)  # the value is shown as text
    assert page.locator(f"{sel(ids.COMPARE_NOTICES)} b").count() == 0
    row = page.locator(f".pair[data-a='{STRATEGY}:3.b1']")
    expect(row).to_have_attribute("data-b", f"{PROGRAMME}:p2", timeout=T)  # the good pin is applied
    expect(page.locator(sel(ids.COMPARE_PINS))).to_have_attribute("data-count", "1", timeout=T)
    journey.assert_clean()


def test_cmpr012_a_reader_pairs_two_provisions_no_link_offers(journey, app_url):
    """40/QĐ-TTg item 6 (commitments to international organisations) and 153/NQ-CP p3 (implementing treaties)
    share too few words for either to offer the other: the reader picks both in the pickers."""
    page = journey.page
    page.goto(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}&status=reworded")
    wait_for_page(page, ids.COMPARE_PAIRS)
    expect(page.locator(f".pair[data-a='{STRATEGY}:6']")).to_have_count(0, timeout=T)  # item 6 is dropped
    page.click(sel(ids.COMPARE_PIN_BUTTON))  # nothing picked yet: the page says what to do
    expect(page.locator(sel(ids.COMPARE_PIN_STATUS))).to_have_text(
        "Pick a provision of A, of B, or both first.", timeout=T
    )
    page.click(sel(ids.COMPARE_PIN_A))
    page.get_by_role("option", name=re.compile(r"^6 · Implement commitments")).click()
    page.keyboard.press("Escape")
    page.click(sel(ids.COMPARE_PIN_B))
    page.get_by_role("option", name=re.compile(r"^p3 · Review and implement")).click()
    page.keyboard.press("Escape")
    page.click(sel(ids.COMPARE_PIN_BUTTON))
    expect(page).to_have_url(
        re.compile(re.escape(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}&status=reworded&pin=6-p3#a-") + r"\d+$"),
        timeout=T,
    )
    row = page.locator(f".pair[data-a='{STRATEGY}:6']")
    expect(row.locator(".side-a")).to_be_in_viewport(timeout=T)  # the page shows the pair just made
    expect(row).to_have_attribute("data-b", f"{PROGRAMME}:p3", timeout=T)
    expect(row).to_have_attribute("data-set-by", "reader", timeout=T)
    # the pinned pair's word marks are drawn like any other pair's
    expect(row.locator(".side-b ins.diff-ins").first).to_be_visible(timeout=T)
    journey.shot()
    # Back takes the correction away again (the pickers navigate like a link)
    page.go_back()
    expect(page).to_have_url(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}&status=reworded", timeout=T)
    expect(page.locator(f".pair[data-a='{STRATEGY}:6']")).to_have_count(0, timeout=T)
    page.go_forward()
    expect(page.locator(f".pair[data-a='{STRATEGY}:6']")).to_have_attribute("data-set-by", "reader", timeout=T)
    # a reload (or a pasted address) gives the same view
    page.reload()
    wait_for_page(page, ids.COMPARE_PAIRS)
    expect(page.locator(f".pair[data-a='{STRATEGY}:6']")).to_have_attribute("data-set-by", "reader", timeout=T)
    journey.assert_clean()


def test_cmpr013_a_correction_redraws_only_what_it_changes(journey, app_url):
    """A correction, its undo and Back change the rows in place: the page around them (title, charts) is not
    drawn again, the reader stays where they were, and the address still records each step."""
    page = journey.page
    page.goto(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}")
    wait_for_page(page, ids.COMPARE_PAIRS)
    drawn_bars(page, ids.COMPARE_CHART)
    # mark DOM nodes that a correction has no reason to touch: a page drawn again would lose the marks
    page.evaluate(
        "(ids) => ids.forEach(id => { document.querySelector(id).dataset.mark = 'before'; })",
        [".page-title", f"{sel(ids.COMPARE_CHART)} .js-plotly-plot", sel(ids.COMPARE_TERMS_CHART)],
    )
    kept = "() => document.querySelectorAll('[data-mark=before]').length"
    row = page.locator(f"{sel(ids.COMPARE_PAIRS)} > .pair[data-a='{STRATEGY}:3.b1']")
    row.scroll_into_view_if_needed()
    top = page.evaluate("() => window.scrollY")
    assert top > 0
    cell = row.locator(".side-a").get_attribute("id")
    row.locator(".side-a a.pin-candidate").first.click()
    expect(row).to_have_attribute("data-set-by", "reader", timeout=T)
    expect(page).to_have_url(re.compile(rf"&pin=3\.b1-p\d+#{cell}$"), timeout=T)
    assert page.evaluate(kept) == 3
    expect(page.locator(f"#{cell}")).to_be_in_viewport(timeout=T)
    assert page.evaluate("() => window.scrollY") > top / 2  # not sent back to the top of the page
    # undo, then Back (the correction again), then Back (none): each in place
    row.locator("a.pin-undo").click()
    expect(row).to_have_attribute("data-set-by", "engine", timeout=T)
    expect(page).to_have_url(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}#{cell}", timeout=T)
    page.go_back()
    expect(row).to_have_attribute("data-set-by", "reader", timeout=T)
    expect(page.locator(sel(ids.COMPARE_PINS))).to_have_attribute("data-count", "1", timeout=T)
    page.go_back()
    expect(page).to_have_url(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}", timeout=T)
    expect(row).to_have_attribute("data-set-by", "engine", timeout=T)
    expect(page.locator(sel(ids.COMPARE_PINS))).to_be_hidden(timeout=T)
    page.go_forward()
    expect(row).to_have_attribute("data-set-by", "reader", timeout=T)
    assert page.evaluate(kept) == 3
    # another document B is another comparison: the content is drawn anew, and Back brings the first pair back
    page.mouse.wheel(0, -100_000)  # the reader scrolls back up to the pickers
    choose(page, ids.COMPARE_B, "59-NQ/TW (2025)")
    expect(page.locator(sel(ids.COMPARE_CAPTION))).to_contain_text("→ 59-NQ/TW", timeout=T)
    page.go_back()
    expect(page.locator(sel(ids.COMPARE_CAPTION))).to_contain_text("40/QĐ-TTg → 153/NQ-CP", timeout=T)
    expect(page.locator(sel(ids.COMPARE_B))).to_contain_text("153/NQ-CP", timeout=T)
    expect(row).to_have_attribute("data-set-by", "reader", timeout=T)
    # another language is a page of its own: Back from it draws the English page whole again
    page.click(sel(ids.lang_link("vi")))
    expect(page.locator(".page-title")).to_have_text(COMPARE_TEXT["title"]["vi"], timeout=T)
    page.go_back()
    expect(page.locator(".page-title")).to_have_text(COMPARE_TEXT["title"]["en"], timeout=T)
    expect(page.locator(sel(ids.COMPARE_CAPTION))).to_contain_text("40/QĐ-TTg → 153/NQ-CP", timeout=T)
    journey.assert_clean()


def test_cmpr014_corrections_copy_and_download_as_curated_yaml(journey, app_url, tmp_path):
    """A reader's corrections, in the format of seeds/alignments.yml, to contribute them."""
    import datetime

    import yaml

    page = journey.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}&pin=3.b1-p2,6-")
    wait_for_page(page, ids.COMPARE_PINS)
    expected = [
        {"a_doc": STRATEGY, "b_doc": PROGRAMME, "a": "3.b1", "b": "p2", "relation": "pair"},
        {"a_doc": STRATEGY, "b_doc": PROGRAMME, "a": "6", "b": "", "relation": "no_counterpart"},
    ]

    def check(text: str) -> None:
        entries = yaml.safe_load(text)
        assert [{k: e[k] for k in ("a_doc", "b_doc", "a", "b", "relation")} for e in entries] == expected
        for entry in entries:
            assert (entry["note"], entry["by"], entry["source"]) == ("", "", "policy-timeline compare page")
            assert entry["on"] == datetime.date.today()

    page.locator(sel(ids.COMPARE_PINS)).get_by_text("Show the YAML").click()
    check(page.locator(sel(ids.COMPARE_YAML)).inner_text())
    page.click(sel(ids.COMPARE_YAML_COPY))
    expect(page.locator(sel(ids.COMPARE_YAML_COPY))).to_contain_text("Copied", timeout=T)
    check(page.evaluate("() => navigator.clipboard.readText()"))
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT) as info:
        page.click(sel(ids.COMPARE_YAML_BUTTON))
    assert info.value.suggested_filename == f"alignments-{STRATEGY}-{PROGRAMME}.yml"
    check(Path(info.value.path()).read_text(encoding="utf-8"))
    # a further correction is in the YAML at once
    page.locator(f"{sel(ids.COMPARE_PINS)} .pin-item a.pin-remove").first.click()
    expect(page.locator(sel(ids.COMPARE_PINS))).to_have_attribute("data-count", "1", timeout=T)
    page.locator(sel(ids.COMPARE_PINS)).get_by_text("Show the YAML").click()
    expect(page.locator(sel(ids.COMPARE_YAML))).to_contain_text("relation: no_counterpart", timeout=T)
    expect(page.locator(sel(ids.COMPARE_YAML))).not_to_contain_text("relation: pair", timeout=T)


def test_cmpr015_the_section_summary_comes_first_and_merged_and_split_rows_show_each_link(journey, app_url):
    """A reader first reads, per item of A, what became of it, then the rows, where a provision merged or split is on
    one row per link. With link model 2, 40/QĐ-TTg against 01/NQ-CP (both of 7 January 2016) holds splits and
    40/QĐ-TTg against 59-NQ/TW holds merges."""
    page = journey.page
    for b, status, side in (("01-NQ-CP-2016", "split", "a"), ("59-NQ-TW-2025", "merged", "b")):
        page.goto(f"{app_url}/compare?a={STRATEGY}&b={b}")
        wait_for_page(page, ids.COMPARE_PAIRS)
        lines = page.locator(f"{sel(ids.COMPARE_SECTIONS)} li")
        expect(lines.first).to_contain_text("→", timeout=T)
        assert lines.count() >= 3
        outcomes = set(lines.evaluate_all("els => els.map(e => e.dataset.outcome)"))
        assert status in outcomes
        # the summary sits above the charts and the rows
        top = page.locator(sel(ids.COMPARE_SECTIONS)).bounding_box()["y"]
        assert top < page.locator(sel(ids.COMPARE_CHART)).bounding_box()["y"]
        assert top < page.locator(sel(ids.COMPARE_PAIRS)).bounding_box()["y"]
        row = page.locator(f"{sel(ids.COMPARE_PAIRS)} > .pair[data-status='{status}']").first
        expect(row.locator(".status-badge")).to_have_text(status.capitalize(), timeout=T)
        pid = row.get_attribute(f"data-{side}")
        assert page.locator(f"{sel(ids.COMPARE_PAIRS)} > .pair[data-{side}='{pid}']").count() >= 2
        # the summary counts own text: the publisher's framing is counted apart
        not_counted = page.locator(f"{sel(ids.COMPARE_SUMMARY)} .summary-not-counted")
        expect(not_counted).to_contain_text("Not counted", timeout=T)
    journey.shot()
    journey.assert_clean()


def test_cmpr016_a_later_document_as_a_gets_a_notice(journey, app_url):
    page = journey.page
    page.goto(f"{app_url}/compare?a={PROGRAMME}&b={STRATEGY}")
    wait_for_page(page, ids.COMPARE_PAIRS)
    expect(page.locator(".compare-notice")).to_contain_text("Swap A and B", timeout=T)
    page.goto(f"{app_url}/compare?a={PROGRAMME}&b={STRATEGY}&lang=vi")  # in the reader's language
    wait_for_page(page, ids.COMPARE_PAIRS)
    expect(page.locator(".compare-notice")).to_contain_text("Đổi chỗ A và B", timeout=T)
    expect(page.locator(".compare-notice")).not_to_contain_text("Swap")
    journey.assert_clean()


def test_cmpr017_a_correction_keeps_the_rows_it_does_not_change(journey, app_url):
    """A correction replaces only the rows it changes: a row it does not concern keeps its very DOM node (marked
    before the click), with its own corrections now leading from the corrected address; the corrected row shows
    the change."""
    page = journey.page
    page.goto(f"{app_url}/compare?a={STRATEGY}&b={PROGRAMME}")
    wait_for_page(page, ids.COMPARE_PAIRS)
    expect(rows(page).first).to_be_attached(timeout=T)
    page.evaluate("(box) => document.querySelectorAll(box + ' > .pair').forEach(e => { e._before = true; })",
                  sel(ids.COMPARE_PAIRS))
    row = page.locator(f"{sel(ids.COMPARE_PAIRS)} > .pair[data-a='{STRATEGY}:3.b1']")
    expect(row).to_have_attribute("data-set-by", "engine", timeout=T)
    candidate = row.locator(".side-a a.pin-candidate").first
    other = f"{PROGRAMME}:" + (candidate.text_content() or "").split(" ")[0]  # the B provision offered
    candidate.click()
    expect(row).to_have_attribute("data-set-by", "reader", timeout=T)
    expect(row).to_have_attribute("data-b", other, timeout=T)
    kept = page.evaluate(
        """([box, a, b]) => Array.from(document.querySelectorAll(box + ' > .pair'))
            .filter(e => e.dataset.a !== a && e.dataset.b !== b)
            .map(e => [e._before === true, e.querySelector('a.pin-unpair')?.getAttribute('href') || ''])""",
        [sel(ids.COMPARE_PAIRS), f"{STRATEGY}:3.b1", other],
    )
    assert row.evaluate("e => e._before === true") is False  # the corrected row was made anew
    untouched = [href for before, href in kept if before]
    assert len(untouched) > len(kept) / 2  # most rows are the same nodes as before the click
    # and their corrections start from the corrected address ("not a pair" keeps the new pin beside its own)
    pin = query(page.url)["pin"][0]
    unpair = [query(href)["pin"][0].split(",") for href in untouched if href]
    assert unpair and all(pin in pins and len(pins) == 2 for pins in unpair)
    expect(rows(page)).to_have_count(
        int(page.locator(sel(ids.COMPARE_PAIR_COUNT)).get_attribute("data-count") or "-1"), timeout=T
    )
    journey.assert_clean()
