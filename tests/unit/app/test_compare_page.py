"""Compare page: CompareView round trips and malformed addresses; the word-level marks are components, never
HTML strings; the content builder on the fixture package."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from dash import html

from dashboard.app.state import STATUSES, CompareView, Vocabulary
from dashboard.app.views.compare_parts import links_in, text_part
from dashboard.app.views.compare_rows import links_of, rows_of, unpack
from dashboard.corpus.ids import symbol_key

DOCS = {"40-QD-TTg-2016": "40/QĐ-TTg", "153-NQ-CP-2025": "153/NQ-CP", "57-KL-TW-2023": "57-KL/TW"}
VOCAB = Vocabulary(
    doc_keys={**{d.casefold(): d for d in DOCS}, **{symbol_key(s): d for d, s in DOCS.items()}},
    doc_symbols=DOCS,
    held=frozenset({"40-QD-TTg-2016", "153-NQ-CP-2025"}),
    themes=("education_training", "health"),
)


def codes(view: CompareView) -> list[str]:
    return [n.code for n in view.notices]


@pytest.mark.parametrize(
    "view",
    [
        CompareView(),
        CompareView(a="40-QD-TTg-2016", b="153-NQ-CP-2025"),
        CompareView(a="40-QD-TTg-2016", b="153-NQ-CP-2025", theme="health", status=("new", "dropped")),
        CompareView(a="153-NQ-CP-2025", b="40-QD-TTg-2016", lang="vi", status=("kept",)),
    ],
)
def test_round_trip(view: CompareView):
    again = CompareView.from_query(view.to_query(), VOCAB)
    assert again == view and not again.notices


def test_symbols_in_any_case_resolve_to_ids():
    view = CompareView.from_query("?a=40/qđ-ttg&b=153%2Fnq-cp", VOCAB)
    assert (view.a, view.b) == ("40-QD-TTg-2016", "153-NQ-CP-2025") and view.ready
    assert view.to_query() == "?a=40-QD-TTg-2016&b=153-NQ-CP-2025"


def test_unknown_unheld_and_malformed_values_become_notices():
    view = CompareView.from_query("?a=nope&b=57-KL/TW&theme=astrology&status=kept,maybe&x=1", VOCAB)
    assert (view.a, view.b, view.theme, view.status) == ("", "", "", ("kept",))
    assert sorted(codes(view)) == [
        "unavailable",
        "unknown-param",
        "unknown-value",
        "unknown-value",
        "unknown-value",
    ]
    assert view.unknown_a == "nope" and not view.ready
    assert "a=nope" in view.to_query()  # the address keeps what the user asked for


def test_all_statuses_is_the_default():
    view = CompareView.from_query("?status=" + ",".join(reversed(STATUSES)), VOCAB)
    assert view.status == () and view.to_query() == ""


def test_caption():
    view = CompareView(a="40-QD-TTg-2016", b="153-NQ-CP-2025", theme="health", status=("new",))
    assert view.caption(VOCAB) == "40/QĐ-TTg → 153/NQ-CP · Health · new"
    assert CompareView().caption(VOCAB).startswith("Choose two documents")


PAIR = {
    "a": "A:1",
    "b": "B:1",
    "status": "reworded",
    "a_text": "Expand <b>trade</b> with partners.",
    "b_text": "Expand <b>trade</b> with key partners.",
    "ops": [
        {"op": "equal", "a": "Expand <b>trade</b> with ", "b": "Expand <b>trade</b> with "},
        {"op": "insert", "a": "", "b": "key "},
        {"op": "equal", "a": "partners.", "b": "partners."},
    ],
}


def test_the_marked_text_keeps_document_text_as_text():
    """A side's words are text parts and its changed words marks holding text: the browser sets them as text
    (compare_links.js), so "<b>" in a document stays the four characters it is."""
    a_side = text_part(PAIR, "a")
    b_side = text_part(PAIR, "b")
    assert a_side == ["el", "p", {"class": "pair-text"}, [["t", "Expand <b>trade</b> with partners."]]]
    children = b_side[3]
    assert children[1] == ["mark", "ins", "key", "diff-ins", ""] and children[2] == ["t", " "]
    assert "".join(c[1] if c[0] == "t" else c[2] for c in children) == PAIR["b_text"]


def test_the_marked_text_of_a_one_sided_pair_is_the_plain_text():
    one_sided = text_part({**PAIR, "status": "new", "b": "B:1", "a": None}, "b")
    assert one_sided[3] == [["t", PAIR["b_text"]]]


def test_content_on_the_fixture_package(fixture_data: Path):
    from dashboard.app import ids
    from dashboard.app.context import AppData
    from dashboard.app.views.compare import content

    data = AppData.load(fixture_data)
    view = CompareView.from_query("?a=1-NQ/TW&b=2/NQ-CP", data.vocab)
    tree = html.Div(content(data, view))
    found = {}

    def walk(node):
        if isinstance(getattr(node, "id", None), str):  # (pattern-matching ids are dicts: the download menus)
            found[node.id] = node
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list) else [children]:
            if child is not None and not isinstance(child, str | int | float):
                walk(child)

    walk(tree)
    assert {ids.COMPARE_SUMMARY, ids.COMPARE_CHART, ids.COMPARE_PAIRS, ids.COMPARE_WARNING} <= set(found)
    # both charts in their cards, named for the download menu: theme weight and the distinctive terms
    for graph, chart in ((ids.COMPARE_CHART, "compare-themes"), (ids.COMPARE_TERMS_CHART, "compare-terms")):
        assert found[ids.chart_card(graph)].to_plotly_json()["props"]["data-chart"] == chart
    assert [t["name"] for t in found[ids.COMPARE_TERMS_CHART].figure["data"]] == ["1-NQ/TW", "2/NQ-CP"]
    assert ids.COMPARE_TERMS in found  # the term lists (with their counts) stay under the chart
    rows = rows_of(found[ids.COMPARE_PAIRS].to_plotly_json()["props"]["data-rows"])
    provisions = data.dataset.provisions
    # every provision of both documents is on exactly one row, with the row's status
    assert sorted(r["data-a"] for r in rows if r["data-a"]) == sorted(
        provisions.loc[provisions.document_id == view.a, "id"]
    )
    assert sorted(r["data-b"] for r in rows if r["data-b"]) == sorted(
        provisions.loc[provisions.document_id == view.b, "id"]
    )
    assert {r["data-status"] for r in rows} <= set(STATUSES)


def test_a_phone_reads_the_theme_weight_chart_as_a_list_of_the_same_bars(fixture_data: Path):
    from dashboard.app.context import AppData
    from dashboard.app.views.phone import theme_delta_list
    from dashboard.figures.compare.chart import comparison_dict, theme_delta_figure
    from dashboard.figures.registry import ChartOptions

    data = AppData.load(fixture_data)
    a, b = data.vocab.resolve("1-NQ/TW"), data.vocab.resolve("2/NQ-CP")
    listed = theme_delta_list(data, a, b, comparison_dict(data.pair(a, b), a, b), "en")
    items = listed.children[2].children
    # the chart's bars (both traces), read top down: the largest gain first, each with its change in points
    figure = theme_delta_figure(data.pair(a, b), ChartOptions(a=a, b=b, lang="en"))
    change = {y: float(x) for trace in figure.data for x, y in zip(trace.x, trace.y, strict=True)}
    top_down = list(reversed(figure.layout.yaxis.categoryarray))  # a category axis draws its first at the bottom
    assert top_down and [i.children[0].children for i in items] == top_down
    assert [i.children[2].children for i in items] == [f"{change[y]:+.0f} pt".replace("-", "−") for y in top_down]
    widths = [i.children[1].children.style["width"] for i in items]
    assert "50%" in widths and all(0 < float(w.rstrip("%")) <= 50 for w in widths)  # half the bar each way
    assert "phone-only" in listed.className  # app.css shows it below the sm breakpoint only


def test_charts_are_built_once_per_pair_and_language(fixture_data: Path):
    from dashboard.app.context import AppData
    from dashboard.app.views.compare_deltas import charts

    data = AppData.load(fixture_data)
    a, b = data.vocab.resolve("1-NQ/TW"), data.vocab.resolve("2/NQ-CP")
    first = charts(data.dataset, a, b, "en")
    assert charts(data.dataset, a, b, "en") is first  # cached: the data never changes while the app runs
    swapped, vietnamese = charts(data.dataset, b, a, "en"), charts(data.dataset, a, b, "vi")
    assert swapped[1]["layout"]["title"]["text"] != first[1]["layout"]["title"]["text"]
    assert vietnamese[1]["layout"]["title"]["text"] != first[1]["layout"]["title"]["text"]


def test_pins_round_trip_and_malformed_ones_become_notices():
    view = CompareView(a="40-QD-TTg-2016", b="153-NQ-CP-2025", pin=("3.b1-p2", "partV.1~2-", "-p3"))
    assert CompareView.from_query(view.to_query(), VOCAB) == view
    assert "pin=3.b1-p2,partV.1~2-,-p3" in view.to_query()  # readable in the address: nothing to escape
    bad = CompareView.from_query("?a=40/QĐ-TTg&b=153/NQ-CP&pin=3.b1-p2,<script>,a-b-c,-", VOCAB)
    assert bad.pin == ("3.b1-p2",) and codes(bad) == ["malformed", "malformed", "malformed"]
    # an "also link" round-trips (its + escaped as %2B), and one typed as a bare + (read as a space) is understood
    also = view.replace(pin=("3.b1-p2", "3.b1+p13"))
    assert CompareView.from_query(also.to_query(), VOCAB) == also and "3.b1%2Bp13" in also.to_query()
    assert CompareView.from_query("?a=40/QĐ-TTg&b=153/NQ-CP&pin=3.b1+p13", VOCAB).pin == ("3.b1+p13",)
    # pins name provisions of both documents: without them there is nothing to pin
    assert CompareView.from_query("?a=40/QĐ-TTg&pin=3.b1-p2", VOCAB).pin == ()


def _walk(node, found: dict, links: list) -> None:
    if isinstance(getattr(node, "id", None), str):
        found[node.id] = node
    if type(node).__name__ in ("Link", "A"):  # page links, and the corrections (html.A, followed in place)
        links.append(node)
    offered = node.to_plotly_json()["props"].get("data-parts")
    if offered:  # links sent as data, made into <a> elements by assets/compare_links.js
        links += [SimpleNamespace(children=t, href=h, className=c, title=ti) for _, t, h, c, ti, _ in links_in(offered)]
    rows = node.to_plotly_json()["props"].get("data-rows")
    if rows:  # the rows, sent as data (views/compare_rows.py)
        links += [
            SimpleNamespace(children=x["text"], href=x["href"], className=x["class"], title=x["title"])
            for x in links_of(rows)
        ]
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            _walk(child, found, links)


def _row_ids(data_rows: str) -> list[str]:
    """Return the element ids the rows (sent as data) carry: the cells' anchors."""
    out: list[str] = []

    def walk(part: list) -> None:
        if part[0] == "el":
            out.extend([part[2]["id"]] if "id" in part[2] else [])
            for child in part[3]:
                walk(child)

    for row in unpack(data_rows):
        walk(row["p"])
    return out


