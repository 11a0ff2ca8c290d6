"""The documents picker of the Themes and Targets pages: every held document on a small corpus, the latest and
the chosen ones on a large one, and what the reader types searches them all."""

from __future__ import annotations

from dashboard.app.components.pickers import document_options, name_options
from dashboard.app.context import AppData


def held(app_data: AppData) -> list[str]:
    return [d for d in app_data.documents if d in app_data.vocab.held]


def test_a_small_corpus_lists_every_held_document_in_order(app_data: AppData) -> None:
    options = document_options(app_data)
    assert [o["value"] for o in options] == held(app_data)
    first = held(app_data)[0]
    assert options[0]["label"] == f"{app_data.vocab.symbol(first)} ({str(app_data.documents[first]['issued'])[:4]})"


def test_a_large_corpus_lists_the_latest_and_the_chosen(app_data: AppData) -> None:
    docs = held(app_data)
    assert len(docs) >= 2
    options = [o["value"] for o in document_options(app_data, chosen=[docs[0]], limit=1)]
    assert options == [docs[0], docs[-1]]  # the chosen one keeps its label though it is not among the latest
    assert [o["value"] for o in document_options(app_data, chosen=[docs[-1]], limit=1)] == [docs[-1]]
    assert [o["value"] for o in document_options(app_data, limit=1)] == [docs[-1]]


def test_typing_searches_every_document(app_data: AppData) -> None:
    docs = held(app_data)
    symbol = app_data.vocab.symbol(docs[0])
    found = [o["value"] for o in document_options(app_data, search=symbol.lower(), limit=1)]
    assert found == [docs[0]]
    assert document_options(app_data, search="no such document") == []


def test_a_years_slider_marks_its_ends_and_the_fives_that_do_not_crowd_them():
    from dashboard.app.components.pickers import year_marks

    # the seeds' deadlines: the ends and every fifth year between
    assert list(year_marks(2011, 2045)) == [2011, 2015, 2020, 2025, 2030, 2035, 2040, 2045]
    # the seeds' issue years: 2015 would sit two years from 2013, its label over the end's on a phone
    assert list(year_marks(2013, 2025)) == [2013, 2020, 2025]
    assert list(year_marks(2016, 2016)) == [2016]


NAMES = {f"e{i:04d}": f"Entity {i:04d}" for i in range(500)} | {"asean": "ASEAN", "wto": "World Trade Organization"}


def test_a_name_filter_lists_every_name_by_name_on_a_small_corpus(app_data: AppData) -> None:
    names = app_data.vocab.entities or {}
    by_name = sorted(names.items(), key=lambda x: x[1].casefold())
    assert names and [o["value"] for o in name_options(names)] == [i for i, _ in by_name]


def test_a_long_name_filter_lists_the_first_names_and_the_chosen_and_typing_searches_them_all() -> None:
    options = [o["value"] for o in name_options(NAMES, limit=3)]
    assert options == ["asean", "e0000", "e0001"]  # by name, case-insensitive
    assert [o["value"] for o in name_options(NAMES, chosen="wto", limit=3)] == ["wto", *options]
    assert [o["label"] for o in name_options(NAMES, search="trade")] == ["World Trade Organization"]
    assert [o["value"] for o in name_options(NAMES, search="0499")] == ["e0499"]
    assert len(name_options(NAMES)) == 200  # PICKER_OPTIONS
    assert name_options(None) == []
