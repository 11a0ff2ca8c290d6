"""What a new Compare address changes on the page, and nothing else.

The page's state is its address. A correction, a filter, the pickers' Pair button, Back or Forward gives a new
address; instead of letting the page router draw the whole page again (seconds in the browser: two charts, two
pickers of every provision, hundreds of links), `changed` works out the new address and `refreshed` compares the
view on screen (the `COMPARE_SHOWN` store) with it, and returns either the whole content (another pair of
documents) or new children for the few boxes that pins and filters change and whose children differ: the head
(notices, caption), the summary, the corrections bar, the count; and the rows, as data the browser reconciles row
by row (compare_rows.py). The charts, the documents' cards, the distinctive terms, entities and targets and the
pickers depend on the two documents only and are left alone: their DOM nodes stay, and so does the reader's
scroll position. (Writing into the content's own children, even with a `Patch` of a few places, makes Dash mount
all of them again.)
"""

from __future__ import annotations

import json
import time
from typing import Any

from dash import no_update
from dash._utils import to_json

from dashboard.analysis.diff.pins import Pin, reverse_text
from dashboard.app import ids
from dashboard.app.context import AppData
from dashboard.app.state import STATUSES, CompareView, Notice
from dashboard.app.views.compare import content, head_items, pair_count, pair_rows, summary_items
from dashboard.app.views.compare_pins import pin_problem, pinned_anchor, pins_bar, view_with_pin
from dashboard.app.views.compare_rows import rows_json
from dashboard.figures.compare.chart import comparison_dict

# what `refreshed` writes: each box's id and the property of it; the content as a whole, or the boxes inside it
BOXES = {
    ids.COMPARE_CONTENT: "children",
    ids.COMPARE_HEAD: "children",
    ids.COMPARE_SUMMARY: "children",
    ids.COMPARE_PINS_BOX: "children",
    ids.COMPARE_COUNT_BOX: "children",
    ids.COMPARE_PAIRS: "data-rows",  # the rows as data, reconciled row by row in the browser (compare_rows.py)
}


def refreshed(data: AppData, shown: str | None, search: str | None) -> dict[str, Any] | None:
    """Return what to write into BOXES (by id) for the address `search` given that the page shows `shown`
    (no_update for a box that stays): None when nothing changed or the language did (the router draws that
    page), the whole content for another pair, else the boxes that pins and filters change, those whose
    children differ from the ones on screen."""
    old = CompareView.from_query(shown, data.vocab)
    new = CompareView.from_query(search, data.vocab)
    if (new == old and new.notices == old.notices) or new.lang != old.lang:
        return None  # another language comes through the router, which draws the whole page in it
    out: dict[str, Any] = dict.fromkeys(BOXES, no_update)
    if not new.ready or (old.a, old.b) != (new.a, new.b):
        out[ids.COMPARE_CONTENT] = content(data, new)
        return out
    pins, pin_notices = new.pins_in(data.by_document)
    result = comparison_dict(data.pair(new.a, new.b), new.a, new.b, tuple(p.text() for p in pins))
    boxes = _small_boxes(data, new, result, pins, pin_notices)
    old_pins, old_notices = old.pins_in(data.by_document)
    on_screen = comparison_dict(data.pair(old.a, old.b), old.a, old.b, tuple(p.text() for p in old_pins))
    before = _small_boxes(data, old, on_screen, old_pins, old_notices)
    for box, children in boxes.items():  # a box drawn again is mounted again: only those that changed
        if to_json(children) != to_json(before[box]):
            out[box] = children
    out[ids.COMPARE_PAIRS] = rows_json(
        pair_rows(data, result, new, pins), new, pins, scope=data, since=old.to_query()
    )
    return out


def _small_boxes(
    data: AppData, view: CompareView, result: dict[str, Any], pins: list[Pin], pin_notices: list[Notice]
) -> dict[str, Any]:
    return {
        ids.COMPARE_HEAD: head_items(data, view, pin_notices),
        ids.COMPARE_SUMMARY: summary_items(result, view.lang),
        ids.COMPARE_PINS_BOX: pins_bar(view, pins),
        ids.COMPARE_COUNT_BOX: pair_count(result, view),
    }


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




# what the page's callback writes besides BOXES: the new address a control wrote (`pushed`, for the browser to put
# in the history: ids.COMPARE_PUSH), the view on screen, the controls, the pickers' word
PUSH, SHOWN = "push", "shown"
CONTROLS = (ids.COMPARE_A, ids.COMPARE_B, ids.COMPARE_THEME, ids.COMPARE_STATUS)
OUTPUTS = (*BOXES, PUSH, SHOWN, *CONTROLS, ids.COMPARE_PIN_STATUS)


def pushed(search: str, anchor: str) -> str:
    """Return the `data-push` value that makes the browser put the address `search` + `anchor` in its history
    (assets/compare_links.js): JSON, with a number that differs each time, so that the same address written again
    (the same filter after Back) is still a change of the attribute."""
    return json.dumps({"search": search, "hash": anchor, "n": time.time_ns()})


def changed(
    data: AppData,
    trigger: Any,
    search: str | None,
    shown: str | None,
    controls: tuple[Any, Any, Any, Any],
    picks: tuple[Any, Any, int | None],
) -> dict[str, Any]:
    """Return what the page's one callback writes (OUTPUTS, no_update for what stays) when `trigger` changed: the
    address (ids.COMPARE_ADDRESS: a correction, Back), a control (the pickers of A and B, the filters: they
    write the address), or the pickers' Pair button (`picks`: the provisions picked in A and B and the button's
    clicks). In one answer: the new address and what it changes on the page, so no second request follows."""
    out: dict[str, Any] = dict.fromkeys(OUTPUTS, no_update)
    address = search
    if trigger == ids.COMPARE_PIN_BUTTON:
        pick_a, pick_b, clicks = picks
        view = view_with_pin(data, search, pick_a, pick_b)
        if view is None or not clicks:  # nothing chosen, or not provisions of these documents: say so
            out[ids.COMPARE_PIN_STATUS] = pin_problem(data, search, pick_a, pick_b) if clicks else no_update
            return out
        address = view.to_query()  # a new history entry: Back undoes it
        out.update({PUSH: pushed(address, pinned_anchor(data, pick_a, pick_b)), ids.COMPARE_PIN_STATUS: ""})
    elif trigger in CONTROLS:
        a, b, theme, status = controls
        view = view_from_controls(data, search, a=a, b=b, theme=theme, status=status)
        if view == CompareView.from_query(search, data.vocab).replace(unknown_a="", unknown_b="", page=1):
            return out  # the controls show the address already (whatever its page of rows)
        # a new filter or pair: no correction's #anchor should pull the reader away from the controls
        address = view.to_query()
        out[PUSH] = pushed(address, "")
    update = refreshed(data, shown, address)
    if update is None:
        return out
    out.update(update)
    out[SHOWN] = address
    if trigger not in CONTROLS:  # after Back (or a correction) the controls follow the address
        for key, want, have in zip(CONTROLS, control_values(data, address), controls, strict=True):
            if want != have:
                out[key] = want
    return out
