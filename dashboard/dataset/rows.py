"""Rows read on demand, a page at a time, and kept in a small LRU cache: the mappings the app reads provisions
and their annotations through (`dataset.query` fetches them)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Hashable, Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar, cast

import numpy as np
import pandas as pd

from dashboard.analysis.search import records

CACHED_ROWS = 4096  # rows kept per process after a page asked for them (about 2 MB of provisions' text)


def _row(record: Mapping[Hashable, Any]) -> dict[str, Any]:
    # a record of DataFrame.to_dict("records"): its keys are the table's column names, which are text
    return cast("dict[str, Any]", {k: (None if _missing(v) else v) for k, v in record.items()})


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


class Rows(Mapping[str, dict[str, Any]]):
    """Provisions by id, read on demand: a read-only mapping over `keys` (every provision id, from the
    vocabulary) whose rows come from `fetch` a page at a time and stay in a small LRU cache. A view calls
    `prefetch(ids)` for the rows it will show (one query), then reads them like a dict."""

    def __init__(self, keys: Collection[str], fetch: Callable[[Sequence[str]], pd.DataFrame], size: int = CACHED_ROWS):
        self._keys = keys
        self._fetch = fetch
        self._size = size
        self._cache: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def prefetch(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        """Return the rows of `ids` (known ones, in that order), reading the ones not cached in one query."""
        with self._lock:
            missing = [i for i in dict.fromkeys(ids) if i not in self._cache and i in self._keys]
        fetched: dict[str, dict[str, Any]] = {}
        if missing:
            for record in self._fetch(missing).to_dict("records"):
                fetched[str(record["id"])] = _row(record)
        with self._lock:
            out: list[dict[str, Any]] = []
            for i in ids:
                row = fetched.get(i) or self._cache.get(i)
                if row is None:
                    continue
                self._cache[i] = row
                self._cache.move_to_end(i)
                out.append(row)
            while len(self._cache) > self._size:
                self._cache.popitem(last=False)
        return out

    def __getitem__(self, key: str) -> dict[str, Any]:
        with self._lock:
            row = self._cache.get(key)
        if row is not None:
            return row
        found = self.prefetch([key])
        if not found:
            raise KeyError(key)
        return found[0]

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


class Grouped(Mapping[str, list[dict[str, Any]]]):
    """Rows of one table about each provision (its themes, targets, mentions or assignments), read on demand
    like `Rows`: `owners` maps every provision id to its document; a provision without rows is not a key (as
    in a dict built by grouping the table). `prefetch(ids)` reads a page's provisions in one query."""

    def __init__(
        self,
        owners: Mapping[str, str],
        fetch: Callable[[Sequence[str], Sequence[str]], pd.DataFrame],
        size: int = CACHED_ROWS,
    ):
        self._owners = owners
        self._fetch = fetch
        self._size = size
        self._cache: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()
        self._lock = threading.Lock()

    def prefetch(self, ids: Sequence[str]) -> None:
        """Read the rows of the provisions `ids` not cached yet, in one query."""
        with self._lock:
            missing = [i for i in dict.fromkeys(ids) if i not in self._cache and i in self._owners]
        if not missing:
            return
        found: dict[str, list[dict[str, Any]]] = {i: [] for i in missing}
        for record in self._fetch(missing, [self._owners[i] for i in missing]).to_dict("records"):
            found[str(record.pop("provision_id"))].append(_row(record))
        with self._lock:
            for i, rows in found.items():
                self._cache[i] = rows
                self._cache.move_to_end(i)
            while len(self._cache) > self._size:
                self._cache.popitem(last=False)

    def __getitem__(self, key: str) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._cache.get(key)
        if rows is None:
            self.prefetch([key])
            with self._lock:
                rows = self._cache.get(key)
        if not rows:
            raise KeyError(key)
        return rows

    def __iter__(self) -> Iterator[str]:
        return (i for i in self._owners if i in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _Recent(Generic[K, V]):
    """The values of the last `size` keys asked for, each computed once by `compute` (outside the lock, so a slow
    read never blocks another thread's hit); safe to share between threads."""

    def __init__(self, compute: Callable[[K], V], size: int = 256) -> None:
        self._compute = compute
        self._size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
        if found is None:
            found = self._compute(key)
            with self._lock:
                self._items[key] = found
                while len(self._items) > self._size:
                    self._items.popitem(last=False)
        return found


class DocumentProvisions(Mapping[str, list[str]]):
    """Each document's provision ids in reading order, read on demand (the last `size` documents kept): what
    the app held as a dict of every provision id. A document without provisions is not a key."""

    def __init__(
        self, read: Callable[[str], list[str]], documents: Callable[[], list[str]], size: int = 256
    ) -> None:
        self._recent: _Recent[str, list[str]] = _Recent(read, size)
        self._documents = documents

    def __getitem__(self, doc_id: str) -> list[str]:
        found = self._recent.get(doc_id)
        if not found:
            raise KeyError(doc_id)
        return list(found)

    def __iter__(self) -> Iterator[str]:
        return iter(self._documents())

    def __len__(self) -> int:
        return len(self._documents())


class ProvisionOwners(Mapping[str, str]):
    """Provision id → the id of its document, without a dict of every provision: a provision id is
    `<document id>:<path>` (corpus.ids.provision_id), and whether the document has that provision is read from
    its list of provision ids (a DocumentProvisions, cached)."""

    def __init__(self, by_document: Mapping[str, list[str]], documents: Collection[str]) -> None:
        self._by_document = by_document
        self._documents = documents
        self._ids: _Recent[str, frozenset[str]] = _Recent(self._read_ids)

    def _read_ids(self, doc_id: str) -> frozenset[str]:
        return frozenset(self._by_document.get(doc_id, []))

    def __getitem__(self, pid: str) -> str:
        doc_id = str(pid).partition(":")[0]
        if doc_id in self._documents and pid in self._ids.get(doc_id):
            return doc_id
        raise KeyError(pid)

    def __iter__(self) -> Iterator[str]:
        for doc_id in self._by_document:
            yield from self._by_document[doc_id]

    def __len__(self) -> int:
        return sum(len(self._by_document[d]) for d in self._by_document)


class RowsBy(Mapping[str, list[dict[str, Any]]]):
    """A table's rows grouped by the value of `key`, in the table's order, as dicts (missing values None, like
    analysis.search.records): what the app held as a dict of lists of every row (42,381 relations at 10,000
    documents: ~90 MB of dicts), now the table itself (its Arrow strings, 14 MB) and each key's row positions,
    turned into dicts when a key is asked for (the last `size` keys kept)."""

    def __init__(self, table: pd.DataFrame, key: str, size: int = 1024) -> None:
        self._table = table
        self._at = {str(k): np.asarray(v) for k, v in table.groupby(key, sort=False).indices.items()}
        self._recent: _Recent[str, list[dict[str, Any]]] = _Recent(self._read, size)

    def _read(self, key: str) -> list[dict[str, Any]]:
        return records(self._table.take(self._at[key]), list(self._table.columns))

    def __getitem__(self, key: str) -> list[dict[str, Any]]:
        if key not in self._at:
            raise KeyError(key)
        return self._recent.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self._at

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)