def test_content_applies_the_readers_pins_and_offers_candidates(fixture_data: Path):
    from urllib.parse import parse_qs, urlsplit

    from dashboard.app import ids
    from dashboard.app.context import AppData
    from dashboard.app.views.compare import content

    data = AppData.load(fixture_data)
    plain = CompareView.from_query("?a=1-NQ/TW&b=2/NQ-CP", data.vocab)
    first_a = data.by_document[plain.a][0].split(":")[1]
    last_b = data.by_document[plain.b][-1].split(":")[1]
    view = plain.replace(pin=(f"{first_a}-{last_b}", "zz-", f"{first_a}-"))
    found: dict = {}
    links: list = []
    _walk(html.Div(content(data, view)), found, links)
    rows = rows_of(found[ids.COMPARE_PAIRS].to_plotly_json()["props"]["data-rows"])
    set_by_reader = [r for r in rows if r["data-set-by"] == "reader"]
    assert [(r["data-a"].split(":")[1], r["data-b"].split(":")[1]) for r in set_by_reader] == [(first_a, last_b)]
    # the pin naming no provision and the one placing a provision twice are notices, the rest is applied
    notices = found[ids.COMPARE_NOTICES].to_plotly_json()["props"]
    assert "zz" in str(notices["children"]) and "an earlier correction already places" in str(notices["children"])
    assert found[ids.COMPARE_PINS].to_plotly_json()["props"]["data-count"] == "1"
    # every link of the pairs leads to this page with pins that name provisions of these two documents
    hrefs = [link.href for link in links if link.href.startswith("/compare")]
    kinds = {link.className for link in links if link.className and link.className.startswith("pin-")}
    engine_pairs = [r for r in rows if r["data-a"] and r["data-b"] and r["data-set-by"] == "engine"]
    assert kinds >= {"pin-candidate", "pin-undo", "pin-reset", "pin-remove"}
    assert ("pin-unpair" in kinds and "pin-none" in kinds and "pin-also" in kinds) == bool(engine_pairs)
    cells = {i for i in _row_ids(found[ids.COMPARE_PAIRS].to_plotly_json()["props"]["data-rows"])}
    for href in hrefs:
        query = parse_qs(urlsplit(href).query)
        assert query["a"] == [plain.a] and query["b"] == [plain.b]
        again = CompareView.from_query(urlsplit(href).query, data.vocab)
        assert not again.notices
    # each correction returns the reader to the provision it concerns; going back to the engine's pairs does not
    for link in links:
        if link.className in ("pin-candidate", "pin-also", "pin-undo", "pin-unpair", "pin-none"):
            assert urlsplit(link.href).fragment in cells
        elif link.className in ("pin-reset", "pin-remove"):
            assert urlsplit(link.href).fragment == ""
    undo = next(link.href for link in links if link.className == "pin-undo")
    assert "pin=" not in undo  # taking back the only pin: the engine's pairs again
    reset = next(link.href for link in links if link.className == "pin-reset")
    assert "pin=" not in reset


