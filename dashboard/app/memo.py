"""A memo's key for one AppData: the parts of a page that depend on the package (and the view) only are built
once per worker and package, since the data never change while the app runs."""

from __future__ import annotations

import weakref

from dashboard.app.context import AppData


class Memo:
    """An AppData as the key of a memo (`functools.lru_cache`): equal to the same AppData only, held weakly (a
    package the app replaces is not kept alive by a memo, and its entries match nothing)."""

    __slots__ = ("_hash", "ref")

    def __init__(self, data: AppData) -> None:
        self.ref = weakref.ref(data)
        self._hash = id(data)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Memo) and self.ref() is not None and self.ref() is other.ref()

    def data(self) -> AppData:
        """Return the AppData (alive: whoever asks the memo holds it)."""
        data = self.ref()
        if data is None:
            raise LookupError("the AppData of this memo key is gone")
        return data
