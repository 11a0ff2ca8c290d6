"""Selectors shared by the journeys, built from the app's own id constants (a renamed id breaks loudly)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from dashboard.app import ids


def sel(component_id: str) -> str:
    """Return the CSS selector of a component id."""
    return f"#{component_id}"


def wait_for_page(page: Page, component_id: str) -> None:
    """Wait until Dash has rendered the page that holds `component_id`."""
    expect(page.locator(sel(component_id))).to_be_visible(timeout=15_000)


def result_count(page: Page) -> int:
    """Return the explorer's number of results (its data-count attribute)."""
    return int(page.locator(sel(ids.EXP_COUNT)).get_attribute("data-count") or "-1")


def choose(page: Page, dropdown_id: str, option: str) -> None:
    """Pick an option in a Dash 4 dropdown (a button that opens a list of role=option labels)."""
    page.click(sel(dropdown_id))
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def point_position(page: Page, graph_id: str, doc_id: str) -> tuple[float, float]:
    """Return the page coordinates of the timeline marker whose customdata is `doc_id`."""
    box = page.wait_for_function(
        """([graphId, docId]) => {
            const gd = document.querySelector('#' + graphId + ' .js-plotly-plot');
            if (!gd || !gd.data) { return null; }
            const traces = gd.querySelectorAll('.scatterlayer .trace');
            for (let c = 0; c < gd.data.length; c++) {
                const custom = gd.data[c].customdata || [];
                for (let i = 0; i < custom.length; i++) {
                    if (custom[i] && custom[i][0] === docId && gd.data[c].legendgroup === 'coverage' && traces[c]) {
                        const r = traces[c].querySelectorAll('path.point')[i].getBoundingClientRect();
                        return [r.x + r.width / 2, r.y + r.height / 2];
                    }
                }
            }
            return null;
        }""",
        arg=[graph_id, doc_id],
    ).json_value()
    return box[0], box[1]


def arrow_count(page: Page, graph_id: str) -> int:
    """Return how many relation arrows the timeline figure draws (once the figure is drawn)."""
    handle = page.wait_for_function(  # +1 so that "drawn, no arrows" is truthy and ends the wait
        "(id) => { const g = document.querySelector('#' + id + ' .js-plotly-plot');"
        " return g && g.layout ? (g.layout.annotations || []).filter(a => a.showarrow).length + 1 : 0; }",
        arg=graph_id,
    )
    return int(handle.json_value()) - 1
