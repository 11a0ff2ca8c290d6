"""The data the app serves, loaded once at start: the Dataset, the search index, per-provision annotations and
the vocabulary that URLs are validated against.

`create_app` stores `AppData.load(data_dir)` on its Flask app; layouts and callbacks call `current()`, which
finds the data of the app serving the request (or, outside a request, the data loaded last). Nothing here
reads seeds/ or recomputes what the build stored; the search index is the only thing derived, once, from the
stored text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
from flask import current_app, has_app_context

from dashboard.analysis.annotations import Annotations
from dashboard.analysis.search import SearchIndex, records
from dashboard.app.cache_prune import Held, hold, prune
from dashboard.app.search_index import search_index
from dashboard.app.state import Vocabulary
from dashboard.app.target_store import TargetStore
from dashboard.corpus.ids import symbol_key
from dashboard.dataset.load import Dataset
from dashboard.dataset.query import Query
from dashboard.dataset.rows import DocumentProvisions, Grouped, ProvisionOwners, Rows, RowsBy
from dashboard.errors import UnknownDocument
from dashboard.figures.labels import chart_documents
from dashboard.figures.targets.tables import year_bounds
from dashboard.paths import DATA_DIR

EXTENSION = "policy_timeline"  # key of the AppData in flask_app.extensions


@dataclass
class AppData:
    """Everything a page needs, indexed for look-ups that stay fast on a thousand documents."""

    dataset: Dataset
    vocab: Vocabulary
    index: SearchIndex
    notes: Annotations
    # documents by id (held first, by date); provisions by id (read from the package's Parquet twin a page at a
    # time: `provisions.prefetch(ids)` before reading many); each document's provision ids in reading order
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    provisions: Mapping[str, dict[str, Any]] = field(default_factory=dict)
    by_document: Mapping[str, list[str]] = field(default_factory=dict)
    # per document: relations from and to it, targets cited from other sources, conflicting facts
    relations_from: Mapping[str, list[dict[str, Any]]] = field(default_factory=dict)
    relations_to: Mapping[str, list[dict[str, Any]]] = field(default_factory=dict)
    cited_targets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    claims: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # per held document: its seed text verbatim (the source view's spans index into it), read when asked for;
    # empty for a package built before the seed_texts table existed
    seed_texts: Mapping[str, str] = field(default_factory=dict)
    query: Query | None = None
    targets: TargetStore | None = None  # the Targets page's rows, queried by view (app.target_store)
    in_use: Held | None = None  # the lock that keeps this package version's cached files (app.cache_prune)

    @classmethod
    def load(cls, data_dir: Path | str | None = None) -> AppData:
        """Open the data package and build the indexes: the small tables (documents, themes, names) in memory,
        the search index, and the rest read from the query database when a page asks (see dataset.query)."""
        dataset = Dataset(Path(data_dir) if data_dir else DATA_DIR)
        query = Query(dataset.data_dir, dataset.table_names)
        in_use = hold(query.cache_dir, query.key, dataset.data_dir)  # before the first query builds anything
        prune(query.cache_dir, keep=query.key)
        tables = {name: name_table(query, name) for name in NAME_TABLES}
        documents = dataset.documents.sort_values(["held", "issued", "id"], ascending=[False, True, True])
        index = search_index(dataset, query)
        by_document = DocumentProvisions(query.document_provision_ids, query.documents_with_provisions)
        vocab = vocabulary(dataset, tables, query=query, by_document=by_document)
        data = cls(dataset=dataset, vocab=vocab, index=index, notes=lazy_notes(query, tables, vocab.provision_docs))
        data.documents = _documents_by_id(documents)
        data.query = query
        data.in_use = in_use
        data.targets = TargetStore(dataset, query)
        data.targets.prepare()
        data.provisions = Rows(vocab.provision_docs, lambda ids: query.provisions(ids, documents=_owners(vocab, ids)))
        data.by_document = by_document
        if "relations" in dataset.table_names:  # the table the timeline draws, its rows as dicts per document
            data.relations_from = RowsBy(dataset.table("relations"), "source_id")
            data.relations_to = RowsBy(dataset.table("relations"), "target_id")
        cited = [r for r in _rows(query, "targets", "coalesce(provision_id, '') = ''")]
        for row in sorted(cited, key=lambda r: (r.get("end_year") or 0, str(r.get("id")))):
            data.cited_targets.setdefault(str(row["document_id"]), []).append(row)
        if data.query.has("seed_texts"):
            data.seed_texts = SeedTexts(data.query)
        for row in _rows(query, "claims"):
            data.claims.setdefault(str(row["document_id"]), []).append(row)
        return data

    def provision_rows(self, pids: list[str]) -> list[dict[str, Any]]:
        """Return the rows of these provisions in this order, read in one query (the ones a page shows), and
        read their annotations too (one query per table)."""
        for grouped in (self.notes.themes, self.notes.targets, self.notes.mentions, self.notes.assignments):
            if isinstance(grouped, Grouped):
                grouped.prefetch(pids)
        prefetch = getattr(self.provisions, "prefetch", None)
        return prefetch(pids) if prefetch else [self.provisions[p] for p in pids if p in self.provisions]

    def scoped(self, *documents: str) -> Dataset:
        """Return the dataset seen through `documents`: their rows of the large document-keyed tables read from
        the query database (dataset.scoped), the small tables shared; what a page about one or two documents
        (a heatmap cell, a comparison, a briefing pack) hands to the figures instead of the whole `dataset`,
        whose large tables then never load into this worker."""
        if self.query is None or not documents:
            return self.dataset
        return self.query.scoped(self.dataset, documents)

    def pair(self, a: str, b: str) -> Dataset:
        """Return the dataset seen through documents `a` and `b` (ids or symbols): what the Compare page computes
        and draws from. Unknown references give the whole dataset back (the page then says what is unknown)."""
        try:
            return self.scoped(self.dataset.resolve_document(a), self.dataset.resolve_document(b))
        except UnknownDocument:
            return self.dataset

    def held_documents(self) -> list[dict[str, Any]]:
        """Return the rows of the documents the corpus holds, by date: one per document (not its versions)."""
        return [d for d in self.documents.values() if bool(d.get("held")) and not self.vocab.version_of(d["id"])]


class SeedTexts(Mapping[str, str]):
    """The held documents' seed texts, read from the package one at a time (the last few kept)."""

    def __init__(self, query: Query) -> None:
        self.query = query
        self._read = lru_cache(maxsize=8)(query.seed_text)

    def __getitem__(self, doc_id: str) -> str:
        text = self._read(doc_id)
        if text is None:
            raise KeyError(doc_id)
        return text

    def __iter__(self) -> Iterator[str]:
        return iter(self.query.frame("SELECT document_id FROM seed_texts")["document_id"].astype(str))

    def __len__(self) -> int:
        return int(self.query.scalar("SELECT count(*) FROM seed_texts"))


