"""Comparison charts on the shipped corpus, for what the fixture corpus cannot show: a document known only from
a secondary account is compared on all its provisions, and the chart's title says so. The rest of the comparison
charts' tests run on the fixture corpus in tests/unit/figures/test_compare_figures.py."""

from __future__ import annotations

from pathlib import Path

from dashboard.dataset.load import Dataset
from dashboard.figures.catalogue import get_chart
from dashboard.figures.registry import ChartOptions


def test_secondary_account_basis_is_named(shipped_data: Path):
    fig = get_chart("compare-themes").figure(Dataset(shipped_data), ChartOptions(a="22-NQ/TW", b="59-NQ/TW"))
    assert "22-NQ/TW: all provisions (secondary account)" in fig.layout.title.text


def test_the_section_lines_read_in_each_language(shipped_data: Path):
    from dashboard.analysis.diff import compare_documents
    from dashboard.analysis.diff.sections import section_line

    sections = compare_documents(Dataset(shipped_data), "40-QD-TTg-2016", "153-NQ-CP-2025").as_dict()["sections"]
    assert {s["outcome"] for s in sections} >= {"reworded", "split", "dropped", "new"}
    assert [section_line(s, "en") for s in sections] == [s["summary"] for s in sections]  # English unchanged
    vi = [section_line(s, "vi") for s in sections]
    assert not [line for line in vi if any(w in line for w in ("reworded", "split over", "counterpart", "New in"))]
    assert "→ không có đối ứng ở B" in " ".join(vi) and vi[-1].startswith("Mới ở B: p")
