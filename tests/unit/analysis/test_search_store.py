"""The search index written to a folder and opened again finds, ranks and highlights exactly as the index built
in memory does (the app's workers open the folder instead of each building the index)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.analysis.search import SearchIndex, SearchQuery, name_entries
from dashboard.analysis.search_store import open_index, write_index

TEXTS = {
    "A-2019:1": "Deepen diplomatic ties with neighbouring states and open new diplomatic missions abroad.",
    "A-2019:2": "Recognise foreign diplomas and degrees; recognise university diplomas within ASEAN.",
    "B-2021:1": "Sign agreements on the mutual recognition of professional qualifications.",
    "B-2021:2": "Recognition of the mutual interests of partners comes first; trade and investment follow.",
    "B-2021:3": "Đẩy mạnh hội nhập quốc tế; Bộ Ngoại giao chủ trì, phối hợp với các bộ về thương mại.",
}
QUERIES = [
    SearchQuery(text="diploma"),
    SearchQuery(text='"mutual recognition"'),
    SearchQuery(text="hoi nhap"),
    SearchQuery(text="recognis -asean"),
    SearchQuery(text="-diplomatic"),
    SearchQuery(theme="trade"),
    SearchQuery(theme="trade", text="trade"),
    SearchQuery(actor="mofa"),
    SearchQuery(actor="mofa", role="lead"),
    SearchQuery(entity="asean", year_from=2020),
    SearchQuery(issuer="government", own_only=True),
    SearchQuery(documents=("B-2021",), text="mutual"),
    SearchQuery(text="ministry"),
]


def _tables() -> dict[str, pd.DataFrame]:
    documents = pd.DataFrame(
        {
            "id": ["A-2019", "B-2021"],
            "issuer": ["party", "government"],
            "year": [2019, 2021],
            "issued": pd.to_datetime(["2019-05-01", "2021-02-01"]),
            "held": [True, True],
            "language": ["en", "vi"],
            "title_en": ["Resolution on diplomacy", "Decision on international integration"],
            "title_vi": ["Nghị quyết về ngoại giao", "Quyết định về hội nhập quốc tế"],
        }
    )
    provisions = pd.DataFrame(
        {
            "id": list(TEXTS),
            "document_id": [p.split(":")[0] for p in TEXTS],
            "ordinal": [1, 2, 1, 2, 3],
            "own_text": [True, True, False, True, True],
            "text": list(TEXTS.values()),
        }
    )
    return {
        "provisions": provisions,
        "documents": documents,
        "provision_themes": pd.DataFrame({"provision_id": ["B-2021:2", "B-2021:3"], "theme_id": ["trade"] * 2}),
        "mentions": pd.DataFrame({"provision_id": ["A-2019:2", "B-2021:1"], "entity_id": ["asean", "asean"]}),
        "assignments": pd.DataFrame(
            {"provision_id": ["B-2021:3", "B-2021:2"], "actor_id": ["mofa", "mofa"], "role": ["lead", "support"]}
        ),
        "actors": pd.DataFrame(
            {"id": ["mofa"], "name_en": ["Ministry of Foreign Affairs"], "name_vi": ["Bộ Ngoại giao"]}
        ),
    }


def _build(folder: Path | None) -> SearchIndex:
    t = _tables()
    kwargs = {
        "provision_themes": t["provision_themes"],
        "mentions": t["mentions"],
        "assignments": t["assignments"],
        "names": name_entries(t["documents"], actors=t["actors"]),
    }
    if folder is None:
        return SearchIndex.build(t["provisions"], t["documents"], **kwargs)
    write_index(folder, t["provisions"], t["documents"], **kwargs)
    return open_index(folder)


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[SearchIndex, SearchIndex]:
    return _build(None), _build(tmp_path_factory.mktemp("search") / "index")


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: repr(q)[:60])
def test_the_opened_index_finds_and_ranks_as_the_built_one(pair: tuple[SearchIndex, SearchIndex], query) -> None:
    built, opened = (index.search(query) for index in pair)
    columns = ["id", "document_id", "ordinal", "year", "own_text", "row", "tier"]
    assert built.frame[columns].astype(str).values.tolist() == opened.frame[columns].astype(str).values.tolist()
    assert (built.include, built.names, built.vietnamese) == (opened.include, opened.names, opened.vietnamese)


def test_the_opened_index_highlights_the_text_it_is_given(pair: tuple[SearchIndex, SearchIndex]) -> None:
    built, opened = pair
    for query in ("diploma", "mutual recognition", "day manh", "recognis"):
        found = built.search(SearchQuery(text=query))
        for pid, row in zip(found.frame["id"], found.frame["row"], strict=True):
            spans = built.spans(int(row), found.include)
            assert spans and opened.spans(int(row), found.include, TEXTS[pid]) == spans
    assert opened.vietnamese_documents == built.vietnamese_documents == 1


def test_the_opened_index_holds_no_text_of_the_provisions(pair: tuple[SearchIndex, SearchIndex]) -> None:
    _, opened = pair
    assert opened.text is not None and opened.text.texts is None
    assert "text" not in opened.frame.columns
