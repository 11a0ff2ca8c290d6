"""The Compare page's rows as data: one JSON list the browser reconciles by key, so that a correction replaces
only the rows it changes.

A correction gives a new address, and the ~70 rows of the seed pair used to be mounted again as Dash components
on every one (most of a correction's time in the browser). Now `pair_rows` (views/compare_pairs.py) still
describes each row as components, and `rows_json` turns them into data sent as one attribute, `data-rows`, of
the rows' box; assets/compare_links.js makes the elements (createElement, textContent: document text stays
text, nothing is parsed as HTML) and, on a new list, keeps the DOM node of every row whose key and version it
already shows, replaces the changed ones, inserts the new ones and removes the vanished ones, in order.

A row is `{"k": key, "v": version, "p": part, "h": [href, …]}`:

- `k`: the row's A and B provisions (a pair of provisions is on one row at most);
- `p`: the row as a part of views/compare_parts.py's kinds plus `["el", tag, {attribute: value}, [parts…]]`
  for an element (its `data-parts`, if any, unfolded into its children);
- `h`: the addresses of the row's corrections, in document order. Every correction's address names all the
  reader's pins, so every row's links change with each correction; they are sent apart from `p` (whose
  corrections carry no `href`) and set on the kept rows' links, an attribute each, instead of making the rows
  anew;
- `v`: a digest of `p`: a row whose key and version are on the page is kept as it is.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from dashboard.app.views.compare_parts import parts_of

ATTRIBUTES = ("id", "title", "href", "role")  # besides className (as "class") and data-*; compare_links.js alike


def rows_json(rows: list[Any]) -> str:
    """Return the value of the rows' box's `data-rows` for `rows` (components from compare_pairs.pair_rows)."""
    return json.dumps(rows_data(rows), ensure_ascii=False, separators=(",", ":"))


def rows_data(rows: list[Any]) -> list[dict[str, Any]]:
    """Return `rows` (Dash components) as data: key, version, the row as parts, its corrections' addresses."""
    out: list[dict[str, Any]] = []
    keys: set[str] = set()
    for row in rows:
        hrefs: list[str] = []
        part = to_part(row, hrefs)
        props = _props(row)
        key = f"{props.get('data-a') or ''}|{props.get('data-b') or ''}" if "data-a" in props else "none"
        while key in keys:  # never two rows under one key (the browser would keep one node for both)
            key += "'"
        keys.add(key)
        version = hashlib.sha1(json.dumps(part, ensure_ascii=False).encode()).hexdigest()[:16]
        out.append({"k": key, "v": version, "p": part, "h": hrefs})
    return out


def to_part(node: Any, hrefs: list[str]) -> Any:
    """Return a component (or text) as a part; a correction's `href` is left out of it and added to `hrefs`."""
    if isinstance(node, str | int | float):
        return ["t", str(node)]
    props = _props(node)
    attrs: dict[str, str] = {}
    if props.get("className"):
        attrs["class"] = str(props["className"])
    for name, value in props.items():
        if value is None or name in ("children", "className", "data-parts"):
            continue
        if name in ATTRIBUTES or name.startswith("data-"):
            attrs[name] = str(value)
    if "data-correction" in attrs and "href" in attrs:
        hrefs.append(attrs.pop("href"))
    attrs = dict(sorted(attrs.items()))  # Dash keeps a component's props in a set's order: same rows, same bytes
    if "data-parts" in props:
        children = [_unfold(p, hrefs) for p in parts_of(node) or json.loads(props["data-parts"])]
    else:
        kids = props.get("children")
        kids = kids if isinstance(kids, list | tuple) else [] if kids is None else [kids]
        children = [to_part(k, hrefs) for k in kids if k is not None]
    return ["el", type(node).__name__.lower(), attrs, children]


def _unfold(part: list[Any], hrefs: list[str]) -> list[Any]:
    """Return a compare_parts part with its corrections' addresses moved to `hrefs`."""
    if part[0] == "a" and part[5] == "fix":
        hrefs.append(part[2])
        return [*part[:2], "", *part[3:]]
    if part[0] == "span":
        return ["span", part[1], [_unfold(p, hrefs) for p in part[2]]]
    return part


def _props(node: Any) -> dict[str, Any]:
    """Return a component's properties as to_plotly_json gives them (read from the instance: faster)."""
    names = getattr(node, "_prop_names", ())
    return {k: v for k, v in vars(node).items() if k in names or k.startswith(("data-", "aria-"))}


def rows_of(data_rows: str) -> list[dict[str, Any]]:
    """Return the rows' attributes (`data-a`, `data-b`, `data-status`, `data-set-by`) from a `data-rows` value,
    as a reader of the page (and a test) sees them."""
    return [row["p"][2] for row in json.loads(data_rows) if row["k"] != "none"]


def links_of(data_rows: str) -> list[dict[str, str]]:
    """Return every link of the rows as {text, href, class, title}, corrections with their address."""
    out: list[dict[str, str]] = []
    for row in json.loads(data_rows):
        hrefs = iter(row["h"])
        _links(row["p"], hrefs, out)
    return out


def _links(part: list[Any], hrefs: Any, out: list[dict[str, str]]) -> None:
    if part[0] == "el":
        attrs = part[2]
        if part[1] == "a":
            href = next(hrefs) if "data-correction" in attrs else attrs.get("href", "")
            text = "".join(c[1] for c in part[3] if c[0] == "t")
            out.append({"text": text, "href": href, "class": attrs.get("class", ""), "title": attrs.get("title", "")})
        for child in part[3]:
            _links(child, hrefs, out)
    elif part[0] == "a":
        href = next(hrefs) if part[5] == "fix" else part[2]
        out.append({"text": part[1], "href": href, "class": part[3], "title": part[4]})
    elif part[0] == "span":
        for child in part[2]:
            _links(child, hrefs, out)
