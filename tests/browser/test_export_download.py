"""Journey: "one slide" — open a chart's download menu, pick a format, and get the file the chart shows; and
download the Compare page's briefing pack. The downloaded files are opened and checked."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image
from playwright.sync_api import Page, expect
from pptx import Presentation

from dashboard.app import ids
from dashboard.app.components.download import BRIEF_STATUS, TEXT

from .conftest import Journey
from .pages import sel, wait_for_page

pytestmark = [pytest.mark.browser, pytest.mark.export]
DOWNLOAD_TIMEOUT = 90_000  # the first export starts the app's export browser


def menu(page: Page, chart: str):
    """Return the download menu of the chart with this registry name."""
    return page.locator(f".chart-download[data-chart='{chart}']")


def download(page: Page, chart: str, item_class: str) -> tuple[bytes, str]:
    """Open the chart's menu, click the item, and return the downloaded file's bytes and name."""
    box = menu(page, chart)
    box.get_by_role("button", name=TEXT["download"]["en"]).click()
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT) as info:
        box.locator(f".{item_class}").click()
    assert info.value.failure() is None
    return Path(info.value.path()).read_bytes(), info.value.suggested_filename


def test_dl001_timeline_png_at_slide_size(journey: Journey, app_url: str) -> None:
    page = journey.page
    page.goto(app_url + "/timeline?hide=relations")
    wait_for_page(page, ids.TIMELINE_GRAPH)
    data, name = download(page, "timeline", "export-png-slide")
    assert name.endswith(".png") and name.startswith("timeline")
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(io.BytesIO(data)) as img:
        assert img.size == (3200, 1800)  # 16:9 slide, 2x
    journey.shot()
    journey.assert_clean()


def test_dl002_svg_a4_and_csv_follow_the_page_state(journey: Journey, app_url: str) -> None:
    page = journey.page
    page.goto(app_url + "/themes?docs=40-QD-TTg-2016,153-NQ-CP-2025")
    wait_for_page(page, ids.THEMES_HEATMAP)
    svg, name = download(page, "themes-heatmap", "export-svg-a4")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg") and root.get("width") == "1240" and 500 <= int(root.get("height")) <= 1754
    assert "40-QD-TTg-2016" in name
    csv, name = download(page, "themes-heatmap", "export-csv-data")
    table = pd.read_csv(io.BytesIO(csv))
    assert name.endswith(".csv") and len(table) > 0
    assert set(table.astype(str).stack()) & {"40-QD-TTg-2016", "40/QĐ-TTg"}  # the page's documents only
    assert not set(table.astype(str).stack()) & {"59-NQ-TW-2025", "59-NQ/TW"}
    journey.assert_clean()


def test_dl003_compare_briefing_pack(journey: Journey, app_url: str) -> None:
    page = journey.page
    page.goto(app_url + "/compare")  # no documents chosen yet: the menu says what to do
    wait_for_page(page, ids.COMPARE_A)
    page.get_by_role("button", name=TEXT["brief"]["en"]).click()
    page.locator(".briefing-pack .brief-pptx").click()
    expect(page.locator(sel(BRIEF_STATUS))).to_have_text(TEXT["brief.choose"]["en"])
    page.goto(app_url + "/compare?a=40-QD-TTg-2016&b=153-NQ-CP-2025")
    wait_for_page(page, ids.COMPARE_CHART)
    page.get_by_role("button", name=TEXT["brief"]["en"]).click()
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT) as info:
        page.locator(".briefing-pack .brief-pptx").click()
    assert info.value.suggested_filename == "briefing-pack_40-QD-TTg-2016_vs_153-NQ-CP-2025.pptx"
    prs = Presentation(info.value.path())
    assert len(prs.slides) >= 8
    assert "40/QĐ-TTg" in prs.slides[0].shapes.title.text
    pictures = [s for slide in prs.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) >= 3
    expect(page.locator(sel(BRIEF_STATUS))).to_have_text("")
    journey.shot()
    journey.assert_clean()


def test_dl004_the_briefing_pack_follows_the_readers_pins(journey: Journey, app_url: str) -> None:
    page = journey.page
    page.goto(app_url + "/compare?a=40-QD-TTg-2016&b=153-NQ-CP-2025&pin=3.b1-p2,9.z-p1")  # one pin names nothing
    wait_for_page(page, ids.COMPARE_CHART)
    page.get_by_role("button", name=TEXT["brief"]["en"]).click()
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT) as info:
        page.locator(".briefing-pack .brief-html").click()
    html = Path(info.value.path()).read_text(encoding="utf-8")
    assert "paired by the reader" in html and "1 correction(s) to the pairing by the reader (3.b1-p2:" in html
    assert "9.z" not in html  # the pin naming nothing is a notice on the page, not part of the pack
    journey.assert_clean()
