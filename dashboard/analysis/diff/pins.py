"""A reader's corrections to the alignment ("pins"): pairs the reader sets, provisions the reader says have no
counterpart, and pairs the reader says are wrong. The engine keeps every pin and aligns the rest around them.

A pin names provisions by their path inside their document (the part of the id after the colon, e.g. `3.b1`
for `40-QD-TTg-2016:3.b1`):

- `3.b1-p2`  pair A's 3.b1 with B's p2
- `3.b1-`    A's 3.b1 has no counterpart in B (shown as dropped)
- `-p3`      B's p3 has no counterpart in A (shown as new)
- `3.b1!p2`  A's 3.b1 and B's p2 are not a pair; the engine may pair each with something else
- `3.b1+p13` also link A's 3.b1 with B's p13 ("this too"): adds the link, places nothing and removes no other
             link, so a provision can be given several counterparts (a merge or split the engine missed)

Paths hold letters, digits, `.`, `_` and `~` (never `-`, `!` or `+`), so the one separator splits the sides and a
pin needs no escaping in a URL (`/compare?a=…&b=…&pin=3.b1-p2,-p3,4.b3!p11,3.b1+p13`; a `+` is written `%2B` in
a query string, as `urlencode` does). The same strings serve `policy-timeline diff --pin` and `brief --pin`.

A provision is *placed* by at most one pin (a pair or "no counterpart"); "not a pair" and "also link" pins place
nothing. Two pins on the same two provisions contradict each other (or repeat); an "also link" contradicts a
"no counterpart" pin on either of its provisions. A pinned pair and an "also link" on one provision go together:
the engine links that provision no further, the reader's links are all kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dashboard.errors import InvalidPin

MAX_PINS = 200  # more than any document pair has provisions to correct; bounds what an address can ask for
_PATH = r"[A-Za-z0-9._~]{0,80}"
_SYNTAX = re.compile(rf"{_PATH}-{_PATH}|[A-Za-z0-9._~]{{1,80}}[!+][A-Za-z0-9._~]{{1,80}}")


@dataclass(frozen=True)
class Pin:
    """One correction: both ids set (a pair; with `apart` two provisions that are not a pair; with `also` a link
    added beside the others), or one of them None (that provision has no counterpart)."""

    a: str | None
    b: str | None
    apart: bool = False
    also: bool = False

    def text(self) -> str:
        """Return the pin as written in an address: paths, not full ids."""
        return f"{_path(self.a)}{_separator(self)}{_path(self.b)}"

    def ids(self) -> tuple[str, ...]:
        """Return the provision ids the pin names."""
        return tuple(x for x in (self.a, self.b) if x)

    def placed(self) -> tuple[str, ...]:
        """Return the provision ids the pin places (a pair, or a provision alone); "not a pair" and "also link"
        place none."""
        return () if self.apart or self.also else self.ids()

    def reversed(self) -> Pin:
        """Return the same correction with A and B swapped (the Compare page's swap button)."""
        return Pin(self.b, self.a, self.apart, self.also)

    def alone(self) -> bool:
        """Return True for a "no counterpart" pin (one side only)."""
        return not (self.a and self.b)


def well_formed(value: str) -> bool:
    """Return True when `value` has the shape of a pin (checked before the documents are known)."""
    value = value.strip()
    return bool(_SYNTAX.fullmatch(value)) and value != "-"


def reverse_text(value: str) -> str:
    """Return a well-formed pin's text with its sides swapped (`3.b1-p2` → `p2-3.b1`)."""
    sep = _split_at(value)
    left, right = value.strip().split(sep)
    return f"{right}{sep}{left}"


def parse_pin(
    value: str, ids_a: Sequence[str], ids_b: Sequence[str], names: tuple[str, str] = ("A", "B")
) -> Pin:
    """Return the pin `value` names among the provision ids of A and of B; raise InvalidPin if it names none.
    `names` are the two documents as the message should call them."""
    value = value.strip()
    if not well_formed(value):
        raise InvalidPin(value, "not a pin: write A-B, A-, -B, A!B or A+B with provision paths such as 3.b1")
    sep = _split_at(value)
    left, right = value.split(sep)
    a = _resolve(left, ids_a)
    b = _resolve(right, ids_b)
    if left and a is None:
        raise InvalidPin(value, f"{left} is not a provision of {names[0]}", "unknown", left)
    if right and b is None:
        raise InvalidPin(value, f"{right} is not a provision of {names[1]}", "unknown", right)
    return Pin(a, b, apart=sep == "!", also=sep == "+")


def parse_pins(
    values: Iterable[str], ids_a: Sequence[str], ids_b: Sequence[str], names: tuple[str, str] = ("A", "B")
) -> list[Pin]:
    """Return the pins of `values` in order; raise InvalidPin on the first that is wrong or conflicts."""
    good, bad = usable_pins(values, ids_a, ids_b, names)
    if bad:
        raise bad[0]
    return good


def usable_pins(
    values: Iterable[str], ids_a: Sequence[str], ids_b: Sequence[str], names: tuple[str, str] = ("A", "B")
) -> tuple[list[Pin], list[InvalidPin]]:
    """Return the pins of `values` that can be applied, in order, and the errors of those that cannot: a pin
    naming no provision, one placing a provision an earlier pin placed (or deciding two provisions an earlier pin
    decided: paired, kept apart or also linked), an "also link" on a provision an earlier pin left alone (or the
    reverse), one beyond MAX_PINS. (A page shows the errors as notices and applies the rest.)"""
    good: list[Pin] = []
    bad: list[InvalidPin] = []
    placed: set[str] = set()
    alone: set[str] = set()  # provisions a "no counterpart" pin leaves alone
    linked: set[str] = set()  # provisions an "also link" pin links
    pairs: set[tuple[str | None, str | None]] = set()  # pairs set, kept apart or also linked, by (a, b)
    for value in values:
        try:
            pin = parse_pin(value, ids_a, ids_b, names)
        except InvalidPin as exc:
            bad.append(exc)
            continue
        taken = [x for x in pin.placed() if x in placed]
        lonely = [x for x in pin.ids() if x in alone] if pin.also else [x for x in pin.ids() if x in linked]
        if taken:
            path = _path(taken[0])
            bad.append(InvalidPin(value.strip(), f"{path} is already placed by another pin", "conflict", path))
        elif pin.a and pin.b and (pin.a, pin.b) in pairs:
            path = _path(pin.a)
            bad.append(InvalidPin(value.strip(), f"another pin already decides {pin.text()}", "conflict", path))
        elif lonely and (pin.also or pin.alone()):
            path = _path(lonely[0])
            bad.append(InvalidPin(value.strip(), f"another pin links {path} and leaves it alone", "conflict", path))
        elif len(good) >= MAX_PINS:
            bad.append(InvalidPin(value.strip(), f"more than {MAX_PINS} pins", "too-many"))
        else:
            placed.update(pin.placed())
            if pin.also:
                linked.update(pin.ids())
            elif pin.alone():
                alone.update(pin.ids())
            pairs.add((pin.a, pin.b))
            good.append(pin)
    return good, bad


def with_pin(pins: Sequence[Pin], new: Pin) -> list[Pin]:
    """Return `pins` with `new` added last, dropping the earlier pins it contradicts: those placing one of the
    provisions it places, any pin on the same two provisions, and between an "also link" and a "no counterpart"
    pin, the older one on a shared provision."""
    def kept(p: Pin) -> bool:
        if set(p.placed()) & set(new.placed()) or (p.a == new.a and p.b == new.b and p.a and p.b):
            return False
        lonely = (p.also and new.alone()) or (p.alone() and new.also)
        return not (lonely and set(p.ids()) & set(new.ids()))

    return [p for p in pins if kept(p)] + [new]


def without(pins: Sequence[Pin], ids: Iterable[str]) -> list[Pin]:
    """Return `pins` without those that place any of `ids` ("undo" on a row the reader set). An "also link"
    places nothing: it is taken back with `without_link`."""
    gone = set(ids)
    return [p for p in pins if not set(p.placed()) & gone]


def without_link(pins: Sequence[Pin], a: str, b: str) -> list[Pin]:
    """Return `pins` without the pins on exactly the provisions `a` and `b` ("undo" on an "also link" row: the
    reader's other links of either provision stay)."""
    return [p for p in pins if (p.a, p.b) != (a, b)]


def indices(
    pins: Sequence[Pin], ids_a: Sequence[str], ids_b: Sequence[str]
) -> tuple[list[tuple[int | None, int | None]], list[tuple[int, int]]]:
    """Return the pins as row and column numbers of the similarity matrix: the placing pins (None for "no
    counterpart"), and the pairs kept apart."""
    row = {pid: i for i, pid in enumerate(ids_a)}
    col = {pid: j for j, pid in enumerate(ids_b)}
    placing = [(row[p.a] if p.a else None, col[p.b] if p.b else None) for p in pins if p.placed()]
    apart = [(row[p.a], col[p.b]) for p in pins if p.apart and p.a and p.b]
    return placing, apart


def _separator(pin: Pin) -> str:
    return "!" if pin.apart else "+" if pin.also else "-"


def _split_at(value: str) -> str:
    """Return the separator of a well-formed pin's text (paths never hold one)."""
    return "!" if "!" in value else "+" if "+" in value else "-"


def _resolve(ref: str, ids: Sequence[str]) -> str | None:
    if not ref:
        return None
    for pid in ids:
        if _path(pid) == ref:
            return pid
    return None


def _path(pid: str | None) -> str:
    return "" if not pid else pid.split(":", 1)[-1]
