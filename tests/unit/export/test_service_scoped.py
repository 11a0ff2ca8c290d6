"""The export service (the one export process of the production server) renders a chart of two documents from
those two documents' rows, not from the whole corpus's tables: the same file, and its process never loads the
large tables for it."""

from __future__ import annotations

import shutil
from pathlib import Path

from dashboard.dataset.load import Dataset, get_dataset
from dashboard.export.service import Service
from dashboard.export.static import render_chart
from dashboard.figures.registry import ChartOptions
from dashboard.paths import DATA_DIR

A, B = "40-QD-TTg-2016", "153-NQ-CP-2025"
LARGE = {"provisions", "provision_themes", "mentions", "assignments", "targets", "theme_measures"}


def test_a_pair_chart_is_made_from_the_pairs_rows_and_is_the_same_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)  # a folder of its own: this process's dataset for it starts empty
    options = ChartOptions(a=A, b=B, lang="en")
    service = Service(str(data))
    for chart in ("compare-themes", "compare-terms"):
        made = service._make(("chart", chart, options, ".csv", None))  # noqa: SLF001  (the job, without a socket)
        assert made == render_chart(Dataset(data), chart, options, ".csv")
    assert not get_dataset(str(data)).loaded() & LARGE


def test_a_chart_of_the_corpus_still_reads_the_whole_dataset(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    options = ChartOptions(lang="en")
    made = Service(str(data))._make(("chart", "themes-heatmap", options, ".csv", None))  # noqa: SLF001
    assert made == render_chart(Dataset(data), "themes-heatmap", options, ".csv")
