"""The provisions table's rows, made when a step first reads them.

An add writes the provisions table from the previous package's bytes and the new documents' chunks
(dataset.splice), and its only step that reads the rows, term emergence from the cached state (dataset.terms_add),
reads the added document's alone. Making every document's rows up front cost about 0.15 s of CPU per 1,000
documents on every build; `ProvisionRows` makes them when a step iterates or indexes the table (the full term
emergence does), and one document's on their own when asked (`rows_of_document`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any, overload

from dashboard.analysis.keyness import records
from dashboard.corpus.load import Corpus
from dashboard.corpus.spans import Row
from dashboard.dataset.seed_tables import provision_rows


class ProvisionRows(Sequence[Row]):
    """`seed_tables.provision_rows(corpus)`, made on first use (iterated, indexed or counted), then kept."""

    def __init__(self, corpus: Corpus) -> None:
        self._corpus = corpus
        self._rows: list[Row] | None = None

    def _all(self) -> list[Row]:
        if self._rows is None:
            self._rows = provision_rows(self._corpus)
        return self._rows

    @property
    def made(self) -> bool:
        """Whether every document's rows were made (a step read the whole table)."""
        return self._rows is not None

    def of_document(self, document_id: str) -> list[Row]:
        """Return the rows whose `document_id` is `document_id`, in corpus order, making no other document's."""
        if self._rows is not None:
            return [p for p in self._rows if p["document_id"] == document_id]
        # the same function over the documents that hold such provisions (a provision's document_id is its
        # document's id, so one document), its rows filtered as the whole table's would be
        docs = [d for d in self._corpus.documents if any(p.document_id == document_id for p in d.provisions)]
        return [p for p in provision_rows(replace(self._corpus, documents=docs)) if p["document_id"] == document_id]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Iterator[Row]:
        return iter(self._all())

    @overload
    def __getitem__(self, index: int) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...
    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        return self._all()[index]


def rows_of_document(provisions: Any, document_id: str) -> list[Row]:
    """Return the provision rows of one document from a provisions table (rows, a DataFrame or `ProvisionRows`)."""
    if isinstance(provisions, ProvisionRows):
        return provisions.of_document(document_id)
    return [p for p in records(provisions) if p["document_id"] == document_id]
