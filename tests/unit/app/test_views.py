"""Page builders on the fixture corpus: what each page says for a given URL."""

from __future__ import annotations

from dashboard.app import ids
from dashboard.app.context import AppData
from dashboard.app.state import DocumentView, ExplorerView, HomeView, TimelineView
from dashboard.app.views.document import document_page
from dashboard.app.views.explorer import PAGE_SIZE, explorer_page, results, view_from_controls
from dashboard.app.views.home import home_page
from dashboard.app.views.timeline import clicked_document, clicked_year, timeline_page, view_from_layers

from .helpers import by_id, components, strings, text_of
from .helpers import ids as all_ids


def test_home_lists_each_document_with_its_coverage(app_data: AppData) -> None:
    page = home_page(app_data, HomeView())
    table = by_id(page, ids.HOME_CORPUS)
    text = text_of(table)
    assert "1-NQ/TW" in text and "2/NQ-CP" in text
    assert (
        "Full text" in text
        and "Partial excerpt" in text
        and "Three paragraphs of a made-up programme." in text
    )
    assert "1 of the 2 seeds are partial" in text_of(by_id(page, ids.HOME_COVERAGE))
    links = {link.href for link in components(table, "Link")}
    assert "/document?doc=1-NQ-TW-2020" in links


def test_home_in_vietnamese_keeps_language_in_links(app_data: AppData) -> None:
    page = home_page(app_data, HomeView(lang="vi"))
    assert "Kho văn bản" in text_of(page)
    assert all(link.href.endswith("lang=vi") for link in components(page, "Link"))


def test_timeline_page(app_data: AppData) -> None:
    page = timeline_page(app_data, TimelineView(hide=("relations",)))
    graph = by_id(page, ids.TIMELINE_GRAPH)
    assert graph.figure.layout.annotations  # the caption is there even without relation arrows
    assert by_id(page, ids.TIMELINE_LAYERS).value == ["horizons", "not_held"]
    assert "implements" in text_of(by_id(page, ids.TIMELINE_RELATIONS))


def test_timeline_layers_and_clicks(app_data: AppData) -> None:
    view = view_from_layers(["relations"], "?lang=vi", app_data)
    assert view.hide == ("horizons", "not_held") and view.lang == "vi"
    click = {"points": [{"curveNumber": 3, "pointNumber": 0, "customdata": ["2-NQ-CP-2021"]}]}
    assert clicked_document(click, app_data) == "2-NQ-CP-2021"
    assert clicked_document({"points": [{"customdata": ["../../etc"]}]}, app_data) is None
    assert clicked_document(None, app_data) is None


def test_a_click_on_a_circle_of_the_grouped_timeline_gives_its_year(app_data: AppData) -> None:
    click = {"points": [{"curveNumber": 0, "pointNumber": 4, "customdata": ["year:2019"]}]}
    assert clicked_year(click) == 2019 and clicked_document(click, app_data) is None
    assert clicked_year({"points": [{"customdata": ["2-NQ-CP-2021"]}]}) is None
    assert clicked_year({"points": [{"customdata": ["year:../2019"]}]}) is None


def test_the_timeline_of_some_years_links_back_to_every_year(app_data: AppData) -> None:
    page = timeline_page(app_data, TimelineView(year_from=2021, year_to=2021, hide=("relations",)))
    assert by_id(page, ids.TIMELINE_EVERY_YEAR).href == "/timeline?hide=relations"
    figure = by_id(page, ids.TIMELINE_GRAPH).figure
    drawn = {c[0] for tr in figure.data if tr.customdata is not None for c in tr.customdata}
    issued = {d: str(row.get("issued"))[:4] for d, row in app_data.documents.items()}
    assert drawn and all(issued[d] == "2021" for d in drawn)
    assert ids.TIMELINE_EVERY_YEAR not in all_ids(timeline_page(app_data, TimelineView()))


def test_document_page_shows_provisions_in_order_with_the_selected_one(app_data: AppData) -> None:
    page = document_page(app_data, DocumentView(doc="1-NQ-TW-2020", p="1-NQ-TW-2020:2.b2"))
    cards = components(by_id(page, ids.DOC_PROVISIONS), "Article")
    assert [c.id for c in cards] == [f"prov-{i}" for i in range(1, 9)]
    assert [c for c in cards if "selected" in c.className][0].id == "prov-8"
    assert by_id(page, ids.DOC_ANCHOR).data == "prov-8"
    assert any("<script>alert(1)</script>" in s for s in strings(page))
    header = text_of(by_id(page, ids.DOC_HEADER))
    assert "Resolution on openness (test fixture)" in header and "2020-03-01" in header
    assert "implemented by   2/NQ-CP" in header  # the incoming relation


def test_unknown_document_gives_a_friendly_list(app_data: AppData) -> None:
    page = document_page(app_data, DocumentView.from_query("?doc=../../seeds/alpha.txt", app_data.vocab))
    box = by_id(page, ids.DOC_UNKNOWN)
    assert "There is no document “../../seeds/alpha.txt” in this dataset." in text_of(box)
    assert {link.href for link in components(box, "Link")} == {
        "/document?doc=1-NQ-TW-2020",
        "/document?doc=2-NQ-CP-2021",
    }
    assert by_id(page, ids.DOC_PROVISIONS) is None


def test_document_without_doc_asks_to_choose(app_data: AppData) -> None:
    assert "Choose a document" in text_of(document_page(app_data, DocumentView()))


