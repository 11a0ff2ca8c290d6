"""Which dated targets are deadlines a document sets itself, and which only carry a year: a programme's name
("Agenda 2030"), a cross-reference to another document's horizon (01/NQ-CP citing the Overall strategy's
"vision to 2030"), or words that are not the document's own (a publisher's framing).

"Due in 2030" counts deadlines only; the others are listed apart with the reason, and the timeline draws a
document's horizon bar only to the years it sets itself (`own_year`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import pandas as pd

from dashboard.dataset.load import Dataset
from dashboard.figures.labels import text
from dashboard.i18n import table

ROLES = ("deadline", "name", "cross_reference", "not_own")
ROLE_WORDS = table("deadline_role")
_WORD = re.compile(r"[^\W\d_]+")
_SMALL = frozenset({"on", "for", "of", "the", "and", "to", "in", "a", "an", "with", "by"})


def _words(value: Any) -> set[str]:
    return {w for w in _WORD.findall(text(value).lower()) if w not in _SMALL}


def deadline_role(row: Mapping[str, Any], titles: Mapping[str, str]) -> str:
    """Return what a target's year is: "deadline", "name" (the year is part of a programme's name),
    "cross_reference" (the period of a programme that another document of the corpus sets: every word of the
    programme is in that document's title) or "not_own" (found in a publisher's framing or a secondary account).

    `titles` maps each document id to its English title."""
    own_text = row.get("own_text")
    if own_text is not None and not pd.isna(own_text) and not bool(own_text):
        return "not_own"
    surface, programme = text(row.get("surface")).strip().lower(), text(row.get("programme")).lower()
    if surface and programme and surface in programme:
        return "name"
    words = _words(programme)
    own = str(row.get("document_id"))
    if row.get("kind") == "programme_period" and len(words) >= 2:
        index = _title_index(titles)
        holding = set.intersection(*(index.get(w, set()) for w in words))
        if holding - {own}:
            return "cross_reference"
    return "deadline"


_TITLE_INDEXES: dict[int, tuple[Mapping[str, str], dict[str, set[str]]]] = {}


def _title_index(titles: Mapping[str, str]) -> dict[str, set[str]]:
    """Return word → the documents whose title holds it, built once per `titles` mapping (document_titles
    returns the same one for a dataset): a target's programme is looked up, not compared with every title."""
    cached = _TITLE_INDEXES.get(id(titles))
    if cached is None or cached[0] is not titles:
        index: dict[str, set[str]] = {}
        for doc, title in titles.items():
            for word in _words(title):
                index.setdefault(word, set()).add(doc)
        if len(_TITLE_INDEXES) >= 8:
            _TITLE_INDEXES.clear()
        cached = _TITLE_INDEXES[id(titles)] = (titles, index)
    return cached[1]


def context_years(horizons: Iterable[int], note: Any) -> set[int]:
    """Return the horizon years that a document's horizons note says are context only ("2020 is context
    only"): years the document mentions but does not set."""
    words = text(note).lower()
    return {int(y) for y in horizons if re.search(rf"\b{int(y)}\b[^;.]*\bcontext only\b", words)}


@lru_cache(maxsize=8)
def document_titles(ds: Dataset) -> dict[str, str]:
    """Return each document's English title by id (every document of the corpus, held or not)."""
    docs = ds.documents
    if "title_en" not in docs:
        return {}
    return {str(i): text(t) for i, t in zip(docs["id"], docs["title_en"], strict=True)}


def role_label(role: str, lang: str = "en") -> str:
    """Return the words for a target's role ("a name that carries a year, not a deadline")."""
    words = ROLE_WORDS.get(role, {})
    return words.get(lang) or words.get("en") or role
