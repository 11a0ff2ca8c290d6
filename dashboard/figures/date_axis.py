"""Documents on a true time axis: each at its date of issue, documents issued the same day (or a few weeks
apart) set side by side, their labels in rows below the axis so that no two run into each other.

A category axis spaces 2013→2016 as widely as 2016→2025; a date axis does not, but puts two documents issued the
same day on one spot and writes their labels over each other. `place` moves points apart only as far as needed
(a small share of the span, `GAP_SHARE`); two labels closer than a label's width stand each on its own point's
side, and a label goes one row lower when it would still run into the one before it, closer than
`LABEL_SHARE` of the span to the label before it (`label_places`), and `document_labels` writes the labels as
annotations.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from dashboard.figures.line_labels import spread

GAP_SHARE = 0.025  # two documents' points sit at least this share of the time span apart
LABEL_SHARE = 0.11  # two labels in one row sit at least this share of the span apart (a label is ~90 px wide)
MIN_SPAN_DAYS = 3 * 365  # a span shorter than this is drawn as if it were this long
PAD_SHARE = 0.05  # room left and right of the first and last documents
ROW_PX = 58  # the height of one row of labels (three lines of 12 px text and a gap)
AXIS_PX = 22  # the year ticks under the axis, above the first row of labels


def _days(issued: Sequence[str]) -> list[float]:
    start = pd.Timestamp(issued[0])
    return [(pd.Timestamp(d) - start) / pd.Timedelta(days=1) for d in issued]


def span_days(issued: Sequence[str]) -> float:
    """Return the time span the axis draws, in days (at least MIN_SPAN_DAYS)."""
    if not issued:
        return float(MIN_SPAN_DAYS)
    days = _days(sorted(issued))
    return max(days[-1] - days[0], float(MIN_SPAN_DAYS))


def place(issued: Sequence[str]) -> list[str]:
    """Return the x of each document (ISO dates in order of issue, `issued`): its date, moved apart from its
    neighbours by at least GAP_SHARE of the span, the same-day ones centred on their date."""
    if not issued:
        return []
    start = pd.Timestamp(issued[0])
    days = _days(issued)
    gap = GAP_SHARE * span_days(issued)
    positions = spread(days, gap, days[0] - len(days) * gap, days[-1] + len(days) * gap) or days
    return [_iso(start + pd.Timedelta(days=p)) for p in positions]


def x_range(positions: Sequence[str], *, right_share: float = PAD_SHARE) -> list[str]:
    """Return the x axis range around the positions: PAD_SHARE of the span on the left, `right_share` right."""
    if not positions:
        return []
    first, last = pd.Timestamp(positions[0]), pd.Timestamp(positions[-1])
    span = pd.Timedelta(days=span_days([positions[0], positions[-1]]))
    return [_iso(first - span * PAD_SHARE), _iso(last + span * right_share)]


def label_places(positions: Sequence[str]) -> list[tuple[str, int]]:
    """Return where each document's label goes: its anchor (center, or right and left for two documents closer
    than a label's width, so that each label stands on its own point's side) and its row (0 just under the
    axis): the first row in which it keeps clear of the labels already there."""
    if not positions:
        return []
    days = _days(positions)
    width = LABEL_SHARE * span_days(positions)
    anchors = ["center"] * len(days)
    for i in range(len(days) - 1):
        if anchors[i] == "center" and days[i + 1] - days[i] < width:
            anchors[i], anchors[i + 1] = "right", "left"
    ends: list[float] = []  # where the last label of each row ends
    out = []
    for day, anchor in zip(days, anchors, strict=True):
        lo = {"center": day - width / 2, "right": day - width, "left": day}[anchor]
        row = next((r for r, end in enumerate(ends) if lo >= end), len(ends))
        if row == len(ends):
            ends.append(lo + width)
        else:
            ends[row] = lo + width
        out.append((anchor, row))
    return out


def labels_px(places: Sequence[tuple[str, int]]) -> int:
    """Return the px the labels need under the plot."""
    return AXIS_PX + ROW_PX * (max((row for _, row in places), default=-1) + 1)


def document_labels(
    labels: Sequence[str], positions: Sequence[str], places: Sequence[tuple[str, int]]
) -> list[dict[str, Any]]:
    """Return one annotation per document: its label under the axis at its x, anchored and in the row of
    `places` (label_places)."""
    return [
        {
            "text": label,
            "x": x,
            "xref": "x",
            "y": 0,
            "yref": "paper",
            "yanchor": "top",
            "xanchor": anchor,
            "xshift": {"center": 0, "right": 4, "left": -4}[anchor],
            "yshift": -(AXIS_PX + ROW_PX * row),
            "showarrow": False,
            "align": {"center": "center", "right": "right", "left": "left"}[anchor],
            "font": {"size": 12},
        }
        for label, x, (anchor, row) in zip(labels, positions, places, strict=True)
    ]


def _iso(stamp: pd.Timestamp) -> str:
    return stamp.strftime("%Y-%m-%d %H:%M")


def year_axis(start: str, end: str, title: str) -> dict[str, Any]:
    """Return a plotly date x-axis from `start` to `end` (ISO dates) ticked by year, with light grid lines: the
    Timeline's axis, whether it draws documents or counts them per year."""
    return {
        "type": "date",
        "range": [start, end],
        "title": {"text": title},
        "showgrid": True,
        "gridcolor": "#E6E6E6",
        "zeroline": False,
        "tickformat": "%Y",
        "ticks": "outside",
    }
