"""The mentions step over the build cache: each document's mention rows are kept with a fingerprint of the part
of the gazetteer its text looks up (analysis.entities.mention_fingerprint), so adding a document scans only that
document, and the documents whose mentions it changes (a text that cites the new document's symbol, a word that
starts one of its aliases); a cold build scans them all, with the same rows in the same order.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dashboard.corpus.load import Corpus, SeedDocument
from dashboard.corpus.spans import Tables

Row = dict[str, Any]


@dataclass
class _Entry:
    fingerprint: str
    words: str  # the document's looked-up words, one a line (a string pickles and loads far faster than a set)
    symbols: tuple[str, ...]
    rows: list[Row]
    unknown: dict[str, str]


def _path(folder: Path, key: str) -> Path:
    return folder / "mentions" / key[:2] / f"{key}.pickle"


def _get(folder: Path, key: str) -> _Entry | None:
    try:
        with _path(folder, key).open("rb") as fh:
            entry = pickle.load(fh)  # noqa: S301 (the build's own cache folder)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return None
    return entry if isinstance(entry, _Entry) else None


def _put(folder: Path, key: str, entry: _Entry) -> None:
    path = _path(folder, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    with os.fdopen(fd, "wb") as fh:
        pickle.dump(entry, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def cached_mentions(corpus: Corpus, folder: Path, keys: dict[int, str]) -> Tables:
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
        entry = _get(folder, key) if key else None
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
            _put(folder, key, _Entry(fingerprint, "\n".join(sorted(lookups[0])), lookups[1], rows, unknown))
        return rows, unknown

    return mention_tables(ctx, [one(doc) for doc in corpus.documents])
