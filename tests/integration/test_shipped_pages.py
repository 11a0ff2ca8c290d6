"""Page builders on the shipped corpus, for what the fixture corpus cannot show: a document known only from a
secondary account (the news report of 22-NQ/TW) has no own text, and its Themes cell offers the all-text basis.
The pages' other tests run on the fixture corpus in tests/unit/app/."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.app import ids
from dashboard.app.context import AppData
from dashboard.app.state import ThemesView
from dashboard.app.views.themes import cell_section
from tests.unit.app.helpers import by_id, components, text_of


@pytest.fixture(scope="module")
def shipped_app_data(shipped_data: Path) -> AppData:
    return AppData.load(shipped_data)


def test_a_secondary_accounts_cell_offers_the_all_text_basis(shipped_app_data: AppData) -> None:
    data = shipped_app_data
    section = cell_section(data, ThemesView(cell=("22-NQ-TW-2013", "diplomacy_partnerships")))
    assert "only a secondary account" in text_of(section)
    links = [n.href for n in components(section, "Link")]
    assert "/themes?basis=all&cell=22-NQ-TW-2013%7Cdiplomacy_partnerships" in links
    reported = cell_section(data, ThemesView(basis="all", cell=("22-NQ-TW-2013", "diplomacy_partnerships")))
    assert int(getattr(by_id(reported, ids.THEMES_CELL_LIST), "data-count")) > 0