def test_explorer_results_highlight_and_link(app_data: AppData) -> None:
    view = ExplorerView(q="unesco")
    found = results(app_data, view)
    assert text_of(by_id(found, ids.EXP_COUNT)) == "1 provision in 1 document"
    marks = components(by_id(found, ids.EXP_LIST), "Mark")
    assert [m.children for m in marks if "hl-query" in m.className] == ["UNESCO"]
    links = [link.href for link in components(by_id(found, ids.EXP_LIST), "Link")]
    assert links == ["/source?doc=1-NQ-TW-2020&start=436&end=507", "/document?doc=1-NQ-TW-2020&p=1-NQ-TW-2020:2.b2"]
    assert any("<script>alert(1)</script>" in s for s in strings(found))


def test_explorer_filters_and_empty_result(app_data: AppData) -> None:
    assert by_id(results(app_data, ExplorerView(docs=("2-NQ-CP-2021",))), ids.EXP_COUNT).children.startswith(
        "4 "
    )
    assert by_id(results(app_data, ExplorerView(own=True)), ids.EXP_COUNT).children.startswith("9 ")
    empty = results(app_data, ExplorerView(q="zzzz"))
    assert "No provision matches" in text_of(by_id(empty, ids.EXP_LIST))


def test_explorer_controls_reflect_the_view(app_data: AppData) -> None:
    view = ExplorerView(q="trade", docs=("1-NQ-TW-2020",), issuer="politburo", year_from=2021, own=True)
    page = explorer_page(app_data, view)
    assert by_id(page, ids.EXP_QUERY).value == "trade"
    assert by_id(page, ids.EXP_DOCS).value == ["1-NQ-TW-2020"]
    assert by_id(page, ids.EXP_ISSUER).value == "politburo"
    assert by_id(page, ids.EXP_YEARS).value == [2021, 2021]
    assert by_id(page, ids.EXP_OWN).value == ["own"]


def test_view_from_controls(app_data: AppData) -> None:
    view = view_from_controls(
        app_data,
        "?lang=vi&page=3",
        q=" asean ",
        docs=["2/NQ-CP"],
        theme=None,
        issuer=None,
        years=[2020, 2021],
        entity=None,
        actor=None,
        role=None,
        own=[],
    )
    assert view == ExplorerView(q="asean", docs=("2-NQ-CP-2021",), lang="vi")
    assert view.to_query() == "?q=asean&doc=2-NQ-CP-2021&lang=vi"


def test_pager(app_data: AppData) -> None:
    assert PAGE_SIZE > 12  # the fixture corpus fits on one page: no pager
    assert not components(by_id(results(app_data, ExplorerView()), ids.EXP_PAGER), "Link")


def test_every_page_has_its_ids(app_data: AppData) -> None:
    page_ids = all_ids(explorer_page(app_data, ExplorerView()))
    assert {ids.EXP_QUERY, ids.EXP_RESULTS, ids.EXP_COUNT, ids.EXP_LIST, ids.EXP_YEARS} <= page_ids


def test_explorer_finds_vietnamese_titles_and_says_when_no_text_is_vietnamese(app_data: AppData) -> None:
    for query in ("mở cửa", "mo cua"):
        found = results(app_data, ExplorerView(q=query))
        names = by_id(found, ids.EXP_NAMES)
        assert " ".join(text_of(names).split()).endswith("Nghị quyết về mở cửa")
        assert "/document?doc=" in components(names, "Link")[0].href
    # the fixture's documents are English: a Vietnamese query gets the reason, not "try fewer words", with or
    # without its marks (unmarked, it is known as Vietnamese by the Vietnamese title it matches)
    for query in ("mở cửa", "mo cua"):
        found = results(app_data, ExplorerView(q=query))
        assert "no document text in Vietnamese" in text_of(by_id(found, ids.EXP_NO_VIETNAMESE))
    assert ids.EXP_NO_VIETNAMESE not in all_ids(results(app_data, ExplorerView(q="zebra")))


def test_home_links_to_themes_and_compare(app_data: AppData) -> None:
    for lang in ("en", "vi"):
        links = {link.href for link in components(home_page(app_data, HomeView(lang=lang)), "Link")}
        suffix = "&lang=vi" if lang == "vi" else ""
        assert any(h.startswith("/themes?") and h.endswith(suffix) for h in links)
        assert any(h.startswith("/compare?a=") and h.endswith(suffix) for h in links)


def test_the_vietnamese_pages_show_the_sidecars_vietnamese_notes_and_vocabulary(app_data: AppData) -> None:
    vi = text_of(home_page(app_data, HomeView(lang="vi")))
    assert "Ba đoạn của một chương trình hư cấu." in vi and "Three paragraphs" not in vi
    assert "Chính phủ" in vi and "Bộ Chính trị" in vi  # issuers from the vocabulary, not "Government"
    en = text_of(home_page(app_data, HomeView()))
    assert "Three paragraphs of a made-up programme." in en and "Ba đoạn" not in en
    page = text_of(document_page(app_data, DocumentView(doc="2-NQ-CP-2021", lang="vi")))
    assert "Chương trình hành động" in page and "Ba đoạn của một chương trình hư cấu." in page
    # a note with no Vietnamese twin shows the English rather than nothing
    assert "A short made-up resolution used by the tests." in text_of(
        document_page(app_data, DocumentView(doc="1-NQ-TW-2020", lang="vi"))
    )
