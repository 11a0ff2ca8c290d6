"""Every page runs under the app's Content-Security-Policy in Chromium without a single violation: Dash's inline
scripts are allowed by their hashes, nothing else inline runs, and the charts draw."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import Journey

PAGES = ["/", "/timeline", "/themes", "/targets", "/explorer", "/compare", "/document"]


@pytest.mark.parametrize("path", PAGES)
def test_the_page_renders_under_the_policy_without_violations(journey: Journey, fixture_url: str, path: str):
    violations: list[str] = []
    journey.page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text
                    else None)
    response = journey.page.goto(fixture_url + path)
    assert response is not None and "script-src 'self'" in response.headers["content-security-policy"]
    expect(journey.page.locator("#_pages_content")).not_to_be_empty()
    journey.page.wait_for_load_state("networkidle")
    assert violations == []
    journey.assert_clean()
