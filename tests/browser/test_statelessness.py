"""Two people, two browser contexts, different filters: neither sees the other's view (state is the URL)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from dashboard.app import ids

from .conftest import Journey
from .pages import result_count, sel, wait_for_page

pytestmark = pytest.mark.browser


def test_state001_two_users_keep_their_own_filters(journey: Journey, browser: Browser, app_url: str) -> None:
    contexts = [browser.new_context(viewport={"width": 1366, "height": 900}) for _ in range(2)]
    try:
        alice, bob = (journey.watch(ctx.new_page()) for ctx in contexts)
        alice.goto(app_url + "/explorer?q=ASEAN")
        bob.goto(app_url + "/explorer?doc=22-NQ-TW-2013")
        for page in (alice, bob):
            wait_for_page(page, ids.EXP_RESULTS)
        alice_count, bob_count = result_count(alice), result_count(bob)
        assert alice_count != bob_count

        alice.fill(sel(ids.EXP_QUERY), "ASEAN Community")
        expect(alice).to_have_url(app_url + "/explorer?q=ASEAN+Community")
        bob.fill(sel(ids.EXP_QUERY), "review")
        expect(bob).to_have_url(app_url + "/explorer?q=review&doc=22-NQ-TW-2013")
        expect(bob.locator(sel(ids.EXP_CAPTION))).to_contain_text("in 22-NQ/TW")
        expect(alice.locator(sel(ids.EXP_CAPTION))).not_to_contain_text("22-NQ/TW")
        expect(alice.locator(sel(ids.EXP_QUERY))).to_have_value("ASEAN Community")

        bob.reload()
        wait_for_page(bob, ids.EXP_RESULTS)
        expect(bob.locator(sel(ids.EXP_QUERY))).to_have_value("review")
        alice.reload()
        wait_for_page(alice, ids.EXP_RESULTS)
        expect(alice.locator(sel(ids.EXP_QUERY))).to_have_value("ASEAN Community")
        assert result_count(alice) <= alice_count
        journey.shot("alice", alice)
        journey.shot("bob", bob)
    finally:
        for ctx in contexts:
            ctx.close()
    journey.assert_clean()
