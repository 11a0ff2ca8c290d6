"""Journeys: open a "Source" link (from a provision, from the Targets table, from a search result) and read the
words highlighted in the seed text, with the publisher's address labelled as what it is; search that ranks; an
unknown address answers 404."""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from dashboard.app import ids

from .conftest import Journey
from .pages import result_count, sel, wait_for_page

pytestmark = pytest.mark.browser


def test_src001_a_provisions_source_link_opens_its_words_highlighted(journey: Journey, app_url: str) -> None:
    page = journey.page
    page.goto(app_url + "/document?doc=40-QD-TTg-2016&p=40-QD-TTg-2016:3.b4")
    wait_for_page(page, ids.DOC_PROVISIONS)
    link = page.locator("article.provision.selected a.source-link").first
    expect(link).to_contain_text(re.compile(r"characters [\d,]+–[\d,]+ of the seed file 000_"))
    words = page.locator("article.provision.selected .provision-text").inner_text()
    link.click()
    wait_for_page(page, ids.SRC_TEXT)
    expect(page).to_have_url(re.compile(r"/source\?doc=40-QD-TTg-2016&start=\d+&end=\d+$"))
    mark = page.locator(sel(ids.SRC_MARK))
    # the highlighted words are the provision's own (the seed's line breaks aside)
    assert " ".join(mark.inner_text().split()) == " ".join(words.split())
    header = page.locator(sel(ids.SRC_HEADER))
    expect(header).to_contain_text("000_2682bb45d031bee5.txt")
    expect(header).to_contain_text("Government portal (VGP)")
    # the publisher's address is not recorded, and the magazine that gave the facts is not put in its place
    expect(page.locator(sel(ids.SRC_PUBLISHER_URL))).to_have_text(
        "The address of the publisher's page was not recorded."
    )
    expect(page.locator(f"{sel(ids.SRC_PUBLISHER_URL)}[href]")).to_have_count(0)
    facts = page.locator(sel(ids.SRC_FACTS_URL))
    expect(facts).to_have_attribute("href", re.compile("vietnamlawmagazine.vn"))
    expect(page.locator(sel(ids.SRC_HEADER))).to_contain_text("not of this text")
    journey.shot()
    journey.assert_clean()


def test_src002_a_targets_source_link_opens_the_target_words(journey: Journey, app_url: str) -> None:
    page = journey.page
    page.goto(app_url + "/targets?from=2030&to=2030")
    wait_for_page(page, ids.TARGETS_TABLE)
    link = page.locator(f"{sel(ids.TARGETS_TABLE)} a.source-link").first
    expect(link).to_have_attribute("href", re.compile(r"^/source\?doc=[^&]+&start=\d+&end=\d+$"))
    link.click()
    wait_for_page(page, ids.SRC_MARK)
    expect(page.locator(sel(ids.SRC_MARK))).to_contain_text("2030")
    expect(page.locator(sel(ids.SRC_SPAN))).to_contain_text(re.compile(r"characters [\d,]+–[\d,]+ of the seed file"))
    journey.shot()
    journey.assert_clean()


def test_src003_a_bad_address_gets_a_friendly_page_in_vietnamese_too(journey: Journey, app_url: str) -> None:
    page = journey.page
    page.goto(app_url + "/source?doc=01-NQ-CP-2016&start=10&end=99999999&lang=vi")
    wait_for_page(page, ids.SRC_PROBLEM)
    expect(page.locator(sel(ids.SRC_PROBLEM))).to_contain_text("nằm ngoài tệp nguồn")
    # a law firm's page quoted 01/NQ-CP: its address is unknown, and the government news page is not shown as it
    expect(page.locator(sel(ids.SRC_PUBLISHER_URL))).to_contain_text("Không ghi lại địa chỉ")
    expect(page.locator(sel(ids.SRC_TEXT))).not_to_be_empty()
    page.goto(app_url + "/source?doc=../../etc/passwd&start=x")
    wait_for_page(page, ids.SRC_UNKNOWN)
    expect(page.locator(sel(ids.SRC_UNKNOWN))).to_contain_text("The corpus holds no text of")
    expect(page.locator(sel(ids.SRC_NOTICES))).to_contain_text("start")
    journey.shot()
    journey.assert_clean()


def test_src004_search_ranks_stems_phrases_and_vietnamese(journey: Journey, app_url: str) -> None:
    page = journey.page
    page.goto(app_url + "/explorer")
    wait_for_page(page, ids.EXP_RESULTS)
    page.fill(sel(ids.EXP_QUERY), "diploma")
    expect(page).to_have_url(app_url + "/explorer?q=diploma", timeout=10_000)
    first = page.locator(f"{sel(ids.EXP_LIST)} article").first
    expect(first.locator("mark.hl-query").first).to_have_text(re.compile("^diplomas$", re.I))
    page.fill(sel(ids.EXP_QUERY), '"mutual recognition"')
    expect(page.locator(f"{sel(ids.EXP_LIST)} mark.hl-query").first).to_have_text(
        re.compile("mutual recognition", re.I)
    )
    phrase = result_count(page)
    assert phrase > 0
    page.goto(app_url + "/explorer?q=h%E1%BB%99i+nh%E1%BA%ADp&lang=vi")  # hội nhập
    wait_for_page(page, ids.EXP_NAMES)
    expect(page.locator(sel(ids.EXP_NAMES))).to_contain_text("hội nhập")
    expect(page.locator(sel(ids.EXP_NO_VIETNAMESE))).to_contain_text("chưa có văn bản tiếng Việt")
    page.goto(app_url + "/explorer?q=Bo+Ngoai+giao")
    wait_for_page(page, ids.EXP_NAMES)
    expect(page.locator(f"{sel(ids.EXP_NAMES)} a").first).to_have_attribute("href", "/explorer?actor=mofa")
    journey.shot()
    journey.assert_clean()


@pytest.mark.parametrize("path", ["/no-such-page", "/explorer/more?lang=vi"])
def test_src005_an_unknown_address_answers_404_with_the_friendly_page(
    journey: Journey, app_url: str, path: str
) -> None:
    page = journey.page
    response = page.goto(app_url + path)
    assert response is not None and response.status == 404
    wait_for_page(page, ids.NOT_FOUND)
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(app_url + path, timeout=10)  # noqa: S310 (our own server on 127.0.0.1)
    with raised.value as error:  # an HTTPError holds the socket open until closed
        assert error.code == 404
    journey.shot()
    assert page.goto(app_url + "/explorer?q=ASEAN").status == 200
    journey.assert_clean(not_found=True)
