"""The reader's corrections on the Compare page. Each provision offers the closest provisions of the other
document ("Pair with: p2 · 0.20"); a pair the engine made can be undone ("not a pair"); a pair a reader set can
be taken back ("undo"). Every correction is a link to the same page with one more (or one less) `pin` in the
address, so the aligned view is shareable, nothing is written on the server, and a pasted link restores it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import quote, quote_plus

from dash import dcc, html

from dashboard.analysis.diff.compare import subject_text
from dashboard.analysis.diff.curated_yaml import curated_yaml
from dashboard.analysis.diff.pins import Pin, with_pin, without, without_link
from dashboard.app import ids
from dashboard.app.context import AppData
from dashboard.app.state import CompareView
from dashboard.app.views import compare_parts as parts
from dashboard.app.views.compare_text import text
from dashboard.dataset.load import Dataset

MAX_LISTED = 30  # corrections listed by name above the pairs (the rest are counted)


def cell_id(data: AppData, pid: str, side: str) -> str:
    """Return the HTML id of a provision's cell on the Compare page (`a-12`: side and reading order), the
    anchor a correction's link ends with so that the page scrolls back to where the reader was."""
    return f"{side}-{int(data.provisions.get(pid, {}).get('ordinal') or 0)}"


def pins_bar(view: CompareView, pins: list[Pin]) -> html.Div:
    """Return the reader's corrections, each with a link that takes it back, and a link to the engine's pairs."""
    if not pins:
        return html.Div(id=ids.COMPARE_PINS, className="d-none")
    lang = view.lang
    items: list[Any] = []
    for pin in pins[:MAX_LISTED]:
        items.append(
            html.Span(
                [
                    _describe(pin),
                    correction(
                        "✕",
                        href=_href(view, [p for p in pins if p != pin]),
                        className="pin-remove",
                        title=text("remove", lang),
                    ),
                ],
                className="pin-item",
            )
        )
    more = [text("more_pins", lang).format(n=len(pins) - MAX_LISTED)] if len(pins) > MAX_LISTED else []
    return html.Div(
        [
            html.Span(text("pinned", lang, n=len(pins)), className="me-2"),
            correction(text("reset", lang), href=_href(view, []), className="pin-reset"),
            html.Div([*_between(items, " · "), *([" · ", *more] if more else [])], className="pin-list"),
            as_yaml(view, pins),
        ],
        id=ids.COMPARE_PINS,
        className="alert alert-info py-2 small",
        **parts.data({"data-count": str(len(pins))}),
    )


def as_yaml(view: CompareView, pins: list[Pin]) -> html.Div:
    """Return the corrections as curated YAML (seeds/alignments.yml entries) to copy or download, so that a reader
    can contribute them; the text itself is shown in a fold below the buttons."""
    lang = view.lang
    body = corrections_yaml(view, pins)
    return html.Div(
        [
            dcc.Clipboard(
                text("copy_yaml", lang),
                id=ids.COMPARE_YAML_COPY,
                content=body,
                copied_children=text("copied_yaml", lang),
                className="btn btn-outline-secondary btn-sm me-2",
                title=text("yaml_title", lang),
            ),
            html.A(  # the text is on the page already: a data: link downloads it with no round trip
                text("download_yaml", lang),
                id=ids.COMPARE_YAML_BUTTON,
                href="data:application/yaml;charset=utf-8," + quote(body),
                download=f"alignments-{view.a}-{view.b}.yml",
                className="btn btn-outline-secondary btn-sm",
            ),
            html.Details(
                [html.Summary(text("show_yaml", lang)), html.Pre(body, id=ids.COMPARE_YAML, className="pin-yaml")],
                className="mt-1",
            ),
        ],
        className="pin-yaml-box mt-2",
    )


def corrections_yaml(view: CompareView, pins: list[Pin]) -> str:
    """Return the pins of the view as curated YAML entries dated today."""
    return curated_yaml(view.a, view.b, pins, date.today())


def _describe(pin: Pin) -> str:
    """Return a correction in a few characters: 3.b1 ↔ p2, 4.b3 ≠ p11, 3.b1 + p13, 6 → none, none ← p3."""
    a, b = (x.split(":", 1)[-1] if x else "" for x in (pin.a, pin.b))
    if pin.apart:
        return f"{a} ≠ {b} "
    if pin.also:
        return f"{a} + {b} "
    if a and b:
        return f"{a} ↔ {b} "
    return f"{a} → ∅ " if a else f"∅ ← {b} "