def test_the_controls_keep_pins_for_the_same_documents_and_turn_them_round_on_a_swap(fixture_data: Path):
    from dashboard.app.context import AppData
    from dashboard.app.views.compare_update import view_from_controls

    data = AppData.load(fixture_data)
    a, b = data.vocab.resolve("1-NQ/TW"), data.vocab.resolve("2/NQ-CP")
    search = CompareView(a=a, b=b, pin=("1-",)).to_query()
    assert view_from_controls(data, search, a=a, b=b, theme=None, status=["new"]).pin == ("1-",)
    assert view_from_controls(data, search, a=b, b=a, theme=None, status=None).pin == ("-1",)  # swapped: turned
    assert view_from_controls(data, search, a=a, b=None, theme=None, status=None).pin == ()  # another pair


def test_the_pickers_pin_only_provisions_of_the_two_documents(fixture_data: Path):
    from dashboard.app.context import AppData
    from dashboard.app.views.compare_pins import view_with_pin

    data = AppData.load(fixture_data)
    a, b = data.vocab.resolve("1-NQ/TW"), data.vocab.resolve("2/NQ-CP")
    pa, pb = data.by_document[a][0], data.by_document[b][-1]
    search = CompareView(a=a, b=b, status=("new",)).to_query()
    pinned = view_with_pin(data, search, pa, pb)
    assert pinned is not None and pinned.status == ("new",)
    assert pinned.pin == (f"{pa.split(':')[1]}-{pb.split(':')[1]}",)
    assert view_with_pin(data, search, pa, None).pin == (f"{pa.split(':')[1]}-",)  # left alone
    # a later pin of the same provision replaces the earlier one
    again = view_with_pin(data, pinned.to_query(), pa, None)
    assert again.pin == (f"{pa.split(':')[1]}-",)
    # nothing chosen, a provision of another document, a forged value, no documents: nothing changes
    for x, y, where in (
        (None, None, search),
        (pb, None, search),
        ("../../etc/passwd", pb, search),
        ({"id": 1}, pb, search),
        (pa, pb, ""),
    ):
        assert view_with_pin(data, where, x, y) is None


