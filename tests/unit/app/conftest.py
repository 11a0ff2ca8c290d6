"""The fixture corpus loaded as the app loads it (no Dash app, no server)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.app.context import AppData


@pytest.fixture(scope="session")
def app_data(fixture_data: Path) -> AppData:
    """AppData of the two-document fixture corpus (one provision holds `<script>`)."""
    return AppData.load(fixture_data)
