"""A briefing pack's table slide in PowerPoint: a table longer than a slide shows its first rows at the smallest
type, says how many it left out, and is laid out row by row as far as it shows (a generated corpus's table of
thousands of rows used to be measured again for every row it dropped, and the pack never finished)."""

from __future__ import annotations

import io

from pptx import Presentation

from dashboard.export.brief_model import Brief, Slide
from dashboard.export.brief_pptx import pptx_bytes

DOC = {"id": "a", "symbol": "1/NQ-CP"}


def _table_slide(rows: int) -> Brief:
    slide = Slide(
        "table",
        "Sources and their coverage",
        "A subtitle",
        columns=["Document", "Issued", "Holds"],
        rows=[
            [f"{i}/NQ-CP", "2016-01-01", f"Row {i}: the full text of a resolution on integration"] for i in range(rows)
        ],
        widths=[1.5, 1.1, 7.0],
    )
    return Brief(DOC, DOC, "1.0", "", "2026-12-07", [slide])


def _table(brief: Brief):
    prs = Presentation(io.BytesIO(pptx_bytes(brief)))
    return next(s for s in prs.slides[0].shapes if getattr(s, "has_table", False) and s.has_table), prs.slides[0]


def test_a_table_longer_than_the_slide_shows_its_first_rows_and_says_how_many():
    shape, slide = _table(_table_slide(5_000))
    body = [[c.text for c in row.cells] for row in list(shape.table.rows)[1:]]
    assert 3 < len(body) < 40
    assert [r[0] for r in body] == [f"{i}/NQ-CP" for i in range(len(body))]  # the first rows, in order
    texts = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert f"The first {len(body)} of 5,000 rows" in texts
    assert shape.top + shape.height <= Presentation(io.BytesIO(pptx_bytes(_table_slide(1)))).slide_height


def test_a_table_that_fits_is_shown_whole_without_a_note():
    shape, slide = _table(_table_slide(4))
    assert len(shape.table.rows) == 5
    assert "rows; the data package" not in " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