def test_picker_labels_show_the_path_and_the_words_once():
    from dashboard.app.views.compare_pins import _option

    # rows as the data package holds them: the segmenter keeps the words without their marker in `content`
    def row(pid: str, text: str, content: str) -> dict:
        return {"id": pid, "text": text, "content": content}

    assert _option(row("D:6", "6. Implement commitments", "Implement commitments")) == "6 · Implement commitments"
    assert _option(row("D:1.a", "a) Actively prepare", "Actively prepare")) == "1.a · Actively prepare"
    assert _option(row("D:3.b1", "- Proactively deploy", "Proactively deploy")) == "3.b1 · Proactively deploy"
    assert _option(row("D:c1", "x" * 200, "x" * 200)).endswith("…")


def test_the_pickers_list_every_provision_of_each_document_in_reading_order(fixture_data: Path):
    from dashboard.app.context import AppData
    from dashboard.app.views.compare_pins import manual_pairing

    data = AppData.load(fixture_data)
    view = CompareView(a=data.vocab.resolve("1-NQ/TW"), b=data.vocab.resolve("2/NQ-CP"))
    pick_a, pick_b = manual_pairing(data, view).children[1].children[:2]
    assert [o["value"] for o in pick_a.options] == data.by_document[view.a]
    assert [o["value"] for o in pick_b.options] == data.by_document[view.b]


