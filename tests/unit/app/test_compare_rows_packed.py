"""The Compare page's rows at scale: the rows' data is packed (a correction's address as the change it makes to
the pins on screen, each title and theme chip once) and gives back exactly the rows it packs; the rows are drawn
a page at a time, every pair on one page."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from dashboard.app import ids
from dashboard.app.context import AppData
from dashboard.app.state import CompareView
from dashboard.app.views import compare_pairs
from dashboard.app.views.compare_pairs import pair_count, pair_rows
from dashboard.app.views.compare_rows import pack, rows_data, rows_json, unpack
from dashboard.figures.compare.chart import comparison_dict

PAIR = "?a=1-NQ/TW&b=2/NQ-CP"


def _drawn(data: AppData, view: CompareView) -> tuple[list, list, dict]:
    pins, _ = view.pins_in(data.by_document)
    result = comparison_dict(data.dataset, view.a, view.b, tuple(p.text() for p in pins))
    return pair_rows(data, result, view, pins), pins, result


def _pins(data: AppData, view: CompareView, n: int) -> tuple[str, ...]:
    """Return `n` pins leaving the first provisions of A alone (each a valid, separate correction)."""
    return tuple(f"{pid.split(':', 1)[1]}-" for pid in data.by_document[view.a][:n])


@pytest.mark.parametrize("pinned", [0, 1, 3])
def test_the_packed_rows_give_back_every_row_and_address(app_data: AppData, pinned: int) -> None:
    plain = CompareView.from_query(PAIR, app_data.vocab)
    view = plain.replace(pin=_pins(app_data, plain, pinned))
    rows, pins, _ = _drawn(app_data, view)
    packed = rows_json(rows, view, pins)
    assert unpack(packed) == rows_data(rows)
    value = json.loads(packed)
    entries = [h for r in value["r"] for h in r["h"]]
    assert entries and not any(h.startswith("/") for h in entries)  # each written as a change of the pins
    if pinned:
        # an address names every pin; its packed entry does not grow with them
        whole = [h for r in rows_data(rows) for h in r["h"]]
        assert max(map(len, entries)) < min(map(len, whole)) - 10 * pinned
    # each title (an offered provision's words) once, however many rows offer that provision
    assert len(value["s"]) == len(set(value["s"]))


def test_an_address_that_is_not_a_change_of_the_pins_is_sent_whole(app_data: AppData) -> None:
    view = CompareView.from_query(PAIR, app_data.vocab)
    row = {"k": "x|y", "v": "0", "p": ["t", "x"], "h": ["/compare?a=other&b=pair#a-1", view.href() + "#a-2"]}
    packed = pack([row], view, [])
    assert packed["r"][0]["h"] == ["/compare?a=other&b=pair#a-1", ";;a-2"]


def test_the_rows_are_drawn_a_page_at_a_time(app_data: AppData, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare_pairs, "MAX_ROWS", 3)  # the fixture pair's rows stand for a long comparison
    view = CompareView.from_query(PAIR, app_data.vocab)
    rows, _, result = _drawn(app_data, view)
    total = len(result["pairs"])
    pages = -(-total // 3)
    assert pages > 1
    seen: list[str] = []
    for number in range(1, pages + 1):
        paged = view.replace(page=number)
        drawn = rows_data(_drawn(app_data, paged)[0])
        assert 0 < len(drawn) <= 3
        seen += [r["k"] for r in drawn]
        count = pair_count(result, paged).to_plotly_json()["props"]
        assert count["id"] == ids.COMPARE_PAIR_COUNT and count["data-page"] == str(number)
        links = {c.className.split()[1]: c for c in count["children"] if type(c).__name__ == "A"}
        assert ("rows-next" in links) == (number < pages) and ("rows-prev" in links) == (number > 1)
        for link in links.values():  # followed in place, as a correction is
            assert "data-correction" in link.to_plotly_json()["props"]
            to = CompareView.from_query("?" + urlsplit(link.href).query, app_data.vocab)
            assert (to.a, to.b, to.page) == (view.a, view.b, number + (1 if "rows-next" in link.className else -1))
    assert len(seen) == len(set(seen)) == total  # every pair on one page, none twice
    assert rows_data(_drawn(app_data, view.replace(page=99))[0]) == rows_data(
        _drawn(app_data, view.replace(page=pages))[0]
    )
    assert CompareView.from_query(f"{PAIR}&page=2", app_data.vocab).page == 2


def test_a_corrections_address_is_the_views_address_with_those_pins(app_data: AppData) -> None:
    from dashboard.analysis.diff.pins import Pin
    from dashboard.app.views.compare_pins import _href

    plain = CompareView.from_query(PAIR, app_data.vocab)
    a, b = app_data.by_document[plain.a], app_data.by_document[plain.b]
    pins = [Pin(a[0], b[1]), Pin(a[1], b[0], also=True), Pin(a[2], b[2], apart=True), Pin(a[3], None)]
    for search in (PAIR, f"{PAIR}&theme=health&status=new,dropped&page=2&lang=vi"):
        view = CompareView.from_query(search, app_data.vocab)
        for some in ([], pins[:1], pins):
            want = view.replace(pin=tuple(p.text() for p in some)).href()
            assert _href(view, some) == want and _href(view, some, "a-3") == f"{want}#a-3"
