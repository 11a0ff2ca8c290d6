"""The mentions step over the build cache: each document's mention rows are kept with a fingerprint of the part
of the gazetteer its text looks up (analysis.entities.mention_fingerprint), so adding a document scans only that
document, and the documents whose mentions it changes (a text that cites the new document's symbol, a word that
starts one of its aliases); a cold build scans them all, with the same rows in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from dashboard.corpus.load import Corpus, SeedDocument
from dashboard.corpus.spans import Tables

Row = dict[str, Any]


@dataclass
class MentionsEntry:
    fingerprint: str
    words: str  # the document's looked-up words, one a line (a string pickles and loads far faster than a set)
    symbols: tuple[str, ...]
    rows: list[Row]
    unknown: dict[str, str]


class Store(Protocol):
    """Where the entries are kept (parallel.BuildCache of MentionsEntry, in the build cache's `mentions/`)."""

    def get(self, key: str) -> MentionsEntry | None: ...

    def put(self, key: str, entry: MentionsEntry) -> None: ...


def cached_mentions(corpus: Corpus, store: Store, keys: dict[int, str]) -> Tables:
    """Return the entities and mentions tables as `entities.mentions_step`, reusing the rows of the documents
    whose cache entry (under `keys[id(doc)]`, the per-document step's key) has the fingerprint of this build's
    gazetteer. Documents without a key are scanned and not stored."""
    from dashboard.analysis.entities import (
        document_mentions,
        mention_context,
        mention_fingerprint,
        mention_lookups,
        mention_tables,
    )

    ctx = mention_context(corpus)

    def one(doc: SeedDocument) -> tuple[list[Row], dict[str, str]]:
        key = keys.get(id(doc))
        entry = store.get(key) if key else None
        if entry is not None:
            lookups = (frozenset(entry.words.split("\n")), entry.symbols)
            fingerprint = mention_fingerprint(doc.meta.id, lookups, ctx)
            if fingerprint == entry.fingerprint:
                return entry.rows, entry.unknown
        else:
            lookups = mention_lookups(doc)
            fingerprint = mention_fingerprint(doc.meta.id, lookups, ctx)
        rows, unknown = document_mentions(doc, ctx)
        if key:
            store.put(key, MentionsEntry(fingerprint, "\n".join(sorted(lookups[0])), lookups[1], rows, unknown))
        return rows, unknown

    return mention_tables(ctx, [one(doc) for doc in corpus.documents])
