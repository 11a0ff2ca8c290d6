"""The documents picker of the Themes and Targets pages: on a large corpus it lists the latest PICKER_OPTIONS
documents (and the ones chosen), and what the reader types searches them all on the server, so a page does not
send every document's name with each render (about 60 bytes a document: 600 KB at 10,000).

On a corpus of PICKER_OPTIONS documents or fewer the options are every held document, as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dashboard.app.context import AppData

PICKER_OPTIONS = 200  # documents a picker lists before the reader types (the latest); typing searches them all


def document_label(data: AppData, doc_id: str) -> str:
    """Return a document's label in a picker: its symbol and year ("59-NQ/TW (2025)")."""
    return f"{data.vocab.symbol(doc_id)} ({str(data.documents[doc_id].get('issued'))[:4]})"


def document_options(
    data: AppData, chosen: Sequence[str] = (), search: str = "", limit: int = PICKER_OPTIONS
) -> list[dict[str, Any]]:
    """Return a picker's options: the held documents in the app's order, only those whose label holds `search`
    (any case) when one is typed, the latest `limit` of them, and the `chosen` ones always (a chosen value
    without an option would show no label)."""
    held = [d for d in data.documents if d in data.vocab.held]
    needle = search.strip().casefold()
    if needle:
        held = [d for d in held if needle in document_label(data, d).casefold() or needle in d.casefold()]
    shown = held[-limit:] if len(held) > limit else held
    missing = [d for d in chosen if d in data.documents and d in data.vocab.held and d not in set(shown)]
    return [{"label": document_label(data, d), "value": d} for d in [*missing, *shown]]
