"""What a new Compare address changes on the page, and nothing else.

The page's state is its address. A correction, a filter, Back or Forward gives a new address; instead of letting
the page router draw the whole page again (seconds in the browser: two charts, two pickers of every provision,
hundreds of links), `refreshed` compares the view on screen (the `COMPARE_SHOWN` store) with the new one and
returns either the whole content (another pair of documents, another language) or a `Patch` of the places that
changed: the notices, the caption, the summary, the corrections bar, the count and the rows. The charts, the
documents' cards, the distinctive terms, entities and targets depend on the two documents only, never on the pins
or the filters, and are left alone (their DOM nodes stay, and so does the reader's scroll position).
"""

from __future__ import annotations

from typing import Any

from dash import Patch

from dashboard.analysis.diff.pins import reverse_text
from dashboard.app.context import AppData
from dashboard.app.state import STATUSES, CompareView
from dashboard.app.views.compare import caption, content, notices, pair_count, pair_rows, summary
from dashboard.app.views.compare_pins import pins_bar
from dashboard.figures.compare import comparison

# places in content()'s list, and in the pairs section's children (views/compare.py keeps this order)
SLOTS = {"notices": 0, "caption": 1, "summary": 3, "pairs": 7}
SECTION = {"pins": 2, "count": 4, "rows": 6}


def refreshed(data: AppData, shown: str | None, search: str | None) -> list[Any] | Patch | None:
    """Return the content for the address `search` given that the page shows `shown`: None when nothing
    changed, the whole content for another pair or language, else a Patch of what the pins and filters change."""
    old = CompareView.from_query(shown, data.vocab)
    new = CompareView.from_query(search, data.vocab)
    if new == old and new.notices == old.notices:
        return None
    if not new.ready or (old.a, old.b, old.lang) != (new.a, new.b, new.lang):
        return content(data, new)
    pins, pin_notices = new.pins_in(data.by_document)
    result = comparison(data.dataset, new.a, new.b, tuple(p.text() for p in pins))
    patch = Patch()
    patch[SLOTS["notices"]] = notices(new, pin_notices)
    patch[SLOTS["caption"]] = caption(data, new)
    patch[SLOTS["summary"]] = summary(result, new.lang)
    section = patch[SLOTS["pairs"]]["props"]["children"]
    section[SECTION["pins"]] = pins_bar(new, pins)
    section[SECTION["count"]] = pair_count(result, new)
    section[SECTION["rows"]]["props"]["children"] = pair_rows(data, result, new, pins)
    return patch


def control_values(data: AppData, search: str | None) -> tuple[str | None, str | None, str | None, list[str]]:
    """Return the values the pickers and filters show for the address (after Back, they follow it)."""
    view = CompareView.from_query(search, data.vocab)
    return view.a or None, view.b or None, view.theme or None, list(view.status or STATUSES)


def view_from_controls(
    data: AppData,
    search: str | None,
    *,
    a: str | None,
    b: str | None,
    theme: str | None,
    status: list[str] | None,
) -> CompareView:
    """Return the view the controls describe (validated like a URL; the language kept, and the reader's pins
    while the two documents stay the same)."""
    shown = CompareView.from_query(search, data.vocab)
    params = {
        "a": a or "",
        "b": b or "",
        "theme": theme or "",
        "lang": shown.lang,
        "status": ",".join(s for s in STATUSES if s in (status or STATUSES)),
        "pin": ",".join(_pins_for(shown, a, b)),
    }
    # every box ticked, or none (a cleared filter), shows every pair: the URL then carries no status
    return CompareView.from_params({k: v for k, v in params.items() if v}, data.vocab)


def _pins_for(shown: CompareView, a: str | None, b: str | None) -> tuple[str, ...]:
    """Return the reader's pins for the documents the controls now name: kept for the same pair, turned round
    for the swapped pair, dropped for any other (they name provisions of the documents shown)."""
    if (a, b) == (shown.a, shown.b):
        return shown.pin
    if (a, b) == (shown.b, shown.a):
        return tuple(reverse_text(p) for p in shown.pin)
    return ()


