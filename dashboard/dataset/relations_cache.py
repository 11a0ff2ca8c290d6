"""The relations step over the build cache: each document's relations that its text states, kept with what they
were computed from, so an add computes those of the added document and of the documents whose mentions changed.

A document's extracted relations (analysis.relations.extracted_relations) come from its mentions alone: their
rows are keyed by (source, kind, target) with the source the document itself, in the order of its mentions. They
depend on its mention rows and provisions (the same while its cache key and mentions fingerprint are: the mentions
splice rests on the same fact, dataset.splice), on its own source URL (in its key) and, for each entity it
mentions, on that entity's document and that document's symbol (looked up again on every build). The mentions
table is the documents' mention rows in corpus order (entities.mention_tables), so the rows of the whole
computation are the documents' rows one after another in corpus order; they are merged with the cited relations
as `relations_step` merges them. The state is one file in the cache (`relations-state.pickle`), replaced whole.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dashboard.corpus.load import Corpus
from dashboard.corpus.spans import Row, Tables
from dashboard.dataset.swap import write_pickle

STATE = "relations-state.pickle"
FORMAT = 1
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
    kept = state.documents if state is not None else {}
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
    if todo or state is None or set(kept) != {k for k in own_keys if k}:
        documents: dict[str, Kept] = {}
        for own, rows, doc_mentions in zip(own_keys, per_document, mentions, strict=True):
            if own:
                entry = kept.get(own)
                lookups = entry.lookups if entry is not None and entry.rows is rows else None
                documents[own] = Kept(lookups or _lookups(doc_mentions, targets, symbols), rows or ())
        write_pickle(path, State(FORMAT, documents))
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


def _read(path: Path) -> State | None:
    try:
        with path.open("rb") as fh:
            state: Any = pickle.load(fh)  # noqa: S301 (the build's own cache folder)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return state if isinstance(state, State) and state.format == FORMAT else None
