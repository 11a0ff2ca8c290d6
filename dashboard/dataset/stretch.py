"""Where a rebuilt table differs from the same table validated before: one stretch of rows, the rows before and
after it being the old table's own rows at the same places (tables in corpus order: an add, an edit or a removal
replaces the rows of a few documents).

Both tables are as validate_changed.read_text_table reads them (every cell as text, a `__row` column). The rows
the two share at their ends are found by comparing the columns position by position, in memory; where the new
table is a slice of the old one's very memory (splice.Splicer.text_tables assembles the spliced tables from the
tables the previous validation kept, memory-mapped, without a copy), that piece is equal without a byte compared,
so finding the stretch costs the new rows and the pieces, not the corpus.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import pyarrow as pa
import pyarrow.compute as compute

# pyarrow.compute's stubs overload on Arrow scalars a plain str does not meet: reached through an Any
pc: Any = compute

ROW = "__row"  # the column read_text_table adds: each row's number in its file (2 for the first row)


def row_numbers(count: int) -> pa.Int64Array:
    """Return the `__row` column of a table of `count` rows: 2, 3, … (made by numpy: `pa.array(range(…))` takes
    about 0.06 s of CPU a million rows, and an add at 10,000 documents numbers 2.7 million twice)."""
    return cast(pa.Int64Array, pa.array(np.arange(2, count + 2, dtype=np.int64)))


@dataclass(frozen=True)
class Stretch:
    """Where a table differs from the same table validated before: its rows [start, stop) replaced the old
    table's rows [old_start, old_stop); the rows before and after are the old ones, in the same order."""

    start: int
    stop: int
    old_start: int
    old_stop: int


def find_stretch(table: pa.Table, other: pa.Table, columns: list[str]) -> Stretch:
    """Return the stretch where `table` differs from `other`: the rows the two share at their start and at their
    end, position by position (the columns compared in memory, no hashing; the two never overlap), left out."""
    n = min(table.num_rows, other.num_rows)
    head = n  # rows equal at the same positions from the start
    for c in columns:
        if head == 0:
            break
        first = _first_unequal(table[c].slice(0, head), other[c].slice(0, head))
        head = head if first < 0 else first
    tail = n - head  # rows equal at the same positions from the end (never overlapping the head)
    for c in columns:
        if tail == 0:
            break
        last = _last_unequal(table[c].slice(table.num_rows - tail), other[c].slice(other.num_rows - tail))
        tail = tail if last < 0 else tail - last - 1
    return Stretch(head, table.num_rows - tail, head, other.num_rows - tail)


def differing(
    table: pa.Table, other: pa.Table, columns: list[str], stretch: Stretch | None = None
) -> tuple[pa.Table, pa.Table]:
    """Return the rows of `table` not in `other` and those of `other` not in `table` (or more: never fewer).

    Only the stretch where they differ (`find_stretch`, or `stretch` when already found) is anti-joined. A row of
    that stretch that is equal to a row outside it counts as differing: checked again, which is safe."""
    at = stretch or find_stretch(table, other, columns)
    mine = table.slice(at.start, at.stop - at.start)
    theirs = other.slice(at.old_start, at.old_stop - at.old_start)
    return _not_in(mine, theirs, columns), _not_in(theirs, mine, columns)


def _not_in(table: pa.Table, other: pa.Table, columns: list[str]) -> pa.Table:
    # the rows of `table` whose cells are not those of any row of `other` (a hash anti-join), in file order
    if not columns or table.num_rows == 0:
        return table.slice(0, 0)
    if other.num_rows == 0:
        return table
    found = table.join(other.select(columns), keys=columns, join_type="left anti", use_threads=False)
    return found.take(pc.sort_indices(found[ROW]))


def _first_unequal(a: Any, b: Any) -> int:
    # the first position where two columns of one length differ, or -1
    for start, x, y in _aligned(a, b):
        if not _same_memory(x, y):
            first: int = pc.index(pc.equal(x, y), False).as_py()
            if first >= 0:
                return start + first
    return -1


def _last_unequal(a: Any, b: Any) -> int:
    # the last position where two columns of one length differ, or -1
    for start, x, y in reversed(list(_aligned(a, b))):
        if not _same_memory(x, y):
            differ = pc.indices_nonzero(pc.invert(pc.equal(x, y)))
            if len(differ):
                return start + int(differ[-1].as_py())
    return -1


def _aligned(a: Any, b: Any) -> Iterator[tuple[int, Any, Any]]:
    # two chunked columns of one length as pieces over the same rows (each within one chunk of either), each
    # with the position of its first row
    xs = [c for c in a.chunks if len(c)]
    ys = [c for c in b.chunks if len(c)]
    i = j = at_x = at_y = start = 0
    while i < len(xs) and j < len(ys):
        n = min(len(xs[i]) - at_x, len(ys[j]) - at_y)
        yield start, xs[i].slice(at_x, n), ys[j].slice(at_y, n)
        start, at_x, at_y = start + n, at_x + n, at_y + n
        if at_x == len(xs[i]):
            i, at_x = i + 1, 0
        if at_y == len(ys[j]):
            j, at_y = j + 1, 0


def _same_memory(x: Any, y: Any) -> bool:
    # two pieces of text that are the same memory (the same offsets, into the same characters, no nulls): equal
    if x.type != y.type or not (pa.types.is_string(x.type) or pa.types.is_large_string(x.type)):
        return False
    if x.null_count or y.null_count:
        return False
    width = 8 if pa.types.is_large_string(x.type) else 4
    _, x_offsets, x_data = x.buffers()
    _, y_offsets, y_data = y.buffers()
    return (
        x_offsets.address + x.offset * width == y_offsets.address + y.offset * width
        and x_data.address == y_data.address
    )
