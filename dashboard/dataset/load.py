"""Read the published data package once (Parquet twins) and answer look-ups; the app and export use only this."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, cast

import pandas as pd

from dashboard.corpus.ids import symbol_key
from dashboard.errors import DataInvalid, UnknownDocument
from dashboard.paths import DATA_DIR


class Dataset:
    """The data package as pandas tables, loaded lazily and kept for the life of the process."""

    def __init__(self, data_dir: Path = DATA_DIR) -> None:
        self.data_dir = Path(data_dir)
        descriptor = self.data_dir / "datapackage.json"
        if not descriptor.exists():
            raise DataInvalid([f"error: {descriptor}: file: no data package here (run `policy-timeline build`)"])
        self.package: dict[str, Any] = json.loads(descriptor.read_text(encoding="utf-8"))
        self._tables: dict[str, pd.DataFrame] = {}

    @property
    def version(self) -> str:
        """Return the dataset version of datapackage.json."""
        return str(self.package.get("version", "unversioned"))

    @property
    def citation(self) -> str:
        """Return how to cite the dataset."""
        return str(self.package.get("citation", self.package.get("title", "")))

    @property
    def table_names(self) -> list[str]:
        """Return the names of the package's resources."""
        return [r["name"] for r in self.package["resources"]]

    def table(self, name: str) -> pd.DataFrame:
        """Return one table (read from its Parquet twin once)."""
        if name not in self._tables:
            if name not in self.table_names:
                raise KeyError(f"the data package has no table {name!r}")
            self._tables[name] = pd.read_parquet(self.data_dir / f"{name}.parquet")
        return self._tables[name]

    @property
    def whole(self) -> Dataset:
        """Return the whole package's dataset: this one (a scoped dataset returns its base, dataset.scoped)."""
        return self

    def within(self, documents: Sequence[str]) -> Dataset:
        """Return a dataset that holds at least `documents`' rows: this one, whose tables hold every row (a scoped
        dataset returns its base seen through `documents`, so a chart of other documents than its own draws
        them, from their rows only)."""
        return self

    def loaded(self) -> frozenset[str]:
        """Return the names of the tables read into memory so far."""
        return frozenset(self._tables)

    @cached_property
    def documents(self) -> pd.DataFrame:
        """Return the documents table indexed by nothing, in package order."""
        return self.table("documents")

    @cached_property
    def provisions(self) -> pd.DataFrame:
        """Return the provisions table."""
        return self.table("provisions")

    @cached_property
    def _document_keys(self) -> dict[str, str]:
        keys: dict[str, str] = {}
        for doc_id, symbol in zip(self.documents["id"], self.documents["symbol"], strict=True):
            keys.setdefault(doc_id.casefold(), doc_id)
            keys.setdefault(symbol_key(symbol), doc_id)
        return keys

    def resolve_document(self, ref: str) -> str:
        """Return the document id for an id or symbol (any case); raise UnknownDocument otherwise."""
        text = (ref or "").strip()
        keys = self._document_keys
        found = keys.get(text.casefold()) or (keys.get(symbol_key(text)) if text else None)
        if not found:
            raise UnknownDocument(text, list(self.documents.loc[self.documents["held"], "id"]))
        return found

    def document(self, doc_id: str) -> dict[str, Any]:
        """Return one document's row as a dict."""
        rows = self.documents[self.documents["id"] == doc_id]
        if rows.empty:
            raise UnknownDocument(doc_id)
        return cast("dict[str, Any]", rows.iloc[0].to_dict())  # the keys are column names, all text

    @cached_property
    def versions(self) -> dict[str, dict[str, str]]:
        """Return {document id: {language: id of the documents row holding that version}}, the primary version
        first, for every held document (one entry for a document held in one language; {} for a package built
        before versions existed)."""
        if "document_versions" not in self.table_names:
            return {}
        out: dict[str, dict[str, str]] = {}
        rows = self.table("document_versions").sort_values(["document_id", "primary", "version"],
                                                           ascending=[True, False, True], kind="stable")
        for doc_id, version, version_id in zip(rows["document_id"], rows["version"], rows["version_id"],
                                               strict=True):
            out.setdefault(str(doc_id), {})[str(version)] = str(version_id)
        return out

    def held_documents(self) -> pd.DataFrame:
        """Return the documents the corpus holds, in date order: one row per document, so a document held in two
        languages is drawn and counted once (its other-language version is reached through `versions`)."""
        held = self.documents["held"]
        if "version_of" in self.documents:
            held = held & ~self.documents["version_of"].fillna("").astype(str).str.strip().astype(bool)
        return self.documents[held].sort_values(["issued", "id"])


@lru_cache(maxsize=4)
def get_dataset(data_dir: str | None = None) -> Dataset:
    """Return the process-wide Dataset for `data_dir` (default data/)."""
    return Dataset(Path(data_dir) if data_dir else DATA_DIR)
