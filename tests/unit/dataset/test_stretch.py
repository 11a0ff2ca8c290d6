"""stretch: the rows a rebuilt table shares with the old one at its ends are found the same whether its pieces
are the old table's very memory (as the build assembles the spliced tables) or copies, and never taken for equal
when they are the old memory at other rows."""

from __future__ import annotations

import random

import pyarrow as pa
import pytest

from dashboard.dataset.stretch import ROW, Stretch, find_stretch, row_numbers


def naive(new: list[str], old: list[str]) -> Stretch:
    n = min(len(new), len(old))
    head = next((i for i in range(n) if new[i] != old[i]), n)
    tail = next((i for i in range(n - head) if new[-1 - i] != old[-1 - i]), n - head)
    return Stretch(head, len(new) - tail, head, len(old) - tail)


def table(column: pa.ChunkedArray) -> pa.Table:
    return pa.table({"text": column, ROW: pa.array(range(2, len(column) + 2), pa.int64())})


@pytest.mark.parametrize("seed", range(200))
def test_pieces_of_the_old_memory_are_found_as_by_comparing_every_row(seed: int):
    rng = random.Random(seed)
    values = [rng.choice("abc") * rng.randint(0, 3) for _ in range(rng.randint(1, 40))]
    # the old table in chunks, as a kept Arrow file is read
    cut = sorted(rng.sample(range(1, len(values)), min(3, len(values) - 1)))
    bounds = zip([0, *cut], [*cut, len(values)], strict=True)
    old = pa.chunked_array([pa.array(values[a:b], pa.string()) for a, b in bounds])
    assert old.to_pylist() == values
    # the new one: runs of the old memory (some moved to other rows) and new rows, parsed apart
    pieces: list[pa.Array] = []
    expected: list[str] = []
    at = 0
    while at < len(values):
        n = rng.randint(1, len(values) - at)
        if rng.random() < 0.7:
            start = at if rng.random() < 0.8 else rng.randrange(len(values) - n + 1)
            pieces.extend(old.slice(start, n).chunks)
            expected.extend(values[start : start + n])
        else:
            fresh = [rng.choice(["a", "b", "new"]) for _ in range(rng.randint(0, 3))]
            pieces.append(pa.array(fresh, pa.string()))
            expected.extend(fresh)
        at += n
    new = pa.chunked_array(pieces, pa.string())
    assert find_stretch(table(new), table(old), ["text"]) == naive(expected, values)
    # and the same with every piece copied
    copied = pa.chunked_array([pa.array(expected, pa.string())], pa.string())
    assert find_stretch(table(copied), table(old), ["text"]) == naive(expected, values)


def test_the_old_memory_one_row_further_on_is_compared():
    old = pa.chunked_array([pa.array(["a", "b", "b", "c"], pa.string())])
    shifted = old.slice(1, 3)  # b, b, c: the second row (b) is the old third row's memory, the old second's text
    new = pa.chunked_array([pa.array(["x"], pa.string()), *shifted.chunks])
    assert find_stretch(table(new), table(old), ["text"]) == Stretch(0, 1, 0, 1)


def test_rows_are_numbered_as_problems_name_them():
    # the first row under the header is row 2; an empty table has no numbers
    assert row_numbers(3).to_pylist() == [2, 3, 4] and row_numbers(3).type == pa.int64()
    assert len(row_numbers(0)) == 0
