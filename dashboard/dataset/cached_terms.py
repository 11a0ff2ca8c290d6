"""Each document's term counts (analysis.terms.TermInventory) kept in the build cache apart from the entry every
build reads, and read only when term emergence asks for them.

The counts were three quarters of the time spent unpickling a cached result (62 KB of 104 KB a document at 3,000
generated documents), and an add's term emergence (dataset.terms_add) reads only the added document's and those
of the few documents a changed term needs. `CachedTerms` is the documents' counts in corpus order, each read from
`terms/<key>.pickle` on first use (or counted again from the document's rows when that file is missing).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, overload

TERMS = "terms"  # the build cache's subfolder of the documents' term counts


class CachedTerms(Sequence[Any]):
    """The documents' term counts in corpus order: `held[i]` when this build has them, else `stored(keys[i])` (the
    cache's `terms/` entry, or None), else `count(i)`. `ids`: the documents' ids, in the same order (each count's
    own document)."""

    def __init__(self, held: list[Any], keys: list[str], ids: list[str], stored: Callable[[str], Any] | None,
                 count: Callable[[int], Any]) -> None:
        self._held = list(held)
        self._keys = keys
        self.ids = ids
        self._stored = stored
        self._count = count
        self.read = 0  # how many were read from the cache or counted again (the rest were in memory)

    def __len__(self) -> int:
        return len(self._held)

    @overload
    def __getitem__(self, i: int) -> Any: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[Any]: ...

    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if self._held[i] is None:
            key = self._keys[i]
            found = self._stored(key) if self._stored and key else None
            self._held[i] = found if found is not None else self._count(i)
            self.read += 1
        return self._held[i]
