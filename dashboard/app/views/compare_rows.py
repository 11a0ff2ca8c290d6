"""The Compare page's rows as data: one JSON list the browser reconciles by key, so that a correction replaces
only the rows it changes.

A correction gives a new address, and the ~70 rows of the seed pair used to be mounted again as Dash components
on every one (most of a correction's time in the browser). Now `pair_rows` (views/compare_pairs.py) draws each
row as data directly (no Dash component: making ~20 of them a row and reading them back cost ~1 ms a row, most
of a callback's time at 10,000 documents), and `rows_json` sends it as one attribute, `data-rows`, of the rows'
box; assets/compare_links.js makes the elements (createElement, textContent: document text stays
text, nothing is parsed as HTML) and, on a new list, keeps the DOM node of every row whose key and version it
already shows, replaces the changed ones, inserts the new ones and removes the vanished ones, in order.

A row is `{"k": key, "v": version, "p": part, "h": [href, …]}`:

- `k`: the row's A and B provisions (a pair of provisions is on one row at most);
- `p`: the row as a part of views/compare_parts.py's kinds plus `["el", tag, {attribute: value}, [parts…]]`
  for an element (its attributes in the order of their names);
- `h`: the addresses of the row's corrections, in document order. Every correction's address names all the
  reader's pins, so every row's links change with each correction; they are sent apart from `p` (whose
  corrections carry no `href`) and set on the kept rows' links, an attribute each, instead of making the rows
  anew;
- `v`: a digest of `p`: a row whose key and version are on the page is kept as it is.

Sent packed (`rows_json`, issue 17: a pair of 500-provision documents drew 150 rows in 1.0–1.5 MB), so that the
size follows the rows drawn and not what every row repeats:

- `{"r": [rows…], "u": addresses, "s": [titles…], "c": [chips…]}`;
- a correction's address is written as what it changes in the reader's pins on screen,
  `"<dropped pins' indices>;<added pin>;<anchor>"` (every correction's address names all the pins, so written
  out, 2,800 addresses of ~90 bytes each, and each pin more added its length to all of them); `u` holds the
  address's head and tail and the pins on screen (`pre`, `post`, `bare`: the address with no pin, `pins`), from
  which compare_links.js writes the full address into the link's `href`. An address that is not such a change is
  sent whole (it starts with "/");
- a link's title (the offered provision's words, the same provision offered beside many rows) is an index into
  `s`, and a theme chip is `["c", index]` into `c`, each string once.
- after a correction (or any new address of the same pair), a row the page shows already, same key and same
  version, goes without `p`: the browser keeps its node (and the parts it made it from). The process remembers
  the versions of the rows of the last SHOWN_KEPT views it drew; a view it does not remember (another worker,
  a restart) gets every row whole.

`unpack` gives the rows back as `rows_data` made them (the tests and `links_of` read them so).
"""

from __future__ import annotations

import hashlib
import json
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dashboard.analysis.diff.pins import Pin
    from dashboard.app.state import CompareView

# one row as compare_pairs.pair_rows draws it: its key (its A and B provisions), the row as a part, and the
# addresses of its corrections in document order (their links' `href` left empty in the part)
Drawn = tuple[str, list[Any], list[str]]

SHOWN_KEPT = 256  # views whose rows' versions are kept (per process), to send a correction only what changed
# (id of the data drawn from, the view's address) → (the data, weakly; each row's key → version)
_shown: OrderedDict[tuple[int, str], tuple[Callable[[], object], dict[str, str]]] = OrderedDict()
_shown_lock = threading.Lock()  # the server's threads draw views at once


def rows_json(
    rows: list[Drawn],
    view: CompareView | None = None,
    pins: list[Pin] | None = None,
    *,
    scope: object = None,
    since: str | None = None,
) -> str:
    """Return the value of the rows' box's `data-rows` for `rows` (compare_pairs.pair_rows),
    packed (above); `view` and `pins` are the view drawn and the reader's pins applied in it. `since`: the
    address on screen, whose rows' versions this process remembers (`scope`: the data they were drawn from):
    a row on screen already goes without its parts, the browser keeps its node."""
    data = rows_data(rows)
    with _shown_lock:
        drawn = _shown.get((id(scope), since or "")) if since is not None else None
    known = drawn[1] if drawn is not None and drawn[0]() is scope else {}  # (an id is reused once freed)
    if view is not None:
        key = (id(scope), view.to_query())
        try:
            ref: Callable[[], object] = weakref.ref(scope)
        except TypeError:  # None, or a value that cannot be referred to weakly: held
            ref = lambda held=scope: held  # noqa: E731
        with _shown_lock:
            _shown[key] = (ref, {r["k"]: r["v"] for r in data})
            _shown.move_to_end(key)
            while len(_shown) > SHOWN_KEPT:
                _shown.popitem(last=False)
    return json.dumps(pack(data, view, pins or [], known), ensure_ascii=False, separators=(",", ":"))


