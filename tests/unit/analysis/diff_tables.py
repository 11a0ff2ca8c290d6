"""Provision tables for the diff tests: the columns `diff_provisions` reads, one provision per text."""

from __future__ import annotations

import pandas as pd


def provisions(doc: str, texts: list[str], own: list[bool] | None = None) -> pd.DataFrame:
    own = own or [True] * len(texts)
    return pd.DataFrame(
        {
            "id": [f"{doc}:{i + 1}" for i in range(len(texts))],
            "document_id": doc,
            "ordinal": range(len(texts)),
            "label": "",
            "kind": ["paragraph" if o else "commentary" for o in own],
            "own_text": own,
            "text": texts,
            "content": texts,
            "words": [len(t.split()) for t in texts],
        }
    )
