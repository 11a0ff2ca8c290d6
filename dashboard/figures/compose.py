"""Build a chart as plain data, then make it a plotly Figure once: fast enough for a callback.

Every `fig.update_layout`, `add_trace` or `add_shape` on a plotly Figure walks plotly's property tree
(10–20 ms each on a chart of a few hundred points), so a chart built call by call costs 150–300 ms, and a
callback has 100 ms for everything (design.md). The theme and target charts therefore write their traces
and layout as dicts and call `compose` once, which takes the house look from `template.frame` (computed once,
then reused), wraps the subtitle and the source caption to the chart's width and skips plotly's per-property
validation. The unit tests validate every chart (`go.Figure(fig.to_dict())` raises on an unknown property),
so nothing invalid ships.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

import plotly.graph_objects as go

from dashboard.figures.template import escape, frame

SUBTITLE_CHARS = 150  # characters a subtitle line holds at the app's width (13 px text, about 1200 px)
CAPTION_CHARS = 125  # characters a caption line holds (11 px text, from the left of the plot)
SUBTITLE_STYLE = "font-size:13px;color:#555"
# the least share of its own height a chart is laid out at on a slide (export.static squeezes a tall chart no
# further and draws it smaller instead); a chart that places things by pixel allows for it
MAX_SQUEEZE = 0.85


def compose(
    data: list[dict[str, Any]],
    layout: dict[str, Any],
    *,
    title: str,
    subtitle: str,
    caption: str,
    height: int,
    top: int = 0,
    bottom: int = 0,
) -> go.Figure:
    """Return the figure of `data` and `layout` in the house frame (template.frame).

    The title is pinned 24 px below the top edge (frame's 97% clips a short chart's title); `top` is the room
    the chart needs between the subtitle and the plot (x labels on top, a legend), `bottom` the room between
    the plot and the caption (x labels below). `layout` wins over the frame, except that its annotations and
    shapes are added to the frame's (the source caption stays the first annotation).
    """
    house = copy.deepcopy(_house())
    sub_lines = _subtitle_lines(subtitle)
    house["title"]["text"] = "<br>".join(
        [f"<b>{escape(title)}</b>", *(f"<span style='{SUBTITLE_STYLE}'>{line}</span>" for line in sub_lines)]
    )
    house["title"]["y"] = 1 - 24 / height
    house["height"] = height
    note = house["annotations"][0]
    note["text"] = wrap(escape(caption), CAPTION_CHARS)
    note["yshift"] = -(bottom + 12)
    house["margin"].update(dict(zip("tb", _margins(subtitle, caption, top, bottom), strict=True)))
    if not caption:
        house["annotations"] = []
    return go.Figure({"data": data, "layout": merge(house, layout)}, _validate=False)


def plot_height(height: int, *, subtitle: str, caption: str, top: int = 0, bottom: int = 0) -> int:
    """Return the height in px of the plot area `compose` leaves in a chart `height` px tall (as on screen; a
    slide may lay a tall chart out up to 15 % shorter, see export.static.Size.for_figure)."""
    t, b = _margins(subtitle, caption, top, bottom)
    return height - t - b


def _subtitle_lines(subtitle: str) -> list[str]:
    return wrap(escape(subtitle), SUBTITLE_CHARS).split("<br>") if subtitle else []


def _margins(subtitle: str, caption: str, top: int, bottom: int) -> tuple[int, int]:
    """Return the top and bottom margins of a composed chart: title, subtitle lines, `top`; `bottom`, caption
    lines."""
    caption_lines = wrap(escape(caption), CAPTION_CHARS).count("<br>") + 1
    return 44 + 18 * len(_subtitle_lines(subtitle)) + top, bottom + 24 + 15 * caption_lines


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Return `base` updated by `extra`, nested dicts merged; annotations and shapes are concatenated."""
    out = dict(base)
    for key, value in extra.items():
        if key in ("annotations", "shapes"):
            out[key] = list(out.get(key, [])) + list(value)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def grid(n: int, cols: int, *, h_space: float, v_space: float) -> list[tuple[str, str, dict, dict]]:
    """Return, for `n` panels in a grid of `cols` columns filled row by row, each panel's axis ids ("x2",
    "y2") and axis layouts (domains and anchors), as make_subplots would make them."""
    rows = max(1, -(-n // cols))
    width = (1 - h_space * (cols - 1)) / cols
    height = (1 - v_space * (rows - 1)) / rows
    out = []
    for i in range(n):
        row, col = divmod(i, cols)
        suffix = "" if i == 0 else str(i + 1)
        x0 = col * (width + h_space)
        y1 = 1 - row * (height + v_space)
        xaxis = {"domain": [_unit(x0), _unit(x0 + width)], "anchor": f"y{suffix}"}
        yaxis = {"domain": [_unit(y1 - height), _unit(y1)], "anchor": f"x{suffix}"}
        out.append((f"x{suffix}", f"y{suffix}", xaxis, yaxis))
    return out


def _unit(value: float) -> float:
    """Return a domain end within [0, 1], rounded (float sums give -5.6e-17, which plotly rejects)."""
    return min(1.0, max(0.0, round(value, 6)))


def axis_key(axis_id: str) -> str:
    """Return the layout key of an axis id ("x2" → "xaxis2", "y" → "yaxis")."""
    return f"{axis_id[0]}axis{axis_id[1:]}"


def wrap(value: str, width: int) -> str:
    """Return `value` broken into lines of at most about `width` characters, joined by <br> (plotly titles and
    annotations do not wrap by themselves). Escape the text first: this only adds line breaks."""
    return "<br>".join(fill(value.split(" "), width))


def fill(words: list[str], width: int) -> list[str]:
    """Return `words` filled into lines of at most about `width` characters (a longer word is a line of its own)."""
    lines: list[str] = []
    line = ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines


@lru_cache(maxsize=1)
def _house() -> dict[str, Any]:
    """Return the layout template.frame gives a chart (computed once; plotly adds its default template)."""
    fig = go.Figure(_validate=False)
    frame(fig, title="title", subtitle="subtitle", caption="Source: caption", height=400)
    layout = fig.layout.to_plotly_json()
    layout.pop("template", None)
    return layout


def empty_note(message: str) -> dict[str, Any]:
    """Return the annotation a chart with nothing to draw shows in its middle."""
    return {
        "text": escape(message),
        "xref": "paper",
        "yref": "paper",
        "x": 0.5,
        "y": 0.5,
        "showarrow": False,
        "font": {"size": 14, "color": "#555"},
    }