def _rows(query: Query, name: str, where: str = "TRUE") -> list[dict[str, Any]]:
    """Return a table's rows (those `where` keeps, a condition written here) as dicts, in the package's order."""
    if not query.has(name):
        return []
    table = query.frame(f"SELECT * EXCLUDE (_row) FROM {name} WHERE {where} ORDER BY _row")
    return records(table, list(table.columns))


def _used_names(uses: pd.DataFrame | None, key: str, names: pd.DataFrame | None, name: str) -> dict[str, str] | None:
    """Return {id: name} of the ids in `uses[key]` (mentions' entities, assignments' actors), named from the
    `names` table's `name` column when it has one, else by their ids; None when there is no `uses` table."""
    if uses is None:
        return None
    used = set(uses[key].astype(str)) if key in uses else set()
    if names is not None and {"id", name} <= set(names.columns):
        return {str(i): str(n) for i, n in zip(names["id"], names[name], strict=True) if str(i) in used}
    return {i: i for i in sorted(used)}


def _documents_by_id(documents: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Return each document's row as a dict, by id, each distinct string held once: issuers, types, labels and
    years repeat across the documents (at 10,000 documents the dicts held ~180,000 strings, 13 MB)."""
    shared: dict[str, str] = {}
    out: dict[str, dict[str, Any]] = {}
    for row in documents.to_dict("records"):
        out[str(row["id"])] = {str(k): shared.setdefault(v, v) if isinstance(v, str) else v for k, v in row.items()}
    return out


def _owners(vocab: Vocabulary, ids: Sequence[str]) -> list[str]:
    return [vocab.provision_docs[i] for i in ids if i in vocab.provision_docs]


# the tables of names the app keeps in memory (small: a row per entity or body); the analysis tables that use
# them are read for the provisions a page shows
NAME_TABLES = ("entities", "actors")


def name_table(query: Query, name: str) -> pd.DataFrame | None:
    """Return a table of names (None when the package lacks it)."""
    if not query.has(name):
        return None
    return query.frame(f"SELECT * EXCLUDE (_row) FROM {name} ORDER BY _row")


def lazy_notes(query: Query, tables: dict[str, pd.DataFrame | None], owners: Mapping[str, str]) -> Annotations:
    """Return the per-provision annotations: names in memory, each provision's themes, targets, mentions and
    assignments read (and cached) when a page shows the provision."""
    notes = Annotations.build({k: v for k, v in tables.items() if k in ("entities", "actors") and v is not None})
    available = set(notes.available)
    for field_name, table, key, columns, order in (
        ("themes", "provision_themes", "theme_id", ("theme_id", "score", "evidence"), "score DESC"),
        ("targets", "targets", "text", ("id", "text", "surface", "kind", "start_year", "end_year", "start", "end"), ""),
        ("mentions", "mentions", "entity_id", ("entity_id", "surface", "start", "end"), ""),
        ("assignments", "assignments", "actor_id", ("actor_id", "role", "surface", "inherited", "start", "end"), ""),
    ):
        if not query.has(table):
            continue
        present = set(query.frame(f"SELECT * FROM {table} LIMIT 0").columns)
        if not {"provision_id", key} <= present:
            continue
        cols = [c for c in columns if c in present]
        order = order if "score" in present else ""
        setattr(notes, field_name, Grouped(owners, _fetcher(query, table, cols, order)))
        available.add(field_name)
    notes.available = frozenset(available)
    return notes


def _fetcher(query: Query, table: str, columns: list[str], order: str) -> Any:
    return lambda ids, docs: query.by_provision(table, columns, ids, docs, order=order)


def optional_table(dataset: Dataset, name: str) -> pd.DataFrame | None:
    """Return a table when the data package has it (analysis tables arrive one by one), else None."""
    return dataset.table(name) if name in dataset.table_names else None


def vocabulary(
    dataset: Dataset,
    tables: dict[str, pd.DataFrame | None],
    provisions: pd.DataFrame | None = None,
    query: Query | None = None,
    by_document: Mapping[str, list[str]] | None = None,
) -> Vocabulary:
    """Return the names URLs may use: documents, provisions, themes, issuers, entities, actors, years."""
    docs = dataset.documents.sort_values(["held", "issued", "id"], ascending=[False, True, True])
    keys: dict[str, str] = {}
    for doc_id, symbol in zip(docs["id"], docs["symbol"], strict=True):
        keys.setdefault(str(doc_id).casefold(), str(doc_id))
        keys.setdefault(symbol_key(str(symbol)), str(doc_id))
    held = docs[docs["held"].astype(bool)]
    years = (int(held["year"].min()), int(held["year"].max())) if not held.empty else (2013, 2025)
    themes = tuple(str(t) for t in dataset.table("themes")["id"]) if "themes" in dataset.table_names else ()
    if query is not None:  # the ids used, read in SQL instead of from the whole tables
        tables = {
            **tables,
            "mentions": query.distinct("mentions", "entity_id") if query.has("mentions") else None,
            "assignments": query.distinct("assignments", "actor_id") if query.has("assignments") else None,
        }
    entities = _used_names(tables.get("mentions"), "entity_id", tables.get("entities"), "name")
    actors = _used_names(tables.get("assignments"), "actor_id", tables.get("actors"), "name_en")
    return Vocabulary(
        doc_keys=keys,
        doc_symbols=dict(zip(docs["id"].astype(str), docs["symbol"].astype(str), strict=True)),
        held=frozenset(held["id"].astype(str)),
        provision_docs=_provision_docs(dataset, provisions, by_document),
        themes=themes,
        issuers=dict(zip(docs["issuer"].astype(str), docs["issuer_label"].astype(str), strict=True)),
        entities=entities,
        actors=actors,
        years=years,
        target_years=_target_years(dataset, query),
        versions=dataset.versions,
    )


def _provision_docs(
    dataset: Dataset, provisions: pd.DataFrame | None, by_document: Mapping[str, list[str]] | None
) -> Mapping[str, str]:
    if by_document is not None and provisions is None:
        return ProvisionOwners(by_document, frozenset(dataset.documents["id"].astype(str)))
    table = dataset.provisions if provisions is None else provisions
    return dict(zip(table["id"].astype(str), table["document_id"].astype(str), strict=True))


def _target_years(dataset: Dataset, query: Query | None) -> tuple[int, int]:
    """The targets' years (figures.targets.tables.year_bounds), read in SQL when there is a query database."""
    if query is None:
        return year_bounds(dataset)
    return query.target_year_bounds([d.id for d in chart_documents(dataset)]) or (2013, 2030)


_CURRENT: AppData | None = None


def use(data: AppData) -> AppData:
    """Make `data` the data the pages serve (called by create_app)."""
    global _CURRENT
    _CURRENT = data
    return data


def current() -> AppData:
    """Return the data of the app serving this request; outside a request, the data loaded last (or data/)."""
    if has_app_context():
        data = current_app.extensions.get(EXTENSION)
        if data is not None:
            return data
    return _CURRENT if _CURRENT is not None else use(AppData.load())
