"""URL state of the Themes and Targets pages: round trips, canonical queries, chart options, captions, and
every malformed input dropped with a notice instead of raising."""

from __future__ import annotations

import dataclasses

import pytest

from dashboard.app.state import TargetsView, ThemesView, Vocabulary
from dashboard.corpus.ids import symbol_key
from dashboard.figures.registry import HeatmapOptions, TargetOptions

DOCS = {
    "22-NQ-TW-2013": "22-NQ/TW",
    "40-QD-TTg-2016": "40/QĐ-TTg",
    "59-NQ-TW-2025": "59-NQ/TW",
    "57-KL-TW-2023": "57-KL/TW",
}
VOCAB = Vocabulary(
    doc_keys={**{d.casefold(): d for d in DOCS}, **{symbol_key(s): d for d, s in DOCS.items()}},
    doc_symbols=DOCS,
    held=frozenset(d for d in DOCS if d != "57-KL-TW-2023"),
    themes=("economy_trade", "science_technology", "education_training"),
    years=(2013, 2025),
)


def codes(view) -> list[str]:
    return [f"{n.code}:{n.param}" for n in view.notices]


@pytest.mark.parametrize(
    "view",
    [
        ThemesView(),
        ThemesView(lang="vi"),
        ThemesView(themes=("science_technology",)),
        ThemesView(docs=("22-NQ-TW-2013", "59-NQ-TW-2025"), themes=("economy_trade", "science_technology")),
        ThemesView(measure="share_words", basis="all"),
        ThemesView(measure="count", cell=("59-NQ-TW-2025", "science_technology"), lang="vi"),
        TargetsView(),
        TargetsView(year_from=2030, year_to=2030),
        TargetsView(docs=("40-QD-TTg-2016",), theme="economy_trade", kinds=("goal", "milestone")),
        TargetsView(year_from=2016, by="theme", lang="vi"),
        TargetsView(year_to=2045, kinds=("reported_indicator",)),
    ],
)
def test_round_trip(view) -> None:
    query = view.to_query()
    again = type(view).from_query(query, VOCAB)
    assert again == view and again.notices == ()
    assert again.to_query() == query


def test_defaults_give_empty_queries() -> None:
    assert ThemesView().to_query() == "" and TargetsView().to_query() == ""
    assert ThemesView.from_query("?measure=share_provisions&basis=own", VOCAB).to_query() == ""


def test_documents_by_symbol_in_date_order_once() -> None:
    view = ThemesView.from_query("?docs=59-nq/tw,40/QĐ-TTg,59-NQ-TW-2025", VOCAB)
    assert view.docs == ("40-QD-TTg-2016", "59-NQ-TW-2025") and view.notices == ()
    assert view.to_query() == "?docs=40-QD-TTg-2016,59-NQ-TW-2025"


def test_cell_by_symbol_and_the_journey_url() -> None:
    view = ThemesView.from_query("?theme=science_technology&cell=59-NQ/TW|Science_Technology", VOCAB)
    assert view.cell == ("59-NQ-TW-2025", "science_technology") and view.notices == ()
    assert "cell=59-NQ-TW-2025%7Cscience_technology" in view.to_query()
    options = view.chart_options()
    assert options.themes == ("science_technology",)
    assert options.heatmap == HeatmapOptions(cell=("59-NQ-TW-2025", "science_technology"))
    assert (options.measure, options.basis) == ("share_provisions", "own")


@pytest.mark.parametrize(
    ("cls", "query", "expected"),
    [
        (ThemesView, "?docs=99-XX-2030", ["unknown-value:docs"]),
        (ThemesView, "?docs=57-KL/TW", ["unavailable:docs"]),  # known only through relations
        (ThemesView, "?theme=space_travel,economy_trade", ["unknown-value:theme"]),
        (ThemesView, "?measure=median", ["unknown-value:measure"]),
        (ThemesView, "?basis=some", ["unknown-value:basis"]),
        (ThemesView, "?cell=59-NQ-TW-2025", ["malformed:cell"]),
        (ThemesView, "?cell=59-NQ-TW-2025|astrology", ["malformed:cell"]),
        (ThemesView, "?cell=57-KL-TW-2023|economy_trade", ["malformed:cell"]),
        (ThemesView, "?cell=%7C", ["malformed:cell"]),
        (ThemesView, "?measure=count&measure=share_words", ["repeated:measure"]),
        (ThemesView, "?zzz=1&lang=fr", ["unknown-param:zzz", "unknown-value:lang"]),
        (TargetsView, "?from=abc&to=99999", ["malformed:from", "malformed:to"]),
        (TargetsView, "?from=2035&to=2020", ["swapped:from"]),
        (TargetsView, "?kind=goal,wish", ["unknown-value:kind"]),
        (TargetsView, "?by=colour", ["unknown-value:by"]),
        (TargetsView, "?theme=<script>", ["unknown-value:theme"]),
        (TargetsView, "?docs=../../etc/passwd", ["unknown-value:docs"]),
    ],
)
def test_malformed_input_is_dropped_with_a_notice(cls, query: str, expected: list[str]) -> None:
    view = cls.from_query(query, VOCAB)
    assert codes(view) == expected
    assert type(view).from_query(view.to_query(), VOCAB).notices == ()  # what is kept is a clean address


