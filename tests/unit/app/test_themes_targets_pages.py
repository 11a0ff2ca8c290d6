"""The Themes and Targets page builders on the fixture corpus (no server): every id the callbacks use is
there, a clicked cell lists its provisions with the evidence words marked and document text as text, the
controls write the views a URL would, and a malformed address still gives a page."""

from __future__ import annotations

from dash import html

from dashboard.app import ids
from dashboard.app.context import AppData
from dashboard.app.state import TargetsView, ThemesView
from dashboard.app.views.targets import targets_page
from dashboard.app.views.targets import view_from_controls as targets_from_controls
from dashboard.app.views.themes import cell_section, themes_page, view_from_click, view_from_controls
from dashboard.figures.targets.tables import year_bounds
from dashboard.figures.themes.heatmap import heatmap_axes

from .helpers import by_id, components, strings, text_of
from .helpers import ids as all_ids

CELL = ("1-NQ-TW-2020", "culture_information")


def test_themes_page_has_every_id_its_callbacks_use(app_data: AppData) -> None:
    page = themes_page(app_data, ThemesView())
    assert {
        ids.THEMES_DOCS,
        ids.THEMES_THEME,
        ids.THEMES_MEASURE,
        ids.THEMES_BASIS,
        ids.THEMES_STATUS,
        ids.THEMES_HEATMAP,
        ids.THEMES_EVOLUTION,
        ids.THEMES_TERMS,
        ids.THEMES_NEW,
        ids.THEMES_CELL,
        ids.chart_card(ids.THEMES_HEATMAP),
    } <= all_ids(page)
    card = by_id(page, ids.chart_card(ids.THEMES_HEATMAP))
    assert getattr(card, "data-chart") == "themes-heatmap"


def test_the_clicked_cell_lists_its_provisions_with_evidence_marked(app_data: AppData) -> None:
    section = cell_section(app_data, ThemesView(cell=CELL))
    listed = by_id(section, ids.THEMES_CELL_LIST)
    assert getattr(listed, "data-count") == "1"
    marks = [m for m in components(listed, "Mark") if "hl-theme" in m.className]
    assert [m.children for m in marks] == ["UNESCO", "cultural", "heritage"]
    assert all(m.title for m in marks)  # the codebook term, as a tooltip
    # the provision's <script> is a plain string child, never markup
    assert any("<script>alert(1)</script>" in s for s in strings(listed))
    assert not components(listed, "Script")
    links = [n for n in components(section, "Link") if "document" in str(n.href)]
    assert links and links[0].href == "/document?doc=1-NQ-TW-2020&p=1-NQ-TW-2020:2.b2"


def test_no_cell_no_section_and_close_link_drops_it(app_data: AppData) -> None:
    assert cell_section(app_data, ThemesView()) == []
    section = cell_section(app_data, ThemesView(cell=CELL))
    close = next(n for n in components(section, "Link") if "Close" in str(n.children))
    assert close.href == "/themes"


def test_controls_and_clicks_write_the_views_a_url_would(app_data: AppData) -> None:
    search = "?cell=1-NQ-TW-2020%7Cculture_information&lang=vi"
    view = view_from_controls(
        app_data,
        search,
        docs=["2-NQ-CP-2021", "1-NQ-TW-2020"],
        themes=["economy_trade"],
        measure="count",
        basis="all",
    )
    assert view.to_query() == (
        "?docs=1-NQ-TW-2020,2-NQ-CP-2021&theme=economy_trade&measure=count&basis=all"
        "&cell=1-NQ-TW-2020%7Cculture_information&lang=vi"
    )
    narrowed = view_from_controls(app_data, search, docs=["2-NQ-CP-2021"], themes=[], measure=None, basis=None)
    assert narrowed.cell is None  # the clicked document is no longer shown
    click = {"points": [{"customdata": ["2-NQ-CP-2021", "tourism_sports", "hover"]}]}
    assert view_from_click(app_data, "?basis=all", click).to_query() == "?basis=all&cell=2-NQ-CP-2021%7Ctourism_sports"
    assert view_from_click(app_data, "?basis=all", {"points": [{"customdata": ["x", "y"]}]}).cell is None
    # what Dash really sends for a heatmap: the cell's labels, without customdata
    columns, rows = heatmap_axes(app_data.dataset, ThemesView(themes=("health",)).chart_options())
    x = next(label for label, doc in columns.items() if doc == "2-NQ-CP-2021")
    y = next(label for label, theme in rows.items() if theme == "health")
    assert y == "<b>Health</b>"  # a chosen theme's row label is bold
    clicked = view_from_click(app_data, "?theme=health", {"points": [{"x": x, "y": y, "z": 0.0}]})
    assert clicked.cell == ("2-NQ-CP-2021", "health")
    assert view_from_click(app_data, "?theme=health", {"points": [{"x": "nowhere", "y": y}]}).cell is None
    assert view_from_click(app_data, "", None) == ThemesView()


def test_malformed_themes_address_still_gives_the_page_with_a_notice(app_data: AppData) -> None:
    view = ThemesView.from_query("?measure=zzz&cell=nope&docs=XX", app_data.vocab)
    page = themes_page(app_data, view)
    notices = by_id(page, ids.THEMES_NOTICES)
    assert "alert-warning" in notices.className and "measure" in text_of(notices)
    assert by_id(page, ids.THEMES_HEATMAP).figure is not None