def test_a_huge_or_reversing_address_gives_a_short_readable_notice_list():
    from dashboard.app.components.notices import MAX_SHOWN, notices_alert
    from dashboard.app.state.base import MAX_ITEMS

    many = ",".join(f"!{k}" for k in range(5000))
    view = CompareView.from_query(f"?a=40/QĐ-TTg&b=153/NQ-CP&pin={many}", VOCAB)
    assert MAX_ITEMS <= len(view.notices) <= MAX_ITEMS + 1  # values read are bounded, and one says so
    assert "too-many" in codes(view)
    listed = notices_alert(view.notices, "en").children[1].children
    assert len(listed) == MAX_SHOWN + 1 and "more" in listed[-1].children
    # a right-to-left override in a value cannot turn the notice's sentence round
    reversing = CompareView.from_query("?a=40/QĐ-TTg&b=153/NQ-CP&pin=%E2%80%AEabc", VOCAB)
    assert reversing.notices and all("\u202e" not in n.message() for n in reversing.notices)


def test_a_row_the_reader_set_stays_in_view_under_a_status_filter(fixture_data: Path):
    from dashboard.app import ids
    from dashboard.app.context import AppData
    from dashboard.app.views.compare import content

    data = AppData.load(fixture_data)
    plain = CompareView.from_query("?a=1-NQ/TW&b=2/NQ-CP&status=new", data.vocab)
    first_a = data.by_document[plain.a][0].split(":")[1]
    last_b = data.by_document[plain.b][-1].split(":")[1]
    found: dict = {}
    _walk(html.Div(content(data, plain.replace(pin=(f"{first_a}-{last_b}",)))), found, [])
    rows = rows_of(found[ids.COMPARE_PAIRS].to_plotly_json()["props"]["data-rows"])
    mine = [r for r in rows if r["data-set-by"] == "reader"]
    assert len(mine) == 1 and mine[0]["data-status"] in ("kept", "reworded")  # shown although not "new"
    assert all(r["data-status"] == "new" for r in rows if r["data-set-by"] == "engine")


def test_the_pickers_say_why_nothing_happened(fixture_data: Path):
    from dashboard.app.context import AppData
    from dashboard.app.views.compare_pins import pin_problem

    data = AppData.load(fixture_data)
    a, b = data.vocab.resolve("1-NQ/TW"), data.vocab.resolve("2/NQ-CP")
    search = CompareView(a=a, b=b).to_query()
    assert pin_problem(data, search, None, None).startswith("Pick a provision")
    assert pin_problem(data, search + "&lang=vi", None, None).startswith("Hãy chọn")
    assert pin_problem(data, search, data.by_document[b][0], None).startswith("These are not provisions")
    assert pin_problem(data, search, data.by_document[a][0], None) == ""


