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


def test_the_vietnamese_pages_read_the_seeds_vietnamese_notes(shipped_app_data: AppData) -> None:
    from dashboard.app.state import DocumentView, HomeView, TargetsView
    from dashboard.app.views.document import document_page
    from dashboard.app.views.home import home_page
    from dashboard.app.views.targets import targets_page

    data = shipped_app_data
    home = text_of(home_page(data, HomeView(lang="vi")))
    assert "Bộ Chính trị khóa XIII" in home and "Thủ tướng Chính phủ Nguyễn Tấn Dũng" in home
    assert "Nhóm tác giả policy-timeline" not in home  # the footer is the shell's, not the page's
    doc = text_of(document_page(data, DocumentView(doc="59-NQ-TW-2025", lang="vi")))
    assert "Nghị quyết" in doc and "đến giữa thế kỷ XXI" in doc and "ngày ban hành = 2025-01-24" in doc
    assert "infographic summary" not in doc and "Resolution ·" not in doc
    assert "tổng kết 10 năm thực hiện Nghị quyết 22" in doc and "the 10-year review" not in doc  # relation evidence
    targets = text_of(targets_page(data, TargetsView(lang="vi")))
    assert "các nguồn không thống nhất về thành viên nhóm ASEAN-4" in targets
    assert "sources differ on the ASEAN-4" in text_of(targets_page(data, TargetsView()))
