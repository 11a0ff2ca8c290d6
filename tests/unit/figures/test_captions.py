"""Every registered chart says its source in the reader's language: a Vietnamese chart's caption (and the notes
under it) has no English caption words; the English caption is the one readers already know."""

from __future__ import annotations

import re

import pytest

from dashboard.figures.catalogue import CHARTS, get_chart
from dashboard.figures.template import is_source_caption, source_caption
from tests.unit.figures.charts import chart_options

NAMES = sorted(CHARTS)
# the English words of the source caption and of the notes figures add to it
ENGLISH = [
    "Source",
    "dataset",
    "documents",
    "Exported",
    "seeds",
    "partial",
    "secondary",
    "account",
    "no own text",
    "Rows without",
    "nothing earlier",
    "of them",
    "are drawn",
    "full",
    "summary",
]




def notes_below(fig) -> list[str]:
    """Return the caption and the notes a chart sets under its plot, line breaks as spaces."""
    return [
        re.sub(r"<br>", " ", a.text)
        for a in fig.layout.annotations or ()
        if a.yref == "paper" and (a.y or 0) <= 0 and a.text
    ]


@pytest.mark.parametrize("name", NAMES)
def test_a_vietnamese_chart_has_no_english_caption_words(fixture_dataset, name) -> None:
    fig = get_chart(name).figure(fixture_dataset, chart_options(name, "vi"))
    notes = notes_below(fig)
    caption = next(n for n in notes if is_source_caption(n))
    assert caption.startswith(f"Nguồn: bộ dữ liệu policy-timeline v{fixture_dataset.version}; văn bản: ")
    for note in notes:
        found = [w for w in ENGLISH if re.search(rf"\b{w}\b", note)]
        assert not found, f"{name}: English words {found} in {note!r}"


@pytest.mark.parametrize("name", NAMES)
def test_an_english_chart_keeps_its_caption(fixture_dataset, name) -> None:
    fig = get_chart(name).figure(fixture_dataset, chart_options(name, "en"))
    caption = next(n for n in notes_below(fig) if is_source_caption(n))
    assert caption.startswith(f"Source: policy-timeline dataset v{fixture_dataset.version}; documents: ")


def test_source_caption_words() -> None:
    assert source_caption(["A", "B"], "0.1.0", extra="All 2 seeds are partial.") == (
        "Source: policy-timeline dataset v0.1.0; documents: A, B. All 2 seeds are partial."
    )
    assert source_caption([], "0.1.0") == "Source: policy-timeline dataset v0.1.0; documents: all documents."
    assert source_caption([], "0.1.0", lang="vi") == "Nguồn: bộ dữ liệu policy-timeline v0.1.0; văn bản: mọi văn bản."
    assert source_caption(["A"], "0.1.0", lang="xx").startswith("Source:")  # an unknown language reads English
    assert is_source_caption("Nguồn: bộ dữ liệu …") and is_source_caption("Source: …")
    assert not is_source_caption("Reported: …")