def manual_pairing(data: AppData, view: CompareView) -> html.Div:
    """Return the two pickers and the button that pin any provision of A to any of B (or leave one alone):
    for the counterparts no "Pair with" link offers."""
    lang = view.lang
    return html.Div(
        [
            html.Div(text("manual", lang), className="small fw-semibold mb-1"),
            html.Div(
                [
                    dcc.Dropdown(
                        id=ids.COMPARE_PIN_A,
                        options=picker_options(data.pair(view.a, view.b), view.a),
                        placeholder=text("pick_a", lang),
                    ),
                    dcc.Dropdown(
                        id=ids.COMPARE_PIN_B,
                        options=picker_options(data.pair(view.a, view.b), view.b),
                        placeholder=text("pick_b", lang),
                    ),
                    html.Button(
                        text("pin", lang),
                        id=ids.COMPARE_PIN_BUTTON,
                        n_clicks=0,
                        type="button",
                        className="btn btn-outline-primary btn-sm",
                    ),
                ],
                className="pin-manual-row",
            ),
            html.Div(id=ids.COMPARE_PIN_STATUS, className="small text-danger", role="status"),
        ],
        className="pin-manual mb-2",
    )


def pin_problem(data: AppData, search: str | None, a: Any, b: Any) -> str:
    """Return why the pickers' Pair button did nothing, in the page's language ("" when it worked)."""
    lang = CompareView.from_query(search, data.vocab).lang
    if not a and not b:
        return text("pick_first", lang)
    return "" if view_with_pin(data, search, a, b) is not None else text("pick_invalid", lang)


def view_with_pin(data: AppData, search: str | None, a: str | None, b: str | None) -> CompareView | None:
    """Return the view of the address `search` with the reader's pin of `a` and `b` (provision ids, either
    may be empty) added, or None when they name no provision of the view's two documents."""
    view = CompareView.from_query(search, data.vocab)
    a_ok = a if isinstance(a, str) and a in data.by_document.get(view.a, []) else None
    b_ok = b if isinstance(b, str) and b in data.by_document.get(view.b, []) else None
    if not view.ready or (a and not a_ok) or (b and not b_ok) or not (a_ok or b_ok):
        return None
    pins, _ = view.pins_in(data.by_document)
    return view.replace(pin=tuple(p.text() for p in with_pin(pins, Pin(a_ok, b_ok))))


def pinned_anchor(data: AppData, a: str | None, b: str | None) -> str:
    """Return the address's #anchor after the pickers pinned `a` and `b` (ids already checked): A's cell, else B's."""
    return f"#{cell_id(data, a, 'a')}" if a else f"#{cell_id(data, b, 'b')}" if b else ""


def pair_actions(
    data: AppData, view: CompareView, pins: list[Pin], pair: dict[str, Any], hrefs: list[str]
) -> list[Any]:
    """Return the marks and links of one pair as row parts (compare_rows.py): "set by you · undo", or "not a
    pair" for the engine's pairs; each correction's address goes to `hrefs`."""
    lang = view.lang
    fixed = [x for x in (pair["a"], pair["b"]) if x]
    anchor = cell_id(data, pair["a"], "a") if pair["a"] else cell_id(data, pair["b"], "b")
    if pair.get("set_by") == "reader":
        also = Pin(pair["a"], pair["b"], also=True) in pins  # undo takes back that link only
        rest = without_link(pins, pair["a"], pair["b"]) if also else without(pins, fixed)
        hrefs.append(_href(view, rest, anchor))
        return [
            parts.element("span", {"class": "pin-badge"}, [parts.text(text("by_reader", lang))]),
            parts.element("a", {"class": "pin-undo", "data-correction": ""}, [parts.text(text("undo", lang))]),
        ]
    if pair["a"] and pair["b"]:
        hrefs.append(_href(view, with_pin(pins, Pin(pair["a"], pair["b"], apart=True)), anchor))
        title = text("unpair_title", lang)
        attrs = {"class": "pin-unpair", "data-correction": "", **({"title": title} if title else {})}
        return [parts.element("a", attrs, [parts.text(text("unpair", lang))])]
    return []


