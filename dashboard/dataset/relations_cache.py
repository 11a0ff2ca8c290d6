"""The relations step over the build cache: each document's relations that its text states, kept with what they
were computed from, so an add computes those of the added document and of the documents whose mentions changed.

A document's extracted relations (analysis.relations.extracted_relations) come from its mentions alone: their
rows are keyed by (source, kind, target) with the source the document itself, in the order of its mentions. They
depend on its mention rows and provisions (the same while its cache key and mentions fingerprint are: the mentions
splice rests on the same fact, dataset.splice), on its own source URL (in its key) and, for each entity it
mentions, on that entity's document and that document's symbol (looked up again on every build). The mentions
table is the documents' mention rows in corpus order (entities.mention_tables), so the rows of the whole
computation are the documents' rows one after another in corpus order; they are merged with the cited relations
as `relations_step` merges them.

The state is two files in the cache: `relations-state.pickle`, every document's entry, replaced whole, and beside
it a log (`relations-state.log`) to which a build that computed some documents' relations appends their entries,
one pickled frame per build, rather than writing the whole state again (12 MB at 10,000 documents, for one added
document's entry). An entry is only ever used for its own key and after its look-ups are checked, so a stale one
(a removed or edited document's) is harmless: it is dropped when the state is next written whole, which a build
does when the log holds many such entries or many frames, or cannot be read to its end (a build killed while
appending), or when there is no whole state to append to (the log is then removed).
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast

from dashboard.corpus.load import Corpus
from dashboard.corpus.spans import Row, Tables
from dashboard.dataset.swap import UNREADABLE, read_pickle, write_pickle

STATE = "relations-state.pickle"
LOG = "relations-state.log"  # beside STATE: entries computed since it was written, one pickled frame per build
FORMAT = 1
MAX_FRAMES = 64  # frames in the log before the state is written whole again (each is read by every build)
SPARE = 0.25  # entries no document uses (stale), as a share of the documents, before the state is written whole
SLACK = 16  # and as a number beside that share (a small corpus's state is not written whole at every edit)
Lookup = tuple[str, str, str]  # an entity a document mentions, the document it stands for ("": none), its symbol


@dataclass(frozen=True)
class Kept:
    """One document's extracted relations and the look-ups they were computed with."""

    lookups: tuple[Lookup, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class State:
    """Each document's kept relations, by its cache key and mentions fingerprint (`key:fingerprint`)."""

    format: int
    documents: dict[str, Kept]


def relation_rows(
    corpus: Corpus, tables: Tables, own_keys: list[str], mentions: list[list[Row]], path: Path
) -> tuple[Tables, int]:
    """Return the relations table as `analysis.relations.relations_step` does, computing the extracted relations
    only for the documents the state at `path` has no valid rows for (then keeping this build's in it), and the
    number of documents whose relations were computed.

    `own_keys`: each document's `key:fingerprint` in corpus order ("" for one not to keep); `mentions`: each
    document's mention rows, in corpus order (what the mentions table is made of)."""
    from dashboard.analysis.relations import merge_relations

    # load inputs
    state = _read(path)
    logged, frames, whole_log = _read_log(path.with_name(LOG)) if state is not None else ({}, 0, True)
    kept = {**state.documents, **logged} if state is not None else {}
    targets = {e["id"]: str(e["document_id"]) for e in tables.get("entities", []) if e.get("document_id")}
    symbols = {m.id: m.symbol for m in corpus.all_meta()}

    # process
    per_document: list[tuple[Row, ...] | None] = []
    for own, rows in zip(own_keys, mentions, strict=True):
        entry = kept.get(own) if own else None
        fresh = entry is not None and all(
            targets.get(entity, "") == target and (not target or symbols.get(target) == symbol)
            for entity, target, symbol in entry.lookups
        )
        per_document.append(entry.rows if entry is not None and fresh else None)
    todo = [i for i, rows in enumerate(per_document) if rows is None]
    if any(m["document_id"] != corpus.documents[i].meta.id for i in todo for m in mentions[i]):
        from dashboard.analysis.relations import relations_step  # (never so in a build: a mention is its document's)

        return relations_step(corpus, tables), len(own_keys)
    if todo:
        computed = _extracted(corpus, tables, todo, mentions)
        for i in todo:
            per_document[i] = computed.get(corpus.documents[i].meta.id, ())

    # save outputs: the state first, as the rows are now (merge_relations then changes some of them: provisions
    # appended to a reference that another row of its document supports); they were read from it, never shared
    live = {k for k in own_keys if k}
    added = {own_keys[i] for i in todo if own_keys[i]}
    spare = len(set(kept) - live) + len(added & set(kept))  # (an entry computed again leaves a stale one behind)
    if state is None or not whole_log or frames >= MAX_FRAMES or spare > SPARE * len(live) + SLACK:
        documents: dict[str, Kept] = {}
        for own, rows, doc_mentions in zip(own_keys, per_document, mentions, strict=True):
            if own:
                entry = kept.get(own)
                lookups = entry.lookups if entry is not None and entry.rows is rows else None
                documents[own] = Kept(lookups or _lookups(doc_mentions, targets, symbols), rows or ())
        write_pickle(path, State(FORMAT, documents))
        path.with_name(LOG).unlink(missing_ok=True)  # (its entries are in the state now, or stale)
    elif added:
        frame = {
            own: Kept(_lookups(doc_mentions, targets, symbols), rows or ())
            for own, rows, doc_mentions in zip(own_keys, per_document, mentions, strict=True)
            if own in added
        }
        _append(path.with_name(LOG), frame)
    cited = [r for r in tables.get("relations", []) if r.get("origin") == "cited"]
    return {"relations": merge_relations(cited, [r for rows in per_document for r in rows or ()])}, len(todo)


def _extracted(
    corpus: Corpus, tables: Tables, todo: list[int], mentions: list[list[Row]]
) -> dict[str, tuple[Row, ...]]:
    # the extracted relations of the documents `todo`, by source document: the whole computation over those
    # documents (their provisions and mentions) with every other document's facts still looked up
    from dashboard.analysis.relations import extracted_relations

    chosen = set(todo)
    others = [d.meta for i, d in enumerate(corpus.documents) if i not in chosen]
    part = replace(corpus, documents=[corpus.documents[i] for i in todo], referenced=others + corpus.referenced)
    rows = extracted_relations(part, [m for i in todo for m in mentions[i]], tables.get("entities", []))
    out: dict[str, list[Row]] = {}
    for row in rows:
        out.setdefault(row["source_id"], []).append(row)
    return {source: tuple(found) for source, found in out.items()}


def _lookups(mentions: list[Row], targets: dict[str, str], symbols: dict[str, str]) -> tuple[Lookup, ...]:
    # each entity the document mentions, the document it stands for and that document's symbol, as looked up now
    out: dict[str, Lookup] = {}
    for m in mentions:
        entity = m["entity_id"]
        if entity not in out:
            target = targets.get(entity, "")
            out[entity] = (entity, target, symbols.get(target, "") if target else "")
    return tuple(out.values())


def _read_log(path: Path) -> tuple[dict[str, Kept], int, bool]:
    # the entries the log holds (a later frame's over an earlier's), its number of frames, and whether it was
    # read to its end (False: a frame half written, or not a frame: the state is then written whole)
    entries: dict[str, Kept] = {}
    frames = 0
    try:
        with path.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            while fh.tell() < size:
                frame: Any = pickle.load(fh)  # noqa: S301 (the build's own cache folder)
                found = cast("dict[str, object]", frame) if isinstance(frame, dict) else None
                if found is None or not all(isinstance(v, Kept) for v in found.values()):
                    return entries, frames, False
                entries.update(cast("dict[str, Kept]", found))
                frames += 1
    except FileNotFoundError:
        return {}, 0, True
    except UNREADABLE:
        return entries, frames, False
    return entries, frames, True


def _append(path: Path, frame: dict[str, Kept]) -> None:
    # one frame at the log's end, in one write (a build killed during it leaves a frame that _read_log stops at)
    data = pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL)
    with path.open("ab") as fh:
        fh.write(data)


def _read(path: Path) -> State | None:
    state = read_pickle(path)
    return state if isinstance(state, State) and state.format == FORMAT else None
