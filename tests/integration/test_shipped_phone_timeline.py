"""The Timeline's phone list: the documents in order of issue, each linked when the corpus holds it, and on a large
corpus only the latest, with a line that says how many earlier ones the chart holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from dash.development.base_component import Component

from dashboard.app import ids
from dashboard.app.context import AppData
from dashboard.app.views import phone
from tests.unit.app.helpers import by_id, text_of, walk


@pytest.fixture(scope="module")
def shipped(shipped_data: Path) -> AppData:
    return AppData.load(shipped_data)


def _listed(layout) -> list[str]:
    return [getattr(n, "data-doc") for n in walk(layout) if isinstance(n, Component) and hasattr(n, "data-doc")]


def test_every_document_is_listed_in_order_of_issue(shipped: AppData):
    listed = _listed(phone.timeline_list(shipped, "en"))
    assert sorted(listed) == sorted(shipped.documents)  # held and not held
    issued = [str(shipped.documents[d]["issued"]) for d in listed]
    assert issued == sorted(issued) and listed[0] == "22-NQ-TW-2013"
    assert "Earlier documents" not in text_of(phone.timeline_list(shipped, "en"))


def test_a_large_corpus_lists_the_latest_and_says_how_many_are_left_out(
    shipped: AppData, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(phone, "MAX_ITEMS", 3)
    layout = phone.timeline_list(shipped, "vi")
    listed = _listed(layout)
    assert len(listed) == 3 and listed[-1] == "153-NQ-CP-2025"  # the latest three, still in order of issue
    left_out = len(shipped.documents) - 3
    assert f"Còn {left_out} văn bản ban hành trước đó" in text_of(by_id(layout, ids.TIMELINE_LIST))
