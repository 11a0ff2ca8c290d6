"""Full-text search over provisions: accent- and case-insensitive, with filters and match spans for
highlighting.

The index is built once (folded text per provision, in reading order) and queried many times; a query never
re-folds the corpus. Search keys use the same folding as `corpus.normalise.fold`, and `match_spans` maps
matches in the folded text back to character spans of the displayed text, so that a highlight covers the right
letters even when folding changes a word's length.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from dashboard.corpus.normalise import normalise_text

MAX_TERMS = 12
# the combining marks that decomposition leaves (Vietnamese tones and vowel marks among them)
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_QUOTED = re.compile(r'"([^"]+)"|(\S+)')
_FOLD_CHAR = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2010": "-",
        "\u2011": "-",
        "đ": "d",
        "Đ": "D",
    }
)


@dataclass(frozen=True)
class Terms:
    """A parsed query: words or quoted phrases that must all occur, and words that must not."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.include or self.exclude)


def parse_terms(query: str) -> Terms:
    """Split a query into folded terms: `"ASEAN Community" trade -WTO` → include two, exclude one."""
    include: list[str] = []
    exclude: list[str] = []
    for phrase, word in _QUOTED.findall(query or ""):
        raw = phrase or word
        target = include
        if not phrase and raw.startswith("-") and len(raw) > 1:
            raw, target = raw[1:], exclude
        key = search_key(normalise_text(raw)).strip("\"'")
        if any(ch.isalnum() for ch in key) and key not in target:
            target.append(key)
    return Terms(tuple(include[:MAX_TERMS]), tuple(exclude[:MAX_TERMS]))


def search_key(text: str) -> str:
    """Return the folded search key of normalised text (equal to `corpus.normalise.fold` on such text).

    Faster than `fold` because the text is already normalised and diacritics go in one regular expression: the
    index folds every provision once at start (64,000 provisions in well under a second).
    """
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFD", text.translate(_FOLD_CHAR).casefold()))


def records(table: pd.DataFrame, columns: list[str] | tuple[str, ...]) -> list[dict[str, Any]]:
    """Return rows as dicts of the given columns (several times faster than `to_dict("records")` on Arrow
    strings); missing values are None."""
    present = [c for c in columns if c in table.columns]
    values = [[None if _missing(v) else v for v in table[c].tolist()] for c in present]
    return [dict(zip(present, row, strict=True)) for row in zip(*values, strict=True)]


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA


def fold_with_map(text: str) -> tuple[str, Sequence[int]]:
    """Return the folded text and, for each of its characters, the index of the character it came from."""
    if text.isascii():
        return text.lower(), range(len(text))
    folded: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch.isascii():
            piece = ch.lower()
        else:
            piece = _COMBINING.sub("", unicodedata.normalize("NFD", ch.translate(_FOLD_CHAR).casefold()))
        folded.append(piece)
        origin.extend([i] * len(piece))
    return "".join(folded), origin


