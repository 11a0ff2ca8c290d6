"""Journey: "Which targets fall due in 2030, and who said so?" Targets page, every target with its document and
its source (a provision, or a cited secondary source), and any conflict between sources shown side by side."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import expect

from dashboard.app import ids
from dashboard.dataset.load import Dataset

from .conftest import Journey
from .pages import choose, sel, wait_for_page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def targets(shipped_build: Path) -> pd.DataFrame:
    return Dataset(shipped_build).table("targets")


def test_tgt001_targets_due_in_2030_list_their_documents_and_sources(
    journey: Journey, app_url: str, targets: pd.DataFrame
) -> None:
    page = journey.page
    page.goto(app_url + "/targets?from=2030&to=2030")
    wait_for_page(page, ids.TARGETS_TABLE)
    due = targets[pd.to_numeric(targets["end_year"], errors="coerce") == 2030]
    count = page.locator(sel(ids.TARGETS_COUNT))
    # deadlines only: Agenda 2030 (twice), the Overall strategy's horizon cited by 01/NQ-CP and the
    # publisher's framing of 40/QĐ-TTg are listed apart
    expect(count).to_have_attribute("data-count", str(len(due) - 4))
    expect(count).to_have_attribute("data-apart", "4")
    expect(count).to_contain_text("listed apart")
    apart = page.locator(f"{sel(ids.TARGETS_TABLE)} tr[data-target]:not([data-role='deadline'])")
    expect(apart).to_have_count(4)
    expect(apart.first).to_contain_text("not a deadline")
    expect(page.locator(sel(ids.TARGETS_CAPTION))).to_have_text("Targets falling due 2030 · all documents")
    rows = page.locator(f"{sel(ids.TARGETS_TABLE)} tr[data-target]")
    expect(rows).to_have_count(len(due))
    assert sorted(rows.evaluate_all("rs => rs.map(r => r.dataset.target)")) == sorted(due["id"])
    assert all(d.endswith("2030") for d in rows.evaluate_all("rs => rs.map(r => r.dataset.due)"))
    # who said so: every row names its document and either its provision or the cited source's address
    for i in range(rows.count()):
        row = rows.nth(i)
        expect(row.locator("a[href^='/document?doc=']").first).to_be_visible()
        cited = row.locator(".cited-badge")
        if cited.count():
            expect(row.locator("a[href^='http']")).to_have_attribute("target", "_blank")
        else:
            expect(row.get_by_role("link", name=re.compile(r"^provision "))).to_have_attribute(
                "href", re.compile(r"^/document\?doc=[^&]+&p=")
            )
    cited_rows = due[due["origin"] == "cited"]
    assert not cited_rows.empty
    expect(page.locator(sel(ids.TARGETS_TABLE))).to_contain_text("vietnamlawmagazine.vn")
    timeline = page.locator(sel(ids.TARGETS_TIMELINE))
    expect(timeline).to_contain_text("due 2030")
    expect(timeline.locator(".legendtext")).to_contain_text(["Goal"])
    journey.shot()
    journey.assert_clean()


def test_tgt002_conflicting_sources_are_shown_side_by_side(
    journey: Journey, app_url: str, targets: pd.DataFrame
) -> None:
    page = journey.page
    groups = targets[targets["conflict_group"].fillna("") != ""].groupby("conflict_group")
    assert len(groups) >= 1
    group, rows = next(iter(groups))
    year = int(rows["end_year"].iloc[0])
    # filtered to one kind and one year, the block still shows every side of the disagreement
    page.goto(app_url + f"/targets?kind=goal&from={year}&to={year}")
    wait_for_page(page, ids.TARGETS_TABLE)
    block = page.locator(f"{sel(ids.TARGETS_CONFLICTS)} [data-group='{group}']")
    expect(block).to_be_visible()
    expect(block).to_contain_text("Sources disagree")
    expect(block.locator(".conflict-side")).to_have_count(len(rows))
    for text in rows["text"]:
        expect(block).to_contain_text(str(text))
    expect(block.locator("a[href^='http']")).to_have_count(len(rows))
    expect(page.locator(sel(ids.TARGETS_COUNT))).to_contain_text("where sources disagree")
    expect(page.locator(f"{sel(ids.TARGETS_TABLE)} tr.in-conflict")).to_have_count(len(rows))
    page.wait_for_function("() => document.querySelector('#tgt-timeline .js-plotly-plot')?.data")
    conflicts = page.evaluate(
        "() => document.querySelector('#tgt-timeline .js-plotly-plot').data"
        ".filter(t => t.name === '⚠ sources disagree').map(t => t.x.length)"
    )
    assert conflicts == [len(rows)]
    journey.shot()
    journey.assert_clean()


def test_tgt003_filters_write_the_url_and_a_deep_link_restores_them(journey: Journey, app_url: str) -> None:
    page = journey.page
    page.goto(app_url + "/targets")
    wait_for_page(page, ids.TARGETS_TABLE)
    everything = int(page.locator(sel(ids.TARGETS_COUNT)).get_attribute("data-count") or "0")
    choose(page, ids.TARGETS_THEME, "Economic integration, trade and investment")
    expect(page).to_have_url(app_url + "/targets?theme=economy_trade")
    page.get_by_label("◆ Milestone").uncheck()
    expect(page).to_have_url(app_url + "/targets?theme=economy_trade&kind=goal,programme_period,reported_indicator")
    page.get_by_label("by theme").check()
    expect(page).to_have_url(
        app_url + "/targets?theme=economy_trade&kind=goal,programme_period,reported_indicator&by=theme"
    )
    narrowed = int(page.locator(sel(ids.TARGETS_COUNT)).get_attribute("data-count") or "0")
    assert 0 < narrowed < everything
    url = page.url
    page.goto("about:blank")
    page.goto(url)
    wait_for_page(page, ids.TARGETS_TABLE)
    expect(page.locator(sel(ids.TARGETS_THEME))).to_contain_text("Economic integration")
    expect(page.get_by_label("◆ Milestone")).not_to_be_checked()
    expect(page.get_by_label("★ Goal")).to_be_checked()
    expect(page.get_by_label("by theme")).to_be_checked()
    expect(page.locator(sel(ids.TARGETS_COUNT))).to_have_attribute("data-count", str(narrowed))
    journey.assert_clean()


def test_tgt004_reported_indicators_and_a_malformed_address(journey: Journey, app_url: str) -> None:
    page = journey.page
    page.goto(app_url + "/targets?from=2035&to=2020&kind=wish&lang=vi")
    wait_for_page(page, ids.TARGETS_TABLE)
    notices = page.locator(sel(ids.TARGETS_NOTICES))
    expect(notices).to_contain_text("kind")
    expect(page.locator(sel(ids.TARGETS_CAPTION))).to_contain_text("2020–2035")
    expect(page.locator("h1")).to_have_text("Mục tiêu")
    page.goto(app_url + "/targets")
    wait_for_page(page, ids.TARGETS_INDICATORS)
    indicators = page.locator(sel(ids.TARGETS_INDICATORS))
    for value in ("33", "34", "38", "16", "17"):
        expect(indicators.locator(".textpoint", has_text=re.compile(rf"^{value}$"))).to_have_count(1)
    expect(indicators).to_contain_text("Countries with a strategic or")
    journey.shot()
    journey.assert_clean()


def test_tgt005_years_outside_the_data_say_so_and_show_the_nearest(
    journey: Journey, app_url: str, targets: pd.DataFrame
) -> None:
    page = journey.page
    years = pd.concat([targets["start_year"], targets["end_year"]]).dropna().astype(int)
    first, last = int(years.min()), int(years.max())
    page.goto(app_url + f"/targets?from={last + 5}&to={last + 15}")
    wait_for_page(page, ids.TARGETS_TABLE)
    notices = page.locator(sel(ids.TARGETS_NOTICES))
    expect(notices).to_contain_text(f"No targets fall due outside {first}–{last}; showing {last}.")
    expect(page.locator(sel(ids.TARGETS_CAPTION))).to_contain_text(f"Targets falling due {last}")
    # the slider shows the nearest years, and the address is left as given (the notice explains it)
    expect(page).to_have_url(app_url + f"/targets?from={last + 5}&to={last + 15}")
    due = targets[pd.to_numeric(targets["end_year"], errors="coerce") == last]
    expect(page.locator(sel(ids.TARGETS_COUNT))).to_have_attribute("data-count", str(len(due)))
    page.goto(app_url + "/targets?from=1990&to=2000&lang=vi")
    wait_for_page(page, ids.TARGETS_TABLE)
    expect(notices).to_contain_text(f"ngoài khoảng {first}–{last}; đang hiển thị {first}.")
    journey.shot()
    journey.assert_clean()


def test_tgt006_the_year_slider_says_its_years_and_keeps_clear_of_the_link_beside_it(
    journey: Journey, app_url: str, targets: pd.DataFrame
) -> None:
    page = journey.page
    years = pd.concat([targets["start_year"], targets["end_year"]]).dropna().astype(int)
    first, last = int(years.min()), int(years.max())
    page.goto(app_url + "/targets")
    wait_for_page(page, ids.TARGETS_TABLE)
    shown = page.locator(sel(ids.TARGETS_YEARS_TEXT))
    expect(shown).to_have_text(f"{first}–{last}")
    slider = page.locator(sel(ids.TARGETS_YEARS))
    # at 1,400 px an always-visible tooltip covered the end marks and the "Clear all filters" link
    expect(slider.locator(".dash-slider-tooltip").first).not_to_be_visible()
    mark = slider.locator(".dash-slider-mark").last.bounding_box()
    clear = page.get_by_role("link", name="Clear all filters").bounding_box()
    assert mark and clear and mark["x"] + mark["width"] <= clear["x"]
    # moving the slider writes the address and the years beside the label
    slider.locator(".dash-slider-thumb-2").focus()
    page.keyboard.press("ArrowLeft")
    expect(page).to_have_url(app_url + f"/targets?to={last - 1}")
    expect(shown).to_have_text(f"{first}–{last - 1}")
    journey.assert_clean()