def test_a_new_address_sends_only_what_it_changes(fixture_data: Path):
    """A correction or a filter rewrites a few boxes with exactly what drawing the page anew puts in them, and
    leaves the rest (charts, documents' cards, deltas, pickers) alone; another pair redraws the whole content."""
    import json

    from dash import no_update
    from dash._utils import to_json

    from dashboard.app import ids
    from dashboard.app.context import AppData
    from dashboard.app.views.compare import content
    from dashboard.app.views.compare_update import BOXES, refreshed

    data = AppData.load(fixture_data)
    a, b = data.vocab.resolve("1-NQ/TW"), data.vocab.resolve("2/NQ-CP")
    first_a = data.by_document[a][0].split(":")[1]
    before = CompareView(a=a, b=b)
    afters = [
        before.replace(pin=(f"{first_a}-",)),
        before.replace(status=("new",)),
        before.replace(theme=data.vocab.themes[0]),
    ]
    for after in afters:
        drawn: dict = {}
        _walk(html.Div(content(data, before)), drawn, [])  # the page on screen
        update = refreshed(data, before.to_query(), after.to_query())
        assert update is not None and update[ids.COMPARE_CONTENT] is no_update  # the content as a whole stays
        found: dict = {}
        _walk(html.Div(content(data, after)), found, [])
        for box, prop in BOXES.items():
            if box == ids.COMPARE_CONTENT:
                continue
            now = found[box].to_plotly_json()["props"][prop]
            if update[box] is no_update:  # a box left alone shows what drawing the page anew puts in it
                assert json.loads(to_json(drawn[box].to_plotly_json()["props"][prop])) == json.loads(to_json(now))
            elif box == ids.COMPARE_PAIRS:  # the rows: those on screen already go without their parts
                on_screen = {r["k"]: r for r in unpack(drawn[box].to_plotly_json()["props"][prop])}
                sent, whole = unpack(update[box]), unpack(now)
                assert [(r["k"], r["v"], r["h"]) for r in sent] == [(r["k"], r["v"], r["h"]) for r in whole]
                for row, full in zip(sent, whole, strict=True):
                    mine = row if "p" in row else on_screen[row["k"]]
                    assert mine["v"] == full["v"] and mine["p"] == full["p"]
                assert any("p" not in r for r in sent)  # the rows on screen that stay are not sent again
            else:
                assert json.loads(to_json(update[box])) == json.loads(to_json(now)), box
        assert update[ids.COMPARE_PAIRS] is not no_update
    assert refreshed(data, before.to_query(), before.to_query()) is None  # nothing changed, nothing sent
    other = refreshed(data, before.to_query(), CompareView(a=b, b=a).to_query())  # another pair: all anew
    assert other is not None and isinstance(other[ids.COMPARE_CONTENT], list)
    assert all(v is no_update for k, v in other.items() if k != ids.COMPARE_CONTENT)


def test_the_rows_data_keeps_a_row_a_correction_does_not_change(fixture_data: Path):
    """The rows go as data: one key per row, the corrections' addresses apart from the row (so that a row a
    correction does not concern keeps its version and only its links' addresses move), document text as text."""
    from dashboard.app.context import AppData
    from dashboard.app.views.compare_pairs import pair_rows
    from dashboard.app.views.compare_rows import rows_data
    from dashboard.figures.compare.chart import comparison_dict

    data = AppData.load(fixture_data)
    plain = CompareView.from_query("?a=1-NQ/TW&b=2/NQ-CP", data.vocab)

    def rows(view: CompareView) -> list[dict]:
        pins, _ = view.pins_in(data.by_document)
        result = comparison_dict(data.dataset, view.a, view.b, tuple(p.text() for p in pins))
        return rows_data(pair_rows(data, result, view, pins))

    before = rows(plain)
    first_a = data.by_document[plain.a][0].split(":")[1]
    after = rows(plain.replace(pin=(f"{first_a}-",)))  # the first provision of A: no counterpart
    keys = [r["k"] for r in after]
    assert len(keys) == len(set(keys))
    changed = {r["k"] for r in after} ^ {r["k"] for r in before} | {
        r["k"] for r in after for s in before if r["k"] == s["k"] and r["v"] != s["v"]
    }
    assert changed and len(changed) < len(after)  # some rows change, the others keep their version
    old = {r["k"]: r for r in before}
    for row in after:
        assert '"href"' not in json.dumps(row["p"])  # the rows' html.A links are corrections: addresses apart
        assert all(h.startswith("/compare?") for h in row["h"])
        if row["k"] not in changed and row["h"]:  # a row kept as it is: its corrections start from the new pin
            assert row["h"] != old[row["k"]]["h"] and all(f"{first_a}-" in h for h in row["h"])


def test_an_offer_by_meaning_says_so_instead_of_its_word_overlap(fixture_data: Path):
    import re

    from dashboard.app.context import AppData
    from dashboard.app.views.compare import content

    data = AppData.load(fixture_data)
    for lang, by_meaning in (("en", "by meaning"), ("vi", "theo nghĩa")):
        view = CompareView.from_query(f"?a=1-NQ/TW&b=2/NQ-CP&lang={lang}", data.vocab)
        found: dict = {}
        links: list = []
        _walk(html.Div(content(data, view)), found, links)
        labels = [str(link.children) for link in links if link.className == "pin-candidate"]
        # "p7 (0.41)" for an offer by shared words, "p7 (by meaning)" for one by word vectors (not its "0.00")
        assert labels and all(re.fullmatch(rf"\S+ \((\d\.\d\d|{by_meaning})\)", t) for t in labels), labels
        assert any(t.endswith(f"({by_meaning})") for t in labels)


