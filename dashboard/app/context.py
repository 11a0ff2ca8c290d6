"""The data the app serves, loaded once at start: the Dataset, the search index, per-provision annotations and
the vocabulary that URLs are validated against.

`create_app` stores `AppData.load(data_dir)` on its Flask app; layouts and callbacks call `current()`, which
finds the data of the app serving the request (or, outside a request, the data loaded last). Nothing here
reads seeds/ or recomputes what the build stored; the search index is the only thing derived, once, from the
stored text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
from flask import current_app, has_app_context

from dashboard.analysis.annotations import Annotations
from dashboard.analysis.search import SearchIndex, name_entries, records
from dashboard.app.state import Vocabulary
from dashboard.corpus.ids import symbol_key
from dashboard.dataset.load import Dataset
from dashboard.dataset.query import Query, Rows
from dashboard.figures.target_tables import year_bounds
from dashboard.paths import DATA_DIR

EXTENSION = "policy_timeline"  # key of the AppData in flask_app.extensions
OPTIONAL_TABLES = ("provision_themes", "targets", "mentions", "entities", "assignments", "actors")


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
    by_document: dict[str, list[str]] = field(default_factory=dict)
    # per document: relations from and to it, targets cited from other sources, conflicting facts
    relations_from: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    relations_to: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    cited_targets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    claims: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # per held document: its seed text verbatim (the source view's spans index into it), read when asked for;
    # empty for a package built before the seed_texts table existed
    seed_texts: Mapping[str, str] = field(default_factory=dict)
    query: Query | None = None

    @classmethod
    def load(cls, data_dir: Path | str | None = None) -> AppData:
        """Load the data package once and build the indexes."""
        dataset = Dataset(Path(data_dir) if data_dir else DATA_DIR)
        tables = {name: optional_table(dataset, name) for name in OPTIONAL_TABLES}
        present = {k: v for k, v in tables.items() if v is not None}
        documents = dataset.documents.sort_values(["held", "issued", "id"], ascending=[False, True, True])
        provisions = dataset.provisions.sort_values(["document_id", "ordinal"], kind="stable")
        index = SearchIndex.build(
            provisions,
            dataset.documents,
            provision_themes=tables["provision_themes"],
            mentions=tables["mentions"],
            assignments=tables["assignments"],
            names=name_entries(
                dataset.documents,
                themes=optional_table(dataset, "themes"),
                actors=tables["actors"],
                entities=tables["entities"],
            ),
        )
        data = cls(dataset=dataset, vocab=vocabulary(dataset, tables), index=index, notes=Annotations.build(present))
        data.documents = {str(r["id"]): r for r in documents.to_dict("records")}
        data.query = Query(dataset.data_dir, dataset.table_names)
        data.provisions = Rows(data.vocab.provision_docs, data.query.provisions)
        for pid, doc in zip(provisions["id"], provisions["document_id"], strict=True):
            data.by_document.setdefault(str(doc), []).append(str(pid))
        for row in _rows(dataset, "relations"):
            data.relations_from.setdefault(str(row["source_id"]), []).append(row)
            data.relations_to.setdefault(str(row["target_id"]), []).append(row)
        cited = [r for r in _rows(dataset, "targets") if not r.get("provision_id")]
        for row in sorted(cited, key=lambda r: (r.get("end_year") or 0, str(r.get("id")))):
            data.cited_targets.setdefault(str(row["document_id"]), []).append(row)
        if data.query.has("seed_texts"):
            data.seed_texts = SeedTexts(data.query)
        for row in _rows(dataset, "claims"):
            data.claims.setdefault(str(row["document_id"]), []).append(row)
        return data

    def provision_rows(self, pids: list[str]) -> list[dict[str, Any]]:
        """Return the rows of these provisions in this order, read in one query (the ones a page shows)."""
        prefetch = getattr(self.provisions, "prefetch", None)
        return prefetch(pids) if prefetch else [self.provisions[p] for p in pids if p in self.provisions]

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


def _rows(dataset: Dataset, name: str) -> list[dict[str, Any]]:
    table = optional_table(dataset, name)
    return [] if table is None else records(table, list(table.columns))


def optional_table(dataset: Dataset, name: str) -> pd.DataFrame | None:
    """Return a table when the data package has it (analysis tables arrive one by one), else None."""
    return dataset.table(name) if name in dataset.table_names else None


def vocabulary(dataset: Dataset, tables: dict[str, pd.DataFrame | None]) -> Vocabulary:
    """Return the names URLs may use: documents, provisions, themes, issuers, entities, actors, years."""
    docs = dataset.documents.sort_values(["held", "issued", "id"], ascending=[False, True, True])
    keys: dict[str, str] = {}
    for doc_id, symbol in zip(docs["id"], docs["symbol"], strict=True):
        keys.setdefault(str(doc_id).casefold(), str(doc_id))
        keys.setdefault(symbol_key(str(symbol)), str(doc_id))
    held = docs[docs["held"].astype(bool)]
    years = (int(held["year"].min()), int(held["year"].max())) if not held.empty else (2013, 2025)
    themes = tuple(str(t) for t in dataset.table("themes")["id"]) if "themes" in dataset.table_names else ()
    entities = None
    if tables.get("mentions") is not None:
        names = tables.get("entities")
        used = set(tables["mentions"]["entity_id"].astype(str)) if "entity_id" in tables["mentions"] else set()
        entities = (
            {str(i): str(n) for i, n in zip(names["id"], names["name"], strict=True) if str(i) in used}
            if names is not None and {"id", "name"} <= set(names.columns)
            else {i: i for i in sorted(used)}
        )
    actors = None
    if tables.get("assignments") is not None:
        names = tables.get("actors")
        used = set(tables["assignments"]["actor_id"].astype(str)) if "actor_id" in tables["assignments"] else set()
        actors = (
            {str(i): str(n) for i, n in zip(names["id"], names["name_en"], strict=True) if str(i) in used}
            if names is not None and {"id", "name_en"} <= set(names.columns)
            else {i: i for i in sorted(used)}
        )
    return Vocabulary(
        doc_keys=keys,
        doc_symbols=dict(zip(docs["id"].astype(str), docs["symbol"].astype(str), strict=True)),
        held=frozenset(held["id"].astype(str)),
        provision_docs=dict(
            zip(
                dataset.provisions["id"].astype(str),
                dataset.provisions["document_id"].astype(str),
                strict=True,
            )
        ),
        themes=themes,
        issuers=dict(zip(docs["issuer"].astype(str), docs["issuer_label"].astype(str), strict=True)),
        entities=entities,
        actors=actors,
        years=years,
        target_years=year_bounds(dataset),
        versions=dataset.versions,
    )


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
