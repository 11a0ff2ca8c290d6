"""Search over provisions: ranked full text (SQLite FTS5 with bm25, see `fulltext`) with filters, matches in
titles and names (English and Vietnamese), and the folding helpers that highlight names in a text.

The index is built once at load and queried many times. `match_spans` and `FoldedText` (used to mark entity and
actor names) fold the same way as `corpus.normalise.fold` and map matches in the folded text back to character
spans of the displayed text, so that a highlight covers the right letters even when folding changes a word's
length.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, cast

import numpy as np
import pandas as pd

from dashboard.analysis.fulltext import FullText, looks_vietnamese
from dashboard.analysis.search_rows import Blocks, Rows, count_documents, keep, kept_blocks, listed_rows, passes, take
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
class Filters:
    """Which provisions to keep (empty filters match everything): the Explorer's filters, shared by the search
    and by the query layer's pages of provisions (dataset.query.ProvisionFilter)."""

    documents: tuple[str, ...] = ()
    theme: str = ""
    issuer: str = ""
    year_from: int | None = None
    year_to: int | None = None
    entity: str = ""
    actor: str = ""
    role: str = ""
    own_only: bool = False


@dataclass(frozen=True, kw_only=True)
class SearchQuery(Filters):
    """What to look for: terms and the filters."""

    text: str = ""


@dataclass(frozen=True, slots=True)  # ~42,000 held at 10,000 documents: no dict each
class NameHit:
    """A title or a name the query matched: a document's title, a theme, a responsible body or an entity (in
    English or in Vietnamese), with the filter value that lists its provisions."""

    kind: str  # document | theme | actor | entity
    id: str
    text: str  # the title or name as stored (the words matched are at `spans`)
    spans: tuple[tuple[int, int], ...] = ()


@dataclass
class SearchResult:
    """Matching provisions (best first when there are words to rank by, else in reading order), how each
    matched, and the titles and names the words match. The matches are row positions in the index's frame: a
    page of them is made into a frame when it is shown (`page`), not every match at once."""

    rows: Rows  # the matching provisions' rows in `source`, in the result's order
    source: pd.DataFrame = field(repr=False)  # the index's frame
    documents: int = 0  # how many documents the matches come from
    tier: np.ndarray | None = None  # per match: 1 where only the start of a word matched (None: every match 0)
    include: tuple[str, ...] = ()
    names: list[NameHit] = field(default_factory=list[NameHit])
    vietnamese: bool = False  # the query holds Vietnamese letters or tones

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def frame(self) -> pd.DataFrame:
        """Every match: id, document_id, ordinal, year, own_text, row (in the index), tier."""
        return self.page(0, len(self.rows))

    def page(self, start: int, stop: int) -> pd.DataFrame:
        """Return the matches from `start` to `stop` (as `frame` has them)."""
        rows = np.asarray(self.rows[start:stop], dtype=np.int64)
        tier = np.zeros(len(rows), dtype=np.int8) if self.tier is None else self.tier[start:stop]
        return self.source.iloc[rows][list(RESULT_COLUMNS)].assign(row=rows, tier=tier)


RESULT_COLUMNS = ("id", "document_id", "ordinal", "year", "own_text")