def _badges(part: list) -> list[tuple[str, str]]:
    """The status badges (class, text) of a row's parts."""
    if part[0] != "el":
        return []
    if "status-badge" in part[2].get("class", ""):
        return [(part[2]["class"], "".join(p[1] for p in part[3] if p[0] == "t"))]
    return [b for child in part[3] for b in _badges(child)]


@pytest.mark.parametrize(
    ("lang", "words", "badge"), [("en", "Not counted", "New in B"), ("vi", "Không tính", "Mới ở B")]
)
def test_framing_and_bare_headings_are_shown_apart_never_as_new_or_dropped(shipped_data: Path, lang, words, badge):
    from dashboard.app import ids
    from dashboard.app.context import AppData
    from dashboard.app.views.compare import content

    data = AppData.load(shipped_data)
    view = CompareView.from_query(f"?a=40-QD-TTg-2016&b=153-NQ-CP-2025&lang={lang}", data.vocab)
    found: dict = {}
    _walk(html.Div(content(data, view)), found, [])
    rows = [r for r in unpack(found[ids.COMPARE_PAIRS].to_plotly_json()["props"]["data-rows"]) if r["k"] != "none"]
    new = [r for r in rows if r["p"][2]["data-status"] == "new"]
    apart = [r for r in new if "pair-not-counted" in r["p"][2]["class"]]
    counted_new = [r for r in new if "pair-not-counted" not in r["p"][2]["class"]]
    assert apart and counted_new  # 153/NQ-CP's publisher's framing, and its own new paragraphs
    assert all(_badges(r["p"]) == [("status-badge status-not-counted", words)] for r in apart)
    assert all(_badges(r["p"]) == [("status-badge status-new", badge)] for r in counted_new)


def test_parts_of_keeps_elements_attributes_and_text_as_text():
    from dashboard.app.views.compare_parts import parts_of

    box = html.Ul(
        [html.Li(["<b>trade</b>", html.Span(" 3/1", className="text-muted")], title="a & b"), html.Li(7)],
        className="term-list terms-a",
        **{"data-side": "a"},
    )
    muted = ["el", "span", {"class": "text-muted"}, [["t", " 3/1"]]]
    assert parts_of(box) == [
        ["el", "ul", {"class": "term-list terms-a", "data-side": "a"}, [
            ["el", "li", {"title": "a & b"}, [["t", "<b>trade</b>"], muted]],
            ["el", "li", {}, [["t", "7"]]],
        ]]
    ]  # fmt: skip
    with pytest.raises(ValueError):  # what parts cannot draw is refused, not dropped
        parts_of(html.Div("x", style={"color": "red"}))


def test_the_delta_boxes_are_drawn_from_data_with_the_same_lists(fixture_data: Path):
    from dashboard.app import ids
    from dashboard.app.context import AppData
    from dashboard.app.views.compare_deltas import drawn_once, entities_box, terms_box
    from dashboard.app.views.compare_text import text
    from dashboard.figures.compare.chart import comparison_dict

    def first_texts(part, tag):  # the first text of every `tag` element, at any depth, in order
        out = []
        if part[0] == "el":
            if part[1] == tag:
                out += [c[1] for c in part[3][:1] if c[0] == "t"]
            for child in part[3]:
                out += first_texts(child, tag)
        return out

    data = AppData.load(fixture_data)
    a, b = data.vocab.resolve("1-NQ/TW"), data.vocab.resolve("2/NQ-CP")
    result = comparison_dict(data.pair(a, b), a, b, ())
    terms = drawn_once(terms_box(result, "en")).to_plotly_json()["props"]
    assert terms["id"] == ids.COMPARE_TERMS and terms.get("children") is None  # one component: its inside is data
    drawn = [t for p in json.loads(terms["data-parts"]) for t in first_texts(p, "li")]
    said = result["terms"]
    assert drawn == [t["term"] for t in said["a_distinctive"][:12] + said["b_distinctive"][:12]]
    entities = drawn_once(entities_box(result, "en")).to_plotly_json()["props"]
    names = [t for p in json.loads(entities["data-parts"]) for t in first_texts(p, "li")]
    found = result["entities"]
    nothing = text("nothing", "en")
    assert names == [
        name for key in ("b_only", "a_only", "shared") for name in [r["name"] for r in found[key]] or [nothing]
    ]  # gained, lost, shared: each a list, "none" for an empty one
