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

import bisect
import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

TOKENIZER = "porter unicode61 remove_diacritics 2"
INDEX_FILE = "fulltext.sqlite"
_WORD = re.compile(r"(?u)[^\W_]+")  # a word as the count matrix reads it
# letters Vietnamese writes and English does not: a query holding one is Vietnamese
_VIETNAMESE = re.compile("[đĐơƠưƯăĂâÂêÊôÔ\u0300-\u0323]|[àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", re.IGNORECASE)


def fold_d(text: str) -> str:
    """Return `text` with đ/Đ as d/D (the only folding FTS5's unicode61 does not do itself)."""
    return text.replace("đ", "d").replace("Đ", "D") if not text.isascii() else text


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
    """An FTS5 index of texts numbered 0..n-1 (their position in the caller's table).

    FTS5 decides which rows match (stems, prefixes, phrases, marks folded). Ranking is bm25 with FTS5's own
    constants (k1 1.2, b 0.75) over the same Porter stems, computed with numpy from a sparse matrix of stem
    counts built once here: FTS5's bm25() costs a few microseconds a row, which is half a second for a word
    that 40,000 provisions hold, while the matrix scores every row in a few milliseconds. A phrase scores as
    its words.
    """

    K1, B = 1.2, 0.75

    def __init__(self, texts: Iterable[str], folder: Path | None = None) -> None:
        """Index `texts`; with `folder`, write the index there (see `open`) instead of keeping it in memory."""
        folded = [fold_d(x or "") for x in texts]
        if folder:
            folder.mkdir(parents=True, exist_ok=True)
        # đ folded one letter for one: offsets in these are offsets in the displayed text (None when opened
        # from a folder: the caller passes a row's text to `spans`)
        self.texts: list[str] | None = None if folder else folded
        # the index's own connection, and one for the tokenizer's scratch table, each used from any thread of
        # the server: sqlite3 serialises single calls, but `tokens` is a sequence of calls on one scratch table,
        # so a lock keeps two threads from interleaving (under load one thread's DELETE aborted another's
        # SELECT: "query aborted", a 500 on Explorer)
        self._lock = threading.Lock()
        self.scratch = _scratch()
        self.db = sqlite3.connect(str(folder / INDEX_FILE) if folder else ":memory:", check_same_thread=False)
        self.db.execute(f"CREATE VIRTUAL TABLE t USING fts5(body, tokenize='{TOKENIZER}')")
        with self.db:
            self.db.executemany("INSERT INTO t(rowid, body) VALUES (?, ?)", enumerate(folded))
            self.db.execute("INSERT INTO t(t) VALUES ('optimize')")
        self._counts(folded)
        if folder:
            self._save(folder)

    def _save(self, folder: Path) -> None:
        """Write the count matrix and the stems beside the FTS5 file (the matrix as .npy files, mapped by
        `open` rather than read)."""
        for name in ("data", "indices", "indptr"):
            np.save(folder / f"matrix_{name}.npy", getattr(self.matrix, name))
        np.save(folder / "lengths.npy", self.lengths)
        words = {"shape": list(self.matrix.shape), "stems": list(self.stems), "word_stems": self.word_stems}
        (folder / "stems.json").write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def open(cls, folder: Path) -> FullText:
        """Return the index written in `folder` by `FullText(texts, folder)`: its FTS5 file opened read-only
        and its count matrix mapped from disk, so workers share them through the page cache."""
        from scipy import sparse  # pyright: ignore[reportMissingTypeStubs]

        self = cls.__new__(cls)
        self.texts = None
        self._lock = threading.Lock()
        self.scratch = _scratch()
        self.db = sqlite3.connect(
            f"file:{folder / INDEX_FILE}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
        words = json.loads((folder / "stems.json").read_text(encoding="utf-8"))
        self.stems = {stem: i for i, stem in enumerate(words["stems"])}
        self.sorted_stems = sorted(self.stems)
        self.word_stems = {w: tuple(s) for w, s in words["word_stems"].items()}
        arrays = [np.load(folder / f"matrix_{n}.npy", mmap_mode="r") for n in ("data", "indices", "indptr")]
        sparse_matrices: Any = sparse
        self.matrix = sparse_matrices.csc_matrix(tuple(arrays), shape=tuple(words["shape"]), copy=False)
        self.lengths = np.load(folder / "lengths.npy", mmap_mode="r")
        self.size = int(words["shape"][0])
        return self

    def _counts(self, folded: list[str]) -> None:
        """Build the rows × stems count matrix: words counted by scikit-learn, each distinct word mapped to the
        stems FTS5's tokenizer makes of it (so stems, case and marks are folded by FTS5 itself)."""
        # neither ships type hints, nor is there a stub package installed
        from scipy import sparse  # pyright: ignore[reportMissingTypeStubs]
        from sklearn.feature_extraction.text import CountVectorizer  # pyright: ignore[reportMissingTypeStubs]

        # scipy and scikit-learn ship no type hints (pyright reads their code): their objects are Any here
        sparse_matrices: Any = sparse
        count_vectorizer: Any = CountVectorizer
        self.size = len(folded)
        self.stems: dict[str, int] = {}
        self.word_stems: dict[str, tuple[str, ...]] = {}
        self.matrix: Any  # a scipy.sparse.csc_matrix, rows × stems
        self.lengths: np.ndarray
        if not any(x.strip() for x in folded):
            self.matrix = sparse_matrices.csc_matrix((self.size, 0), dtype=np.float32)
            self.lengths = np.zeros(self.size)
            self.sorted_stems = []
            return
        words = count_vectorizer(lowercase=True, token_pattern=r"(?u)[^\W_]+", dtype=np.int32)
        counts = words.fit_transform(folded)
        vocabulary: list[str] = list(words.get_feature_names_out())
        pairs = self.tokens(vocabulary)
        self.word_stems = {}
        for w, stem in pairs:
            self.word_stems[vocabulary[w]] = (*self.word_stems.get(vocabulary[w], ()), stem)
        columns = [self.stems.setdefault(stem, len(self.stems)) for _, stem in pairs]
        mapping = sparse_matrices.csr_matrix(
            (np.ones(len(pairs)), ([w for w, _ in pairs], columns)),
            shape=(counts.shape[1], len(self.stems)),
        )
        matrix = (counts @ mapping).tocsc()
        matrix.sort_indices()
        self.lengths = np.asarray(matrix.sum(axis=1)).ravel()
        self.matrix = matrix.astype(np.float32)  # counts are whole numbers: float32 holds them exactly
        self.sorted_stems = sorted(self.stems)

    def tokens(self, texts: Sequence[str]) -> list[tuple[int, str]]:
        """Return (index of the text, stem) for every token FTS5's tokenizer makes of `texts`."""
        with self._lock, self.scratch:
            self.scratch.execute("DELETE FROM q")
            self.scratch.executemany(
                "INSERT INTO q(rowid, body) VALUES (?, ?)", enumerate(fold_d(x) for x in texts)
            )
            found = self.scratch.execute("SELECT doc, term FROM qv").fetchall()
            self.scratch.execute("DELETE FROM q")
        return found

    def search(self, include: Sequence[str], exclude: Sequence[str] = ()) -> Hits:
        """Return the rows that hold every `include` term (words or phrases) and no `exclude` term, best
        first. With only excluded terms, every row without them, in row order.

        A term of one token is looked up in the stem matrix (the rows whose count of that stem is not 0: what
        FTS5 would match, without fetching thousands of row ids through SQL); a phrase goes to FTS5."""
        tokens = self._term_tokens([*include, *exclude])
        excluded = [self._rows(t, tokens[t], prefix=False) for t in exclude]
        if not include:
            if not exclude:
                return Hits(np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int8))
            return Hits(
                np.setdiff1d(np.arange(self.size, dtype=np.int64), np.concatenate(excluded)), np.zeros(0)
            )
        stems = [stem for t in include for stem in tokens[t]]
        exact = self._all_of([self._rows(t, tokens[t], prefix=False) for t in include], excluded)
        rows, tier = [self._ranked(exact, stems, prefix=False)], [np.zeros(len(exact), dtype=np.int8)]
        if any(len(tokens[t]) == 1 for t in include):
            loose = self._all_of([self._rows(t, tokens[t], prefix=True) for t in include], excluded)
            loose = np.setdiff1d(loose, exact, assume_unique=True)
            rows.append(self._ranked(loose, stems, prefix=True))
            tier.append(np.ones(len(loose), dtype=np.int8))
        return Hits(np.concatenate(rows), np.concatenate(tier))

    def _term_tokens(self, terms: Sequence[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {t: [] for t in terms}
        for i, stem in self.tokens(terms):
            found[terms[i]].append(stem)
        return found

    def _rows(self, term: str, stems: list[str], *, prefix: bool) -> np.ndarray:
        """Return the rows (sorted) that hold a term: one stem from the matrix, a phrase from FTS5."""
        if not stems:
            return np.empty(0, dtype=np.int64)
        if len(stems) > 1:
            return np.sort(self._matching(fts_string(term)))
        columns = self._columns(stems[0], prefix)
        pieces = [self.matrix.indices[self.matrix.indptr[c] : self.matrix.indptr[c + 1]] for c in columns]
        if len(pieces) == 1:  # a column's rows are sorted and distinct already (sort_indices at build)
            return pieces[0].astype(np.int64)
        return np.unique(np.concatenate(pieces)).astype(np.int64) if pieces else np.empty(0, dtype=np.int64)

    @staticmethod
    def _all_of(included: list[np.ndarray], excluded: list[np.ndarray]) -> np.ndarray:
        rows = included[0]
        for other in included[1:]:
            rows = np.intersect1d(rows, other, assume_unique=True)
        for other in excluded:
            rows = np.setdiff1d(rows, other, assume_unique=True)
        return rows

    def bm25(self, stems: Sequence[str], *, prefix: bool = False, rows: np.ndarray | None = None) -> np.ndarray:
        """Return the bm25 score for the stems (with `prefix`, each stem stands for every stem it starts,
        counted as one term) of every row, or of `rows` only (the same floats as every row's score at them).

        Over `rows` only, no array as long as the index is made: a stem's counts at those rows are looked up in
        its sorted column of the matrix, and its document frequency is the column's count of rows."""
        size = self.size if rows is None else len(rows)
        score = np.zeros(size)
        if not self.size or not self.stems or not size:
            return score
        lengths = self.lengths if rows is None else self.lengths[rows]
        norm = self.K1 * (1 - self.B + self.B * lengths / max(float(self.lengths.mean()), 1e-9))
        for stem in dict.fromkeys(stems):
            columns = self._columns(stem, prefix)
            if not columns:
                continue
            if rows is None:
                tf = np.asarray(self.matrix[:, columns].sum(axis=1), dtype=np.float64).ravel()
                df = int(np.count_nonzero(tf))
            else:
                tf, df = self._counts_at(columns, rows)
            idf = max(np.log((self.size - df + 0.5) / (df + 0.5)), 1e-6)
            score += idf * tf * (self.K1 + 1) / (tf + norm)
        return score

    def _counts_at(self, columns: list[int], rows: np.ndarray) -> tuple[np.ndarray, int]:
        """Return the summed counts of `columns` at `rows`, and how many rows of the index any of them holds."""
        tf = np.zeros(len(rows))
        held: list[np.ndarray] = []
        for c in columns:
            start, end = int(self.matrix.indptr[c]), int(self.matrix.indptr[c + 1])
            where, counts = self.matrix.indices[start:end], self.matrix.data[start:end]
            at = np.minimum(np.searchsorted(where, rows), max(len(where) - 1, 0))
            if len(where):
                tf += np.where(where[at] == rows, counts[at], 0).astype(np.float64)
            held.append(where[counts != 0])
        df = len(held[0]) if len(held) == 1 else len(np.unique(np.concatenate(held)))
        return tf, df

    def _columns(self, stem: str, prefix: bool) -> list[int]:
        if not prefix:
            return [self.stems[stem]] if stem in self.stems else []
        at = bisect.bisect_left(self.sorted_stems, stem)
        out: list[int] = []
        while at < len(self.sorted_stems) and self.sorted_stems[at].startswith(stem):
            out.append(self.stems[self.sorted_stems[at]])
            at += 1
        return out

    def _ranked(self, rows: np.ndarray, stems: Sequence[str], *, prefix: bool) -> np.ndarray:
        if len(rows) < 2:
            return rows
        score = self.bm25(stems, prefix=prefix, rows=rows)
        return rows[np.argsort(-score, kind="stable")]  # ties keep row (reading) order

    def spans(self, row: int, include: Sequence[str], text: str | None = None) -> list[tuple[int, int]]:
        """Return the (start, end) character spans of `row`'s text whose words the terms match: a word whose
        stem is a term's, or starts with a one-word term's stem (the prefix tier). Words are stemmed by the
        table built at load (FTS5's own stems), so no query runs over the index. `text` is the row's text,
        needed when the index was opened from a folder (which keeps no texts)."""
        if text is None:
            text = self.texts[row] if self.texts is not None and 0 <= row < len(self.texts) else None
        if not include or text is None:
            return []
        text = fold_d(text)
        tokens = self._term_tokens(list(include))
        whole = {stem for stems in tokens.values() for stem in stems}
        starts = tuple(stems[0] for stems in tokens.values() if len(stems) == 1)
        out: list[tuple[int, int]] = []
        for match in _WORD.finditer(text):
            if any(
                s in whole or s.startswith(starts) for s in self.word_stems.get(match.group().lower(), ())
            ):
                if out and not text[out[-1][1] : match.start()].strip():
                    out[-1] = (
                        out[-1][0],
                        match.end(),
                    )  # words next to each other are one mark ("mutual recognition")
                else:
                    out.append((match.start(), match.end()))
        return out

    def _matching(self, query: str) -> np.ndarray:
        try:
            with self._lock:
                found = self.db.execute("SELECT rowid FROM t WHERE t MATCH ?", (query,)).fetchall()
        except sqlite3.OperationalError:  # a term FTS5 cannot read (e.g. only punctuation): nothing matches
            return np.empty(0, dtype=np.int64)
        return np.fromiter((r[0] for r in found), dtype=np.int64, count=len(found))


def _scratch() -> sqlite3.Connection:
    """Return an in-memory FTS5 table (and its vocabulary) that tokenizes queries as the index does."""
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.execute(f"CREATE VIRTUAL TABLE q USING fts5(body, tokenize='{TOKENIZER}')")
    db.execute("CREATE VIRTUAL TABLE qv USING fts5vocab(q, 'instance')")
    return db


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
