"""The small, numerous pieces of the Compare page's rows, sent as data instead of Dash components.

A correction draws the rows again, and in the browser each Dash component costs far more than a plain element:
the ~70 rows held ~1,900 components, most of them links and chips. So the rows are data (views/compare_rows.py):
elements (`element`) holding the parts below, from which assets/compare_links.js makes the plain elements: text
is set as text (textContent, attributes), never parsed as HTML. A part is a list:

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

from dashboard.app.i18n import theme_label
from dashboard.figures.template import THEME_COLOURS


def data(values: dict[str, str]) -> dict[str, Any]:
    """Return `data-*` attributes to spread into a component (`**data({...})`): the components' signatures do not
    name them, so they go as a mapping of any value."""
    return dict(values)


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


def text_part(pair: dict[str, Any], side: str) -> list[Any]:
    """Return one side's text as a row's paragraph (compare_rows.py) with its changed words marked (del in A,
    ins in B): one text child when nothing is marked, else the words as text and marks. Text stays text: the
    browser sets it as text, no HTML string is ever built from a document."""
    box = {"class": "pair-text"}
    if pair["status"] in ("new", "dropped"):
        return element("p", box, [text(pair[f"{side}_text"])])
    tag, className = ("del", "diff-del") if side == "a" else ("ins", "diff-ins")
    out: list[list[Any]] = []
    marked = False
    for op in pair["ops"]:
        words = op[side]
        if not words:
            continue
        if op["op"] == "equal":
            out.append(text(words))
            continue
        marked = True
        body = words.rstrip()
        out.append(mark(tag, body, className))
        if len(body) < len(words):
            out.append(text(words[len(body) :]))
    if not marked:
        return element("p", box, [text("".join(part[1] for part in out))])
    return element("p", box, out)


def element(tag: str, attrs: dict[str, str], children: list[Any]) -> list[Any]:
    """Return an element of a row (compare_rows.py): `attrs` in the order of their names (as compare_links.js
    and the rows' versions read them)."""
    return ["el", tag, attrs, children]


def addresses_apart(items: list[list[Any]], hrefs: list[str]) -> list[list[Any]]:
    """Return parts with each correction's address (a "fix" link's) moved to `hrefs`, in document order: a row's
    corrections are sent apart from it (compare_rows.py)."""
    out: list[list[Any]] = []
    for part in items:
        if part[0] == "a" and part[5] == "fix":
            hrefs.append(part[2])
            part = [*part[:2], "", *part[3:]]
        elif part[0] == "span":
            part = ["span", part[1], addresses_apart(part[2], hrefs)]
        out.append(part)
    return out


# what `parts_of` carries over from a component's props (compare_links.js sets the same, and data-*)
_ATTRIBUTES = {"id": "id", "className": "class", "title": "title", "role": "role"}


def parts_of(children: Any) -> list[list[Any]]:
    """Return Dash html components (and strings, numbers, lists of them) as parts: the same elements, attributes
    and text, drawn by compare_links.js as plain elements instead of one Dash component each. For boxes drawn
    once with their pair and never updated (the distinctive terms, entities and targets): each Dash component
    costs the browser's renderer work on every change of its store while the page loads. Raises ValueError for
    what parts cannot say (another library's component, a style, an event)."""
    if children is None:
        return []
    if isinstance(children, str | int | float):
        return [text(str(children))]
    if isinstance(children, list | tuple):
        return [part for child in children for part in parts_of(child)]
    plotly = children.to_plotly_json()
    if plotly.get("namespace") != "dash_html_components":
        raise ValueError(f"parts_of: {plotly.get('namespace')}.{plotly.get('type')} is not an html element")
    attrs: dict[str, str] = {}
    for name, value in plotly["props"].items():
        if name == "children":
            continue
        if name in _ATTRIBUTES:
            attrs[_ATTRIBUTES[name]] = str(value)
        elif name.startswith("data-"):
            attrs[name] = str(value)
        else:
            raise ValueError(f"parts_of: {plotly['type']}.{name} is not carried over")
    tag = str(plotly["type"]).lower()
    return [element(tag, dict(sorted(attrs.items())), parts_of(plotly["props"].get("children")))]