def candidate_parts(
    data: AppData, view: CompareView, pins: list[Pin], pair: dict[str, Any], side: str, hrefs: list[str]
) -> list[Any] | None:
    """Return "Pair with: …" for one side's provision: the closest provisions of the other document, each a
    link that pins the two together (the other pairs are re-aligned around it), and, when the provision is
    paired, "no counterpart", which leaves it alone, and "Also link: …", which adds a second counterpart and keeps
    the links it has (pin `3.b1+p13`). Sent as data (views/compare_parts.py): ~400 such links on a page."""
    pid = pair[side]
    offered = (pair.get("candidates") or {}).get(side) or []
    paired = bool(pair["a"] and pair["b"])
    if not pid or not (offered or paired):
        return None
    anchor = cell_id(data, pid, side)
    links: list[list[str]] = []
    for cand in offered:
        new = Pin(pid, cand["id"]) if side == "a" else Pin(cand["id"], pid)
        other = data.provisions.get(cand["id"], {})
        links.append(
            parts.link(
                f"{cand['id'].split(':', 1)[-1]} ({_offer_note(cand, view.lang)})",
                _href(view, with_pin(pins, new), anchor),
                "pin-candidate",
                _short(str(other.get("text") or ""), 100),
                "fix",
            )
        )
    if paired:
        alone = Pin(pid, None) if side == "a" else Pin(None, pid)
        links.append(
            parts.link(
                text("no_counterpart", view.lang), _href(view, with_pin(pins, alone), anchor), "pin-none", "", "fix"
            )
        )
    line = [parts.text(text("candidates", view.lang) + " "), *parts.between(links, " · ")]
    if paired and offered:  # a second counterpart beside this one: "this too" (pin 3.b1+p13)
        also = [
            parts.link(
                cand["id"].split(":", 1)[-1],
                _href(view, with_pin(pins, _also(pid, cand["id"], side)), anchor),
                "pin-also",
                text("also_title", view.lang),
                "fix",
            )
            for cand in offered
        ]
        line += [parts.br(), parts.text(text("also", view.lang) + " "), *parts.between(also, " · ")]
    return parts.element("div", {"class": "pin-candidates small"}, parts.addresses_apart(line, hrefs))


def _offer_note(cand: Mapping[str, Any], lang: str) -> str:
    """Return what an offer is shown with: its word-overlap similarity, or "by meaning" for an offer by word
    vectors (its word overlap, often 0.00, says nothing of why it is offered)."""
    return text("by_meaning", lang) if cand.get("by") == "meaning" else f"{cand['similarity']:.2f}"


def _also(pid: str, other: str, side: str) -> Pin:
    return Pin(pid, other, also=True) if side == "a" else Pin(other, pid, also=True)


@lru_cache(maxsize=64)
def picker_options(dataset: Dataset, doc: str) -> list[dict[str, str]]:
    """Return a document's provisions as picker options, in reading order (once per document: the data never
    changes while the app runs, and the table is filtered from the whole corpus)."""
    table = dataset.provisions  # the app's index leaves out `content`, the words without their list marker
    rows = table[table["document_id"] == doc].sort_values("ordinal").to_dict("records")
    return [{"label": _option(row), "value": str(row["id"])} for row in rows]


def _option(row: Mapping[Any, Any]) -> str:
    """Return a provision as a picker shows it: its path, then its words without the list marker (the
    segmenter's `content`, as the alignment compares it)."""
    return f"{str(row['id']).split(':', 1)[-1]} · {_short(subject_text(row), 90)}"


def correction(children: str, *, href: str, className: str, title: str | None = None) -> html.A:
    """Return a correction's link: a plain link to the corrected address (it opens in a new tab as it is), which
    assets/compare_links.js follows in place: the address changes, and only what it changes is drawn again."""
    attrs = parts.data({"title": title, "data-correction": ""} if title else {"data-correction": ""})
    return html.A(children, href=href, className=className, **attrs)


def _href(view: CompareView, pins: list[Pin], anchor: str = "") -> str:
    """Return the address of `view` with the reader's pins `pins` (and `#anchor`): `view.replace(pin=…).href()`,
    written from the view's address around its pins (a page of a long comparison writes ~2,800 of them)."""
    pre, post, bare = _frame(view)
    href = f"{pre}pin={','.join(_quoted(p.text()) for p in pins)}{post}" if pins else bare
    return f"{href}#{anchor}" if anchor else href


_frames: dict[CompareView, tuple[str, str, str]] = {}
_last: list[tuple[CompareView, tuple[str, str, str]]] = []  # the view drawn last and its frame (a page's ~2,800)


def _frame(view: CompareView) -> tuple[str, str, str]:
    """Return the address of `view` before its pins (… `&`), after them, and with no pin."""
    last = _last[-1] if _last else None
    if last is not None and last[0] is view:  # the same view object: no hashing of its fields
        return last[1]
    frame = _frames.get(view)
    if frame is None:
        if len(_frames) > 256:
            _frames.clear()
        pre, _, post = view.replace(pin=("\x01",)).href().partition("pin=%01")
        frame = _frames[view] = (pre, post, view.replace(pin=()).href())
    _last[:] = [(view, frame)]
    return frame


@lru_cache(maxsize=8192)
def _quoted(pin: str) -> str:
    return quote_plus(pin, safe=",:/!")  # as View.to_query writes a value


def _between(items: list[Any], sep: str) -> list[Any]:
    out: list[Any] = []
    for k, item in enumerate(items):
        out += [sep, item] if k else [item]
    return out


def _short(text: str, width: int = 160) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
