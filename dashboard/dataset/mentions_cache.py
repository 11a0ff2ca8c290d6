"""The mentions step over the build cache: each document's mention rows are kept with a fingerprint of the part
of the gazetteer its text looks up (analysis.entities.mention_fingerprint), so adding a document scans only that
document, and the documents whose mentions it changes (a text that cites the new document's symbol, a word that
starts one of its aliases); a cold build scans them all, with the same rows in the same order.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
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


_POOL_DOCUMENTS = 50  # below this many documents to scan, a pool costs more than it saves


def cached_mentions(
    corpus: Corpus,
    store: Store | None,
    keys: dict[int, str],
    jobs: int = 1,
    pool_documents: int = _POOL_DOCUMENTS,
    per_document: list[tuple[str, list[Row]]] | None = None,
    state: Path | None = None,
) -> Tables:
    """Return the entities and mentions tables as `entities.mentions_step`, reusing the rows of the documents
    whose cache entry (under `keys[id(doc)]`, the per-document step's key) has the fingerprint of this build's
    gazetteer. Documents without a key or an entry are scanned (stored when they have a key and there is a
    `store`); with `jobs` > 1 and more than `pool_documents` of them (a first build), in that many processes.
    `per_document`: filled with each document's fingerprint ("" when it has no key or there is no `store`) and
    mention rows, in corpus order (the build writes the mentions table from them: dataset.splice).
    `state`: a file keeping what the last build's fingerprints read of the gazetteer (dataset.mentions_state): a
    document whose entry that build verified, and for which nothing it looks up has changed since, keeps its
    entry without its fingerprint being computed again."""
    from dashboard.analysis.entities import mention_context, mention_fingerprint, mention_lookups, mention_tables
    from dashboard.dataset.mentions_state import GazetteerDiff, save_state

    ctx = mention_context(corpus)
    diff = GazetteerDiff(ctx, state) if state is not None and store is not None else None
    found: list[tuple[list[Row], dict[str, str]] | None] = []
    prints: list[str] = []
    todo: list[tuple[int, SeedDocument, str | None, Any]] = []  # to scan: its place, the document, key, lookups
    for doc in corpus.documents:
        key = keys.get(id(doc)) if store is not None else None
        entry = store.get(key) if store is not None and key else None
        if entry is not None and key and diff is not None and diff.unchanged(key, doc.meta.id, entry):
            found.append((entry.rows, entry.unknown))
            prints.append(entry.fingerprint)
            continue
        if entry is not None:
            lookups = (frozenset(entry.words.split("\n")), entry.symbols)
            if mention_fingerprint(doc.meta.id, lookups, ctx) == entry.fingerprint:
                found.append((entry.rows, entry.unknown))
                prints.append(entry.fingerprint)
                continue
        else:
            lookups = mention_lookups(doc) if key else None
        todo.append((len(found), doc, key, lookups))
        found.append(None)
        prints.append("")
    scanned = _scan([doc for _, doc, _, _ in todo], ctx, jobs if len(todo) > pool_documents else 1)
    for (i, doc, key, lookups), (rows, unknown) in zip(todo, scanned, strict=True):
        found[i] = (rows, unknown)
        if diff is not None and key:  # (a document with a key has its lookups)
            diff.record(lookups[1])
        if store is not None and key:
            fingerprint = mention_fingerprint(doc.meta.id, lookups, ctx)
            store.put(key, MentionsEntry(fingerprint, "\n".join(sorted(lookups[0])), lookups[1], rows, unknown))
            prints[i] = fingerprint
    if per_document is not None:
        per_document[:] = [(fp, f[0]) for fp, f in zip(prints, found, strict=True) if f is not None]
    if diff is not None and state is not None:
        verified = {keys[id(d)]: fp for d, fp in zip(corpus.documents, prints, strict=True) if fp and keys.get(id(d))}
        save_state(state, diff, verified)
    return mention_tables(ctx, [f for f in found if f is not None])


_SCANNING: list[tuple[list[SeedDocument], Any]] = []  # what the forked scanners read: the documents, the context


def _scan(docs: list[SeedDocument], ctx: Any, jobs: int) -> list[tuple[list[Row], dict[str, str]]]:
    # each document's mentions (entities.document_mentions), in order; over `jobs` forked processes, which
    # inherit the documents and the gazetteer's matcher instead of receiving them
    from dashboard.analysis.entities import document_mentions

    if jobs <= 1 or len(docs) < 2:
        return [document_mentions(doc, ctx) for doc in docs]
    _SCANNING[:] = [(docs, ctx)]
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_scan_one, range(len(docs)), chunksize=max(1, len(docs) // (jobs * 8))))
    finally:
        _SCANNING.clear()


def _scan_one(i: int) -> tuple[list[Row], dict[str, str]]:
    from dashboard.analysis.entities import document_mentions

    docs, ctx = _SCANNING[0]
    return document_mentions(docs[i], ctx)