@dataclass
class SearchIndex:
    """Provisions in reading order (document date, document, ordinal) with their FTS5 index and filter sets,
    and a second index over the titles and names (documents, themes, actors, entities; English and
    Vietnamese)."""

    frame: pd.DataFrame
    text: FullText | None = None
    names: list[NameHit] = field(default_factory=list[NameHit])
    name_text: FullText | None = None
    vietnamese_documents: int = 0  # held documents whose text is Vietnamese
    # keyed by the tuple of the key columns' values: (theme_id,), (entity_id,), (actor_id, role)
    theme_rows: dict[tuple[str, ...], np.ndarray] = field(default_factory=dict[tuple[str, ...], np.ndarray])
    entity_rows: dict[tuple[str, ...], np.ndarray] = field(default_factory=dict[tuple[str, ...], np.ndarray])
    actor_rows: dict[tuple[str, ...], np.ndarray] = field(default_factory=dict[tuple[str, ...], np.ndarray])

    @classmethod
    def build(
        cls,
        provisions: pd.DataFrame,
        documents: pd.DataFrame,
        *,
        provision_themes: pd.DataFrame | None = None,
        mentions: pd.DataFrame | None = None,
        assignments: pd.DataFrame | None = None,
        names: Sequence[NameHit] = (),
        folder: Path | None = None,
    ) -> SearchIndex:
        """Build the index once from the tables; the optional tables enable the theme, entity and actor
        filters, and `names` (see `name_entries`) the matches among titles and names. With `folder`, the two
        full-text indexes are written there (`search_store` writes the rest and opens it all again)."""
        docs = documents[["id", "issuer", "year", "issued"]].rename(columns={"id": "document_id"})
        frame = provisions[["id", "document_id", "ordinal", "own_text", "text"]].merge(
            docs, on="document_id", how="left", validate="many_to_one"
        )
        frame = frame.sort_values(["issued", "document_id", "ordinal"], kind="stable").reset_index(drop=True)
        index = cls(frame=frame.drop(columns=["text"]))
        index.text = FullText(frame["text"].astype("str").tolist(), folder / "text" if folder else None)
        index.names = list(names)
        index.name_text = FullText((n.text for n in index.names), folder / "names" if folder else None)
        if "language" in documents:
            held = documents[documents["held"].astype(bool)] if "held" in documents else documents
            index.vietnamese_documents = int((held["language"].astype(str) == "vi").sum())
        position = pd.Series(np.arange(len(frame)), index=frame["id"].to_numpy())
        index.theme_rows = _rows_by(position, provision_themes, ["theme_id"])
        index.entity_rows = _rows_by(position, mentions, ["entity_id"])
        index.actor_rows = _rows_by(position, assignments, ["actor_id", "role"])
        for (actor, _role), rows in list(index.actor_rows.items()):
            merged = index.actor_rows.get((actor, ""), np.empty(0, dtype=np.int64))
            index.actor_rows[(actor, "")] = np.union1d(merged, rows)
        return index

    @cached_property
    def blocks(self) -> Blocks | None:
        """Each document's consecutive rows (None if a document's rows were not consecutive)."""
        return Blocks.of(self.frame)

    @cached_property
    def own(self) -> np.ndarray:
        """Whether each row is the provision's own text (a bool per row)."""
        return self.frame["own_text"].to_numpy(dtype=bool)

    def search(self, query: SearchQuery) -> SearchResult:
        """Return the matching provisions: ranked by bm25 when the query has words, else in reading order."""
        terms = parse_terms(query.text)
        listed = listed_rows(query, self.theme_rows, self.entity_rows, self.actor_rows)
        if not terms or self.text is None:
            rows: Rows = range(len(self.frame)) if listed is None else listed
            if self.blocks is None or listed is not None:
                rows = keep(rows, self._inside(rows, query, listed))
            else:  # the blocks the documents, issuer and years filters keep, then the own text
                kept = kept_blocks(self.blocks.columns, query)
                rows = rows if kept is None else self.blocks.rows(kept)
                rows = keep(rows, take(self.own, rows)) if query.own_only else rows
            return SearchResult(rows, self.frame, count_documents(rows, self.blocks, self.frame))
        hits = self.text.search(terms.include, terms.exclude)
        tier = hits.tier if len(hits.tier) == len(hits.rows) else np.zeros(len(hits.rows), dtype=np.int8)
        inside = self._inside(hits.rows, query, listed)
        rows = hits.rows[inside]
        return SearchResult(
            rows,
            self.frame,
            count_documents(rows, self.blocks, self.frame),
            tier=tier[inside],
            include=terms.include,
            names=self.match_names(terms.include),
            vietnamese=looks_vietnamese(query.text),
        )

    def _inside(self, rows: Rows, query: SearchQuery, listed: np.ndarray | None) -> Any:
        return passes(rows, query, listed, self.blocks, self.frame, self.own)

    def spans(self, row: int, include: Sequence[str], text: str | None = None) -> list[tuple[int, int]]:
        """Return the spans of provision `row`'s text (a SearchResult's `row`; `text`, that provision's text,
        when the index was opened from a folder) that the words match."""
        return self.text.spans(row, include, text) if self.text is not None else []

    def match_names(self, include: Sequence[str], limit: int = 12) -> list[NameHit]:
        """Return the titles and names that hold every word (stem or prefix), best first."""
        if not include or self.name_text is None or not self.names:
            return []
        hits = self.name_text.search(include)
        out: dict[tuple[str, str], NameHit] = {}  # one per document, theme, body or entity: its best name
        for i in hits.rows:
            name = self.names[int(i)]
            if (name.kind, name.id) not in out:
                out[(name.kind, name.id)] = dataclasses.replace(
                    name, spans=tuple(self.name_text.spans(int(i), include, name.text))
                )
            if len(out) == limit:
                break
        return list(out.values())


def name_entries(
    documents: pd.DataFrame,
    *,
    themes: pd.DataFrame | None = None,
    actors: pd.DataFrame | None = None,
    entities: pd.DataFrame | None = None,
) -> list[NameHit]:
    """Return the titles and names to search besides the provisions: each held document's English and
    Vietnamese titles, each theme's labels, each responsible body's names and each entity's name and
    aliases."""
    out: list[NameHit] = []
    held = documents[documents["held"].astype(bool)] if "held" in documents else documents
    for row in records(held, ["id", "title_en", "title_vi"]):
        out += [
            NameHit("document", str(row["id"]), str(row[k])) for k in ("title_vi", "title_en") if row.get(k)
        ]
    for table, kind, keys in (
        (themes, "theme", ("label_vi", "label_en")),
        (actors, "actor", ("name_vi", "name_en")),
        (entities, "entity", ("name",)),
    ):
        if table is None or "id" not in table:
            continue
        for row in records(table, ["id", *keys, "aliases"]):
            texts = [str(row[k]) for k in keys if row.get(k)] + _aliases(row.get("aliases"))
            out += [NameHit(kind, str(row["id"]), t) for t in dict.fromkeys(texts)]
    return out


def _aliases(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [a.strip() for a in value.split(",") if a.strip()]
    try:
        return [str(a) for a in list(value) if str(a).strip()]
    except TypeError:
        return []


def _rows_by(
    position: pd.Series, table: pd.DataFrame | None, keys: list[str]
) -> dict[tuple[str, ...], np.ndarray]:
    if table is None or table.empty or "provision_id" not in table or not set(keys) <= set(table.columns):
        return {}
    rows = table[["provision_id", *keys]].copy()
    rows["row"] = rows["provision_id"].map(position)
    rows = rows.dropna(subset=["row"])
    rows[keys] = rows[keys].fillna("").astype(str)
    return {
        # grouped by a list of columns: each key is a tuple (of strings, as the columns were made)
        cast(tuple[str, ...], k): np.unique(g["row"].to_numpy(dtype=np.int64))
        for k, g in rows.groupby(keys, sort=False)
    }
