"""Ranked full-text search with SQLite FTS5 (Python's standard library): bm25 ranking, Porter stemming,
phrase queries, accent-insensitive matching (Vietnamese included) and match offsets for highlighting.

One in-memory FTS5 table per `FullText`, filled once (at load) and queried many times. The tokenizer is
`porter unicode61 remove_diacritics 2`: case and diacritics fold ("hội nhập" = "hoi nhap"), and English words
are stemmed ("diplomas" = "diploma", while "diplomatic" stems to "diplomat", another word). unicode61 does not
treat đ as d with a mark (it is a letter of its own), so texts and queries fold đ/Đ to d/D first; that is one
character for one, so offsets in the indexed text are offsets in the displayed text.

A query is parsed by `parse_terms` (words, "quoted phrases", -excluded words) and written as an FTS5 expression
of quoted strings only, so no user input is ever read as FTS5 syntax. Rows that match every word (by stem) come
first, by bm25; rows where a word only starts a longer word ("integr" → "integration", "diploma" →
"diplomatic") follow them, by bm25 too, so a half-typed word still finds something.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

TOKENIZER = "porter unicode61 remove_diacritics 2"
_D = str.maketrans({"đ": "d", "Đ": "D"})
_OPEN, _CLOSE = "\x01", "\x02"  # highlight markers (seed texts never hold control characters)
_MARKED = re.compile(f"{_OPEN}(.*?){_CLOSE}", re.DOTALL)
# letters Vietnamese writes and English does not: a query holding one is Vietnamese
_VIETNAMESE = re.compile("[đĐơƠưƯăĂâÂêÊôÔ\u0300-\u0323]|[àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", re.IGNORECASE)


def fold_d(text: str) -> str:
    """Return `text` with đ/Đ as d/D (the only folding FTS5's unicode61 does not do itself)."""
    return text.translate(_D)


def looks_vietnamese(text: str) -> bool:
    """Return True when `text` holds a letter or tone mark of Vietnamese that English does not use."""
    import unicodedata

    return bool(_VIETNAMESE.search(unicodedata.normalize("NFD", text))) or bool(_VIETNAMESE.search(text))


def fts_string(term: str) -> str:
    """Return `term` as an FTS5 string (a phrase when it has several words): quotes doubled, nothing else
    special."""
    return '"' + fold_d(term).replace('"', '""') + '"'


@dataclass(frozen=True)
class Hits:
    """Matching rows, best first: row numbers and, for each, 0 when every word matched by stem and 1 when a
    word matched only as the start of a longer word."""

    rows: np.ndarray
    tier: np.ndarray


class FullText:
    """An FTS5 index of texts numbered 0..n-1 (their position in the caller's table)."""

    def __init__(self, texts: Iterable[str]) -> None:
        # one connection per index, used from any thread of the server (sqlite3 serialises the calls)
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.db.execute(f"CREATE VIRTUAL TABLE t USING fts5(body, tokenize='{TOKENIZER}')")
        with self.db:
            self.db.executemany(
                "INSERT INTO t(rowid, body) VALUES (?, ?)",
                ((i, fold_d(x or "")) for i, x in enumerate(texts)),
            )
            self.db.execute("INSERT INTO t(t) VALUES ('optimize')")

    def search(self, include: Sequence[str], exclude: Sequence[str] = ()) -> Hits:
        """Return the rows that hold every `include` term (words or phrases) and no `exclude` term, best
        first. With only excluded terms, every row without them, in row order."""
        if not include:
            if not exclude:
                return Hits(np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int8))
            every = self._rows("SELECT rowid FROM t ORDER BY rowid", ())
            return Hits(np.setdiff1d(every, self._matching(_any(exclude)), assume_unique=True), np.zeros(0))
        exact = self._ranked(_all(include, exclude, prefix=False))
        rows, tier = [exact], [np.zeros(len(exact), dtype=np.int8)]
        if any(" " not in t for t in include):
            loose = self._ranked(_all(include, exclude, prefix=True))
            loose = loose[~np.isin(loose, exact)]
            rows.append(loose)
            tier.append(np.ones(len(loose), dtype=np.int8))
        return Hits(np.concatenate(rows), np.concatenate(tier))

    def spans(self, row: int, include: Sequence[str]) -> list[tuple[int, int]]:
        """Return the (start, end) character spans of `row`'s text that the terms match (stem or prefix)."""
        if not include:
            return []
        query = " OR ".join(
            [*(fts_string(t) for t in include), *(fts_string(t) + "*" for t in include if " " not in t)]
        )
        found = self.db.execute(
            "SELECT highlight(t, 0, ?, ?) FROM t WHERE t MATCH ? AND rowid = ?",
            (_OPEN, _CLOSE, query, int(row)),
        ).fetchone()
        return marked_spans(found[0]) if found else []

    def _ranked(self, query: str) -> np.ndarray:
        return self._rows("SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t), rowid", (query,))

    def _matching(self, query: str) -> np.ndarray:
        return self._rows("SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid", (query,))

    def _rows(self, sql: str, params: tuple) -> np.ndarray:
        try:
            found = self.db.execute(sql, params).fetchall()
        except sqlite3.OperationalError:  # a term FTS5 cannot read (e.g. only punctuation): nothing matches
            return np.empty(0, dtype=np.int64)
        return np.fromiter((r[0] for r in found), dtype=np.int64, count=len(found))


def _all(include: Sequence[str], exclude: Sequence[str], *, prefix: bool) -> str:
    words = [fts_string(t) + ("*" if prefix and " " not in t else "") for t in include]
    query = " AND ".join(words)
    return f"({query}) NOT ({_any(exclude)})" if exclude else query


def _any(terms: Sequence[str]) -> str:
    return " OR ".join(fts_string(t) for t in terms)


def marked_spans(marked: str) -> list[tuple[int, int]]:
    """Return the spans between highlight markers, as offsets in the text without the markers."""
    spans: list[tuple[int, int]] = []
    removed = 0
    for match in _MARKED.finditer(marked):
        start = match.start() - removed
        spans.append((start, start + len(match.group(1))))
        removed += 2
    return spans


def snippet_window(text: str, spans: Sequence[tuple[int, int]], width: int = 280) -> tuple[int, int]:
    """Return the (start, end) of a stretch of `text` about `width` characters long around its first spans,
    cut at spaces; the whole text when it is short."""
    if len(text) <= width + 40 or not spans:
        return (0, len(text)) if len(text) <= width + 40 else (0, _space_before(text, width))
    first = spans[0][0]
    start = max(0, first - width // 3)
    start = 0 if start < 20 else _space_after(text, start)
    end = min(len(text), start + width)
    end = len(text) if len(text) - end < 20 else _space_before(text, end)
    return start, max(end, min(len(text), spans[0][1]))


def _space_after(text: str, at: int) -> int:
    found = text.find(" ", at, at + 30)
    return found + 1 if found != -1 else at


def _space_before(text: str, at: int) -> int:
    found = text.rfind(" ", max(0, at - 30), at)
    return found if found != -1 else at
