"""Term emergence over the build cache: the state of the last computation kept in the cache, and an add from it.

`dataset.terms_state` computes the rows and their state in full, `dataset.terms_add` adds one document to a
state; this keeps the state in the cache (`term-emergence.pickle`, replaced atomically) and says which path each
build took.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dashboard.corpus.spans import Tables
from dashboard.dataset.swap import read_pickle, write_pickle

STATE = "term-emergence.pickle"


def emergence_rows(
    tables: Tables, counted: Sequence[Any], folder: Path | None, keys: list[str]
) -> tuple[list[dict[str, Any]], str]:
    """Return the term_emergence rows and the path taken: "added" (from the cached state), else "full" and why."""
    from dashboard.dataset import terms_add, terms_state

    path = folder / STATE if folder else None
    state = read_pickle(path) if path else None
    rows: list[dict[str, Any]] | None = None
    why = "no state"
    if state is not None and len(keys) == len(counted) and all(keys):
        rows, why = terms_add.add(state, tables["documents"], tables["provisions"], counted, keys)
    if rows is not None:
        taken = "added"
    else:
        taken = f"full ({why})"
        rows, state = terms_state.full(tables["documents"], tables["provisions"], counted, keys)
    if path is not None:
        _write(path, state if all(keys) else None)
    return rows, taken


def _write(path: Path, state: Any) -> None:
    if state is None:
        path.unlink(missing_ok=True)
        return
    write_pickle(path, state)
