"""HTML attributes whose names hold a dash (``aria-*``, ``data-*``), for Dash components.

Dash takes them only as keywords spelled with a dash, so as ``**{...}``. Dash's generated stubs then check every
value of that dict against every parameter of the component and report a ``str`` given for ``n_clicks``.
``attrs`` builds the same dict typed ``dict[str, Any]``: the component's own parameters keep their checks and
these pass through. ``attrs(aria_label="x", data_count="3")`` is ``{"aria-label": "x", "data-count": "3"}``.
"""

from __future__ import annotations

from typing import Any


def attrs(**values: str) -> dict[str, Any]:
    """The keyword arguments with each ``_`` in a name made a ``-``, for ``html.Div(..., **attrs(...))``."""
    return {name.replace("_", "-"): value for name, value in values.items()}
