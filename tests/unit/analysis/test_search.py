"""Search: accent- and case-insensitive terms, spans that map back to the displayed text, and the filters."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.analysis.annotations import Annotations
from dashboard.analysis.search import (
    SearchIndex,
    SearchQuery,
    fold_with_map,
    match_spans,
    merge_spans,
    parse_terms,
    search_key,
)
from dashboard.corpus.normalise import fold, normalise_text

SAMPLES = [
    "Nghị quyết số 59-NQ/TW của Bộ Chính trị về hội nhập quốc tế",
    "Đà Nẵng – “ASEAN” cooperation’s straße ﬁnal",
    "Plain ASCII text, with (brackets) and 2030.",
    "Chương trình hành động của Chính phủ",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_search_key_is_fold_on_normalised_text(text: str) -> None:
    norm = normalise_text(text)
    assert search_key(norm) == fold(norm)
    folded, origin = fold_with_map(norm)
    assert folded == fold(norm)
    assert len(origin) == len(folded) and list(origin) == sorted(origin)


def test_parse_terms() -> None:
    terms = parse_terms('"ASEAN Community" Đối ngoại -WTO - "" trade trade')
    assert terms.include == ("asean community", "doi", "ngoai", "trade")
    assert terms.exclude == ("wto",)
    assert not parse_terms("   ")


@pytest.mark.parametrize(
    ("text", "needle", "expected"),
    [
        ("Bộ Ngoại giao và Bộ Công Thương", "ngoai giao", ["Ngoại giao"]),
        ("ĐÀ NẴNG and Đà Nẵng", "da nang", ["ĐÀ NẴNG", "Đà Nẵng"]),
        ("Die Straße und STRASSE", "strasse", ["Straße", "STRASSE"]),
        ("the “ASEAN” Community", "asean", ["ASEAN"]),
    ],
)
def test_match_spans_map_back_to_the_displayed_text(text, needle, expected) -> None:
    assert [text[s:e] for s, e in match_spans(text, [needle])] == expected


def test_whole_word_matching() -> None:
    text = "WHO and whoever, UN and UNESCO and UN."
    assert [text[s:e] for s, e in match_spans(text, ["UN"], whole_word=True)] == ["UN", "UN"]
    assert len(match_spans(text, ["UN"])) == 3


def test_merge_spans() -> None:
    assert merge_spans([(5, 9), (0, 3), (2, 4), (9, 10)]) == [(0, 4), (5, 10)]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    documents = pd.DataFrame(
        {
            "id": ["A-2013", "B-2025"],
            "issuer": ["politburo", "government"],
            "year": [2013, 2025],
            "issued": pd.to_datetime(["2013-04-10", "2025-05-31"]).date,
        }
    )
    provisions = pd.DataFrame(
        {
            "id": ["B-2025:1", "A-2013:1", "A-2013:2", "B-2025:2"],
            "document_id": ["B-2025", "A-2013", "A-2013", "B-2025"],
            "ordinal": [1, 1, 2, 2],
            "own_text": [True, False, True, True],
            "text": [
                "Bộ Ngoại giao chủ trì hợp tác ASEAN.",
                "The report says ASEAN grew.",
                "The Ministry of Foreign Affairs shall lead WTO work.",
                "Tourism and sports.",
            ],
        }
    )
    themes = pd.DataFrame(
        {
            "provision_id": ["A-2013:2", "B-2025:2"],
            "theme_id": ["economy_trade", "tourism_sports"],
            "score": [0.9, 0.8],
        }
    )
    mentions = pd.DataFrame(
        {
            "provision_id": ["B-2025:1", "A-2013:1", "A-2013:2"],
            "entity_id": ["asean", "asean", "wto"],
            "surface": ["ASEAN", "ASEAN", "WTO"],
        }
    )
    assignments = pd.DataFrame(
        {
            "provision_id": ["A-2013:2", "B-2025:1"],
            "actor_id": ["mofa", "mofa"],
            "role": ["lead", "lead"],
            "surface": ["Ministry of Foreign Affairs", "Bộ Ngoại giao"],
        }
    )
    return SearchIndex.build(
        provisions, documents, provision_themes=themes, mentions=mentions, assignments=assignments
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (SearchQuery(), ["A-2013:1", "A-2013:2", "B-2025:1", "B-2025:2"]),
        (SearchQuery(text="ngoai GIAO"), ["B-2025:1"]),
        (SearchQuery(text="asean -report"), ["B-2025:1"]),
        (SearchQuery(text='"foreign affairs shall"'), ["A-2013:2"]),
        (SearchQuery(documents=("B-2025",)), ["B-2025:1", "B-2025:2"]),
        (SearchQuery(issuer="politburo", own_only=True), ["A-2013:2"]),
        (SearchQuery(year_from=2020), ["B-2025:1", "B-2025:2"]),
        (SearchQuery(year_to=2013), ["A-2013:1", "A-2013:2"]),
        (SearchQuery(theme="tourism_sports"), ["B-2025:2"]),
        (SearchQuery(entity="asean"), ["A-2013:1", "B-2025:1"]),
        (SearchQuery(actor="mofa"), ["A-2013:2", "B-2025:1"]),
        (SearchQuery(actor="mofa", role="lead", text="wto"), ["A-2013:2"]),
        (SearchQuery(actor="mofa", role="assist"), []),
        (SearchQuery(entity="nato"), []),
    ],
)
def test_search_filters(index: SearchIndex, query: SearchQuery, expected: list[str]) -> None:
    assert list(index.search(query).frame["id"]) == expected


def test_index_without_analysis_tables() -> None:
    documents = pd.DataFrame({"id": ["A"], "issuer": ["x"], "year": [2020], "issued": ["2020-01-01"]})
    provisions = pd.DataFrame(
        {"id": ["A:1"], "document_id": ["A"], "ordinal": [1], "own_text": [True], "text": ["Hello"]}
    )
    index = SearchIndex.build(provisions, documents)
    assert list(index.search(SearchQuery(text="hello")).frame["id"]) == ["A:1"]
    assert list(index.search(SearchQuery(theme="any")).frame["id"]) == []


def test_annotations_spans_priority_and_focus() -> None:
    notes = Annotations.build(
        {
            "mentions": pd.DataFrame({"provision_id": ["p"], "entity_id": ["asean"], "surface": ["ASEAN"]}),
            "entities": pd.DataFrame({"id": ["asean"], "name": ["Association of Southeast Asian Nations"]}),
            "assignments": pd.DataFrame(
                {
                    "provision_id": ["p"],
                    "actor_id": ["mofa"],
                    "role": ["lead"],
                    "surface": ["Ministry of Foreign Affairs"],
                    "inherited": [False],
                }
            ),
            "actors": pd.DataFrame(
                {"id": ["mofa"], "name_en": ["Ministry of Foreign Affairs"], "name_vi": ["Bộ Ngoại giao"]}
            ),
            "targets": pd.DataFrame(
                {
                    "provision_id": ["p", None],
                    "text": ["by 2030 text", "cited"],
                    "surface": ["by 2030", None],
                    "end_year": [2030, 2020],
                    "id": ["t1", "t2"],
                    "kind": ["goal", "goal"],
                }
            ),
        }
    )
    text = "The Ministry of Foreign Affairs shall lead ASEAN work by 2030; ASEAN again."
    spans = notes.spans("p", text, ("asean",))
    kinds = [(text[s.start : s.end], s.kind) for s in spans]
    assert kinds == [
        ("Ministry of Foreign Affairs", "actor"),
        ("ASEAN", "query"),
        ("by 2030", "target"),
        ("ASEAN", "query"),
    ]
    focused = notes.spans("p", text, focus=("mofa",))
    assert (text[focused[0].start : focused[0].end], focused[0].kind) == (
        "Ministry of Foreign Affairs",
        "query",
    )
    assert notes.actors("p", "vi") == [
        {"id": "mofa", "name": "Bộ Ngoại giao", "role": "lead", "inherited": False, "start": None, "end": None}
    ]
    assert list(notes.targets) == ["p"]
    assert Annotations.build({}).spans("p", text) == []
