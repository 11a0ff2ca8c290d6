"""What a new Compare address changes on the page, and nothing else.

The page's state is its address. A correction, a filter, Back or Forward gives a new address; instead of letting
the page router draw the whole page again (seconds in the browser: two charts, two pickers of every provision,
hundreds of links), `refreshed` compares the view on screen (the `COMPARE_SHOWN` store) with the new one and
returns either the whole content (another pair of documents) or new children for the few boxes
that pins and filters change: the head (notices, caption), the summary, the corrections bar, the count and the
rows. The charts, the documents' cards, the distinctive terms, entities and targets and the pickers depend on the
two documents only and are left alone: their DOM nodes stay, and so does the reader's scroll position. (Writing
into the content's own children, even with a `Patch` of a few places, makes Dash mount all of them again.)
"""

from __future__ import annotations

from typing import Any

from dash import no_update

from dashboard.analysis.diff.pins import reverse_text
from dashboard.app import ids
from dashboard.app.context import AppData
from dashboard.app.state import STATUSES, CompareView
from dashboard.app.views.compare import content, head_items, pair_count, pair_rows, summary_items
from dashboard.app.views.compare_pins import pins_bar
from dashboard.figures.compare.chart import comparison_dict

# what `refreshed` writes, in order: the content as a whole, or the boxes inside it
BOXES = (ids.COMPARE_CONTENT, ids.COMPARE_HEAD, ids.COMPARE_SUMMARY, ids.COMPARE_PINS_BOX, ids.COMPARE_COUNT_BOX,
         ids.COMPARE_PAIRS)


def refreshed(data: AppData, shown: str | None, search: str | None) -> tuple[Any, ...] | None:
    """Return the children of BOXES for the address `search` given that the page shows `shown` (no_update for
    a box that stays): None when nothing changed or the language did (the router draws that page), the whole
    content for another pair, else the boxes that pins and filters change."""
    old = CompareView.from_query(shown, data.vocab)
    new = CompareView.from_query(search, data.vocab)
    if (new == old and new.notices == old.notices) or new.lang != old.lang:
        return None  # another language comes through the router, which draws the whole page in it
    if not new.ready or (old.a, old.b) != (new.a, new.b):
        return (content(data, new),) + (no_update,) * (len(BOXES) - 1)
    pins, pin_notices = new.pins_in(data.by_document)
    result = comparison_dict(data.dataset, new.a, new.b, tuple(p.text() for p in pins))
    return (
        no_update,
        head_items(data, new, pin_notices),
        summary_items(result, new.lang),
        pins_bar(new, pins),
        pair_count(result, new),
        pair_rows(data, result, new, pins),
    )


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