class FoldedText:
    """A displayed text folded once, in which many needles are then found (spans in the displayed text)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded, self.origin = fold_with_map(text)

    def spans(self, needles: Iterable[str], *, whole_word: bool = False) -> list[tuple[int, int]]:
        """Return sorted, merged (start, end) spans where any needle occurs (accent- and case-insensitive).

        Args:
            needles: terms or surfaces; they are folded here, so raw surfaces may be passed.
            whole_word: only match where the needle is not part of a longer word (entity and actor names).
        """
        keys = {_needle_key(n) for n in needles if n} - {""}
        spans: list[tuple[int, int]] = []
        for key in keys:
            start = self.folded.find(key)
            while start != -1:
                end = start + len(key)
                if not whole_word or _is_word_boundary(self.folded, start, end):
                    spans.append((self.origin[start], self.origin[end - 1] + 1))
                start = self.folded.find(key, start + 1)
        return merge_spans(spans)


def match_spans(text: str, needles: Iterable[str], *, whole_word: bool = False) -> list[tuple[int, int]]:
    """Return the spans of `text` where any needle occurs (see FoldedText.spans)."""
    return FoldedText(text).spans(needles, whole_word=whole_word) if text else []


@lru_cache(maxsize=4096)
def _needle_key(needle: str) -> str:
    key = search_key(normalise_text(needle))
    return key if key.strip() else ""


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the spans sorted with overlapping or touching spans merged."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _is_word_boundary(folded: str, start: int, end: int) -> bool:
    before = folded[start - 1] if start > 0 else " "
    after = folded[end] if end < len(folded) else " "
    return not (before.isalnum() and folded[start].isalnum()) and not (
        after.isalnum() and folded[end - 1].isalnum()
    )


@dataclass(frozen=True)
class SearchQuery:
    """What to look for: terms and filters (empty filters match everything)."""

    text: str = ""
    documents: tuple[str, ...] = ()
    theme: str = ""
    issuer: str = ""
    year_from: int | None = None
    year_to: int | None = None
    entity: str = ""
    actor: str = ""
    role: str = ""
    own_only: bool = False


@dataclass
class SearchIndex:
    """Provisions in reading order (document date, document, ordinal) with their folded text and filter
    sets."""

    frame: pd.DataFrame
    theme_rows: dict[str, np.ndarray] = field(default_factory=dict)
    entity_rows: dict[str, np.ndarray] = field(default_factory=dict)
    actor_rows: dict[tuple[str, str], np.ndarray] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        provisions: pd.DataFrame,
        documents: pd.DataFrame,
        *,
        provision_themes: pd.DataFrame | None = None,
        mentions: pd.DataFrame | None = None,
        assignments: pd.DataFrame | None = None,
    ) -> SearchIndex:
        """Build the index once from the tables; the optional tables enable the theme, entity and actor
        filters."""
        docs = documents[["id", "issuer", "year", "issued"]].rename(columns={"id": "document_id"})
        frame = provisions[["id", "document_id", "ordinal", "own_text", "text"]].merge(
            docs, on="document_id", how="left", validate="many_to_one"
        )
        frame = frame.sort_values(["issued", "document_id", "ordinal"], kind="stable").reset_index(drop=True)
        frame["key"] = frame["text"].map(search_key).astype("str")
        frame = frame.drop(columns=["text"])
        position = pd.Series(np.arange(len(frame)), index=frame["id"].to_numpy())
        index = cls(frame=frame)
        index.theme_rows = _rows_by(position, provision_themes, ["theme_id"])
        index.entity_rows = _rows_by(position, mentions, ["entity_id"])
        index.actor_rows = _rows_by(position, assignments, ["actor_id", "role"])
        for (actor, _role), rows in list(index.actor_rows.items()):
            merged = index.actor_rows.get((actor, ""), np.empty(0, dtype=np.int64))
            index.actor_rows[(actor, "")] = np.union1d(merged, rows)
        return index

    def search(self, query: SearchQuery) -> pd.DataFrame:
        """Return the matching provisions (id, document_id, ordinal, year …) in reading order."""
        frame = self.frame
        mask = np.ones(len(frame), dtype=bool)
        if query.documents:
            mask &= frame["document_id"].isin(query.documents).to_numpy()
        if query.issuer:
            mask &= (frame["issuer"] == query.issuer).to_numpy()
        if query.year_from is not None:
            mask &= (frame["year"] >= query.year_from).to_numpy()
        if query.year_to is not None:
            mask &= (frame["year"] <= query.year_to).to_numpy()
        if query.own_only:
            mask &= frame["own_text"].to_numpy(dtype=bool)
        if query.theme:
            mask &= _in_rows(len(frame), self.theme_rows.get((query.theme,)))
        if query.entity:
            mask &= _in_rows(len(frame), self.entity_rows.get((query.entity,)))
        if query.actor:
            mask &= _in_rows(len(frame), self.actor_rows.get((query.actor, query.role)))
        terms = parse_terms(query.text)
        if terms:
            candidates = np.flatnonzero(mask)
            keys = frame["key"].iloc[candidates]
            keep = np.ones(len(candidates), dtype=bool)
            for term in terms.include:
                keep &= keys.str.contains(term, regex=False).to_numpy(dtype=bool)
            for term in terms.exclude:
                keep &= ~keys.str.contains(term, regex=False).to_numpy(dtype=bool)
            mask = np.zeros(len(frame), dtype=bool)
            mask[candidates[keep]] = True
        return frame.loc[mask, ["id", "document_id", "ordinal", "year", "own_text"]]


def _rows_by(position: pd.Series, table: pd.DataFrame | None, keys: list[str]) -> dict[tuple, np.ndarray]:
    if table is None or table.empty or "provision_id" not in table or not set(keys) <= set(table.columns):
        return {}
    rows = table[["provision_id", *keys]].copy()
    rows["row"] = rows["provision_id"].map(position)
    rows = rows.dropna(subset=["row"])
    rows[keys] = rows[keys].fillna("").astype(str)
    return {
        (k if isinstance(k, tuple) else (k,)): np.unique(g["row"].to_numpy(dtype=np.int64))
        for k, g in rows.groupby(keys, sort=False)
    }


def _in_rows(size: int, rows: np.ndarray | None) -> np.ndarray:
    out = np.zeros(size, dtype=bool)
    if rows is not None:
        out[rows] = True
    return out
