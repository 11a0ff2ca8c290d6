"""Walk Dash component trees in tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dash.development.base_component import Component


def walk(node: Any) -> Iterator[Any]:
    """Yield every component and string in a layout, depth first."""
    yield node
    if isinstance(node, list | tuple):
        for child in node:
            yield from walk(child)
    elif isinstance(node, Component):
        for prop in ("children", "label"):
            value = getattr(node, prop, None)
            if value is not None and not isinstance(value, int | float):
                yield from walk(value)


def strings(node: Any) -> list[str]:
    """Return every text child in a layout."""
    return [n for n in walk(node) if isinstance(n, str)]


def text_of(node: Any) -> str:
    """Return the layout's text as a reader sees it (roughly)."""
    return " ".join(strings(node))


def by_id(node: Any, component_id: str) -> Any:
    """Return the component with this id, or None."""
    return next(
        (n for n in walk(node) if isinstance(n, Component) and getattr(n, "id", None) == component_id), None
    )


def ids(node: Any) -> set[str]:
    """Return every component id in a layout."""
    return {n.id for n in walk(node) if isinstance(n, Component) and isinstance(getattr(n, "id", None), str)}


def components(node: Any, type_name: str) -> list[Component]:
    """Return every component of a type (html.Mark → 'Mark')."""
    return [n for n in walk(node) if isinstance(n, Component) and type(n).__name__ == type_name]
