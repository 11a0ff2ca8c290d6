"""The search keeps the same provisions, in the same order, with the same counts, when its filters are decided
per document and its scores computed over the matched rows only (analysis.search_rows): compared with the filters
applied to every row and bm25 scored over every row, on a corpus of several documents, built and opened."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.analysis.search import SearchIndex, SearchQuery, parse_terms
from dashboard.analysis.search_rows import Blocks
from dashboard.analysis.search_store import open_index, write_index

WORDS = "trade cooperation ministry report integration diplomatic diplomas science education tourism".split()
ISSUERS = ["party", "government", "assembly"]


def _tables() -> dict[str, pd.DataFrame]:
    pick = random.Random(17)
    # ids not in date order, so that reading order is not the ids' order
    ids = [f"D{n:02d}" for n in pick.sample(range(40), 14)]
    documents = pd.DataFrame(
        {
            "id": ids,
            "issuer": [ISSUERS[i % 3] for i in range(len(ids))],
            "year": [2010 + pick.randrange(12) for _ in ids],
        }
    )
    documents["issued"] = pd.to_datetime([f"{y}-0{1 + i % 9}-01" for i, y in enumerate(documents["year"])])
    rows = []
    for doc in ids:
        for ordinal in range(1, pick.randrange(2, 9)):
            text = " ".join(pick.choice(WORDS) for _ in range(pick.randrange(3, 12)))
            rows.append((f"{doc}:{ordinal}", doc, ordinal, pick.random() < 0.7, text))
    provisions = pd.DataFrame(rows, columns=["id", "document_id", "ordinal", "own_text", "text"])
    some = provisions["id"].sample(frac=0.5, random_state=1).tolist()
    return {
        "provisions": provisions,
        "documents": documents,
        "provision_themes": pd.DataFrame({"provision_id": some, "theme_id": ["trade", "science"] * (len(some) // 2)
                                          + ["trade"] * (len(some) % 2)}),  # fmt: skip
        "mentions": pd.DataFrame({"provision_id": some[::3], "entity_id": "asean"}),
        "assignments": pd.DataFrame(
            {"provision_id": some[1::2], "actor_id": "mofa", "role": ["lead", "support"] * (len(some[1::2]) // 2)
             + ["lead"] * (len(some[1::2]) % 2)}  # fmt: skip
        ),
    }


def _filters(index: SearchIndex) -> list[dict]:
    docs = list(dict.fromkeys(index.frame["document_id"].astype(str)))
    return [
        {},
        {"own_only": True},
        {"documents": (docs[2],)},
        {"documents": (docs[0], docs[5], docs[-1], "no-such-document")},
        {"issuer": "government"},
        {"issuer": "nobody"},
        {"year_from": 2014},
        {"year_from": 2013, "year_to": 2016, "own_only": True},
        {"theme": "trade"},
        {"theme": "science", "issuer": "party", "year_to": 2019},
        {"entity": "asean", "own_only": True},
        {"actor": "mofa"},
        {"actor": "mofa", "role": "lead", "documents": tuple(docs[:7])},
        {"theme": "trade", "entity": "asean", "actor": "mofa"},
        {"theme": "no-such-theme"},
    ]


TEXTS = ["", "trade", "cooperation ministry", "dipl", "report -trade", "-science", '"trade cooperation"', "zzz"]


def _reference(index: SearchIndex, query: SearchQuery) -> tuple[list[str], list[int], int]:
    """Return the ids, tiers and documents count of the query, its filters applied to every row (as before)."""
    frame = index.frame
    mask = np.ones(len(frame), dtype=bool)
    if query.documents:
        mask &= frame["document_id"].isin(query.documents).to_numpy()
    if query.issuer:
        mask &= (frame["issuer"] == query.issuer).to_numpy()
    if query.year_from is not None:
        mask &= (frame["year"] >= query.year_from).to_numpy()
    if query.year_to is not None:
        mask &= (frame["year"] <= query.year_to).to_numpy()
    if query.own_only:
        mask &= frame["own_text"].to_numpy(dtype=bool)
    for wanted, table, key in (
        (query.theme, index.theme_rows, (query.theme,)),
        (query.entity, index.entity_rows, (query.entity,)),
        (query.actor, index.actor_rows, (query.actor, query.role)),
    ):
        if wanted:
            inside = np.zeros(len(frame), dtype=bool)
            inside[np.asarray(table.get(key, []), dtype=np.int64)] = True
            mask &= inside
    terms = parse_terms(query.text)
    if not terms:
        rows, tier = np.flatnonzero(mask), np.zeros(int(mask.sum()), dtype=int)
    else:
        assert index.text is not None
        hits = index.text.search(terms.include, terms.exclude)
        tiers = hits.tier if len(hits.tier) == len(hits.rows) else np.zeros(len(hits.rows), dtype=int)
        rows, tier = hits.rows[mask[hits.rows]], tiers[mask[hits.rows]]
    found = frame.iloc[rows]
    return list(found["id"].astype(str)), [int(t) for t in tier], int(found["document_id"].nunique())


@pytest.fixture(scope="module", params=["built", "opened"])
def index(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    t = _tables()
    themes, mentions, assignments = t["provision_themes"], t["mentions"], t["assignments"]
    if request.param == "built":
        return SearchIndex.build(
            t["provisions"], t["documents"], provision_themes=themes, mentions=mentions, assignments=assignments
        )
    folder: Path = tmp_path_factory.mktemp("rows") / "index"
    write_index(
        folder, t["provisions"], t["documents"], provision_themes=themes, mentions=mentions, assignments=assignments
    )
    return open_index(folder)


def test_the_search_keeps_the_rows_the_filters_over_every_row_keep(index: SearchIndex) -> None:
    assert index.blocks is not None  # a document's provisions are consecutive in reading order
    for text, filters in itertools.product(TEXTS, _filters(index)):
        query = SearchQuery(text=text, **filters)
        found = index.search(query)
        frame = found.frame
        ids, tiers, documents = _reference(index, query)
        assert (list(frame["id"].astype(str)), [int(t) for t in frame["tier"]]) == (ids, tiers), query
        assert (len(found), found.documents) == (len(ids), documents), query
        assert list(found.page(2, 5)["id"].astype(str)) == ids[2:5]
        assert list(found.page(2, 5)["row"]) == list(frame["row"].iloc[2:5])


def test_scores_over_the_matched_rows_are_every_row_scores_at_those_rows(index: SearchIndex) -> None:
    text = index.text
    assert text is not None
    pick = np.random.default_rng(3)
    for stems, prefix in [(["trade"], False), (["cooper", "ministri"], False), (["dipl"], True), (["t", "r"], True)]:
        every = text.bm25(stems, prefix=prefix)
        assert every.any()  # some rows hold them
        for rows in (np.arange(text.size), np.sort(pick.choice(text.size, 9, replace=False)), np.array([0])):
            assert np.array_equal(text.bm25(stems, prefix=prefix, rows=rows), every[rows])
    assert len(text.bm25(["trade"], rows=np.empty(0, dtype=np.int64))) == 0


def test_rows_of_a_document_out_of_order_are_still_filtered_right() -> None:
    """An index whose frame has a document's rows apart (not what build writes) filters every row instead."""
    t = _tables()
    built = SearchIndex.build(t["provisions"], t["documents"], provision_themes=t["provision_themes"])
    order = np.random.default_rng(5).permutation(len(built.frame))
    shuffled = SearchIndex(frame=built.frame.iloc[order].reset_index(drop=True))
    position = np.argsort(order)  # a built row's position in the shuffled frame
    shuffled.theme_rows = {k: np.sort(position[v]) for k, v in built.theme_rows.items()}
    assert shuffled.blocks is None
    for filters in _filters(shuffled)[:10]:
        query = SearchQuery(**filters)
        found = shuffled.search(query)
        ids, _, documents = _reference(shuffled, query)
        assert list(found.frame["id"].astype(str)) == ids and found.documents == documents


def test_blocks_count_the_documents_of_rows_and_list_their_rows() -> None:
    frame = pd.DataFrame({"document_id": ["b", "b", "a", "c", "c", "c"], "issuer": "x", "year": 2020})
    blocks = Blocks.of(frame)
    assert blocks is not None and list(blocks.starts) == [0, 2, 3, 6]
    assert blocks.count(range(1, 4)) == 3 and blocks.count(range(0)) == 0 and blocks.count(np.array([5, 0, 4])) == 2
    assert list(blocks.rows(np.array([True, False, True]))) == [0, 1, 3, 4, 5]
    assert blocks.rows(np.array([False, True, True])) == range(2, 6)
    assert Blocks.of(frame.iloc[[0, 2, 1, 3, 4, 5]]) is None
