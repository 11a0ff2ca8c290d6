"""URL state: round trips, canonical queries, and every malformed input handled without raising."""

from __future__ import annotations

import pytest

from dashboard.app.shell import lang_of, with_lang
from dashboard.app.state import (
    DocumentView,
    ExplorerView,
    HomeView,
    Notice,
    TimelineView,
    Vocabulary,
    parse_query,
)
from dashboard.corpus.ids import symbol_key

DOCS = {"22-NQ-TW-2013": "22-NQ/TW", "40-QD-TTg-2016": "40/QĐ-TTg", "59-NQ-TW-2025": "59-NQ/TW"}
VOCAB = Vocabulary(
    doc_keys={**{d.casefold(): d for d in DOCS}, **{symbol_key(s): d for d, s in DOCS.items()}},
    doc_symbols=DOCS,
    held=frozenset(DOCS),
    provision_docs={"59-NQ-TW-2025:1": "59-NQ-TW-2025", "40-QD-TTg-2016:3.b2": "40-QD-TTg-2016"},
    themes=("economy_trade", "diplomacy_partnerships"),
    issuers={"politburo": "Politburo", "government": "Government"},
    entities={"asean": "Association of Southeast Asian Nations", "wto": "World Trade Organization"},
    actors={"mofa": "Ministry of Foreign Affairs"},
    years=(2013, 2025),
)
NO_MENTIONS = Vocabulary(**{**VOCAB.__dict__, "entities": None, "actors": None})


def codes(view) -> list[str]:
    return [n.code for n in view.notices]


@pytest.mark.parametrize(
    "view",
    [
        HomeView(),
        HomeView(lang="vi"),
        TimelineView(),
        TimelineView(hide=("relations",), lang="vi"),
        TimelineView(hide=("relations", "horizons", "not_held")),
        TimelineView(year_from=2019, year_to=2019),
        TimelineView(hide=("relations",), year_from=2016, lang="vi"),
        DocumentView(doc="59-NQ-TW-2025"),
        DocumentView(doc="59-NQ-TW-2025", p="59-NQ-TW-2025:1", lang="vi"),
        DocumentView(unknown_doc="99-XX-2030"),
        ExplorerView(),
        ExplorerView(q="ASEAN Community"),
        ExplorerView(q='"foreign affairs" -wto đối ngoại'),
        ExplorerView(docs=("59-NQ-TW-2025", "22-NQ-TW-2013"), theme="economy_trade", issuer="politburo"),
        ExplorerView(
            year_from=2016, year_to=2020, entity="asean", actor="mofa", role="lead", own=True, page=3
        ),
        ExplorerView(q="a&b=c?d#e%f+g", lang="vi"),
    ],
)
def test_round_trip(view) -> None:
    again = type(view).from_query(view.to_query(), VOCAB)
    assert again == view
    assert again.notices == ()
    assert again.to_query() == view.to_query()


def test_defaults_give_empty_queries() -> None:
    assert HomeView().to_query() == ""
    assert ExplorerView().href() == "/explorer"
    assert TimelineView(lang="vi").href() == "/timeline?lang=vi"


def test_documents_by_symbol_any_case_become_ids() -> None:
    view = ExplorerView.from_query("?doc=59-nq/tw,40/qđ-ttg", VOCAB)
    assert view.docs == ("59-NQ-TW-2025", "40-QD-TTg-2016")
    assert DocumentView.from_query("doc=22-NQ%2FTW", VOCAB).doc == "22-NQ-TW-2013"


def test_layers_come_back_in_canonical_order() -> None:
    view = TimelineView.from_query("?hide=not_held,relations", VOCAB)
    assert view.hide == ("relations", "not_held")
    assert view.to_query() == "?hide=relations,not_held"


@pytest.mark.parametrize(
    ("cls", "query", "expected"),
    [
        (HomeView, "?lang=fr", ["unknown-value"]),
        (HomeView, "?zzz=1", ["unknown-param"]),
        (HomeView, "?lang=en&lang=vi", ["repeated"]),
        (TimelineView, "?hide=everything", ["unknown-value"]),
        (TimelineView, "?from=2025&to=2013", ["swapped"]),
        (TimelineView, "?from=soon", ["malformed"]),
        (DocumentView, "?doc=nope", []),
        (DocumentView, "?doc=59-NQ-TW-2025&p=40-QD-TTg-2016:3.b2", ["unknown-value"]),
        (DocumentView, "?doc=59-NQ-TW-2025&p=../../etc/passwd", ["unknown-value"]),
        (DocumentView, "?p=59-NQ-TW-2025:1", ["unknown-value"]),
        (ExplorerView, "?from=abc", ["malformed"]),
        (ExplorerView, "?from=99999", ["malformed"]),
        (ExplorerView, "?from=2025&to=2013", ["swapped"]),
        (ExplorerView, "?theme=<script>alert(1)</script>", ["unknown-value"]),
        (ExplorerView, "?doc=59-NQ-TW-2025,nope", ["unknown-value"]),
        (ExplorerView, "?issuer=../../seeds", ["unknown-value"]),
        (ExplorerView, "?q=" + "x" * 500, ["too-long"]),
        (ExplorerView, "?page=-1", ["malformed"]),
        (ExplorerView, "?page=0", ["malformed"]),
        (ExplorerView, "?page=1e9", ["malformed"]),
        (ExplorerView, "?own=maybe", ["malformed"]),
        (ExplorerView, "?entity=nato", ["unknown-value"]),
        (ExplorerView, "?role=boss&actor=mofa", ["unknown-value"]),
        (ExplorerView, "?%ZZ=%ZZ&%=", ["unknown-param", "unknown-param"]),
        (ExplorerView, "?q=%00%ff%fe", []),
    ],
)
def test_malformed_input_is_dropped_with_a_notice(cls, query: str, expected: list[str]) -> None:
    view = cls.from_query(query, VOCAB)  # never raises
    assert codes(view) == expected
    for notice in view.notices:
        assert notice.message("en") and notice.message("vi")
    type(view).from_query(view.to_query(), VOCAB)