def test_targets_page_lists_every_target_with_its_source(app_data: AppData) -> None:
    page = targets_page(app_data, TargetsView())
    assert {
        ids.TARGETS_DOCS,
        ids.TARGETS_THEME,
        ids.TARGETS_KIND,
        ids.TARGETS_YEARS,
        ids.TARGETS_BY,
        ids.TARGETS_TIMELINE,
        ids.TARGETS_INDICATORS,
        ids.TARGETS_TABLE,
        ids.TARGETS_CONFLICTS,
    } <= all_ids(page)
    table = by_id(page, ids.TARGETS_TABLE)
    rows = [r for r in components(table, "Tr") if getattr(r, "data-target", None)]
    stored = app_data.dataset.table("targets")
    assert sorted(getattr(r, "data-target") for r in rows) == sorted(stored["id"])
    count = by_id(page, ids.TARGETS_COUNT)
    assert getattr(count, "data-count") == str(len(stored))
    links = [n.href for n in components(table, "Link")]
    assert all(h.startswith(("/document?doc=", "/source?doc=")) for h in links) and len(links) >= len(stored)
    # an extracted target links to its words in the seed text, in the app's source view
    extracted = stored[stored["provision_id"].fillna("") != ""].iloc[0]
    assert (
        f"/source?doc={extracted['document_id']}&start={int(extracted['start'])}&end={int(extracted['end'])}" in links
    )


def test_the_targets_table_turns_pages_of_rows_and_each_target_is_on_one(app_data: AppData, monkeypatch) -> None:
    """A corpus of thousands has tens of thousands of targets: the table draws a page of them (`&page=N`),
    says which rows it shows, and its pager leads to the others; a filter starts again from the first page."""
    from dashboard.app.views import targets_table
    from dashboard.figures.registry import ChartOptions
    from dashboard.figures.targets.tables import target_records

    monkeypatch.setattr(targets_table, "MAX_ROWS", 1)  # the fixture's few targets stand for thousands
    stored = app_data.dataset.table("targets")
    seen: list[str] = []
    roles = [r.get("role", "deadline") == "deadline" for r in target_records(app_data.dataset, ChartOptions())]
    pages = max(roles.count(True), roles.count(False))  # each of the two tables (deadlines, years apart) a row a page
    assert pages > 2
    for number in range(1, pages + 1):
        table = by_id(targets_page(app_data, TargetsView(page=number)), ids.TARGETS_TABLE)
        rows = [getattr(r, "data-target") for r in components(table, "Tr") if getattr(r, "data-target", None)]
        assert 0 < len(rows) <= 2  # one of each table at most
        seen += rows
        pager = by_id(table, ids.TARGETS_PAGER)
        hrefs = [n.href for n in components(pager, "Link")]
        assert (f"/targets?page={number + 1}" in hrefs) == (number < pages)
        assert any(h in ("/targets", f"/targets?page={number - 1}") for h in hrefs) == (number > 1)
        assert "Rows " in text_of(table)
    assert sorted(seen) == sorted(stored["id"])  # every target on one page, none twice
    # past the last page: the last page; a filter from the controls goes back to the first
    last = by_id(targets_page(app_data, TargetsView(page=999)), ids.TARGETS_TABLE)
    assert text_of(last) == text_of(by_id(targets_page(app_data, TargetsView(page=pages)), ids.TARGETS_TABLE))
    view = targets_from_controls(app_data, "?page=2", docs=[], theme=None, kinds=["goal"], years=None, by=None)
    assert view.page == 1 and "page" not in view.to_query()
    assert TargetsView.from_query("?page=3", app_data.vocab).page == 3


def test_targets_year_filter_and_empty_result(app_data: AppData) -> None:
    view = targets_from_controls(app_data, "", docs=[], theme=None, kinds=["goal"], years=[2030, 2030], by=None)
    assert view.to_query() == "?kind=goal&from=2030&to=2030"
    page = targets_page(app_data, view)
    assert getattr(by_id(page, ids.TARGETS_COUNT), "data-count") == "1"
    none = targets_page(app_data, TargetsView(year_from=1990, year_to=1991))
    assert "No target matches" in text_of(by_id(none, ids.TARGETS_TABLE))
    assert isinstance(by_id(none, ids.TARGETS_CONFLICTS), html.Div)


def test_an_empty_cell_says_why(app_data: AppData) -> None:
    section = cell_section(app_data, ThemesView(cell=("2-NQ-CP-2021", "health")))
    assert "No provision of this document carries the theme" in text_of(section)


def test_targets_years_outside_the_data_show_a_notice_and_the_slider_keeps_the_address(app_data: AppData) -> None:
    first, last = year_bounds(app_data.dataset)
    search = f"?from={last + 5}&to={last + 15}"
    view = TargetsView.from_query(search, app_data.vocab)
    assert (view.year_from, view.year_to) == (last, last)
    page = targets_page(app_data, view)
    notices = text_of(by_id(page, ids.TARGETS_NOTICES))
    assert f"No targets fall due outside {first}–{last}; showing {last}." in notices
    assert by_id(page, ids.TARGETS_YEARS).value == [last, last]
    assert text_of(by_id(page, ids.TARGETS_YEARS_TEXT)) == str(last)  # the chosen years beside the slider
    # the slider's first call describes the same view: the address is not rewritten, the notice stays
    shown = targets_from_controls(app_data, search, docs=[], theme=None, kinds=None, years=[last, last], by=None)
    assert shown.same_as(search, app_data.vocab)
    assert [n.code for n in shown.notices] == ["out-of-range"]
