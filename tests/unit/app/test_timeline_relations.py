"""The Timeline's relations table: its first rows ranked without a dict per relation, and the page's parts that
depend on the package and the language only, built once per AppData."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.search import records
from dashboard.app import ids
from dashboard.app.context import AppData
from dashboard.app.state import TimelineView
from dashboard.app.views.timeline import RELATION_COLUMNS, UNRANKED, first_relations, timeline_page

from .helpers import by_id, text_of


def _every_row_sorted(table: pd.DataFrame, order: dict[str, int]) -> list[dict]:
    """The rows as the page ranked them before: a dict per relation, every one sorted (a stable sort)."""
    rows = records(table, list(RELATION_COLUMNS))
    return sorted(rows, key=lambda r: (order.get(r["source_id"], UNRANKED), r["kind"]))


def test_the_first_relations_are_those_a_sort_of_every_row_gives():
    table = pd.DataFrame(
        {
            "source_id": ["b", "a", "zz-unknown", "a", "b", "a", "c", "a"],
            "kind": ["cites", "replaces", "cites", "amends", "cites", "replaces", "amends", "Zeta"],
            "target_id": ["x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8"],
            "evidence": ["e1", None, "e3", "e4", float("nan"), "e6", "e7", "e8"],
            "confidence": ["V", "I", None, "V", "V", "I", "V", "V"],
        }
    ).astype({"source_id": "string[pyarrow]", "kind": "string[pyarrow]"})
    order = {"a": 0, "b": 1, "c": 2}
    expected = _every_row_sorted(table, order)
    # a: amends, Zeta (capitals sort first, as in Python), replaces x2 then x6 (ties keep the table's order), ...
    assert [r["target_id"] for r in expected] == ["x8", "x4", "x2", "x6", "x1", "x5", "x7", "x3"]
    for n in (1, 3, 8, 20):
        assert first_relations(table, order, n) == expected[:n]
    assert first_relations(table, order, 8)[2]["evidence"] is None  # missing values are None, as records gives
    assert first_relations(table.iloc[:0], order, 5) == []


def test_the_shipped_relations_table_lists_the_rows_of_a_full_sort(app_data: AppData):
    table = app_data.dataset.table("relations")
    order = {doc_id: i for i, doc_id in enumerate(app_data.documents)}
    assert first_relations(table, order, 100) == _every_row_sorted(table, order)[:100]


def test_the_page_builds_its_relations_and_phone_list_once_per_language(app_data: AppData):
    en = timeline_page(app_data, TimelineView())
    again = timeline_page(app_data, TimelineView(hide=("relations",)))
    vi = timeline_page(app_data, TimelineView(lang="vi"))
    for part in (ids.TIMELINE_RELATIONS, ids.TIMELINE_LIST):
        assert by_id(en, part) is by_id(again, part)  # another view in the same language: the same components
        assert by_id(vi, part) is not by_id(en, part) and text_of(by_id(vi, part)) != text_of(by_id(en, part))
