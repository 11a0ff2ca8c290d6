"""Labels at the ends of lines stay apart, near their lines and inside the plot, or are not drawn at all."""

from __future__ import annotations

import itertools

import pytest

from dashboard.figures.line_labels import GAP_PX, LineEnd, darker, end_labels, spread


def test_spread_keeps_labels_apart_and_near_their_targets() -> None:
    targets = [100.0, 104.0, 30.0, 102.0, 200.0]
    positions = spread(targets, 17, 0, 300)
    assert positions is not None
    assert positions[4] == 200.0 and positions[2] == 30.0  # labels with room stay where their lines end
    assert all(b - a >= 17 - 1e-9 for a, b in itertools.pairwise(sorted(positions)))
    crowded = [positions[i] for i in (0, 1, 3)]
    assert sum(crowded) / 3 == pytest.approx((100 + 104 + 102) / 3)  # a crowd is centred on its lines
    assert sorted(range(5), key=lambda i: positions[i]) == sorted(range(5), key=lambda i: targets[i])


def test_spread_keeps_labels_inside_and_gives_up_when_they_cannot_fit() -> None:
    positions = spread([0.0, 0.0, 1.0], 17, 8, 300)
    assert positions is not None and min(positions) == 8  # pushed up off the axis, not below it
    assert spread([50.0] * 10, 17, 0, 100) is None


def test_end_labels_name_lines_or_return_none() -> None:
    ends = [LineEnd("Diplomacy", 0.16, "#88CCEE"), LineEnd("Law", 0.42, "#77AADD"), LineEnd("Economy", 0.21, "#117733")]
    labels = end_labels(ends, x=4, top=0.6, plot_px=300)
    assert labels is not None and [a["text"] for a in labels] == ["Diplomacy", "Law", "Economy"]
    assert [a["y"] for a in labels] == [0.16, 0.42, 0.21] and {a["x"] for a in labels} == {4}
    heights = sorted(a["ay"] * 300 / 0.6 for a in labels)
    assert all(b - a >= GAP_PX - 1e-6 for a, b in itertools.pairwise(heights))
    assert labels[0]["font"]["color"] == darker("#88CCEE") != "#88CCEE"  # pale line colours darkened as text
    assert end_labels([*ends, LineEnd("Health", None, "#EE8866")], x=4, top=0.6, plot_px=300) is None
    assert end_labels([LineEnd(str(i), 0.1, "#000000") for i in range(12)], x=4, top=0.6, plot_px=300) is None