def test_unknown_document_is_kept_for_the_friendly_message() -> None:
    view = DocumentView.from_query("?doc=99-XX-2030", VOCAB)
    assert view.doc == "" and view.unknown_doc == "99-XX-2030"


def test_filters_need_their_tables() -> None:
    view = ExplorerView.from_query("?entity=asean&actor=mofa&role=lead", NO_MENTIONS)
    assert (view.entity, view.actor, view.role) == ("", "", "")
    assert codes(view) == ["unavailable", "unavailable", "unavailable"]


def test_values_are_matched_case_insensitively() -> None:
    view = ExplorerView.from_query("?theme=Economy_Trade&issuer=POLITBURO&entity=ASEAN", VOCAB)
    assert (view.theme, view.issuer, view.entity) == ("economy_trade", "politburo", "asean")


@pytest.mark.parametrize(
    "search", [None, "", "?", "&&&", "?=", "?a", "?" + "&".join(f"k{i}=1" for i in range(200))]
)
def test_degenerate_queries(search) -> None:
    for cls in (HomeView, TimelineView, DocumentView, ExplorerView):
        view = cls.from_query(search, VOCAB)
        assert view.lang == "en"


def test_too_many_fields_are_not_parsed() -> None:
    assert parse_query("&".join(f"k{i}=1" for i in range(200))) == {}


def test_layout_params_as_dash_passes_them() -> None:
    view = ExplorerView.from_params(
        {"q": "asean", "doc": ["59-NQ-TW-2025", "22-NQ-TW-2013"], "lang": "vi"}, VOCAB
    )
    assert view.docs == ("59-NQ-TW-2025", "22-NQ-TW-2013") and view.lang == "vi"


def test_explorer_caption_describes_the_view() -> None:
    view = ExplorerView(
        q="ASEAN",
        docs=("59-NQ-TW-2025",),
        theme="economy_trade",
        year_from=2016,
        actor="mofa",
        role="lead",
        own=True,
    )
    caption = view.caption(VOCAB)
    for part in (
        "“ASEAN”",
        "59-NQ/TW",
        "Economic integration",
        "2016–…",
        "Ministry of Foreign Affairs (lead)",
        "own words only",
    ):
        assert part in caption
    assert ExplorerView().caption(VOCAB) == "All provisions"
    assert "Tất cả" in ExplorerView(lang="vi").caption(VOCAB)


def test_other_captions() -> None:
    assert DocumentView(doc="40-QD-TTg-2016", p="40-QD-TTg-2016:3.b2").caption(VOCAB) == "40/QĐ-TTg · 3.b2"
    assert "relations" not in TimelineView(hide=("relations",)).caption(VOCAB)


def test_replace_drops_notices_and_keeps_the_rest() -> None:
    view = ExplorerView.from_query("?q=wto&zzz=1&lang=vi", VOCAB)
    assert view.notices
    moved = view.replace(page=2)
    assert moved.notices == () and moved.q == "wto" and moved.lang == "vi" and moved.page == 2


def test_notice_messages_are_short() -> None:
    message = Notice("unknown-value", "doc", "x" * 500).message()
    assert len(message) < 150


def test_language_switch_keeps_the_other_parameters() -> None:
    assert (
        with_lang("/explorer", "?q=asean&doc=59-NQ-TW-2025", "vi")
        == "/explorer?q=asean&doc=59-NQ-TW-2025&lang=vi"
    )
    assert with_lang("/explorer", "?lang=vi&q=asean", "en") == "/explorer?q=asean"
    assert with_lang("/", "", "en") == "/"
    assert lang_of("?lang=vi") == "vi" and lang_of("?lang=xx") == "en" and lang_of(None) == "en"


def test_same_as_tells_a_render_triggered_call_from_a_change() -> None:
    search = "?q=asean&page=3&zzz=1"
    assert ExplorerView(q="asean").same_as(search, VOCAB, ignore=("page",))
    assert not ExplorerView(q="asean").same_as(search, VOCAB)
    assert not ExplorerView(q="wto").same_as(search, VOCAB, ignore=("page",))
    assert TimelineView(hide=("relations",)).same_as("?hide=relations", VOCAB)


def test_compare_caption_names_every_status_filter() -> None:
    from dashboard.app.state import STATUSES, CompareView

    a, b = list(DOCS)[:2]
    caption = CompareView(a=a, b=b, status=STATUSES).caption(VOCAB)  # merged and split raised KeyError once
    assert "merged" in caption and "split" in caption
