"""Journeys: a document held as an English translation and its Vietnamese original (tests/fixtures/bilingual):
switch between its versions on the Document page, and compare the two versions (a notice, pairs by numbering).

The bilingual fixture corpus is built into a temporary package and served in a thread on a free port."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard.app import ids
from dashboard.dataset.build import run as build_package
from tests.bilingual import DOC_ID, VI_ID, bilingual_seeds

from .conftest import Journey
from .pages import sel, wait_for_page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def bilingual_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from werkzeug.serving import make_server

    from dashboard.app import create_app

    root = tmp_path_factory.mktemp("bilingual-app")
    build_package(bilingual_seeds(root / "seeds"), root / "data")
    server = make_server("127.0.0.1", 0, create_app(Path(root / "data")).server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


def test_ver001_switch_between_the_english_and_vietnamese_versions(journey: Journey, bilingual_url: str) -> None:
    page = journey.page
    page.goto(f"{bilingual_url}/document?doc=7-nq/tw")  # its symbol, any case: the primary (English) version
    wait_for_page(page, ids.DOC_VERSIONS)
    body = page.locator(sel(ids.DOC_PROVISIONS))
    expect(body).to_contain_text("Keep the maritime border stable and peaceful.")
    page.locator(f"{sel(ids.DOC_VERSIONS)} a.version-vi").click()
    expect(page).to_have_url(f"{bilingual_url}/document?doc={DOC_ID}&version=vi")
    expect(body).to_contain_text("Giữ vững biên giới trên biển ổn định và hòa bình.")
    expect(body).not_to_contain_text("Keep the maritime border")
    expect(page.locator(f"{sel(ids.DOC_VERSIONS)} [aria-current=page]")).to_contain_text("Vietnamese")
    journey.shot("vi")
    page.locator(f"{sel(ids.DOC_VERSIONS)} a.version-en").click()
    expect(page).to_have_url(f"{bilingual_url}/document?doc={DOC_ID}")
    expect(body).to_contain_text("Keep the maritime border")
    journey.assert_clean()


def test_ver002_an_unknown_version_is_a_friendly_notice(journey: Journey, bilingual_url: str) -> None:
    page = journey.page
    page.goto(f"{bilingual_url}/document?doc={DOC_ID}&version=fr")
    wait_for_page(page, ids.DOC_PROVISIONS)
    expect(page.locator(sel(ids.DOC_NOTICES))).to_contain_text("version=“fr”")
    expect(page.locator(sel(ids.DOC_PROVISIONS))).to_contain_text("Keep the maritime border")
    journey.assert_clean()


def test_ver003_compare_the_two_versions_gives_a_notice_not_a_diff(journey: Journey, bilingual_url: str) -> None:
    page = journey.page
    page.goto(f"{bilingual_url}/document?doc={DOC_ID}")
    wait_for_page(page, ids.DOC_VERSIONS)
    page.locator(sel(ids.DOC_VERSIONS)).get_by_role("link", name="Compare the versions →").click()
    wait_for_page(page, ids.COMPARE_LANGUAGE)
    expect(page.locator(sel(ids.COMPARE_LANGUAGE))).to_contain_text("A is in English and B in Vietnamese")
    pairs = page.locator(f"{sel(ids.COMPARE_PAIRS)} .pair")
    expect(pairs).to_have_count(5)
    first = pairs.first
    expect(first).to_have_attribute("data-status", "paired")
    expect(first).to_have_attribute("data-b", f"{VI_ID}:1")
    expect(page.locator(f"{sel(ids.COMPARE_PAIRS)} del, {sel(ids.COMPARE_PAIRS)} ins")).to_have_count(0)
    journey.shot("compare")
    journey.assert_clean()