@pytest.mark.parametrize("search", [None, "", "?", "&&&", "?=", "?docs=", "?cell=||", "?theme=,,,", "%zz"])
def test_degenerate_queries_give_the_default_view(search) -> None:
    assert ThemesView.from_query(search, VOCAB).replace() == ThemesView()
    assert TargetsView.from_query(search, VOCAB).replace() == TargetsView()


def test_reversed_years_are_swapped_and_every_kind_is_no_filter() -> None:
    view = TargetsView.from_query(
        "?from=2035&to=2020&kind=reported_indicator,programme_period,milestone,goal", VOCAB
    )
    assert (view.year_from, view.year_to, view.kinds) == (2020, 2035, ())
    assert view.to_query() == "?from=2020&to=2035"


@pytest.mark.parametrize(
    "query, years, shown",
    [
        ("?from=2050&to=2060", (2045, 2045), "2045"),  # after the last year: the last year, not nothing
        ("?from=1990&to=2000", (2011, 2011), "2011"),
        ("?from=2050", (2045, 2045), "2045"),
        ("?from=2000&to=2030", (None, 2030), "2011–2030"),  # an end at the first year is open, as the slider
        ("?from=2030&to=2099", (2030, None), "2030–2045"),
    ],
)
def test_target_years_outside_the_data_are_moved_inside_with_a_notice(query, years, shown) -> None:
    vocab = dataclasses.replace(VOCAB, target_years=(2011, 2045))
    view = TargetsView.from_query(query, vocab)
    assert (view.year_from, view.year_to) == years
    assert [n.code for n in view.notices] == ["out-of-range"]
    assert view.notices[0].message() == f"No targets fall due outside 2011–2045; showing {shown}."
    assert "2011–2045" in view.notices[0].message("vi") and shown in view.notices[0].message("vi")
    assert TargetsView.from_query(view.to_query(), vocab).notices == ()  # the address it writes is clean
    assert TargetsView.from_query("?from=2011&to=2045", vocab).notices == ()  # at the bounds is inside


def test_targets_chart_options() -> None:
    view = TargetsView(
        docs=("40-QD-TTg-2016",),
        theme="economy_trade",
        kinds=("goal",),
        year_from=2030,
        year_to=2030,
        by="theme",
    )
    options = view.chart_options()
    assert options.docs == ("40-QD-TTg-2016",) and options.themes == ("economy_trade",)
    assert options.targets == TargetOptions(kinds=("goal",), year_from=2030, year_to=2030, by="theme")
    assert TargetsView().chart_options().targets == TargetOptions()


def test_layout_params_as_dash_passes_them() -> None:
    view = TargetsView.from_params({"from": "2030", "to": ["2030"], "docs": ["40/QĐ-TTg,59-NQ/TW"]}, VOCAB)
    assert (view.year_from, view.year_to, view.docs) == (2030, 2030, ("40-QD-TTg-2016", "59-NQ-TW-2025"))


def test_captions_describe_the_view() -> None:
    assert ThemesView().caption(VOCAB) == "Share of provisions · own text · all documents"
    view = ThemesView(
        docs=("59-NQ-TW-2025",),
        themes=("science_technology",),
        basis="all",
        cell=("59-NQ-TW-2025", "science_technology"),
    )
    caption = view.caption(VOCAB)
    assert caption.startswith("Share of provisions · all text · 59-NQ/TW · Science")
    assert "provisions of 59-NQ/TW on Science" in caption
    assert (
        ThemesView(lang="vi", measure="count").caption(VOCAB).startswith("Số điều khoản có chủ đề · lời văn")
    )
    assert (
        TargetsView(year_from=2030, year_to=2030).caption(VOCAB) == "Targets falling due 2030 · all documents"
    )
    assert (
        TargetsView(year_from=2016, kinds=("goal", "milestone"), by="theme").caption(VOCAB)
        == "Targets falling due 2016–… · all documents · goals, milestones · rows by theme"
    )
    assert TargetsView(lang="vi", year_to=2030).caption(VOCAB) == "Mục tiêu đến hạn …–2030 · mọi văn bản"


def test_same_as_ignores_render_triggered_calls() -> None:
    view = ThemesView.from_query("?theme=science_technology&basis=all", VOCAB)
    assert view.same_as("?basis=all&theme=science_technology", VOCAB)
    assert not view.same_as("?theme=science_technology", VOCAB)
