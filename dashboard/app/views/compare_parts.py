"""The small, numerous pieces of the Compare page's rows, sent as data instead of Dash components.

A correction draws the rows again, and in the browser each Dash component costs far more than a plain element:
the ~70 rows held ~1,900 components, most of them links and chips. So the links offered beside a provision, its
"open" and source links and a row's theme chips are written as one element's `data-parts` (a JSON list) and
assets/compare_links.js makes the plain elements: text is set as text (textContent, attributes), never parsed as
HTML. (In the rows' data, views/compare_rows.py, each `data-parts` is unfolded into its element's children.) A
part is a list:

- ["t", text]                                  a text node
- ["br"]                                       a line break
- ["a", text, href, class, title, how]         a link; how: "fix" (a correction, followed in place), "spa" (a
                                               page of the app, followed as dcc.Link does), "" (a plain link)
- ["chip", text, class, title, background, ink]  a span in a colour (a theme chip)
- ["span", class, [parts…]]                    a span holding parts
- ["mark", tag, text, class, title]            a del, ins or span holding text (a changed word, a label)
"""

from __future__ import annotations

import json
from typing import Any

from dash import html

from dashboard.app.i18n import theme_label
from dashboard.figures.template import THEME_COLOURS


def data(values: dict[str, str]) -> dict[str, Any]:
    """Return `data-*` attributes to spread into a component (`**data({...})`): the components' signatures do not
    name them, so they go as a mapping of any value."""
    return dict(values)


def parts_box(parts: list[list[Any]], className: str, tag: type = html.Div, **attrs: Any) -> Any:
    """Return one element whose children compare_links.js makes from `parts` (also kept as `parts_of(box)`, so
    that the rows' data, compare_rows.py, need not read the JSON back)."""
    box = tag(className=className, **attrs, **{"data-parts": json.dumps(parts, ensure_ascii=False)})
    box.compare_parts = parts
    return box


def parts_of(box: Any) -> list[list[Any]] | None:
    """Return the parts a parts_box was made from (None for any other component)."""
    return getattr(box, "compare_parts", None)


def text(value: str) -> list[str]:
    return ["t", value]


def br() -> list[str]:
    return ["br"]


def group(className: str, inner: list[Any]) -> list[Any]:
    return ["span", className, inner]


def mark(tag: str, value: str, className: str, title: str = "") -> list[str]:
    return ["mark", tag, value, className, title]


def link(label: str, href: str, className: str, title: str = "", how: str = "") -> list[str]:
    return ["a", label, href, className, title, how]


def chip(theme_id: str, lang: str) -> list[str]:
    """Return a theme chip in the theme's fixed colour, as components/badges.theme_chip draws it."""
    from dashboard.app.components.badges import _ink

    colour = THEME_COLOURS.get(theme_id, "#DDDDDD")
    label = theme_label(theme_id, lang)
    return ["chip", label, "theme-chip", label, colour, _ink(colour)]


def between(items: list[list[Any]], sep: str) -> list[list[Any]]:
    """Return `items` with a text separator between each two."""
    out: list[list[Any]] = []
    for k, item in enumerate(items):
        out += [text(sep), item] if k else [item]
    return out


def links_in(parts_json: str) -> list[list[Any]]:
    """Return the links of a `data-parts` value, at any depth (for tests and callers that read what a row
    offers)."""

    def walk(items: list[Any]) -> list[list[Any]]:
        out: list[list[Any]] = []
        for p in items:
            out += [p] if p[0] == "a" else walk(p[2]) if p[0] == "span" else []
        return out

    return walk(json.loads(parts_json))


def pair_text(pair: dict[str, Any], side: str) -> html.P:
    """Return one side's text with its changed words marked: a plain text child when nothing is marked, else the
    marks as parts (the words are set as text by the browser)."""
    marked = marked_text(pair, side)
    if all(isinstance(c, str) for c in marked):
        return html.P("".join(marked), className="pair-text")
    return parts_box(
        [
            text(c) if isinstance(c, str) else mark(c.__class__.__name__.lower(), str(c.children), c.className)
            for c in marked
        ],
        "pair-text",
        html.P,
    )


def marked_text(pair: dict[str, Any], side: str) -> list[Any]:
    """Return one side's text as children: unchanged words as text, changed ones in html.Del (A) or html.Ins
    (B). Text stays text: no HTML string is ever built from a document."""
    if pair["status"] in ("new", "dropped"):
        return [pair[f"{side}_text"]]
    tag = html.Del if side == "a" else html.Ins
    out: list[Any] = []
    for op in pair["ops"]:
        text = op[side]
        if not text:
            continue
        if op["op"] == "equal":
            out.append(text)
        else:
            body = text.rstrip()
            out.append(tag(body, className=f"diff-{'del' if side == 'a' else 'ins'}"))
            if len(body) < len(text):
                out.append(text[len(body) :])
    return out
