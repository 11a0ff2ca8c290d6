"""Labels at the end of lines: each line's name written just right of its last point, moved up or down only as
far as needed to keep clear of the next label, with a thin leader in the line's colour back to the point.

A label says which line is which without matching colours against a legend. Positions are worked out in
pixels of the plot on screen and given to plotly in axis units, so labels stay at least as far apart when an
export draws the chart taller. When they cannot sit near their lines (too many lines ending close together,
or a line that has no value in the last column), `end_labels` returns None and the chart keeps its legend.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dashboard.figures.template import escape

FONT_PX = 12
GAP_PX = 17  # distance between the middles of two labels
MAX_SHIFT = 2.5  # a label moves at most this many gaps away from its line's end
LEADER_PX = 28  # from the point to the label
STANDOFF_PX = 10  # the leader starts clear of the mark drawn at the point
CHAR_PX = 0.62 * FONT_PX  # the average width of a character (DejaVu Sans), to size the room for labels


@dataclass(frozen=True)
class LineEnd:
    """A line to label: its label, the value of its last point, its colour."""

    text: str
    value: float | None
    colour: str


def end_labels(ends: Sequence[LineEnd], *, x: float | str, top: float, plot_px: float) -> list[dict[str, Any]] | None:
    """Return one annotation per line labelling it at its end (x, value), or None when they do not all fit.

    `x` is where the lines end on the x axis (a number, or a date on a date axis), `top` the upper end of the
    y axis (its lower end is 0) and `plot_px` the height of the plot in pixels.
    """
    if not ends or top <= 0 or plot_px <= 0 or any(e.value is None for e in ends):
        return None
    scale = plot_px / top
    targets = [float(e.value) * scale for e in ends]  # type: ignore[arg-type]
    # no label lower than half a line above the x axis: below it are the last column's tick labels
    positions = spread(targets, GAP_PX, GAP_PX / 2, plot_px + GAP_PX / 2)
    if positions is None or any(abs(p - t) > MAX_SHIFT * GAP_PX for p, t in zip(positions, targets, strict=True)):
        return None
    return [
        {
            "text": escape(end.text),
            "x": x,
            "y": end.value,
            "xref": "x",
            "yref": "y",
            "ax": LEADER_PX,
            "axref": "pixel",
            "ay": position / scale,
            "ayref": "y",
            "showarrow": True,
            "arrowhead": 0,
            "arrowwidth": 1,
            "arrowcolor": end.colour,
            "standoff": STANDOFF_PX,
            "xanchor": "left",
            "yanchor": "middle",
            "align": "left",
            "font": {"size": FONT_PX, "color": darker(end.colour)},
        }
        for end, position in zip(ends, positions, strict=True)
    ]


def label_room(texts: Sequence[str]) -> int:
    """Return the px the labels need right of the lines' ends (leader and the longest label)."""
    return round(LEADER_PX + 6 + CHAR_PX * max((len(t) for t in texts), default=0))


def spread(targets: Sequence[float], gap: float, lo: float, hi: float) -> list[float] | None:
    """Return positions as near `targets` as they can be, at least `gap` apart and within [lo, hi], in the
    order of `targets`; None when they do not fit. Labels that would overlap are grouped and each group is
    centred on its targets' mean (then kept inside [lo, hi])."""
    n = len(targets)
    if n and (n - 1) * gap > hi - lo:
        return None
    order = sorted(range(n), key=lambda i: targets[i])
    groups: list[list[int]] = []

    def start(group: list[int]) -> float:
        mean = sum(targets[i] for i in group) / len(group)
        return min(max(mean - (len(group) - 1) * gap / 2, lo), hi - (len(group) - 1) * gap)

    for i in order:
        groups.append([i])
        while len(groups) > 1 and start(groups[-1]) < start(groups[-2]) + len(groups[-2]) * gap:
            last = groups.pop()
            groups[-1] += last
    positions = [0.0] * n
    for group in groups:
        first = start(group)
        for k, i in enumerate(group):
            positions[i] = first + k * gap
    return positions


def darker(colour: str, amount: float = 0.4) -> str:
    """Return `colour` (#RRGGBB) mixed with `amount` of black: a light line colour as legible text."""
    value = colour.lstrip("#")
    if len(value) != 6:
        return colour
    r, g, b = (round(int(value[i : i + 2], 16) * (1 - amount)) for i in (0, 2, 4))
    return f"#{r:02X}{g:02X}{b:02X}"