def pack(
    rows: list[dict[str, Any]], view: CompareView | None, pins: list[Pin], known: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Return rows_data's rows packed: addresses as changes of the pins, titles and chips once each; a row whose
    key and version are in `known` (on screen) without its parts."""
    addresses = _Addresses(view, pins)
    titles: dict[str, int] = {}
    chips: dict[tuple[str, ...], int] = {}
    packed: list[dict[str, Any]] = []
    for r in rows:
        row = {"k": r["k"], "v": r["v"], "h": [addresses.entry(h) for h in r["h"]]}
        if (known or {}).get(r["k"]) != r["v"]:
            row["p"] = _pack(r["p"], titles, chips)
        packed.append(row)
    return {"r": packed, "u": addresses.table, "s": list(titles), "c": [list(c) for c in chips]}


def unpack(data_rows: str) -> list[dict[str, Any]]:
    """Return the rows of a `data-rows` value as rows_data made them (full addresses, titles and chips)."""
    value = json.loads(data_rows)
    if isinstance(value, list):
        return value
    table, titles, chips = value["u"], value["s"], value["c"]
    return [
        {**r, **({"p": _unpack(r["p"], titles, chips)} if "p" in r else {}), "h": [expand(h, table) for h in r["h"]]}
        for r in value["r"]
    ]


def expand(entry: str, table: dict[str, Any]) -> str:
    """Return the address a packed entry stands for (compare_links.js `address` does the same)."""
    if entry.startswith("/"):
        return entry
    drops, new, anchor = entry.split(";")
    gone = {int(i) for i in drops.split(",") if i}
    pins = [p for i, p in enumerate(table["pins"]) if i not in gone] + ([new] if new else [])
    head = f"{table['pre']}pin={','.join(pins)}{table['post']}" if pins else table["bare"]
    return f"{head}#{anchor}" if anchor else head


class _Addresses:
    """The corrections' addresses of one view, written as what each changes in the pins on screen."""

    def __init__(self, view: CompareView | None, pins: list[Pin]) -> None:
        self.table: dict[str, Any] = {"pre": "", "post": "", "bare": "", "pins": []}
        if view is None or not view.ready:
            return
        pre, _, post = view.replace(pin=("\x01",)).href().partition("pin=%01")
        self.table.update(pre=pre, post=post, bare=view.replace(pin=()).href())
        self.table["pins"] = self.pins_of(view.replace(pin=tuple(p.text() for p in pins)).href()) or []

    def pins_of(self, address: str) -> list[str] | None:
        """Return the (encoded) pins an address of this view names, or None for another address."""
        pre, post = self.table["pre"], self.table["post"]
        if not pre:
            return None
        if address == self.table["bare"]:
            return []
        head = pre + "pin="
        if address.startswith(head) and address.endswith(post) and len(address) > len(head) + len(post):
            return address[len(head) : len(address) - len(post)].split(",")
        return None

    def entry(self, href: str) -> str:
        """Return `href` packed: dropped indices, the added pin and the anchor, or whole when it is not that."""
        address, _, anchor = href.partition("#")
        target = self.pins_of(address)
        if target is None or ";" in anchor:
            return href
        on_screen: list[str] = self.table["pins"]
        drops: list[int] = []
        k = 0
        for i, pin in enumerate(on_screen):
            if k < len(target) and target[k] == pin:
                k += 1
            else:
                drops.append(i)
        added = target[k:]
        if len(added) > 1:
            return href
        packed = f"{','.join(map(str, drops))};{added[0] if added else ''};{anchor}"
        return packed if expand(packed, self.table) == href else href


def _pack(part: list[Any], titles: dict[str, int], chips: dict[tuple[str, ...], int]) -> list[Any]:
    kind = part[0]
    if kind == "a" and part[4]:
        return [*part[:4], titles.setdefault(part[4], len(titles)), *part[5:]]
    if kind == "chip":
        return ["c", chips.setdefault(tuple(part), len(chips))]  # a chip is its strings
    if kind == "el":
        return [*part[:3], [_pack(c, titles, chips) for c in part[3]]]
    if kind == "span":
        return [part[0], part[1], [_pack(c, titles, chips) for c in part[2]]]
    return part


def _unpack(part: list[Any], titles: list[str], chips: list[list[Any]]) -> list[Any]:
    kind = part[0]
    if kind == "a" and isinstance(part[4], int):
        return [*part[:4], titles[part[4]], *part[5:]]
    if kind == "c":
        return chips[part[1]]
    if kind == "el":
        return [*part[:3], [_unpack(c, titles, chips) for c in part[3]]]
    if kind == "span":
        return [part[0], part[1], [_unpack(c, titles, chips) for c in part[2]]]
    return part


def rows_data(rows: list[Drawn]) -> list[dict[str, Any]]:
    """Return the rows drawn (compare_pairs.pair_rows: each row's key, its part, its corrections' addresses) as
    data: key (never two rows under one), version, the row as parts, its corrections' addresses."""
    out: list[dict[str, Any]] = []
    keys: set[str] = set()
    for key, part, hrefs in rows:
        while key in keys:  # never two rows under one key (the browser would keep one node for both)
            key += "'"
        keys.add(key)
        version = hashlib.sha1(json.dumps(part, ensure_ascii=False).encode()).hexdigest()[:16]
        out.append({"k": key, "v": version, "p": part, "h": hrefs})
    return out


def rows_of(data_rows: str) -> list[dict[str, Any]]:
    """Return the rows' attributes (`data-a`, `data-b`, `data-status`, `data-set-by`) from a `data-rows` value,
    as a reader of the page (and a test) sees them."""
    return [row["p"][2] for row in unpack(data_rows) if row["k"] != "none"]


def links_of(data_rows: str) -> list[dict[str, str]]:
    """Return every link of the rows as {text, href, class, title}, corrections with their address."""
    out: list[dict[str, str]] = []
    for row in unpack(data_rows):
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
