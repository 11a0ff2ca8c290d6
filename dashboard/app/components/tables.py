"""Pieces of the pages' tables."""

from __future__ import annotations

from collections.abc import Iterable

from dash import html


def table_head(headings: Iterable[str]) -> html.Thead:
    """Return a table's head: one column heading (`scope="col"`) a heading, in order."""
    return html.Thead(html.Tr([html.Th(heading, scope="col") for heading in headings]))
