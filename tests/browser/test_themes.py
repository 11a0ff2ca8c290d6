"""Journey: "One slide: how did the weight of science and technology change from 2016 to 2025?" Themes page,
pick the theme, read the share per document with each source's coverage flagged; click a cell to read the
provisions behind it; paste the URL to get the same view back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from dashboard.app import ids
from dashboard.dataset.load import Dataset

from .conftest import Journey
from .pages import choose, sel, wait_for_page

pytestmark = pytest.mark.browser
ST = "science_technology"
ST_LABEL = "Science, technology and innovation"


def graph_data(page: Page, graph_id: str) -> list[dict]:
    """Return the traces plotly is drawing in a graph (names, modes, values)."""
    return page.evaluate(
        "(id) => document.querySelector('#' + id + ' .js-plotly-plot').data"
        ".map(t => ({name: t.name, mode: t.mode, y: t.y, x: t.x, text: t.text, legend: t.legend}))",
        graph_id,
    )


def cell_position(page: Page, doc_id: str, theme: str) -> tuple[float, float]:
    """Return the page coordinates of the heatmap cell of `doc_id` × `theme` (from the trace's customdata)."""
    box = page.evaluate(
        """([docId, theme]) => {
            const gd = document.querySelector('#thm-heatmap .js-plotly-plot');
            const trace = gd.data[1];
            for (let i = 0; i < trace.customdata.length; i++) {
                for (let j = 0; j < trace.customdata[i].length; j++) {
                    const c = trace.customdata[i][j];
                    if (c[0] === docId && c[1] === theme) {
                        const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
                        const r = gd.querySelector('.nsewdrag').getBoundingClientRect();
                        return [r.left + xa.l2p(j), r.top + ya.l2p(i)];
                    }
                }
            }
            return null;
        }""",
        [doc_id, theme],
    )
    assert box, f"no cell {doc_id} × {theme}"
    return box[0], box[1]


@pytest.fixture(scope="module")
def built(shipped_build: Path) -> Dataset:
    return Dataset(shipped_build)


def test_thm001_themes_page_renders_with_coverage_flagged(journey: Journey, app_url: str) -> None:
    page = journey.page
    page.goto(app_url + "/themes")
    wait_for_page(page, ids.THEMES_HEATMAP)
    heatmap = page.locator(sel(ids.THEMES_HEATMAP))
    expect(heatmap.locator(".gtitle")).to_contain_text("Weight of each theme, document by document")
    expect(heatmap.locator(".gtitle")).to_contain_text("counting each document's own text")
    expect(heatmap.locator(".xtick")).to_contain_text(["22-NQ/TW2013○ summaryno own text"])
    expect(heatmap).to_contain_text("59-NQ/TW2025")
    expect(heatmap).to_contain_text("○ summary")
    expect(heatmap).to_contain_text("◐ partial")
    expect(page.locator(sel(ids.THEMES_BASIS_NOTE))).to_contain_text("22-NQ/TW has no own text")
    expect(page.locator(sel(ids.THEMES_COVERAGE_NOTE))).to_contain_text("differ in coverage")
    evolution = page.locator(sel(ids.THEMES_EVOLUTION))
    expect(evolution.locator(".legend2text")).to_have_text(["◐ Partial excerpt", "○ Secondary summary"])
    expect(page.locator(sel(ids.THEMES_TERMS))).to_contain_text("new terms")
    expect(page.locator(sel(ids.THEMES_NEW)).locator("a").first).to_have_attribute(
        "href", re.compile(r"^/document\?doc=.+&p=")
    )
    page.wait_for_timeout(300)
    journey.shot()
    journey.assert_clean()


def test_thm002_picking_a_theme_updates_the_chart_and_the_url(journey: Journey, app_url: str, built: Dataset) -> None:
    page = journey.page
    page.goto(app_url + "/themes")
    wait_for_page(page, ids.THEMES_EVOLUTION)
    choose(page, ids.THEMES_THEME, ST_LABEL)
    expect(page).to_have_url(app_url + f"/themes?theme={ST}")
    page.wait_for_function(
        "() => document.querySelector('#thm-evolution .js-plotly-plot').data.filter(t => t.mode === 'lines')"
        ".length === 1"
    )
    lines = [t for t in graph_data(page, ids.THEMES_EVOLUTION) if t["mode"] == "lines"]
    assert lines[0]["name"].replace("<br>", " ") == ST_LABEL
    measures = built.table("theme_measures")
    own = measures[(measures.theme_id == ST) & (measures.basis == "own")].set_index("document_id")
    docs = list(built.held_documents()["id"])
    expected = [
        None if own.loc[d, "provisions"] == 0 else round(float(own.loc[d, "share_provisions"]), 4) for d in docs
    ]
    marks = [t for t in graph_data(page, ids.THEMES_EVOLUTION) if t["mode"] == "text"]
    assert [None if v is None else round(v, 4) for v in marks[0]["y"]] == expected
    assert all(v is None for v in lines[0]["y"])  # every seed is an excerpt or a summary: no line joins them
    expect(page.locator(sel(ids.THEMES_EVOLUTION))).to_contain_text("13%")  # 40/QĐ-TTg's share, printed
    page.get_by_label("All text").check()
    expect(page).to_have_url(app_url + f"/themes?theme={ST}&basis=all")
    expect(page.locator(sel(ids.THEMES_HEATMAP)).locator(".gtitle")).to_contain_text("counting all text")
    expect(page.locator(sel(ids.THEMES_BASIS_NOTE))).to_have_count(0)
    journey.shot()
    journey.assert_clean()


def test_thm003_clicking_a_cell_lists_its_provisions_with_evidence(
    journey: Journey, app_url: str, built: Dataset
) -> None:
    page = journey.page
    page.goto(app_url + f"/themes?theme={ST}")
    wait_for_page(page, ids.THEMES_HEATMAP)
    page.wait_for_timeout(500)
    x, y = cell_position(page, "40-QD-TTg-2016", ST)
    page.mouse.move(x, y)
    expect(page.locator(sel(ids.THEMES_HEATMAP)).locator(".hoverlayer")).to_contain_text("40/QĐ-TTg")
    page.mouse.click(x, y)
    expect(page).to_have_url(app_url + f"/themes?theme={ST}&cell=40-QD-TTg-2016%7C{ST}")
    listed = page.locator(sel(ids.THEMES_CELL_LIST))
    measures = built.table("theme_measures")
    row = measures[
        (measures.document_id == "40-QD-TTg-2016") & (measures.theme_id == ST) & (measures.basis == "own")
    ].iloc[0]
    count = row["theme_provisions"]
    expect(listed).to_have_attribute("data-count", str(count))
    expect(listed.locator("article.provision")).to_have_count(int(count))
    marks = listed.locator("mark.hl-theme")
    assert marks.count() >= count
    expect(page.locator(sel(ids.THEMES_CELL))).to_contain_text("40/QĐ-TTg (2016) ◐ partial")
    # the same numbers as the cell: k of n counted provisions
    expect(page.locator(sel(ids.THEMES_CELL))).to_contain_text(f"{count} of {row['provisions']} provisions")
    expect(page.locator(sel(ids.THEMES_CAPTION))).to_contain_text("provisions of 40/QĐ-TTg on Science")
    journey.shot()
    link = listed.locator("a.open-link").first
    expect(link).to_have_attribute("href", re.compile(r"^/document\?doc=40-QD-TTg-2016&p=40-QD-TTg-2016:"))
    link.click()
    expect(page).to_have_url(re.compile(r"/document\?doc=40-QD-TTg-2016&p="))
    wait_for_page(page, ids.DOC_PROVISIONS)
    journey.assert_clean()


def test_thm004_a_deep_link_restores_the_view(journey: Journey, app_url: str) -> None:
    page = journey.page
    url = (
        app_url + "/themes?docs=40/QĐ-TTg,153/NQ-CP&theme=science_technology,education_training"
        "&measure=share_words&basis=all&cell=153-NQ-CP-2025|education_training&lang=vi"
    )
    page.goto(url)
    wait_for_page(page, ids.THEMES_HEATMAP)
    expect(page.locator("h1")).to_have_text("Chủ đề")
    expect(page.locator(sel(ids.THEMES_DOCS))).to_contain_text("40/QĐ-TTg")
    expect(page.locator(sel(ids.THEMES_DOCS))).to_contain_text("153/NQ-CP")
    expect(page.locator(sel(ids.THEMES_THEME))).to_contain_text("Khoa học, công nghệ")
    expect(page.get_by_label("Tỷ lệ số từ")).to_be_checked()
    expect(page.get_by_label("Mọi đoạn")).to_be_checked()
    expect(page.locator(sel(ids.THEMES_HEATMAP)).locator(".xtick")).to_have_count(2)
    expect(page.locator(sel(ids.THEMES_CELL_LIST)).locator("article.provision").first).to_be_visible()
    expect(page.locator(sel(ids.THEMES_CELL))).to_contain_text("Giáo dục và đào tạo")
    lines = [t for t in graph_data(page, ids.THEMES_EVOLUTION) if t["mode"] == "lines"]
    assert len(lines) == 2
    parts = (ids.THEMES_STATUS, ids.THEMES_CELL, ids.THEMES_NEW)
    first = [page.locator(sel(part)).inner_text() for part in parts]
    page.goto("about:blank")
    page.goto(url)
    wait_for_page(page, ids.THEMES_CELL_LIST)
    assert [page.locator(sel(part)).inner_text() for part in parts] == first
    journey.assert_clean()


def test_thm005_a_malformed_address_gives_a_notice_and_the_default_view(journey: Journey, app_url: str) -> None:
    page = journey.page
    page.goto(app_url + "/themes?measure=median&cell=nowhere&docs=99-XX&basis=")
    wait_for_page(page, ids.THEMES_HEATMAP)
    notices = page.locator(sel(ids.THEMES_NOTICES))
    expect(notices).to_contain_text("Part of the address was not understood")
    expect(notices).to_contain_text("measure")
    expect(page.get_by_label("Share of provisions")).to_be_checked()
    expect(page.locator(sel(ids.THEMES_HEATMAP)).locator(".xtick")).to_have_count(5)
    expect(page.locator("body")).not_to_contain_text("Traceback")
    journey.assert_clean()
