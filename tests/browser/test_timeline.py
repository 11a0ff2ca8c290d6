"""Journey: read the timeline, switch layers (state in the URL), click a document to open it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.app import ids

from .conftest import Journey
from .pages import arrow_count, point_position, sel, wait_for_page

pytestmark = pytest.mark.browser
GRAPH = ids.TIMELINE_GRAPH


def test_tl001_timeline_shows_documents_coverage_and_relations(journey: Journey, app_url: str) -> None:
    page = journey.page
    page.goto(app_url + "/timeline")
    wait_for_page(page, GRAPH)
    graph = page.locator(sel(GRAPH))
    expect(graph.locator(".legendtext")).to_contain_text(["Partial excerpt", "Secondary summary", "Not held"])
    expect(graph.locator(".gtitle")).to_contain_text(
        "Viet Nam's international-integration documents over time"
    )
    expect(graph).to_contain_text("All 5 seeds are partial")
    assert arrow_count(page, GRAPH) == 6
    expect(page.locator(sel(ids.TIMELINE_RELATIONS))).to_contain_text("follows the review of")
    journey.shot()
    journey.assert_clean()


def test_tl002_clicking_a_document_opens_its_page(journey: Journey, app_url: str) -> None:
    page = journey.page
    page.goto(app_url + "/timeline?lang=vi")
    wait_for_page(page, GRAPH)
    page.wait_for_timeout(500)
    x, y = point_position(page, GRAPH, "59-NQ-TW-2025")
    page.mouse.move(x, y)
    expect(page.locator(".hoverlayer")).to_contain_text("59-NQ/TW")
    page.mouse.click(x, y)
    expect(page).to_have_url(app_url + "/document?doc=59-NQ-TW-2025&lang=vi")
    expect(page.locator(sel(ids.DOC_HEADER))).to_contain_text("59-NQ/TW")
    journey.shot()
    page.go_back()
    expect(page).to_have_url(app_url + "/timeline?lang=vi")
    wait_for_page(page, GRAPH)
    journey.assert_clean()


def test_tl003_layers_write_the_url_and_a_deep_link_restores_them(journey: Journey, app_url: str) -> None:
    page = journey.page
    page.goto(app_url + "/timeline")
    wait_for_page(page, GRAPH)
    page.get_by_label("Relations", exact=True).uncheck()
    expect(page).to_have_url(app_url + "/timeline?hide=relations")
    page.wait_for_function(  # the graph may be between two renders: wait for it, then for no arrows
        f"() => {{ const g = document.querySelector('#{GRAPH} .js-plotly-plot');"
        " return !!(g && g.layout) && (g.layout.annotations || []).filter(a => a.showarrow).length === 0; }"
    )
    page.get_by_label("Documents not held").uncheck()
    expect(page).to_have_url(app_url + "/timeline?hide=relations,not_held")
    page.goto(app_url + "/timeline?hide=relations,not_held")
    wait_for_page(page, GRAPH)
    expect(page.get_by_label("Relations", exact=True)).not_to_be_checked()
    expect(page.get_by_label("Horizons and target years")).to_be_checked()
    assert arrow_count(page, GRAPH) == 0
    expect(page.locator(sel(GRAPH)).locator(".legendtext")).not_to_contain_text(["Not held"])
    journey.assert_clean()
