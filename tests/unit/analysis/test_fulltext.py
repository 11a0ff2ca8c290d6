"""Ranked search (SQLite FTS5): stems rank above longer words, phrases, accents and đ, titles and names, and
the notice for Vietnamese words the corpus has no text for. The sentences are written for these tests."""

from __future__ import annotations

import threading

import pandas as pd
import pytest

from dashboard.analysis.fulltext import FullText, looks_vietnamese, snippet_window
from dashboard.analysis.search import SearchIndex, SearchQuery, name_entries

TEXTS = {
    "D-2020:1": "Deepen diplomatic ties with neighbouring states and open new diplomatic missions abroad.",
    "D-2020:2": "Recognise foreign diplomas and degrees; recognise university diplomas within ASEAN.",
    "D-2020:3": "Sign agreements on the mutual recognition of professional qualifications.",
    "D-2020:4": "Recognition of the mutual interests of partners comes first.",
    "D-2020:5": "Đẩy mạnh hội nhập quốc tế; Bộ Ngoại giao chủ trì, phối hợp với các bộ.",
}


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    documents = pd.DataFrame(
        {
            "id": ["D-2020"],
            "issuer": ["government"],
            "year": [2020],
            "issued": ["2020-01-01"],
            "held": [True],
            "language": ["en"],
            "title_en": ["Resolution on international integration"],
            "title_vi": ["Nghị quyết về hội nhập quốc tế"],
        }
    )
    provisions = pd.DataFrame(
        {
            "id": list(TEXTS),
            "document_id": ["D-2020"] * len(TEXTS),
            "ordinal": range(1, len(TEXTS) + 1),
            "own_text": [True] * len(TEXTS),
            "text": list(TEXTS.values()),
        }
    )
    actors = pd.DataFrame({"id": ["mofa"], "name_en": ["Ministry of Foreign Affairs"], "name_vi": ["Bộ Ngoại giao"]})
    return SearchIndex.build(provisions, documents, names=name_entries(documents, actors=actors))


def ids(index: SearchIndex, text: str) -> list[str]:
    return list(index.search(SearchQuery(text=text)).frame["id"])


def test_a_word_finds_its_plural_and_ranks_it_above_a_longer_word(index: SearchIndex) -> None:
    found = index.search(SearchQuery(text="diploma")).frame
    assert list(found["id"]) == ["D-2020:2", "D-2020:1"]  # diplomas (stem) first, diplomatic (prefix) after
    assert list(found["tier"]) == [0, 1]


def test_a_phrase_matches_only_words_in_that_order(index: SearchIndex) -> None:
    assert ids(index, '"mutual recognition"') == ["D-2020:3"]
    assert set(ids(index, "mutual recognition")) == {"D-2020:3", "D-2020:4"}


def test_bm25_ranks_the_provision_that_uses_a_word_more(index: SearchIndex) -> None:
    # D-2020:1 says "diplomatic" twice; no other provision says it
    assert ids(index, "diplomatic")[0] == "D-2020:1"
    assert ids(index, "recognise")[0] == "D-2020:2"  # twice in 2; "recognition" (3, 4) is another stem


@pytest.mark.parametrize("query", ["hội nhập", "hoi nhap", "HỘI NHẬP", "Bộ Ngoại giao", "bo ngoai giao"])
def test_vietnamese_is_found_with_or_without_its_marks(index: SearchIndex, query: str) -> None:
    assert ids(index, query) == ["D-2020:5"]


@pytest.mark.parametrize("query", ["đẩy mạnh", "day manh", "Đẩy"])
def test_d_with_stroke_folds_to_d(index: SearchIndex, query: str) -> None:
    assert ids(index, query) == ["D-2020:5"]


def test_titles_and_names_match_in_both_languages(index: SearchIndex) -> None:
    hits = index.search(SearchQuery(text="hoi nhap")).names
    assert [(h.kind, h.id, h.text) for h in hits] == [("document", "D-2020", "Nghị quyết về hội nhập quốc tế")]
    name = index.search(SearchQuery(text="ngoại giao")).names
    assert [(h.kind, h.id) for h in name] == [("actor", "mofa")]
    assert [name[0].text[s:e] for s, e in name[0].spans] == ["Ngoại giao"]


def test_a_vietnamese_query_is_recognised_as_such() -> None:
    assert looks_vietnamese("Bộ Ngoại giao") and looks_vietnamese("đ")
    assert not looks_vietnamese("mutual recognition") and not looks_vietnamese("hoi nhap")


def test_the_index_knows_when_the_corpus_holds_no_vietnamese_text(index: SearchIndex) -> None:
    assert index.vietnamese_documents == 0
    found = index.search(SearchQuery(text="chương trình hành động"))
    assert found.vietnamese and len(found) == 0


def test_match_spans_cover_the_displayed_words(index: SearchIndex) -> None:
    found = index.search(SearchQuery(text="diploma"))
    row = int(found.frame["row"].iloc[0])
    text = TEXTS["D-2020:2"]
    assert [text[s:e] for s, e in index.spans(row, found.include)] == ["diplomas", "diplomas"]
    # đ folds one letter for one, so spans in a Vietnamese text still fall on its words
    row = int(index.search(SearchQuery(text="day manh")).frame["row"].iloc[0])
    assert [TEXTS["D-2020:5"][s:e] for s, e in index.spans(row, ("day manh",))] == ["Đẩy mạnh"]


def test_fts_syntax_in_a_query_is_only_words() -> None:
    text = FullText(["alpha AND beta", "gamma NEAR delta", "x*y"])
    assert list(text.search(['a" OR "b']).rows) == []  # quotes cannot close the string
    assert list(text.search(["NEAR"]).rows) == [1]
    assert list(text.search(["*"]).rows) == []  # only punctuation: nothing, no error


def test_excluded_words_and_only_excluded_words(index: SearchIndex) -> None:
    assert ids(index, "recognise -asean") == []
    assert ids(index, "-diplomatic -diplomas") == ["D-2020:3", "D-2020:4", "D-2020:5"]


def test_snippet_window() -> None:
    text = ("word " * 100) + "target " + ("word " * 100)
    start, end = snippet_window(text, [(500, 506)], width=120)
    assert start <= 500 < 506 <= end and end - start <= 160 and text[start - 1] == " "
    assert snippet_window("short text", [(0, 5)]) == (0, 10)


def test_threads_tokenising_at_once_each_get_their_own_words() -> None:
    # the server calls one index from several threads; the tokeniser's scratch table is shared by them
    text = FullText(["trade and investment", "mutual recognition of diplomas"])
    queries = [[f"word{i} trade partnership {i}"] for i in range(8)]
    expected = [text.tokens(q) for q in queries]
    failures: list[str] = []

    def run(i: int) -> None:
        for _ in range(40):
            try:
                if text.tokens(queries[i]) != expected[i]:
                    failures.append(f"thread {i}: another thread's words")
            except Exception as exc:  # noqa: BLE001  (sqlite's "query aborted" is what the lock prevents)
                failures.append(f"thread {i}: {exc}")

    threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
