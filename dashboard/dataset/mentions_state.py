"""What the last build's mention fingerprints read of the gazetteer, kept in the build cache so that an add need
not compute every document's fingerprint again (dataset.mentions_cache).

A document's fingerprint (analysis.entities.mention_fingerprint) hashes its id, its own entity, the alias index's
entries for its words, what its symbols resolve to, and the kinds of the entities those name. The state keeps, of
the build that wrote it: a digest of each indexed word's entries, each entity's kind, each document's own entity,
each symbol's resolution, and the fingerprint it verified for each document (by cache key). The next build
compares its gazetteer with that once, and takes a document's entry as it is when the state verified that very
fingerprint for its key and none of these changed for it: none of its words' entries (nor a word's that names an
entity whose kind changed), nor its own entity, nor its symbols' resolutions or their entities' kinds. Its
fingerprint would then hash the same things. Anything else, or too many changed words, computes the fingerprint.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, cast

from dashboard.corpus.ids import symbol_key
from dashboard.dataset.swap import read_pickle, write_pickle

_MANY_WORDS = 200  # more changed words than this: the fingerprints are computed (each check is a text search)


def _digest(value: Any) -> bytes:
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=16).digest()


class GazetteerDiff:
    """This build's gazetteer against the state the last build kept (`state`, may be missing)."""

    def __init__(self, ctx: Any, state: Path) -> None:
        self.ctx = ctx
        index: dict[str, Any] = ctx.matcher.index
        self.words = {w: _digest(entries) for w, entries in index.items()}
        self.kinds: dict[str, str] = dict(ctx.entity_kinds)
        self.own: dict[str, str] = dict(ctx.by_document)
        self.resolved: dict[str, str | None] = {}
        old: Any = read_pickle(state)
        if old is None:  # (missing or unreadable: nothing is taken as verified)
            old = {}
        self._verified: dict[str, str] = {}
        self._resolved: dict[str, str | None] = {}
        self._words: list[str] = []
        self._kinds: set[str] = set()
        self._own: set[str] = set()
        if not isinstance(old, dict):
            return
        record = cast("dict[str, Any]", old)
        if not {"words", "kinds", "own", "resolved", "verified"} <= set(record):
            return
        kinds: dict[str, str] = record["kinds"]
        own: dict[str, str] = record["own"]
        was: dict[str, bytes] = record["words"]
        self._kinds = {k for k in {*self.kinds, *kinds} if self.kinds.get(k) != kinds.get(k)}
        words = {w for w in {*self.words, *was} if self.words.get(w) != was.get(w)}
        if self._kinds:  # a word whose entries name an entity whose kind changed: its documents' fingerprints hash it
            words |= {w for w, entries in index.items() if any(e[2] in self._kinds for e in entries)}
        self._words = sorted(words)
        self._own = {d for d in {*self.own, *own} if self.own.get(d) != own.get(d)}
        self._resolved = record["resolved"]
        self._verified = record["verified"] if len(words) <= _MANY_WORDS else {}

    def _resolve(self, symbol: str) -> str | None:
        if symbol not in self.resolved:
            self.resolved[symbol] = self.ctx.by_document.get(self.ctx.corpus.resolve(symbol) or "")
        return self.resolved[symbol]

    def record(self, symbols: tuple[str, ...]) -> None:
        """Record what these symbols (a scanned document's) resolve to, for the next build."""
        for symbol in symbols:
            self._resolve(symbol)

    def unchanged(self, key: str, doc_id: str, entry: Any) -> bool:
        """Whether the entry's fingerprint is the document's under this build's gazetteer, as the last build
        verified it for this key and nothing it hashes changed since (recording its symbols' resolutions)."""
        symbols: tuple[str, ...] = entry.symbols
        resolved = [self._resolve(s) for s in symbols]  # (recorded for the next build, whatever the answer)
        if self._verified.get(key) != entry.fingerprint or doc_id in self._own:
            return False
        for symbol, now in zip(symbols, resolved, strict=True):
            if symbol not in self._resolved or self._resolved[symbol] != now:
                return False
            if (now or symbol_key(symbol)) in self._kinds:
                return False
        if self._words:
            text = f"\n{entry.words}\n"
            return not any(f"\n{w}\n" in text for w in self._words)
        return True


def save_state(path: Path, diff: GazetteerDiff, verified: dict[str, str]) -> None:
    """Write the state of this build (best effort, replaced atomically: without it the next build computes every
    fingerprint)."""
    record = {"words": diff.words, "kinds": diff.kinds, "own": diff.own, "resolved": diff.resolved,
              "verified": verified}
    try:
        write_pickle(path, record)
    except OSError:
        pass
