"""A reader's corrections to the alignment ("pins"): pairs the reader sets, and provisions the reader says have no
counterpart. The engine keeps every pin and aligns the rest around them.

A pin is written `A-B` with each side a provision's path inside its document (the part of the id after the
colon, e.g. `3.b1` for `40-QD-TTg-2016:3.b1`):

- `3.b1-p2`  pair A's 3.b1 with B's p2
- `3.b1-`    A's 3.b1 has no counterpart in B (shown as dropped)
- `-p3`      B's p3 has no counterpart in A (shown as new)

Paths hold letters, digits, `.`, `_` and `~` (never `-`), so the one `-` separates the sides and a pin needs no
escaping in a URL (`/compare?a=…&b=…&pin=3.b1-p2,-p3`). The same strings serve `policy-timeline diff --pin`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dashboard.errors import InvalidPin

MAX_PINS = 200  # more than any document pair has provisions to correct; bounds what an address can ask for
_SYNTAX = re.compile(r"[A-Za-z0-9._~]{0,80}-[A-Za-z0-9._~]{0,80}")


@dataclass(frozen=True)
class Pin:
    """One correction: both ids set (a pair), or one of them None (that provision has no counterpart)."""

    a: str | None
    b: str | None

    def text(self) -> str:
        """Return the pin as written in an address: paths, not full ids."""
        return f"{_path(self.a)}-{_path(self.b)}"

    def ids(self) -> tuple[str, ...]:
        """Return the provision ids the pin fixes."""
        return tuple(x for x in (self.a, self.b) if x)


def well_formed(value: str) -> bool:
    """Return True when `value` has the shape of a pin (checked before the documents are known)."""
    value = value.strip()
    return bool(_SYNTAX.fullmatch(value)) and value != "-"


def parse_pin(
    value: str, ids_a: Sequence[str], ids_b: Sequence[str], names: tuple[str, str] = ("A", "B")
) -> Pin:
    """Return the pin `value` names among the provision ids of A and of B; raise InvalidPin if it names none.
    `names` are the two documents as the message should call them."""
    value = value.strip()
    if not well_formed(value):
        raise InvalidPin(value, "not a pin: write A-B, A- or -B with provision paths such as 3.b1")
    left, right = value.split("-")
    a = _resolve(left, ids_a)
    b = _resolve(right, ids_b)
    if left and a is None:
        raise InvalidPin(value, f"{left} is not a provision of {names[0]}", "unknown", left)
    if right and b is None:
        raise InvalidPin(value, f"{right} is not a provision of {names[1]}", "unknown", right)
    return Pin(a, b)


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
    naming no provision, one fixing a provision an earlier pin fixed, one beyond MAX_PINS. (A page shows the
    errors as notices and applies the rest.)"""
    good: list[Pin] = []
    bad: list[InvalidPin] = []
    fixed: set[str] = set()
    for value in values:
        try:
            pin = parse_pin(value, ids_a, ids_b, names)
        except InvalidPin as exc:
            bad.append(exc)
            continue
        taken = [x for x in pin.ids() if x in fixed]
        if taken:
            path = _path(taken[0])
            bad.append(InvalidPin(value.strip(), f"{path} is already fixed by another pin", "conflict", path))
        elif len(good) >= MAX_PINS:
            bad.append(InvalidPin(value.strip(), f"more than {MAX_PINS} pins", "too-many"))
        else:
            fixed.update(pin.ids())
            good.append(pin)
    return good, bad


def with_pin(pins: Sequence[Pin], new: Pin) -> list[Pin]:
    """Return `pins` with `new` added last, dropping the earlier pins that fix one of its provisions."""
    return [p for p in pins if not set(p.ids()) & set(new.ids())] + [new]


def without(pins: Sequence[Pin], ids: Iterable[str]) -> list[Pin]:
    """Return `pins` without those that fix any of `ids`."""
    gone = set(ids)
    return [p for p in pins if not set(p.ids()) & gone]


def indices(
    pins: Sequence[Pin], ids_a: Sequence[str], ids_b: Sequence[str]
) -> list[tuple[int | None, int | None]]:
    """Return the pins as row and column numbers of the similarity matrix (None for "no counterpart")."""
    row = {pid: i for i, pid in enumerate(ids_a)}
    col = {pid: j for j, pid in enumerate(ids_b)}
    return [(row[p.a] if p.a else None, col[p.b] if p.b else None) for p in pins]


def _resolve(ref: str, ids: Sequence[str]) -> str | None:
    if not ref:
        return None
    for pid in ids:
        if _path(pid) == ref:
            return pid
    return None


def _path(pid: str | None) -> str:
    return "" if not pid else pid.split(":", 1)[-1]

