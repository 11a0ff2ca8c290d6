"""How the timeline's traces hand their points to plotly: object and number arrays, customdata rows that lead
with the document id (what a click opens), and hover text escaped and wrapped.

Shared by the parts of the timeline (`figures.timeline.documents`, `figures.timeline.horizons`,
`figures.timeline.relations` and the frame in `figures.timeline.chart`). Arrays, not lists: plotly validates an array
in one step and a list item by item, which is slow on a chart of hundreds of documents.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dashboard.figures.compose import fill
from dashboard.figures.template import escape


def arr(values: Any) -> np.ndarray:
    """Return an object array: plotly validates arrays in one step, lists item by item (slow on big charts)."""
    return np.array(list(values), dtype=object)


def nums(values: Any) -> np.ndarray:
    """Return a float array, with NaN for None (a gap between line segments)."""
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def ids(values: Any) -> np.ndarray:
    """Return customdata: one row per point whose first item is the document id (what a click opens)."""
    rows = [list(v) if isinstance(v, tuple) else [v] for v in values]
    return np.array(rows, dtype=object).reshape(len(rows), -1) if rows else np.empty((0, 1), dtype=object)


def wrap(text: str, width: int) -> str:
    """Return `text` escaped for a plotly hover label and wrapped at `width` characters (at most four
    lines)."""
    lines = fill(text.split(), width)
    return "<br>".join(escape(x) for x in lines[:4]) + (" …" if len(lines) > 4 else "")
